// The server-side API for merchant code: create orders (the only place an amount is decided) and
// read payments. It is a plain object returned next to the app, not HTTP routes, so no browser can
// reach it. DOKU-calling operations (refund, capture, charge a saved card) are added by the
// service layer when present.
import {
  capturePaymentRequestSchema,
  chargeSavedCardRequestSchema,
  type CreateOrderRequest,
  createOrderRequestSchema,
  createRefundRequestSchema,
  idempotencyKeySchema,
  kkiErrorFromApiErrorBody,
  type OrderView,
  type PaymentView,
  type RefundView,
} from '@kki-kit/contract';
import * as z from 'zod';
import { KkiDomainError } from './errors.js';
import { canonicalJson, type Idempotency, type IdempotencyContext } from './idempotency.js';
import { payOrderWithKki } from './orders/pay-order.js';
import type { KkiServices } from './services/types.js';
import type { NewOrder, OrderRecord, PaymentFilter, PaymentRecord, Store } from './store/index.js';
import { MERCHANT_ORDER_SCOPE } from './store/idempotency.js';
import { orderView, paymentView, refundView } from './views.js';

/**
 * Input of {@link KkiMerchantApi.createOrder}: `customerId` (your id of the customer who will pay, the
 * one `authenticate` returns), `amount` in whole rupiah (line items, when given, must sum to it),
 * optional `description`, `lineItems`, `cardOptions` and `metadata` (string values, at most 20 keys).
 * The contract's `createOrderRequestSchema` (also the body of `POST /merchant/orders`) validates it.
 */
export type CreateOrderInput = CreateOrderRequest;

/** Options of {@link KkiMerchantApi.createOrder}. */
export interface MerchantCreateOrderOptions {
  /**
   * Your key for this order (8-255 letters, digits or `_-.:`): a retry with the same key and input
   * answers the first order instead of creating a second one.
   */
  idempotencyKey?: string;
}

/** The merchant API. */
export interface KkiMerchantApi {
  /** Creates an order; give its `id` to the page. Idempotent when given an `idempotencyKey`. */
  createOrder(input: CreateOrderInput, options?: MerchantCreateOrderOptions): Promise<OrderView>;
  getOrder(orderId: string): Promise<OrderView | null>;
  getPayment(paymentId: string): Promise<PaymentView | null>;
  /** Payments, newest first, filtered by order, customer or status. */
  listPayments(filter?: PaymentFilter): Promise<PaymentView[]>;
  listRefunds(paymentId: string): Promise<RefundView[]>;
  /**
   * Captures an authorized card payment (`AUTHORIZE`), in full or, with `amount`, in part (once).
   * Idempotent by `idempotencyKey`: a retry with the same key and input answers the first result.
   * Throws `KkiDomainError` (`operation_not_allowed` when no card service is configured or the payment
   * is not an authorized AUTHORIZE payment).
   */
  capture(paymentId: string, options: MerchantCaptureOptions): Promise<PaymentView>;
  /**
   * Refunds a KKI or card payment in full (no `amount`) or in part; never above what is left.
   * Idempotent by `idempotencyKey`. Your server code is trusted: `authorizeRefund` guards the HTTP
   * route only.
   */
  refund(paymentId: string, options: MerchantRefundOptions): Promise<RefundView>;
  /**
   * Charges the order's customer on one of their saved KKI cards without asking them (DOKU KKI
   * "payment without authentication", e.g. a subscription renewal). Idempotent by `idempotencyKey`:
   * one key is one charge, however often it is retried. Throws `card_not_found` for a card that is
   * not the order customer's active KKI card, `already_paid` for a paid order, `order_payment_open`
   * (with the open payment in `details`) while another attempt on the order is still open.
   * Host-to-host integration only (`kki.integration: 'h2h'`): DOKU's token payment is part of the
   * KKI API that only PCI DSS merchants may call, so with DOKU Checkout it throws
   * `operation_not_allowed` before anything is stored or sent.
   */
  chargeSavedCard(input: ChargeSavedCardInput): Promise<PaymentView>;
}

