// A payment picked up after a reload whose first read fails is read again (backing off) and can be
// resumed again, not dropped for good.
import { createKkiError, type PaymentView } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import { KkiRequestError } from '../src/request-error.js';
import { payment } from './fixtures.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe('resume whose first read fails', () => {
  it('keeps following the remembered open payment after one transient read failure', async () => {
    const open: PaymentView = payment({
      status: 'created',
      nextAction: {
        type: 'issuer_app',
        url: 'https://app.bri.test/k',
        issuer: 'bri',
        expiresAt: inMinutes(5),
      },
    });
    let reads = 0;
    const client: KkiClient = {
      baseUrl: '/api/kki',
      url: () => '/api/kki',
      request: (async (id: string) => {
        if (id !== 'getPayment') throw new Error(`unexpected ${id}`);
        reads++;
        // The first read after the reload: the network blips.
        if (reads === 1) throw new KkiRequestError(createKkiError('internal_error'), true, true);
        return open;
      }) as KkiClient['request'],
    };
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      storage: { read: () => open.id, write: () => {}, clear: () => {} },
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    // The server's openPaymentId (KkiPayButton's second chance) is refused too.
    flow.resume(open.id);
    await new Promise((r) => setTimeout(r, 100));
    const state = flow.getState();
    flow.dispose();
    expect(reads).toBeGreaterThan(1);
    expect(state.phase).toBe('requires_action');
  });
});
