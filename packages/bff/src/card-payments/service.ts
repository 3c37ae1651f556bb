// DOKU Cards (Non-SNAP) payments: the hosted payment page, the result confirmed with DOKU's order
// status (never the return URL), and the merchant's capture of an AUTHORIZE payment. The BFF never
// sees a card number: DOKU's page takes it; only the masked number comes back.
import { createKkiError, type KkiError, type KkiLocale, kkiErrorFromNonSnap } from '@kki-kit/contract';
import {
  CARD_PAGE_LIFETIME_MS,
  type DokuClient,
  DokuError,
  type OrderStatusResponse,
  type PaymentPageRequest,
} from '@kki-kit/doku';
import { cardFactsOf, cardStatusOf } from './card-status.js';
import { createCardReturnToken } from './return-token.js';
import { KkiDomainError } from '../errors.js';
import { dokuFailure, isDokuDecision } from '../services/doku-outcome.js';
import { expireIfPastDue, isNoSuchOrder, recheckMark } from '../services/page-expiry.js';
import { refundIfExtra } from '../refunds/extra-charges.js';
import { isOpenPayment } from '../store/payment-state.js';
import { bffUrl } from '../http/urls.js';
import { NOTIFICATION_PATHS } from '../notifications/paths.js';
import {
  CAPTURE_SENT_AT_FACT,
  chargedAmount,
  type OrderRecord,
  type PaymentRecord,
  StoreRuleError,
} from '../store/index.js';
import type { CardPaymentService, ServiceDeps } from '../services/types.js';

/**
 * Where DOKU's page sends the customer back (the `cardPaymentReturn` route), with `result` as a hint
 * and the payment's single-use return token, so the route answers without the customer's session;
 * `lang`, the card page's language, so the return page speaks it too.
 */
export function cardReturnUrl(
  deps: Pick<ServiceDeps, 'config'>,
  paymentId: string,
  token: string,
  result: 'success' | 'failed',
  lang?: KkiLocale,
): string {
  const query = new URLSearchParams({ result, token, ...(lang && { lang }) });
  return `${bffUrl(deps.config, `/cards/payments/${encodeURIComponent(paymentId)}/return`)}?${query}`;
}

/** The catalogue error of a declined card payment. */
function declineError(body: unknown): KkiError {
  return createKkiError(kkiErrorFromNonSnap(body) ?? 'card_declined');
}

/** Applies a Cards status or notification body to the payment; a move the state table forbids is skipped. */
export async function applyCardStatus(
  deps: ServiceDeps,
  payment: PaymentRecord,
  body: OrderStatusResponse | (Pick<OrderStatusResponse, 'transaction'> & Record<string, unknown>),
  source: 'status_check' | 'notification' | 'reconciliation',
): Promise<PaymentRecord> {
  const to = cardStatusOf(body);
  const { facts, maskedCpan } = cardFactsOf(body);
  const patch = {
    doku: facts,
    lastCheckedAt: new Date(),
    ...(maskedCpan !== null && { maskedCpan }),
    ...(to === 'failed' && { error: declineError(body) }),
    ...(!isOpenPayment(to) && { nextAction: { type: 'none' as const } }),
  };
  if (to === payment.status || (to === 'pending' && payment.status !== 'created')) {
    return deps.store.payments.update(payment.id, { doku: facts, lastCheckedAt: new Date() });
  }
  const result = await deps.store.payments.transition(payment.id, to, {
    source,
    detail: { transactionStatus: body.transaction.status, transactionType: body.transaction.type ?? null },
    patch,
  });
  // A charge the order does not keep (cancelled attempt, order paid another way) is refunded at once.
  return refundIfExtra(deps, result);
}

/**
 * When a card page stops taking payments: the deadline the page was given, else (a page opened before
 * pages had one) its creation plus DOKU's page lifetime (`CARD_PAGE_LIFETIME_MS`, a guess).
 */
export function cardPageDeadline(payment: PaymentRecord): number {
  const action = payment.nextAction;
  if (action.type === 'card_page' && action.expiresAt !== null) return Date.parse(action.expiresAt);
  return payment.createdAt.getTime() + CARD_PAGE_LIFETIME_MS;
}

/** Order metadata keys the card page's customer block is read from (DOKU needs an email or a phone). */
export const CARD_CUSTOMER_METADATA = { email: 'email', phone: 'phone', name: 'customerName' } as const;

/**
 * DOKU's `customer` block: the merchant's id of the customer, and the email / phone / name the
 * merchant put in the order's metadata. DOKU refuses a page with neither email nor phone.
 */