/** Input of {@link KkiMerchantApi.chargeSavedCard}. */
export interface ChargeSavedCardInput {
  /** An open order of the card's owner; its amount is charged. */
  orderId: string;
  /** The saved card (`SavedCardView.id`). */
  cardId: string;
  /** Your key for this charge, e.g. `renewal-<subscription>-<period>`. */
  idempotencyKey: string;
}

/** Options of {@link KkiMerchantApi.capture}. */
export interface MerchantCaptureOptions {
  /** Whole rupiah to capture; absent = everything authorized. */
  amount?: number;
  /** Your key for this capture (8-255 letters, digits or `_-.:`), e.g. `capture-<orderId>`. */
  idempotencyKey: string;
}

/** Options of {@link KkiMerchantApi.refund}. */
export interface MerchantRefundOptions {
  /** Whole rupiah to refund; absent = everything left. */
  amount?: number;
  reason?: string;
  /** Your key for this refund (8-255 letters, digits or `_-.:`). */
  idempotencyKey: string;
}

/** What the DOKU-calling merchant operations need; without it they answer `operation_not_allowed`. */
export interface MerchantOperationDeps {
  services: KkiServices;
  idempotency: Idempotency;
  /** The KKI integration (`config.kki.integration`): charging a saved card needs the host-to-host one. */
  integration: 'h2h' | 'checkout';
}

