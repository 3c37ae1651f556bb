// The merchant's copyOverrides word the errors views carry (a declined payment read back later), in
// the language each request asks for, as they word the error bodies of refused requests.
import { createKkiError, getErrorCopy, KKI_LOCALE_HEADER, type PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordViewErrors } from '../src/views.js';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

const OVERRIDE = 'Your bank said no. Please try another card.';

describe('view errors with copyOverrides', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki({ copyOverrides: { do_not_honor: { en: OVERRIDE } } });
  }, 60_000);
  afterAll(() => h.close());

  async function declinedPayment(customer: string): Promise<string> {
    const order = await h.bff.merchant.createOrder({ customerId: customer, amount: 120_000 });
    const res = await h.call(customer, '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id, source: { type: 'card', cpan: kkiTestCpan('bjb'), ott: newOtt() } },
    });
    const id = ((await res.json()) as PaymentView).id;
    const payment = await h.bff.store.payments.get(id);
    await h.control(`/kki/payments/${payment?.partnerReferenceNo}/decline`, {});
    await h.idle();
    return id;
  }

  const read = async (customer: string, id: string, locale: string) =>
    (await (
      await h.call(customer, `/payments/${id}`, { headers: { [KKI_LOCALE_HEADER]: locale } })
    ).json()) as PaymentView;

  it("a declined payment read later carries the merchant's wording in the request's language", async () => {
    const id = await declinedPayment('erin');
    // Stored as first worded: the default language, without the merchant's copy.
    expect((await h.bff.store.payments.get(id))?.error?.message).not.toBe(OVERRIDE);

    const en = await read('erin', id, 'en');
    expect(en.status).toBe('failed');
    expect(en.error).toMatchObject({ code: 'do_not_honor', message: OVERRIDE });

    // No override in Indonesian: the catalogue's copy.
    const id_ = await read('erin', id, 'id');
    expect(id_.error?.message).toBe(getErrorCopy('do_not_honor', 'id'));
  });
});

describe('wordViewErrors', () => {
  const failed = { id: 'ref_1', status: 'failed', error: createKkiError('refund_failed', { locale: 'id' }) };
  const overrides = { refund_failed: { en: 'The refund did not go through.' } };

  it('words the error of a view and of each view in a list; leaves other bodies alone', () => {
    const wording = { locale: 'en' as const, overrides };
    expect(wordViewErrors(failed, wording)).toMatchObject({ error: { message: overrides.refund_failed.en } });
    const list = wordViewErrors({ refunds: [failed, { ...failed, error: null }] }, wording);
    expect(list).toEqual({
      refunds: [
        { ...failed, error: { ...failed.error, message: overrides.refund_failed.en } },
        { ...failed, error: null },
      ],
    });
    // The stored view is not changed.
    expect(failed.error.message).toBe(getErrorCopy('refund_failed', 'id'));
    expect(wordViewErrors({ cards: [] }, wording)).toEqual({ cards: [] });
    expect(wordViewErrors('<html>', wording)).toBe('<html>');
  });
});
