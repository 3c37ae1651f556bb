// The DOKU Checkout side of the sandbox (doku-api.md §7.7): `POST /checkout/v1/payment` with the same
// Non-SNAP checks as the Cards endpoints, the hosted Checkout page, and its control routes. It builds
// on the KKI module (a KKI payment typed on the page, confirmed in the issuer app) and the Cards
// module (the card form, and the order behind every Checkout: status, refunds, notifications).
import { checkoutPaymentRequestSchema, NON_SNAP_PATHS } from '@kki-kit/doku';
import { Hono } from 'hono';
import type { CardsInternals } from '../cards/index.js';
import { cardsEndpoint } from '../cards/pipeline.js';
import { RequestIdStore } from '../cards/request-ids.js';
import type { SandboxContext, SandboxModule } from '../context.js';
import type { KkiModule } from '../snap/index.js';
import { createCheckoutControl } from './control.js';
import { createCheckoutPayment } from './create.js';
import { createCheckoutEngine } from './engine.js';
import { type CheckoutLedger, checkoutLedger } from './ledger.js';
import { createCheckoutRoutes } from './routes.js';
import { CheckoutState } from './state.js';

export type { CheckoutLedger, CheckoutLedgerSession } from './ledger.js';
export { CHECKOUT_PAGE_PREFIX, checkoutPagePath } from './paths.js';

/** Fault-injection endpoint key of the Checkout API. */
export const CHECKOUT_FAULT_ENDPOINT = 'checkout.payment';

/** The Checkout module: `SandboxModule` with a typed ledger. */
export interface CheckoutModule extends SandboxModule {
  control: Hono;
  ledger(): CheckoutLedger;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Creates the Checkout module over the KKI and Cards modules of the same sandbox. */
export function createCheckoutModule(
  ctx: SandboxContext,
  parts: { kki: KkiModule; cards: CardsInternals },
): CheckoutModule {
  const state = new CheckoutState();
  const requestIds = new RequestIdStore();
  const randomToken = () => {
    let out = '';
    for (let i = 0; i < 32; i++) out += ALNUM[ctx.random.int(ALNUM.length)];
    return out;
  };
  const engine = createCheckoutEngine({ ctx, state, cards: parts.cards, kki: parts.kki, randomToken });

  const routes = new Hono();
  routes.post(
    NON_SNAP_PATHS.checkoutPayment,
    ctx.faults.middleware(CHECKOUT_FAULT_ENDPOINT),
    cardsEndpoint(ctx, requestIds, {
      method: 'POST',
      schema: checkoutPaymentRequestSchema,
      handle: (req) => createCheckoutPayment({ ctx, state, engine }, req),
    }),
  );
  routes.route('/', createCheckoutRoutes({ ctx, state, engine }));

  return {
    routes,
    control: createCheckoutControl({ state, engine, kki: parts.kki }),
    ledger: () => checkoutLedger(state, engine),
    reset() {
      state.clear();
      requestIds.clear();
    },
  };
}
