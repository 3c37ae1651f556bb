// A KKI payment whose answer was lost: the doku client's retry gets DOKU's 409 without the original
// (a minimal sandbox, as DOKU documents it), reads the outcome from the debit status API, and the
// BFF records that answer without asking DOKU a second time.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

describe('KKI payment answered from the status API after a replay', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki({ offlineSandbox: { control: true, minimal: true } });
  }, 60_000);
  afterAll(() => h.close());

  it('uses the status answer the client already has: one debit status call', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'rey', amount: 75_000 });
    // The first send is processed and its answer lost; the client's retry is DOKU's 409 replay.
    const fault = await h.control('/faults', {
      rules: [{ endpoint: 'kki.payment', kind: 'drop', phase: 'after', times: 1 }],
    });
    expect(fault.status).toBeLessThan(300);
    const debitStatus = vi.spyOn(h.bff.doku.client, 'debitStatus');
    const kkiPayment = vi.spyOn(h.bff.doku.client, 'kkiPayment');
    const res = await h.call('rey', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: {
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 31), ott: newOtt() },
      },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string };
    const result = await kkiPayment.mock.results[0]?.value;
    expect(result).toMatchObject({ source: 'status', replayed: true });
    expect(debitStatus).toHaveBeenCalledTimes(1);
    const payment = await h.bff.store.payments.get(body.id);
    expect(payment?.status).toBe('pending');
    expect(
      h.ledger().payments.filter((p) => p.partnerReferenceNo === payment?.partnerReferenceNo),
    ).toHaveLength(1);
    debitStatus.mockRestore();
    kkiPayment.mockRestore();
  });
});
