// The payment flow's deadline and focus rules with a stand-in BFF: a payment still open at its
// deadline (after one last check) ends as expired for the customer, and is still asked about slowly
// while the BFF holds it open (a late success shows); shown again, the page checks at once.
import { createKkiError, type PaymentView } from '@kki-kit/contract';
import { describe, expect, it, vi } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import { payment, until } from './fixtures.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** A BFF that answers every read of the payment with `read()`. */
function standIn(read: () => PaymentView): KkiClient & { reads: number } {
  const client = {
    baseUrl: '/api/kki',
    reads: 0,
    url: () => '/api/kki',
    request: (async (id: string) => {
      if (id !== 'getPayment') throw new Error(`unexpected ${id}`);
      client.reads++;
      return read();
    }) as KkiClient['request'],
  };
  return client;
}

describe('the payment flow at its deadline', () => {
  it('still open after the last check at the deadline: expired, onExpire and onError once; a late success still shows', async () => {
    const expiresAt = new Date(Date.now() + 300).toISOString();
    let answer = payment({
      nextAction: { type: 'issuer_app', url: 'https://app.bri.test/k', issuer: 'bri', expiresAt },
    });
    const client = standIn(() => answer);
    const onExpire = vi.fn();
    const onError = vi.fn();
    const onSuccess = vi.fn();
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      resumePaymentId: answer.id,
      storage: null,
      polling: { initialIntervalMs: 50, maxIntervalMs: 50 },
      onExpire,
      onError,
      onSuccess,
    });
    await until(flow, (s) => s.phase === 'requires_action');
    const ended = await until(flow, (s) => s.phase === 'expired');
    expect(ended.result).toMatchObject({ status: 'failed', error: { code: 'payment_expired' } });
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledTimes(1);
    // Still open at the BFF: asked about again, slowly, and the expiry is not told twice.
    const reads = client.reads;
    await vi.waitFor(() => expect(client.reads).toBeGreaterThan(reads + 1));
    expect(onExpire).toHaveBeenCalledTimes(1);
    // The bank's confirmation lands late: the customer sees the success, and the shop hears of it.
    answer = { ...answer, status: 'succeeded', nextAction: { type: 'none' } };
    const paid = await until(flow, (s) => s.phase === 'succeeded');
    expect(paid.result).toMatchObject({ status: 'succeeded' });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    // Settled: nothing more is read.
    const settledReads = client.reads;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.reads).toBe(settledReads);
    flow.dispose();
  });

  it('confirmed just before the deadline: the last check finds it, no expiry', async () => {
    const expiresAt = new Date(Date.now() + 200).toISOString();
    let answer = payment({
      nextAction: { type: 'issuer_app', url: 'https://app.bri.test/k', issuer: 'bri', expiresAt },
    });
    const onExpire = vi.fn();
    const onSuccess = vi.fn();
    const flow = createPaymentFlow({
      client: standIn(() => answer),
      orderId: 'ord_test0001',
      resumePaymentId: answer.id,
      storage: null,
      // Polls far apart: only the check at the deadline reads the payment again.
      polling: { initialIntervalMs: 600_000, maxIntervalMs: 600_000 },
      refreshOnFocus: false,
      onExpire,
      onSuccess,
    });
    await until(flow, (s) => s.phase === 'requires_action');
    answer = payment({ status: 'succeeded' });
    await until(flow, (s) => s.phase === 'succeeded');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onExpire).not.toHaveBeenCalled();
    flow.dispose();
  });

  it("the UI layer's focus source: its signal checks an open payment at once, a settled one not at all", async () => {
    let answer = payment({
      nextAction: {
        type: 'issuer_app',
        url: 'https://app.bri.test/k',
        issuer: 'bri',
        expiresAt: inMinutes(5),
      },
    });
    const client = standIn(() => answer);
    const page: { shown: (() => void) | null } = { shown: null };
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      resumePaymentId: answer.id,
      storage: null,
      polling: { initialIntervalMs: 600_000, maxIntervalMs: 600_000 },
      refreshOnFocus: (check) => {
        page.shown = check;
        return () => {
          page.shown = null;
        };
      },
    });
    await until(flow, (s) => s.phase === 'requires_action');
    answer = payment({ status: 'succeeded' });
    const reads = client.reads;
    page.shown?.();
    await until(flow, (s) => s.phase === 'succeeded');
    expect(client.reads).toBe(reads + 1);
    page.shown?.(); // settled: nothing to check
    expect(client.reads).toBe(reads + 1);
    flow.dispose();
    expect(page.shown).toBeNull(); // disposing stops the source
  });

  it('configure: a language switch re-words the current result without a new request', async () => {
    const declined = payment({
      status: 'failed',
      error: createKkiError('card_declined', { locale: 'id' }),
    });
    const client = standIn(() => declined);
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      resumePaymentId: declined.id,
      storage: null,
      locale: 'id',
      errorCopy: { card_declined: { id: 'Ditolak.', en: 'Declined.' } },
      refreshOnFocus: false,
    });
    const failed = await until(flow, (s) => s.phase === 'failed');
    expect(failed.result).toMatchObject({ error: { message: 'Ditolak.' } });
    const reads = client.reads;
    flow.configure({ locale: 'en', errorCopy: { card_declined: { id: 'Ditolak.', en: 'Declined.' } } });
    expect(flow.getState().result).toMatchObject({ error: { message: 'Declined.' } });
    expect(client.reads).toBe(reads);
    flow.dispose();
  });
});
