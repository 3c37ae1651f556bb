// The server-side API for merchant code: create orders (the only place an amount is decided) and
// read payments. It is a plain object returned next to the app, not HTTP routes, so no browser can
// reach it. DOKU-calling operations (refund, capture, charge a saved card) are added by the
// service layer when present.
import {
  type LineItem,
  lineItemSchema,
  type OrderCardOptions,
  orderCardOptionsSchema,
  type OrderView,
  type PaymentView,
  type RefundView,
  rupiahSchema,
} from '@kki-kit/contract';
import { z } from 'zod';
import { KkiHttpError } from './errors.js';
import type { PaymentFilter, Store } from './store/index.js';
import { orderView, paymentView, refundView } from './views.js';

/** Input of {@link KkiMerchantApi.createOrder}. */
export interface CreateOrderInput {
  /** Your id of the customer who will pay (the `authenticate` hook returns the same id). */
  customerId: string;
  /** Whole rupiah. When `lineItems` are given they must sum to it (DOKU Cards checks the same). */
  amount: number;
  currency?: 'IDR';
  description?: string;
  lineItems?: LineItem[];
  /** Card payment-page limits and promos for this order. */
  cardOptions?: OrderCardOptions;
  /** Your own references (string values, at most 20 keys). */
  metadata?: Record<string, string>;
}

const createOrderSchema = z
  .object({
    customerId: z.string().min(1).max(64),
    amount: rupiahSchema,
    currency: z.literal('IDR').default('IDR'),
    description: z.string().max(255).optional(),
    lineItems: z.array(lineItemSchema).max(100).optional(),
    cardOptions: orderCardOptionsSchema.optional(),
    metadata: z
      .record(z.string().max(40), z.string().max(500))
      .refine((m) => Object.keys(m).length <= 20, 'at most 20 metadata keys')
      .optional(),
  })
  .refine((o) => !o.lineItems || o.lineItems.reduce((sum, i) => sum + i.price * i.quantity, 0) === o.amount, {
    message: 'line items must sum to the amount',
    path: ['lineItems'],
  });

/** The merchant API. */
export interface KkiMerchantApi {
  /** Creates an order; give its `id` to the page. */
  createOrder(input: CreateOrderInput): Promise<OrderView>;
  getOrder(orderId: string): Promise<OrderView | null>;
  getPayment(paymentId: string): Promise<PaymentView | null>;
  /** Payments, newest first, filtered by order, customer or status. */
  listPayments(filter?: PaymentFilter): Promise<PaymentView[]>;
  listRefunds(paymentId: string): Promise<RefundView[]>;
}

/** Builds the merchant API on a store. */
export function createMerchantApi(store: Store): KkiMerchantApi {
  return {
    async createOrder(input) {
      const parsed = createOrderSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KkiHttpError('validation_failed', {
          ...(issue?.path.length ? { field: issue.path.map(String).join('.') } : {}),
          internal: `createOrder: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
        });
      }
      const o = parsed.data;
      const order = await store.orders.create({
        customerId: o.customerId,
        amount: o.amount,
        description: o.description ?? null,
        lineItems: o.lineItems ?? [],
        cardOptions: o.cardOptions ?? null,
        metadata: o.metadata ?? {},
      });
      return orderView(order);
    },
    async getOrder(orderId) {
      const order = await store.orders.get(orderId);
      return order ? orderView(order) : null;
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
  };
}
