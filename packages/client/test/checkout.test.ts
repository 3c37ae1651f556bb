// DOKU Checkout in the framework-free core: the flow starts a checkout payment (next action
// `checkout_page`), resumes it from the return address, ignores another order's payment, and reads
// the return page's message only from the BFF's origin.
import { CHECKOUT_RETURN_MESSAGE_TYPE, type PaymentView } from '@kki-kit/contract';
import { describe, expect, it, vi } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { checkoutReturnFrom, withoutCheckoutReturn } from '../src/checkout-return.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import { payment, until } from './fixtures.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const onCheckout = (over: Partial<PaymentView> = {}) =>
  payment({
    method: 'checkout',
    card: null,
    nextAction: { type: 'checkout_page', url: 'https://checkout.doku.test/p/1', expiresAt: inMinutes(60) },
    ...over,
  });

interface Call {
  readonly id: string;
  readonly input: { readonly body?: unknown; readonly idempotencyKey?: string };
}

function standIn(answers: Record<string, () => PaymentView>): KkiClient & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    baseUrl: '/api/kki',
    calls,
    url: () => '/api/kki',
    request: (async (id: string, input: Call['input']) => {
      calls.push({ id, input });
      const answer = answers[id];
      if (answer === undefined) throw new Error(`unexpected ${id}`);
      return answer();
    }) as KkiClient['request'],
  };
}

describe('DOKU Checkout in the payment flow', () => {
  it('starts a checkout payment for the order: checkout_page to open, remembered for the way back', async () => {
    const client = standIn({ createCheckoutPayment: () => onCheckout(), getPayment: () => onCheckout() });
    const store = new Map<string, string>();
    const onRequiresAction = vi.fn();
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      storage: {
        read: (o) => store.get(o) ?? null,
        write: (o, p) => void store.set(o, p),
        clear: (o) => void store.delete(o),
      },
      polling: { initialIntervalMs: 600_000, maxIntervalMs: 600_000 },
      refreshOnFocus: false,
      onRequiresAction,
    });
    const answer = await flow.start({
      method: 'checkout',
      request: { language: 'en', returnUrl: 'https://shop.test/pay?order=1' },
    });
    expect(answer).toMatchObject({
      status: 'requires_action',
      nextAction: { type: 'checkout_page', url: 'https://checkout.doku.test/p/1' },
    });
    const create = client.calls.find((c) => c.id === 'createCheckoutPayment');
    expect(create?.input.body).toEqual({
      orderId: 'ord_test0001',
      language: 'en',
      returnUrl: 'https://shop.test/pay?order=1',
    });
    expect(create?.input.idempotencyKey).toBeTruthy();
    expect(flow.getState().phase).toBe('requires_action');
    expect(onRequiresAction).toHaveBeenCalledTimes(1);
    expect(store.get('ord_test0001')).toBe('pay_test0001');
    flow.dispose();
  });

  it("resumes the payment the return address names; another order's payment is not shown", async () => {
    const done = payment({ method: 'checkout', card: null, status: 'succeeded', checkoutChannel: 'kki' });
    const flow = createPaymentFlow({
      client: standIn({ getPayment: () => done }),
      orderId: 'ord_test0001',
      resumePaymentId: 'pay_test0001',
      storage: null,
      refreshOnFocus: false,
    });
    expect((await until(flow, (s) => s.phase === 'succeeded')).payment?.checkoutChannel).toBe('kki');
    flow.dispose();

    const other = createPaymentFlow({
      client: standIn({ getPayment: () => ({ ...done, orderId: 'ord_other0001' }) }),
      orderId: 'ord_test0001',
      resumePaymentId: 'pay_test0001',
      storage: null,
      refreshOnFocus: false,
    });
    expect(await other.refresh()).toBeNull();
    expect(other.getState()).toMatchObject({ phase: 'idle', payment: null });
    other.dispose();
  });

  it('reads the return parameters, and only a well-formed payment id', () => {
    expect(checkoutReturnFrom('https://shop.test/pay?kki_payment=pay_abcdef12&kki_status=succeeded')).toEqual(
      {
        paymentId: 'pay_abcdef12',
        status: 'succeeded',
      },
    );
    expect(checkoutReturnFrom('https://shop.test/pay?kki_payment=ord_abcdef12')).toBeNull();
    expect(checkoutReturnFrom('https://shop.test/pay?kki_payment=pay_<script>')).toBeNull();
    expect(checkoutReturnFrom('https://shop.test/pay')).toBeNull();
    expect(
      withoutCheckoutReturn('https://shop.test/pay?x=1&kki_payment=pay_abcdef12&kki_status=failed'),
    ).toBe('https://shop.test/pay?x=1');
    expect(CHECKOUT_RETURN_MESSAGE_TYPE).toBe('kki-kit:checkout-return');
  });
});
