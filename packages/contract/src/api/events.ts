// Events for merchant code: what changed on a payment, a refund or a saved card, with the view as it
// stood right after the change. The BFF writes them with the change itself (an outbox) and hands
// them to `onEvent`, the event feed and signed webhooks.
import * as z from 'zod/mini';
import { eventIdSchema, orderIdSchema, timestampSchema } from './common.js';
import { paymentViewSchema, refundViewSchema, savedCardViewSchema } from './views.js';

/**
 * Event types about a payment attempt (its view is the event's `data`). `payment.succeeded` (or
 * `payment.authorized`, then `payment.captured`, for a card `AUTHORIZE`) comes once per order, from
 * the payment that paid it: the one to fulfil on. `payment.extra_charge` is money DOKU took on an
 * attempt that does not pay the order (a cancelled attempt approved late, or a second payment of a
 * paid order): the kit refunds it in full, and `refund.succeeded` follows. Never fulfil on it. An
 * authorization never captured that DOKU releases after its hold gets `payment.expired`: it took no
 * money, and its order can be paid again.
 */
export const PAYMENT_EVENT_TYPES = [
  'payment.pending',
  'payment.authorized',
  'payment.succeeded',
  'payment.failed',
  'payment.expired',
  'payment.cancelled',
  'payment.captured',
  'payment.extra_charge',
] as const;

/** Event types about a refund (its view is the event's `data`). */
export const REFUND_EVENT_TYPES = ['refund.succeeded', 'refund.failed'] as const;

/** Event types about a saved card (its view is the event's `data`). */
export const CARD_EVENT_TYPES = ['card.saved', 'card.removed'] as const;

/** Every event type, in the order a reader meets them in the docs. */
export const KKI_EVENT_TYPES = [...PAYMENT_EVENT_TYPES, ...REFUND_EVENT_TYPES, ...CARD_EVENT_TYPES] as const;

/** One of {@link KKI_EVENT_TYPES}. */
export type KkiEventType = (typeof KKI_EVENT_TYPES)[number];

const envelope = {
  id: eventIdSchema,
  createdAt: timestampSchema,
  /** The customer id the merchant gave the order or card. */
  customerId: z.string(),
};

/** A payment changed state: `data` is the payment's view after the change. */
export const paymentEventSchema = z.object({
  ...envelope,
  type: z.enum(PAYMENT_EVENT_TYPES),
  orderId: orderIdSchema,
  data: paymentViewSchema,
});

/** A refund ended: `data` is the refund's view. */
export const refundEventSchema = z.object({
  ...envelope,
  type: z.enum(REFUND_EVENT_TYPES),
  orderId: orderIdSchema,
  data: refundViewSchema,
});

/** A card was saved or removed: `data` is the card's view (`removed` in `card.removed`). */
export const cardEventSchema = z.object({
  ...envelope,
  type: z.enum(CARD_EVENT_TYPES),
  orderId: z.null(),
  data: savedCardViewSchema,
});

/** An event as `onEvent`, the feed and webhooks carry it. */
export const kkiEventSchema = z.union([paymentEventSchema, refundEventSchema, cardEventSchema]);

/** An event for merchant code (`onEvent`, the feed, webhooks). */
export type KkiEvent = z.infer<typeof kkiEventSchema>;

/** A page of the event feed: events after a cursor, oldest first, and the cursor to read on from. */
export const eventPageSchema = z.object({
  events: z.array(kkiEventSchema),
  /** Pass as `after` to read on; unchanged when nothing new was there. */
  next: z.string(),
});

/** A page of the event feed. */
export type EventPage = z.infer<typeof eventPageSchema>;

/** Where one event's delivery to a consumer (webhook or `onEvent`) stands, e.g. for a staff page. */
export const eventDeliverySchema = z.object({
  eventId: eventIdSchema,
  type: z.enum(KKI_EVENT_TYPES),
  createdAt: timestampSchema,
  /** `failed`: every attempt of the retry schedule failed (the event stays in the feed). */
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().check(z.int(), z.nonnegative()),
  lastStatusCode: z.nullable(z.number().check(z.int())),
  lastError: z.nullable(z.string()),
  /** When the next attempt is due (pending deliveries only). */
  nextAttemptAt: z.nullable(timestampSchema),
});

/** One event's delivery to a consumer. */
export type EventDeliveryView = z.infer<typeof eventDeliverySchema>;

/** Who events are delivered to: signed `webhook`s, and the embedded `onEvent` `handler`. */
export const KKI_EVENT_CONSUMERS = ['webhook', 'handler'] as const;

/** One of {@link KKI_EVENT_CONSUMERS}. */
export type KkiEventConsumer = (typeof KKI_EVENT_CONSUMERS)[number];

/** `GET /merchant/events/deliveries`: the latest deliveries to one consumer, newest event first. */
export const eventDeliveryListSchema = z.object({ deliveries: z.array(eventDeliverySchema) });

/** The answer of `POST /merchant/events/redeliveries`: how many failed deliveries are due again. */
export const redeliveryResultSchema = z.object({
  redelivered: z.number().check(z.int(), z.nonnegative()),
});
