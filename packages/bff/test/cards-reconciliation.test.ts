// Cards reconciliation: a card payment nobody came back from is settled from DOKU's order status.
import { createDokuClient } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardPaymentService } from '../src/card-payments/service.js';
import { createCardReconciler } from '../src/card-payments/reconciliation.js';
import { createReconciliationService } from '../src/services/reconciliation.js';
import { type CardsHarness, openCardPage, startCards } from './cards-setup.js';

describe('Cards reconciliation', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards({ reconciliation: { enabled: false, pendingAfterMs: 1 } });
  }, 60_000);
  afterAll(() => h.close());

  it('an abandoned card page is closed as expired once DOKU says so; a live one stays pending', async () => {
    const { config, store, log } = h.bff;
    const sandbox = h.doku.sandbox!;
    // Moving the sandbox clock an hour on: this client signs with the sandbox's time, as a BFF
    // whose clock agrees with DOKU's does.
    const client = createDokuClient({
      baseUrl: 'http://doku.offline',
      clientId: config.doku.clientId,
      secretKey: config.doku.secretKey,
      privateKeyPem: config.doku.privateKeyPem,
      fetch: async (input, init) => sandbox.app.fetch(new Request(input, init)),
      now: () => sandbox.clock.nowMs(),
    });
    const cards = createCardPaymentService({ config, store, log }, client);
    const reconciliation = createReconciliationService({
      config,
      store,
      log,
      reconcilers: [createCardReconciler(cards)],
    });
    const { payment } = await openCardPage(h, 33_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // DOKU still shows the page: nothing to settle.
    const early = await reconciliation.run();
    expect(early.checked).toBeGreaterThanOrEqual(1);
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('pending');
    // The page lives 60 minutes at DOKU; past that the order reads EXPIRED.
    expect((await h.control('/clock/advance', { ms: 61 * 60_000 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await reconciliation.run();
    expect(late.settled).toBeGreaterThanOrEqual(1);
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('expired');
    const events = await h.bff.store.payments.events(payment.id);
    expect(events.at(-1)).toMatchObject({ toStatus: 'expired' });
  });
});
