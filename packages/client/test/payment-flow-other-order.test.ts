// A resume id naming another order's payment (a stale return address) falls back to the payment this
// order remembers, and does not erase it.
import type { PaymentView } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import { payment } from './fixtures.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe('resume id of another order', () => {
  it('falls back to (and keeps) the payment remembered for this order', async () => {
    const mine: PaymentView = payment({
      id: 'pay_mine00000001',
      status: 'created',
      nextAction: {
        type: 'issuer_app',
        url: 'https://app.bri.test/k',
        issuer: 'bri',
        expiresAt: inMinutes(5),
      },
    });
    const other: PaymentView = payment({
      id: 'pay_other0000001',
      orderId: 'ord_other0001',
      status: 'succeeded',
    });
    const client: KkiClient = {
      baseUrl: '/api/kki',
      url: () => '/api/kki',
      request: (async (id: string, input: { params: { paymentId: string } }) => {
        if (id !== 'getPayment') throw new Error(`unexpected ${id}`);
        return input.params.paymentId === other.id ? other : mine;
      }) as unknown as KkiClient['request'],
    };
    const map = new Map([[mine.orderId, mine.id]]);
    const flow = createPaymentFlow({
      client,
      orderId: mine.orderId,
      resumePaymentId: other.id,
      storage: {
        read: (o) => map.get(o) ?? null,
        write: (o, p) => void map.set(o, p),
        clear: (o) => void map.delete(o),
      },
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    await new Promise((r) => setTimeout(r, 200));
    const state = flow.getState();
    flow.dispose();
    expect(map.get(mine.orderId)).toBe(mine.id);
    expect(state.phase).toBe('requires_action');
  });
});
