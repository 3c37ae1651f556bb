// Every KKI case code of the sandbox's test-values table that a browser can reach through the BFF
// (payment and binding, answered in DOKU's response) surfaces as the catalogue's KkiErrorCode and
// HTTP status, and a refused payment is stored as failed with that error.
import { createKkiError, KKI_ERROR_CATALOGUE, kkiErrorFromSnap } from '@kki-kit/contract';
import { KKI_TEST_CASES, type KkiTestCase, kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

// Reachable from the BFF's routes: the binding request carries no OTT, and an order's amount is a
// whole positive number of rupiah (so "0.00" is refused by the BFF before DOKU is asked).
const reachable = (c: KkiTestCase) =>
  c.timing === 'sync' &&
  ((c.flow === 'payment' && (c.trigger === 'cpan' || c.trigger === 'ott' || c.trigger === 'amount')) ||
    (c.flow === 'bind' && c.trigger === 'cpan')) &&
  !(c.trigger === 'amount' && Number(c.value) < 1) &&
  kkiErrorFromSnap(c.responseCode) !== null;

const cases = KKI_TEST_CASES.filter(reachable);

describe('KKI case codes at the BFF', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  it('covers payment and binding rows of the table', () => {
    expect(cases.filter((c) => c.flow === 'payment').length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.flow === 'bind').length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [`${c.flow} ${c.trigger} ${c.caseCode} (${c.responseCode})`, c] as const))(
    '%s',
    async (_name, c) => {
      const expected = kkiErrorFromSnap(c.responseCode);
      if (!expected) throw new Error('unreachable: filtered');
      const customer = `case-${c.flow}-${c.caseCode}-${c.trigger}`;
      let res: Response;
      if (c.flow === 'payment') {
        const amount = c.trigger === 'amount' ? Math.round(Number(c.value)) : 100_000;
        const order = await h.bff.merchant.createOrder({ customerId: customer, amount });
        const source = {
          type: 'card',
          cpan: c.trigger === 'cpan' ? c.value : kkiTestCpan('bri', undefined, 500),
          ott: c.trigger === 'ott' ? c.value : newOtt(),
        };
        res = await h.call(customer, '/kki/payments', {
          method: 'POST',
          key: newKey(),
          json: { orderId: order.id, source },
        });
        const [payment] = await h.bff.store.payments.list({ orderId: order.id });
        if (payment) {
          expect(payment.status).toBe('failed');
          expect(payment.error?.code).toBe(expected);
        }
      } else {
        res = await h.call(customer, '/kki/bindings', {
          method: 'POST',
          key: newKey(),
          json: { cpan: c.value, mode: 'otp' },
        });
      }
      const body = (await res.json()) as {
        error: { code: string; message: string; field?: string; dokuResponseCode?: string };
      };
      expect(body.error.code).toBe(expected);
      // Worded for the shopper's flow: binding copy never speaks of "this payment".
      const field = body.error.field;
      expect(body.error.message).toBe(
        createKkiError(expected, {
          ...(c.flow === 'bind' && { flow: 'binding' as const }),
          ...(field !== undefined && { field }),
        }).message,
      );
      expect(res.status).toBe(KKI_ERROR_CATALOGUE[expected].httpStatus);
    },
  );
});
