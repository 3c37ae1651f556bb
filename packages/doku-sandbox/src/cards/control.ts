// Cards control routes, mounted under `/__sandbox/cards` when the control API is on: settle now,
// change the settlement hour, list the test cards, and pay a hosted page without a browser (for the
// BFF's integration tests).
import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { CARD_TEST_VALUES } from '../test-values/card-page.js';
import type { CardSubmission, Checkout } from './checkout.js';
import { merchantReturnUrl, resultPath } from './hosted.js';
import { cardsLedger } from './ledger.js';
import { orderStatusBody, refreshOrder } from './order-view.js';
import { CARD_3DS_PATH } from './paths.js';
import type { CardOrder, CardsState } from './state.js';

/** Settlement settings the control API can change. */
export interface SettlementSettings {
  hourWib: number;
}

function settleNow(order: CardOrder, nowMs: number): boolean {
  refreshOrder(order, nowMs);
  if (order.settleAtMs === null || order.settleAtMs <= nowMs) return false;
  order.settleAtMs = nowMs;
  return true;
}

/** Builds the Cards control routes. */
export function createCardsControl(deps: {
  ctx: SandboxContext;
  state: CardsState;
  checkout: Checkout;
  settlement: SettlementSettings;
}): Hono {
  const { ctx, state, checkout, settlement } = deps;
  const app = new Hono();

  app.get('/ledger', (c) => c.json(cardsLedger(ctx, state, settlement.hourWib)));

  app.get('/test-cards', (c) => c.json(CARD_TEST_VALUES));

  /** Settles every successful, unsettled order now (the next refund is a refund, not a void). */
  app.post('/settle', (c) => {
    const nowMs = ctx.clock.nowMs();
    const settled = [...state.orders.values()].filter((o) => settleNow(o, nowMs)).map((o) => o.invoiceNumber);
    return c.json({ settled });
  });

  app.post('/orders/:invoice/settle', (c) => {
    const order = state.orders.get(c.req.param('invoice'));
    if (!order) return c.json({ error: 'unknown invoice number' }, 404);
    const nowMs = ctx.clock.nowMs();
    const changed = settleNow(order, nowMs);
    if (!changed && (order.settleAtMs === null || order.settleAtMs > nowMs)) {
      return c.json({ error: `order is ${order.status} and has nothing to settle` }, 409);
    }
    return c.json({ settled: changed ? [order.invoiceNumber] : [] });
  });

  app.get('/settlement', (c) => c.json(settlement));
  app.put('/settlement', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { hourWib?: unknown } | null;
    const hour = body?.hourWib;
    if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
      return c.json({ error: 'hourWib must be an integer 0..23' }, 400);
    }
    settlement.hourWib = hour;
    return c.json(settlement);
  });

  /**
   * Pays a hosted page as a customer would, without a browser. Body: `card_number`, `expiry`
   * (MM/YY), `cvv`, `name`, optional `tenor`, `save_card`, `card_choice` (`saved`|`new`),
   * `disclaimer`, and `otp` to pass a 3-D Secure step in the same call.
   */
  app.post('/pages/:requestId/pay', async (c) => {
    const session = state.pages.get(c.req.param('requestId'));
    if (!session) return c.json({ error: 'unknown payment page requestId' }, 404);
    const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
    const str = (k: string) =>
      typeof body[k] === 'string'
        ? (body[k] as string)
        : typeof body[k] === 'number'
          ? String(body[k])
          : undefined;
    const submission: CardSubmission = {
      cardChoice: str('card_choice'),
      cardNumber: str('card_number'),
      expiry: str('expiry'),
      cvv: str('cvv'),
      name: str('name'),
      tenor: str('tenor'),
      saveCard: body.save_card === true,
      disclaimer: body.disclaimer === true,
    };
    let result = checkout.submit(session, submission);
    if (result.kind === 'threeDs' && typeof body.otp === 'string') {
      const otp = checkout.verifyOtp(result.challengeId, body.otp);
      if (otp.kind === 'wrongOtp') {
        return c.json(
          {
            result: 'wrong_otp',
            attemptsLeft: otp.attemptsLeft,
            threeDsUrl: `${CARD_3DS_PATH}/${result.challengeId}`,
          },
          422,
        );
      }
      if (otp.kind === 'completed') result = { kind: 'completed', order: otp.order };
    }
    const order = state.orders.get(session.invoiceNumber);
    switch (result.kind) {
      case 'invalid':
        return c.json({ result: 'invalid', errors: result.errors }, 422);
      case 'threeDs':
        return c.json({ result: 'three_ds', threeDsUrl: `${CARD_3DS_PATH}/${result.challengeId}` });
      case 'closed':
        return c.json(
          {
            result: 'closed',
            reason: result.reason,
            ...(order ? { order: orderStatusBody(order, ctx.clock.nowMs()) } : {}),
          },
          409,
        );
      case 'completed':
        return c.json({
          result: 'completed',
          redirectUrl: session.request.order.auto_redirect
            ? merchantReturnUrl(session, result.order)
            : resultPath(session),
          order: orderStatusBody(result.order, ctx.clock.nowMs()),
        });
    }
  });

  return app;
}
