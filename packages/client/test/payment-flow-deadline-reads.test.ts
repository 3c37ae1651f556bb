// Past an open payment's deadline, a failing read (the BFF down, offline) is tried again after the
// poll delay, never in a loop at once.
import { createKkiError, type PaymentView } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import { KkiRequestError } from '../src/request-error.js';
import { payment, until } from './fixtures.js';

describe('reads after the deadline while the BFF is unreachable', () => {
  it('backs off instead of re-reading at once, forever', async () => {
    const expiresAt = new Date(Date.now() + 150).toISOString();
    const open: PaymentView = payment({
      nextAction: { type: 'issuer_app', url: 'https://app.bri.test/k', issuer: 'bri', expiresAt },
    });
    let reads = 0;
    let down = false;
    const client: KkiClient = {
      baseUrl: '/api/kki',
      url: () => '/api/kki',
      request: (async (id: string) => {
        if (id !== 'getPayment') throw new Error(`unexpected ${id}`);
        reads++;
        if (down) throw new KkiRequestError(createKkiError('internal_error'), true, true);
        return open;
      }) as KkiClient['request'],
    };
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      resumePaymentId: open.id,
      storage: null,
      polling: { initialIntervalMs: 1000, maxIntervalMs: 1000 },
      refreshOnFocus: false,
    });
    await until(flow, (s) => s.phase === 'requires_action');
    down = true; // the connection drops before the deadline
    await new Promise((r) => setTimeout(r, 1000));
    flow.dispose();
    expect(reads).toBeLessThan(10);
  });
});
