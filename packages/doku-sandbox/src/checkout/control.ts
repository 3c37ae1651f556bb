// Checkout control routes, mounted under `/__sandbox/checkout` when the control API is on: the test
// values, each Checkout, and what a shopper does on the page, without a browser: KKI (CPAN and OTT,
// then approve or decline as in the issuer app), the card button, cancel, and expire now.
import { Hono } from 'hono';
import type { KkiModule } from '../snap/index.js';
import { CARD_TEST_VALUES } from '../test-values/card-page.js';
import { KKI_TEST_VALUES } from '../test-values/kki.js';
import type { CheckoutEngine } from './engine.js';
import { checkoutLedger } from './ledger.js';
import type { CheckoutState } from './state.js';

/** Builds the Checkout control routes. `:ref` is a `token_id` or an invoice number. */
export function createCheckoutControl(deps: {
  state: CheckoutState;
  engine: CheckoutEngine;
  kki: Pick<KkiModule, 'approve' | 'decline'>;
}): Hono {
  const { state, engine } = deps;
  const app = new Hono();
  const summary = (invoice: string) =>
    checkoutLedger(state, engine).sessions.find((s) => s.invoiceNumber === invoice) ?? null;

  app.get('/', (c) => c.json(checkoutLedger(state, engine)));
  app.get('/test-values', (c) => c.json({ kki: KKI_TEST_VALUES, cards: CARD_TEST_VALUES }));

  app.get('/:ref', (c) => {
    const s = state.find(c.req.param('ref'));
    return s ? c.json(summary(s.invoiceNumber)) : c.json({ error: 'checkout not found' }, 404);
  });

  /** Body `{cpan, ott}`: the KKI form. */
  app.post('/:ref/kki', async (c) => {
    const s = state.find(c.req.param('ref'));
    if (!s) return c.json({ error: 'checkout not found' }, 404);
    const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const result = await engine.payKki(s.tokenId, str('cpan'), str('ott'));
    const status = result.kind === 'started' ? 200 : result.kind === 'invalid' ? 422 : 409;
    return c.json({ result, checkout: summary(s.invoiceNumber) }, status);
  });

  for (const how of ['approve', 'decline'] as const) {
    /** The issuer app's answer to the KKI payment waiting for it. */
    app.post(`/:ref/${how}`, (c) => {
      const s = state.find(c.req.param('ref'));
      if (!s) return c.json({ error: 'checkout not found' }, 404);
      if (s.state !== 'confirming' || !s.kkiReferenceNo) {
        return c.json({ error: `checkout is ${s.state}: no KKI payment awaits the issuer app` }, 409);
      }
      const outcome = deps.kki[how](s.kkiReferenceNo);
      return c.json({ outcome, checkout: summary(s.invoiceNumber) });
    });
  }

  /** The card button: answers the card page to pay with `POST /__sandbox/cards/pages/{cardPageRequestId}/pay`. */
  app.post('/:ref/card', (c) => {
    const s = state.find(c.req.param('ref'));
    if (!s) return c.json({ error: 'checkout not found' }, 404);
    const url = engine.chooseCard(s.tokenId);
    if (!url) return c.json({ error: `checkout is ${s.state} or offers no card` }, 409);
    return c.json({ cardPageRequestId: s.cardPageRef, url, checkout: summary(s.invoiceNumber) });
  });

  app.post('/:ref/cancel', (c) => {
    const s = state.find(c.req.param('ref'));
    if (!s) return c.json({ error: 'checkout not found' }, 404);
    if (!engine.cancel(s.tokenId)) return c.json({ error: `checkout is ${s.state}` }, 409);
    return c.json({ checkout: summary(s.invoiceNumber) });
  });

  /** Lapses the Checkout now, a KKI confirmation in progress included. */
  app.post('/:ref/expire', (c) => {
    const s = state.find(c.req.param('ref'));
    if (!s) return c.json({ error: 'checkout not found' }, 404);
    engine.lapse(s, true);
    return c.json({ checkout: summary(s.invoiceNumber) });
  });

  return app;
}
