// Paying an order, shared by the browser routes (KKI, Cards) and the merchant API
// (`chargeSavedCard`), so the paid-order rule and the saved-card check exist once.
import type { CreateKkiPaymentParsed } from '@kki-kit/contract';
import { KkiDomainError } from '../errors.js';
import type { IdempotencyContext } from '../idempotency.js';
import type { KkiPaymentService } from '../services/types.js';
import type { OrderRecord, PaymentRecord, SavedCardRecord, Store } from '../store/index.js';

/**
 * Pays `order` with `pay` unless it is missing (`not_found`) or paid. A paid order is refused
 * (`already_paid`) unless this very call paid it: a retry with the same idempotency key, e.g. one
 * that took the key over after the first instance died mid-call, gets that payment back instead of
 * an error.
 */
export async function payOrder(
  store: Store,
  order: OrderRecord | null,
  ctx: IdempotencyContext,
  pay: (order: OrderRecord) => Promise<PaymentRecord>,
): Promise<PaymentRecord> {
  if (!order) throw new KkiDomainError('not_found', { field: 'orderId' });
  if (order.status !== 'paid') return pay(order);
  const same = await store.payments.findByPartnerReference(ctx.externalId);
  if (same?.orderId !== order.id) throw new KkiDomainError('already_paid');
  return same;
}

/**
 * The customer's active KKI card `cardId`. Another customer's card, a removed one or a card of
 * another method is "not found", never "forbidden": card ids cannot be probed.
 */
export async function savedCardToCharge(
  store: Store,
  cardId: string,
  customerId: string,
): Promise<SavedCardRecord> {
  const card = await store.savedCards.getForCustomer(cardId, customerId);
  if (card?.method !== 'kki' || card.status !== 'active') {
    throw new KkiDomainError('card_not_found', { field: 'cardId' });
  }
  return card;
}

/**
 * The card of this key's earlier attempt on the order with card `cardId`, whatever became of the card
 * since: a retry after an unknown outcome asks DOKU about that attempt under its own ids (never a new
 * charge), so a card removed after DOKU charged it must not turn the answer into `card_not_found`.
 */
async function cardOfEarlierAttempt(
  store: Store,
  orderId: string,
  cardId: string,
  customerId: string,
  ctx: IdempotencyContext,
): Promise<SavedCardRecord | null> {
  const earlier = await store.payments.findByPartnerReference(ctx.externalId);
  if (earlier?.orderId !== orderId || earlier.savedCardId !== cardId) return null;
  const card = await store.savedCards.get(cardId);
  return card?.customerId === customerId && card.method === 'kki' ? card : null;
}

/** Input of {@link payOrderWithKki}. */
export interface PayOrderWithKkiInput {
  orderId: string;
  /** The order when the caller has read it already (scoped to `customerId`; null: not found). */
  order?: OrderRecord | null;
  customerId: string;
  source: CreateKkiPaymentParsed['source'];
  ctx: IdempotencyContext;
  /** Merchant-initiated charge of a saved card without the customer's confirmation (KKI `no_auth`). */
  noAuth?: boolean;
}

/**
 * Pays an order through KKI. A card typed now goes straight to the KKI payment service: the store
 * applies the paid-order rule with the customer's order under its row lock, in the payment's own
 * round trip. A saved card is checked first, after the order (so a missing order answers
 * `not_found` before the card is looked at).
 */
export async function payOrderWithKki(
  store: Store,
  kki: KkiPaymentService,
  input: PayOrderWithKkiInput,
): Promise<PaymentRecord> {
  const { source, customerId, ctx } = input;
  const noAuth = input.noAuth ? { noAuth: true } : {};
  if (source.type === 'card') {
    return kki.create({ customerId, orderId: input.orderId, source, savedCard: null, ctx, ...noAuth });
  }
  const order =
    input.order === undefined ? await store.orders.getForCustomer(input.orderId, customerId) : input.order;
  return payOrder(store, order, ctx, async (o) => {
    const savedCard =
      (await cardOfEarlierAttempt(store, o.id, source.cardId, customerId, ctx)) ??
      (await savedCardToCharge(store, source.cardId, customerId));
    return kki.create({ customerId, orderId: o.id, source, savedCard, ctx, ...noAuth });
  });
}
