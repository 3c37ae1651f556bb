// Card pages that are left behind end: a page past its time is expired (DOKU's later success still
// counts, and is refunded if the order was paid meanwhile), and a new card page cancels the order's
// earlier one (a late success on it is refunded as a cancelled attempt). On PGlite and PostgreSQL.
import { CARD_PAGE_LIFETIME_MS } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_EXPIRY_GRACE_MS } from '../src/services/page-expiry.js';
import { CARDS, type CardsHarness, openCardPage, payPage, startCards } from './cards-setup.js';
import { freshSchema } from './helpers.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const BACKENDS: [string, () => Parameters<typeof startCards>[0]][] = [
  ['pglite', () => ({})],
  ...(pgUrl
    ? ([['postgres', () => ({ store: { databaseUrl: pgUrl, schema: freshSchema('cpe') } })]] as [
        string,
        () => Parameters<typeof startCards>[0],
      ][])
    : []),
];

describe.each(BACKENDS)('abandoned card pages end (%s)', (_name, options) => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards(options());
  }, 60_000);
  afterAll(() => h.close());

  const open = async (orderId: string, key?: string) => {
    const res = await h.call('/cards/payments', {
      method: 'POST',
      body: JSON.stringify({ orderId }),
      ...(key !== undefined && { key }),
    });
    return { res, body: (await res.json()) as { id: string; status: string; nextAction: { url?: string } } };
  };
  const status = async (id: string) => (await h.bff.store.payments.get(id))?.status;

  it('a page carries its deadline; past it (and the grace) the BFF expires it, and the order can be paid again', async () => {
    const { payment, order } = await openCardPage(h, 120_000);
    const view = (await (await h.call(`/payments/${payment.id}`)).json()) as {
      nextAction: { expiresAt: string };
    };
    const deadline = Date.parse(view.nextAction.expiresAt);
    expect(deadline).toBeGreaterThan(Date.now() + CARD_PAGE_LIFETIME_MS - 60_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + CARD_PAGE_LIFETIME_MS);
    // Within its time, DOKU's "not paid yet" keeps it pending.
    const stored = await h.bff.store.payments.get(payment.id);
    const confirm = h.bff.services.cardPayments!.confirm;
    expect((await confirm(stored!)).status).toBe('pending');
    const past = new Date(Date.now() - PAGE_EXPIRY_GRACE_MS - 1_000).toISOString();
    const aged = await h.bff.store.payments.update(payment.id, {
      nextAction: { type: 'card_page', url: payment.nextAction.url!, expiresAt: past },
    });
    expect(await confirm(aged)).toMatchObject({ status: 'expired', nextAction: { type: 'none' } });
    const again = await open(order.id);
    expect(again.res.status).toBe(201);
    expect(again.body.id).not.toBe(payment.id);
  });

  it('an expired page DOKU approves late while the order is unpaid is kept (no charge lost)', async () => {
    const { payment, order } = await openCardPage(h, 130_000, { language: 'id' });
    await h.bff.store.payments.transition(payment.id, 'expired', { source: 'status_check' });
    const paid = await payPage(h, payment.nextAction.url!, CARDS.approved);
    expect(paid.result).toBe('completed');
    await h.control('/idle', {});
    expect(await status(payment.id)).toBe('succeeded');
    expect((await h.bff.merchant.getOrder(order.id))?.paidPaymentId).toBe(payment.id);
    // The page DOKU lands on in the frame speaks the card page's language.
    const back = await (await h.host.request(paid.redirectUrl!)).text();
    expect(back).toContain('<html lang="id">');
    expect(back).toContain('<h1>Lunas</h1>');
    expect(back).toContain('Pembayaran Anda sudah diterima.');
  });

  it('a new card page cancels the earlier one; paying the old page afterwards is refunded, the new one is kept', async () => {
    const { payment: first, order } = await openCardPage(h, 140_000, { language: 'en' });
    const second = await open(order.id);
    expect(second.res.status).toBe(201);
    expect(await status(first.id)).toBe('cancelled');
    const events = await h.bff.store.payments.events(first.id);
    expect(events.at(-1)).toMatchObject({ toStatus: 'cancelled', detail: { by: 'new_attempt' } });
    await payPage(h, second.body.nextAction.url!, CARDS.approved);
    await h.control('/idle', {});
    expect(await status(second.body.id)).toBe('succeeded');
    // The shopper's old tab still had the first page, and they paid it.
    const stale = await payPage(h, first.nextAction.url!, CARDS.approved);
    await h.control('/idle', {});
    expect(await status(first.id)).toBe('refunded');
    // They land on a page that says, in their language, why the money goes back.
    const res = await h.host.request(stale.redirectUrl!);
    expect(res.headers.get('content-security-policy')).toContain("style-src 'unsafe-inline'");
    const back = await res.text();
    expect(back).toContain('<html lang="en">');
    expect(back).toContain('<h1>Refunded</h1>');
    expect(back).toContain('This order was already paid, so this payment is being returned to your card.');
    expect(back).toContain('"status":"refunded"');
    expect(await h.bff.store.extraCharges.get(first.id)).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunded',
    });
    expect((await h.bff.merchant.getOrder(order.id))?.paidPaymentId).toBe(second.body.id);
    // A paid order refuses another page.
    expect((await open(order.id)).res.status).toBe(409);
  });

  it('a page already paid is not cancelled by a new one: the order is paid', async () => {
    const { payment, order } = await openCardPage(h, 150_000);
    await payPage(h, payment.nextAction.url!, CARDS.approved);
    await h.control('/idle', {});
    const late = await open(order.id);
    expect(late.res.status).toBe(409);
    expect(await status(payment.id)).toBe('succeeded');
    expect(late.body).toMatchObject({ error: { code: 'already_paid' } });
  });
});
