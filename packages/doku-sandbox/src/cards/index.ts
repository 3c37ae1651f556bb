// The Cards (Non-SNAP) side of the sandbox: DOKU's card API endpoints, the hosted card pages, and
// the control routes, over one in-memory state.
import {
  captureRequestSchema,
  cardRefundRequestSchema,
  deleteTokenizationRequestSchema,
  NON_SNAP_PATHS,
  type PaymentPageRequest,
  paymentPageRequestSchema,
} from '@kki-kit/doku';
import { Hono } from 'hono';
import type { SandboxContext, SandboxModule } from '../context.js';
import { type Checkout, createCheckout } from './checkout.js';
import { createCardsControl, type SettlementSettings } from './control.js';
import { createHostedRoutes } from './hosted.js';
import { cardsIds } from './ids.js';
import { type CardsLedger, cardsLedger } from './ledger.js';
import { createOperations } from './operations.js';
import { createPaymentPage, openCardPage } from './payment-page.js';
import { cardsEndpoint } from './pipeline.js';
import { RequestIdStore } from './request-ids.js';
import { DEFAULT_SETTLEMENT_HOUR_WIB } from './rules.js';
import { CardsState } from './state.js';

export { CARD_3DS_PATH, CARD_PAGE_PATH, CARD_PAY_PATH, CARD_RESULT_PATH } from './paths.js';
export type { CardsLedger, CardsLedgerOrder } from './ledger.js';
export {
  AUTHORIZATION_HOLD_MS,
  DEFAULT_SETTLEMENT_HOUR_WIB,
  INSTALLMENT_PLANS,
  nextSettlementMs,
  PAGE_TTL_MS,
} from './rules.js';

/** Fault-injection endpoint keys of the Cards API (`cards.<NonSnapEndpoint>`). */
export const CARDS_FAULT_ENDPOINTS = [
  'cards.paymentPage',
  'cards.capture',
  'cards.cardRefund',
  'cards.deleteTokenization',
  'cards.orderStatus',
] as const;

/** What the DOKU Checkout module builds on: the Cards state, the card engine and page opening. */
export interface CardsInternals {
  state: CardsState;
  engine: Checkout;
  openPage(
    data: PaymentPageRequest,
    opts: Parameters<typeof openCardPage>[2],
  ): ReturnType<typeof openCardPage>;
  settlementHourWib(): number;
}

/** The Cards module: `SandboxModule` with a typed ledger. */
export interface CardsModule extends SandboxModule {
  control: Hono;
  ledger(): CardsLedger;
  internals: CardsInternals;
}

/** Options of the Cards module. */
export interface CardsModuleOptions {
  /** Hour (0-23, Jakarta time) of the daily settlement run; default 23. */
  settlementHourWib?: number;
}

/**
 * Creates the Cards module: `routes` (mount at `/`) serve DOKU's Non-SNAP card endpoints
 * (doku-api.md §7) and the hosted pages; `control` (mount at `/__sandbox/cards`) the test helpers.
 */
export function createCardsModule(ctx: SandboxContext, options: CardsModuleOptions = {}): CardsModule {
  const state = new CardsState();
  const requestIds = new RequestIdStore();
  const ids = cardsIds(ctx.random);
  const settlement: SettlementSettings = {
    hourWib: options.settlementHourWib ?? DEFAULT_SETTLEMENT_HOUR_WIB,
  };
  const settlementHourWib = () => settlement.hourWib;
  const checkout = createCheckout({ ctx, state, ids, settlementHourWib });
  const ops = createOperations({ ctx, state, ids, checkout, settlementHourWib });

  const routes = new Hono();
  routes.post(
    NON_SNAP_PATHS.paymentPage,
    ctx.faults.middleware('cards.paymentPage'),
    cardsEndpoint(ctx, requestIds, {
      method: 'POST',
      schema: paymentPageRequestSchema,
      handle: (req) => createPaymentPage({ ctx, state, ids }, req, req.header('Signature') ?? ''),
    }),
  );
  routes.post(
    NON_SNAP_PATHS.capture,
    ctx.faults.middleware('cards.capture'),
    cardsEndpoint(ctx, requestIds, { method: 'POST', schema: captureRequestSchema, handle: ops.capture }),
  );
  routes.post(
    NON_SNAP_PATHS.cardRefund,
    ctx.faults.middleware('cards.cardRefund'),
    cardsEndpoint(ctx, requestIds, { method: 'POST', schema: cardRefundRequestSchema, handle: ops.refund }),
  );
  routes.post(
    NON_SNAP_PATHS.deleteTokenization,
    ctx.faults.middleware('cards.deleteTokenization'),
    cardsEndpoint(ctx, requestIds, {
      method: 'POST',
      schema: deleteTokenizationRequestSchema,
      handle: ops.deleteToken,
    }),
  );
  routes.get(
    `${NON_SNAP_PATHS.orderStatusPrefix}:invoice`,
    ctx.faults.middleware('cards.orderStatus'),
    cardsEndpoint(ctx, requestIds, { method: 'GET', schema: null, handle: ops.status }),
  );
  routes.route('/', createHostedRoutes({ ctx, state, checkout }));

  return {
    routes,
    control: createCardsControl({ ctx, state, checkout, settlement }),
    ledger: () => cardsLedger(ctx, state, settlement.hourWib),
    internals: {
      state,
      engine: checkout,
      openPage: (data, opts) => openCardPage({ ctx, state, ids }, data, opts),
      settlementHourWib,
    },
    reset() {
      state.clear();
      requestIds.clear();
      settlement.hourWib = options.settlementHourWib ?? DEFAULT_SETTLEMENT_HOUR_WIB;
    },
  };
}