function invalid(what: string, error: z.core.$ZodError): KkiDomainError {
  const issue = error.issues[0];
  return new KkiDomainError('validation_failed', {
    ...(issue?.path.length ? { field: issue.path.map(String).join('.') } : {}),
    internal: `${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  });
}

// The contract's schemas are zod/mini; zod's own parse functions take any zod schema, classic or mini.
function parse<S extends z.core.$ZodType>(what: string, schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

function parseKey(what: string, key: unknown): string {
  const result = idempotencyKeySchema.safeParse(key);
  if (!result.success) {
    throw new KkiDomainError('validation_failed', {
      field: 'idempotencyKey',
      internal: `${what}: bad idempotency key`,
    });
  }
  return result.data;
}

/** A stored refusal replayed by the idempotency runner becomes the same error again. */
function unwrap<T>(answer: { status: number; body: unknown }): T {
  if (answer.status >= 400) {
    const error = kkiErrorFromApiErrorBody(answer.body, answer.status);
    throw new KkiDomainError(error?.code ?? 'unknown_doku_error', {
      internal: 'replayed refusal',
      ...(error?.details !== undefined && { details: error.details }),
    });
  }
  return answer.body as T;
}

/** Whether a stored order is the one `fields` asks for (what a key's first run made). */
function sameOrder(order: OrderRecord, fields: Required<NewOrder>): boolean {
  return (
    order.customerId === fields.customerId &&
    order.amount === fields.amount &&
    order.description === fields.description &&
    canonicalJson(order.lineItems) === canonicalJson(fields.lineItems) &&
    canonicalJson(order.cardOptions) === canonicalJson(fields.cardOptions) &&
    canonicalJson(order.metadata) === canonicalJson(fields.metadata)
  );
}

/**
 * Runs a merchant operation once per key, in the merchant API's own scope (`merchant.<name>`): a
 * retry answers the first result, a refusal the first refusal. Shared by `bff.merchant` and the
 * merchant HTTP API's own routes.
 */
export async function runMerchantOperation<T>(
  idempotency: Idempotency,
  name: string,
  key: string,
  request: unknown,
  operation: (ctx: IdempotencyContext) => Promise<T>,
): Promise<T> {
  const answer = await idempotency.run({ scope: `merchant.${name}`, key, request }, async (ctx) => ({
    status: 200,
    body: await operation(ctx),
  }));
  return unwrap<T>(answer);
}

/** Builds the merchant API on a store. */
export function createMerchantApi(store: Store, operations?: MerchantOperationDeps): KkiMerchantApi {
  async function run<T>(
    scope: string,
    key: string,
    request: unknown,
    operation: (ctx: IdempotencyContext, ops: MerchantOperationDeps) => Promise<T>,
  ): Promise<T> {
    if (!operations) throw new KkiDomainError('operation_not_allowed', { internal: `${scope}: no services` });
    return runMerchantOperation(operations.idempotency, scope, key, request, (ctx) =>
      operation(ctx, operations),
    );
  }
  async function payment(paymentId: string): Promise<PaymentRecord> {
    const found = await store.payments.get(paymentId);
    if (!found) throw new KkiDomainError('not_found', { field: 'paymentId' });
    return found;
  }

  return {
    async createOrder(input, options = {}) {
      const o = parse('createOrder', createOrderRequestSchema, input);
      const fields = {
        customerId: o.customerId,
        amount: o.amount,
        description: o.description ?? null,
        lineItems: o.lineItems ?? [],
        cardOptions: o.cardOptions ?? null,
        metadata: o.metadata ?? {},
      };
      // A new order has no attempt yet.
      if (options.idempotencyKey === undefined) return orderView(await store.orders.create(fields), null);
      const key = parseKey('createOrder', options.idempotencyKey);
      return run('createOrder', key, o, async (_ctx, ops) => {
        // The key's own order id: a retry after the key's record is gone meets the order it made.
        const id = await ops.idempotency.opaqueIdFor(MERCHANT_ORDER_SCOPE, key, 'order');
        const { order, created } = await store.orders.createWithId(id, fields);
        if (created) return orderView(order, null);
        if (!sameOrder(order, fields)) {
          throw new KkiDomainError('idempotency_key_reused', {
            internal: 'createOrder: another order under this key',
          });
        }
        return orderView(order, await store.payments.findOpenForOrder(order.id));
      });
    },
    async getOrder(orderId) {
      const order = await store.orders.get(orderId);
      if (!order) return null;
      return orderView(order, await store.payments.findOpenForOrder(order.id));
    },
    async getPayment(paymentId) {
      const payment = await store.payments.get(paymentId);
      return payment ? paymentView(payment) : null;
    },
    async listPayments(filter) {
      return (await store.payments.list(filter)).map(paymentView);
    },
    async listRefunds(paymentId) {
      return (await store.refunds.listByPayment(paymentId)).map(refundView);
    },
    async capture(paymentId, options) {
      const { idempotencyKey: key, ...request } = options;
      const idempotencyKey = parseKey('capture', key);
      const { amount } = parse('capture', capturePaymentRequestSchema, request);
      return run('capture', idempotencyKey, { paymentId, amount }, async (ctx) => {
        const cards = operations?.services.cardPayments;
        if (!cards)
          throw new KkiDomainError('operation_not_allowed', { internal: 'no card payment service' });
        return paymentView(await cards.capture(await payment(paymentId), amount ?? null, ctx));
      });
    },
    async refund(paymentId, options) {
      const { idempotencyKey: key, ...input } = options;
      const idempotencyKey = parseKey('refund', key);
      const request = parse('refund', createRefundRequestSchema, input);
      return run('refund', idempotencyKey, { paymentId, ...request }, async (ctx) => {
        const refunds = operations?.services.refunds;
        if (!refunds) throw new KkiDomainError('operation_not_allowed', { internal: 'no refund service' });
        return refundView(await refunds.refund(await payment(paymentId), request, ctx));
      });
    },
    async chargeSavedCard(input) {
      const { idempotencyKey: key, ...request } = input;
      const idempotencyKey = parseKey('chargeSavedCard', key);
      const { orderId, cardId } = parse('chargeSavedCard', chargeSavedCardRequestSchema, request);
      if (operations?.integration !== 'h2h') {
        throw new KkiDomainError('operation_not_allowed', {
          internal: 'chargeSavedCard needs the host-to-host KKI integration (PCI DSS)',
        });
      }
      return run('chargeSavedCard', idempotencyKey, { orderId, cardId }, async (ctx) => {
        const kki = operations?.services.kkiPayments;
        if (!kki) throw new KkiDomainError('operation_not_allowed', { internal: 'no KKI payment service' });
        const order = await store.orders.get(orderId);
        const created = await payOrderWithKki(store, kki, {
          orderId,
          order,
          // The order's own customer: the merchant charges the card of whoever the order is for.
          customerId: order?.customerId ?? '',
          source: { type: 'saved_card', cardId },
          ctx,
          noAuth: true,
        });
        return paymentView(created);
      });
    },
  };
}