export function cardCustomer(order: OrderRecord): NonNullable<PaymentPageRequest['customer']> {
  const meta = order.metadata;
  const email = meta[CARD_CUSTOMER_METADATA.email];
  const phone = meta[CARD_CUSTOMER_METADATA.phone];
  const name = meta[CARD_CUSTOMER_METADATA.name];
  if (!email && !phone) {
    throw new KkiDomainError('missing_mandatory_field', {
      field: 'email',
      internal: `order ${order.id} has neither metadata.email nor metadata.phone for DOKU's card page`,
    });
  }
  return {
    id: order.customerId,
    ...(email && { email }),
    ...(phone && { phone }),
    ...(name && { name }),
  };
}

async function pageRequest(
  deps: ServiceDeps,
  input: Parameters<CardPaymentService['createPage']>[0],
  payment: PaymentRecord,
): Promise<PaymentPageRequest> {
  const { order, request } = input;
  // One token for both URLs: DOKU sends the customer to one of them, once.
  const token = await createCardReturnToken(deps.config.doku.secretKey, payment.id);
  const theme = request.theme;
  const hex = (colour: string | undefined) => colour?.replace(/^#/, '');
  const themes = {
    ...(request.language && { language: request.language === 'en' ? ('EN' as const) : ('ID' as const) }),
    ...(theme?.backgroundColor && { background_color: hex(theme.backgroundColor) }),
    ...(theme?.fontColor && { font_color: hex(theme.fontColor) }),
    ...(theme?.buttonBackgroundColor && { button_background_color: hex(theme.buttonBackgroundColor) }),
    ...(theme?.buttonFontColor && { button_font_color: hex(theme.buttonFontColor) }),
  };
  // Promos come from the order only (merchant-set): a promo changes the amount charged.
  const promos = order.cardOptions?.promos;
  const override = {
    ...(Object.keys(themes).length > 0 && { themes }),
    ...(promos?.length && { promo: promos.map((p) => ({ bin: p.bin, discount_amount: p.discountAmount })) }),
    ...(request.allowedBins && { allow_bin: request.allowedBins }),
    ...(request.allowedTenors && { allow_tenor: request.allowedTenors }),
  };
  return {
    order: {
      amount: order.amount,
      invoice_number: payment.partnerReferenceNo,
      // The hint in the query is only a hint: the return route asks DOKU before believing it.
      callback_url: cardReturnUrl(deps, payment.id, token, 'success', request.language),
      failed_url: cardReturnUrl(deps, payment.id, token, 'failed', request.language),
      auto_redirect: true,
      ...(order.lineItems.length > 0 && {
        line_items: order.lineItems.map((i) => ({ name: i.name, price: i.price, quantity: i.quantity })),
      }),
    },
    customer: cardCustomer(order),
    ...(request.saveCard && { card: { save: true } }),
    payment: {
      type: request.paymentType,
      ...(request.installment && {
        acquirer: request.installment.acquirer,
        tenor: request.installment.tenor,
      }),
    },
    ...(Object.keys(override).length > 0 && { override_configuration: override }),
    additional_info: { override_notification_url: bffUrl(deps.config, NOTIFICATION_PATHS.nonSnap) },
  };
}

/** An authorization's statuses once captured (a refund after the capture keeps it captured). */
const CAPTURED_STATUSES: readonly PaymentRecord['status'][] = ['succeeded', 'partially_refunded', 'refunded'];

/** Creates the Cards payment service on a DOKU client. */
export function createCardPaymentService(deps: ServiceDeps, client: DokuClient): CardPaymentService {
  /**
   * When `refusal` is the store's `order_payment_open` pointing at a card page of `orderId`: asks DOKU
   * first (the page may have been paid meanwhile), then cancels that attempt if still open. True when
   * the new attempt should be tried again. A DOKU success on the cancelled page arriving later is
   * refunded as an extra charge (`cancelled_attempt`), as for any cancelled attempt.
   */
  async function supersedeCardPage(refusal: unknown, orderId: string): Promise<boolean> {
    if (!(refusal instanceof StoreRuleError) || refusal.code !== 'order_payment_open') return false;
    if (refusal.details?.method !== 'card' || typeof refusal.details.paymentId !== 'string') return false;
    const open = await deps.store.payments.get(refusal.details.paymentId);
    if (open?.orderId !== orderId || open.nextAction.type !== 'card_page') return false;
    const checked = await service.confirm(open);
    // Settled meanwhile: the store's answer to the new attempt decides (e.g. `already_paid`).
    if (!isOpenPayment(checked.status)) return true;
    // Closed, or settled before the close could apply: the store's answer to the new attempt decides.
    return !isOpenPayment((await closePage(checked, 'new_attempt')).status);
  }

  /**
   * Cancels an open card payment DOKU still has open. DOKU has no call that closes its page, so the
   * page stays payable until its own deadline: asked about again until then (`recheckMark`), and a
   * payment made on it is refunded as an extra charge. A notification that settled it meanwhile wins.
   */
  async function closePage(checked: PaymentRecord, by: 'customer' | 'new_attempt'): Promise<PaymentRecord> {
    const { record } = await deps.store.payments.transition(checked.id, 'cancelled', {
      source: 'api',
      onlyWhileOpen: true,
      detail: { by },
      patch: { ...recheckMark(cardPageDeadline(checked)), nextAction: { type: 'none' } },
    });
    return record;
  }

  const service: CardPaymentService = {
    async cancel(payment) {
      // The page may have been paid meanwhile: DOKU's order status first.
      const checked = await service.confirm(payment);
      return isOpenPayment(checked.status) ? closePage(checked, 'customer') : checked;
    },

    async createPage(input) {
      const { ctx } = input;
      cardCustomer(input.order);
      const newPayment = () =>
        deps.store.payments.create({
          orderId: input.order.id,
          method: 'card',
          cardPaymentType: input.request.paymentType,
          partnerReferenceNo: ctx.externalId,
          externalId: ctx.externalId,
        });
      // A retry after an unknown outcome reuses the payment this key created (same invoice number).
      const existing = await deps.store.payments.findByPartnerReference(ctx.externalId);
      if (existing) {
        // A key used again for another order (past its retention) meets this key's payment.
        if (existing.orderId !== input.order.id) {
          throw new KkiDomainError('idempotency_key_reused', {
            internal: 'card page: the key paid another order',
          });
        }
        // Its page was made (or the payment ended): answered as it stands, never asked for again.
        if (existing.status !== 'created') return existing;
      }
      const payment =
        existing ??
        (await newPayment()
          .catch(async (error: unknown) => {
            // A new card page supersedes the order's earlier one (left open in a tab, or past its
            // time on the shopper's screen): that attempt is cancelled, once, and this one created.
            if (!(await supersedeCardPage(error, input.order.id))) throw error;
            return newPayment();
          })
          .catch((error: unknown) => {
            throw dokuFailure(error);
          }));
      let url: string;
      try {
        const page = await client.createPaymentPage(await pageRequest(deps, input, payment), {
          requestId: ctx.externalId,
        });
        url = page.data.credit_card_payment_page.url;
      } catch (error) {
        const failure = dokuFailure(error);
        if (!failure.outcomeUnknown) {
          await deps.store.payments.transition(payment.id, 'failed', {
            source: 'doku_response',
            patch: { error: failure.toKkiError(), nextAction: { type: 'none' } },
          });
        }
        throw failure;
      }
      const { record } = await deps.store.payments.transition(payment.id, 'pending', {
        source: 'doku_response',
        detail: { requestId: ctx.externalId },
        patch: {
          nextAction: {
            type: 'card_page',
            url,
            expiresAt: new Date(Date.now() + CARD_PAGE_LIFETIME_MS).toISOString(),
          },
        },
      });
      return record;
    },

    async confirm(payment) {
      if (payment.method !== 'card') throw new KkiDomainError('not_found');
      try {
        const status = await client.orderStatus(payment.partnerReferenceNo);
        const after = await applyCardStatus(deps, payment, status.data, 'status_check');
        // DOKU still said pending: asked about again until the page's own time has surely passed.
        return await expireIfPastDue(
          deps.store,
          after,
          cardPageDeadline(after),
          'doku_pending_past_due',
          recheckMark(cardPageDeadline(after)),
        );
      } catch (error) {
        // DOKU does not know the invoice yet (page never opened) or is unreachable: keep what we have,
        // unless DOKU's own answer says it has no such open order and the page is past its time.
        if (error instanceof DokuError) {
          deps.log.warn('card order status unavailable', { paymentId: payment.id, kind: error.kind });
          return isNoSuchOrder(error)
            ? expireIfPastDue(deps.store, payment, cardPageDeadline(payment), 'doku_unknown_past_due')
            : payment;
        }
        throw error;
      }
    },

    async capture(payment, amount, ctx) {
      let current = payment;
      if (isOpenPayment(current.status)) current = await service.confirm(current);
      const authorization = current.method === 'card' && current.cardPaymentType === 'AUTHORIZE';
      const capturedBefore = authorization && CAPTURED_STATUSES.includes(current.status);
      // The Request-Id names this key's capture of this payment: a key a merchant used again, past
      // its retention, for another payment is another capture at DOKU, never a replay of the first.
      const requestId = await ctx.dokuId(`capture ${current.id}`);
      // A capture stored before Request-Ids named the payment carries the key's own id.
      const capturedBy =
        current.doku.captureRequestId === ctx.externalId ? requestId : current.doku.captureRequestId;
      // Captured already: by this key (its answer was lost, or came by notification first) it is
      // answered again, asking DOKU under the same Request-Id when the BFF does not know which key it
      // was (a replay at DOKU, never a second capture); by another key it is refused.
      if (capturedBefore && (capturedBy === undefined || capturedBy === requestId)) {
        if (capturedBy === requestId) return current;
      } else if (!authorization || current.status !== 'authorized') {
        throw new KkiDomainError('operation_not_allowed', {
          internal: `capture of a ${current.status} ${current.cardPaymentType ?? current.method} payment`,
        });
      }
      // An authorization the order does not keep (a late page, the order paid by another payment)
      // is being voided: capturing it would charge the order twice.
      if (await deps.store.extraCharges.get(current.id)) {
        throw new KkiDomainError('operation_not_allowed', { internal: 'capture of an extra charge' });
      }
      // What DOKU holds (a promo lowers it below the order's amount) caps the capture.
      const held = chargedAmount(current);
      if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0 || amount > held)) {
        throw new KkiDomainError('invalid_amount', { field: 'amount' });
      }
      const authorizeId = current.doku.authorizeId;
      if (typeof authorizeId !== 'string') {
        throw new KkiDomainError('invalid_transaction_status', { internal: 'no authorize_id from DOKU yet' });
      }
      // Set before the call goes, so reconciliation asks DOKU about a capture whose outcome never
      // reaches the store (the process stops, the notification is lost, no retry comes); cleared when
      // DOKU refuses it (a mark left behind only costs status checks for a day).
      const markSent = async (at: string | null) => {
        if (capturedBefore) return;
        current = await deps.store.payments.update(current.id, { doku: { [CAPTURE_SENT_AT_FACT]: at } });
      };
      await markSent(new Date().toISOString());
      try {
        const answer = await client.capture(
          { payment: { authorize_id: authorizeId, ...(amount !== null && { capture_amount: amount }) } },
          { requestId },
        );
        const captured = answer.data.payment;
        if (captured.status === 'FAILED') {
          if (capturedBefore)
            throw new KkiDomainError('operation_not_allowed', { internal: 'captured by another key' });
          // DOKU's word on the authorization (released, voided) is applied before the refusal is
          // answered, so a refresh shows why and the order is freed.
          await markSent(null).catch(() => {});
          await service.confirm(current).catch(() => current);
          throw new KkiDomainError(kkiErrorFromNonSnap(answer.data) ?? 'invalid_transaction_status', {
            ...(captured.response_code !== undefined && { dokuResponseCode: captured.response_code }),
          });
        }
        // Not settled yet: an unknown outcome, so the key is released and a retry asks DOKU again
        // (storing `authorized` as the key's answer read as "nothing captured").
        if (captured.status === 'PENDING') {
          throw new KkiDomainError('payment_in_progress', {
            outcomeUnknown: true,
            internal: 'capture pending',
          });
        }
        if (capturedBefore) {
          return deps.store.payments.update(current.id, { doku: { captureRequestId: requestId } });
        }
        const taken = amount ?? held;
        const { record } = await deps.store.payments.transition(current.id, 'succeeded', {
          source: 'merchant',
          detail: { capturedAmount: taken },
          patch: { doku: { chargedAmount: taken, captureRequestId: requestId } },
        });
        return record;
      } catch (error) {
        // DOKU has seen this Request-Id before and keeps no original to answer with (its documented
        // 409): the authorization is captured, and this key's capture reached DOKU, so it was this one.
        if (capturedBefore && error instanceof DokuError && error.reason === 'replay_unresolved') {
          return deps.store.payments.update(current.id, { doku: { captureRequestId: requestId } });
        }
        if (isDokuDecision(error) && !capturedBefore) {
          await markSent(null).catch(() => {});
          await service.confirm(current).catch(() => current);
        }
        throw dokuFailure(error);
      }
    },
  };
  return service;
}
