// DOKU Checkout payments: the path for merchants without PCI DSS. DOKU's page takes the card (KKI or
// a credit card); the BFF sends the order's amount and items, a customer id derived from the
// signed-in customer, and learns the result from DOKU's order status and notification, never from
// the browser or the return URL.
import type { CheckoutChannel, CheckoutDisplay } from '@kki-kit/contract';
import {
  CHECKOUT_METHOD_TYPES,
  type CheckoutPaymentRequest,
  checkoutCustomerEmailSchema,
  checkoutExpiresAt,
  checkoutOutcomeOf,
  type DokuClient,
  DokuError,
} from '@kki-kit/doku';
import { CARD_CUSTOMER_METADATA } from '../card-payments/service.js';
import { KkiDomainError } from '../errors.js';
import { bffUrl } from '../http/urls.js';
import { NOTIFICATION_PATHS } from '../notifications/paths.js';
import { createReturnToken } from '../security/return-token.js';
import { checkoutCustomerIdFor } from '../services/customer-ref.js';
import { dokuFailure } from '../services/doku-outcome.js';
import { expireIfPastDue as expirePastDue, isNoSuchOrder, recheckMark } from '../services/page-expiry.js';
import type { CheckoutPaymentService, ServiceDeps } from '../services/types.js';
import type { OrderRecord, PaymentRecord } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import { applyCheckoutOutcome, checkoutDeadline, checkoutOutcomeIsFor } from './outcome.js';

/** The `doku` fact holding the shop page the customer returns to after a full-page redirect. */
export const CHECKOUT_RETURN_URL_FACT = 'shopReturnUrl';

/**
 * Where DOKU Checkout sends the customer back (the `checkoutReturn` route) with the payment's
 * single-use return token and how the shop shows the page; `cancel` marks the URL DOKU uses when
 * the customer cancels on its page.
 */
export function checkoutReturnUrl(
  deps: Pick<ServiceDeps, 'config'>,
  paymentId: string,
  token: string,
  display: CheckoutDisplay,
  cancel = false,
): string {
  const query = new URLSearchParams({ token, display, ...(cancel && { result: 'cancel' }) });
  return `${bffUrl(deps.config, `/checkout/payments/${encodeURIComponent(paymentId)}/return`)}?${query}`;
}

// DOKU refuses line items that do not add up to the amount: they are sent only when they do.
function lineItems(order: OrderRecord): CheckoutPaymentRequest['order']['line_items'] {
  const items = order.lineItems.map((i) => ({ name: i.name, price: i.price, quantity: i.quantity }));
  const sum = items.reduce((total, i) => total + i.price * i.quantity, 0);
  return items.length > 0 && sum === order.amount ? items : undefined;
}

// The customer block: the derived id (tokenization), and the contact details the merchant put on
// the order, when well-formed (DOKU's page asks for what is missing). The email is held to the DOKU
// client's own rule: one it would refuse would fail the payment with an error the customer cannot fix.
async function customerBlock(
  deps: ServiceDeps,
  customerId: string,
  order: OrderRecord,
): Promise<NonNullable<CheckoutPaymentRequest['customer']>> {
  const meta = order.metadata;
  const email = meta[CARD_CUSTOMER_METADATA.email];
  const phone = meta[CARD_CUSTOMER_METADATA.phone]?.replace(/^\+/, '');
  const name = meta[CARD_CUSTOMER_METADATA.name];
  return {
    // The id kept from the customer's first Checkout payment: a rotated secret key keeps it.
    id: await deps.store.checkoutCustomers.idFor(
      customerId,
      await checkoutCustomerIdFor(deps.config.doku.secretKey, customerId),
    ),
    ...(email && checkoutCustomerEmailSchema.safeParse(email).success && { email }),
    ...(phone && /^\d{6,16}$/.test(phone) && { phone }),
    ...(name && name.length <= 255 && { name }),
  };
}

/** Creates the Checkout payment service on a DOKU client. */
export function createCheckoutPaymentService(deps: ServiceDeps, client: DokuClient): CheckoutPaymentService {
  const { store, log } = deps;

  async function request(
    input: Parameters<CheckoutPaymentService['create']>[0],
    payment: PaymentRecord,
    dueMinutes: number,
  ): Promise<CheckoutPaymentRequest> {
    const { order } = input;
    // One token for both URLs: DOKU sends the customer to one of them, once. It outlives the page.
    const token = await createReturnToken(
      deps.config.doku.secretKey,
      'checkout',
      payment.id,
      (dueMinutes + 60) * 60_000,
    );
    const items = lineItems(order);
    return {
      order: {
        amount: order.amount,
        invoice_number: payment.partnerReferenceNo,
        currency: 'IDR',
        callback_url: checkoutReturnUrl(deps, payment.id, token, input.display),
        callback_url_cancel: checkoutReturnUrl(deps, payment.id, token, input.display, true),
        auto_redirect: true,
        ...(input.language && { language: input.language === 'en' ? ('EN' as const) : ('ID' as const) }),
        ...(items && { line_items: items }),
      },
      payment: {
        payment_due_date: dueMinutes,
        payment_method_types: input.methods.map((m: CheckoutChannel) => CHECKOUT_METHOD_TYPES[m]),
      },
      customer: await customerBlock(deps, input.customerId, order),
      additional_info: { override_notification_url: bffUrl(deps.config, NOTIFICATION_PATHS.nonSnap) },
    };
  }

  // An open checkout DOKU no longer takes payments on is expired here, so the order can be paid again.
  // When DOKU last said pending, DOKU is asked about it again later (`recheckMark`).
  const expireIfPastDue = (payment: PaymentRecord, why: string, recheck: boolean) =>
    expirePastDue(
      store,
      payment,
      checkoutDeadline(deps, payment),
      why,
      recheck ? recheckMark(checkoutDeadline(deps, payment)) : {},
    );

  const service: CheckoutPaymentService = {
    async create(input) {
      const { ctx } = input;
      const checkout = deps.config.checkout;
      if (!checkout) throw new KkiDomainError('not_found', { internal: 'DOKU Checkout is off' });
      // A retry after an unknown outcome reuses the payment this key created (same invoice number).
      const existing = await store.payments.findByPartnerReference(ctx.externalId);
      // A key used again for another order (past its retention) meets this key's payment.
      if (existing && existing.orderId !== input.order.id) {
        throw new KkiDomainError('idempotency_key_reused', {
          internal: 'checkout: the key paid another order',
        });
      }
      if (existing && existing.nextAction.type === 'checkout_page') return existing;
      if (existing && !isOpenPayment(existing.status)) return existing;
      const payment =
        existing ??
        (await store.payments
          .create({
            orderId: input.order.id,
            method: 'checkout',
            partnerReferenceNo: ctx.externalId,
            externalId: ctx.externalId,
          })
          .catch((error: unknown) => {
            throw dokuFailure(error);
          }));
      let url: string;
      let expiresAt: Date;
      try {
        const answer = await client.createCheckoutPayment(
          await request(input, payment, checkout.dueMinutes),
          { requestId: ctx.externalId },
        );
        url = answer.data.response.payment.url;
        expiresAt =
          checkoutExpiresAt(answer.data.response.payment) ??
          new Date(Date.now() + checkout.dueMinutes * 60_000);
      } catch (error) {
        const failure = dokuFailure(error);
        if (!failure.outcomeUnknown) {
          await store.payments.transition(payment.id, 'failed', {
            source: 'doku_response',
            patch: { error: failure.toKkiError(), nextAction: { type: 'none' } },
          });
        }
        throw failure;
      }
      const page = {
        nextAction: { type: 'checkout_page' as const, url, expiresAt: expiresAt.toISOString() },
        doku: { [CHECKOUT_RETURN_URL_FACT]: input.returnUrl },
      };
      const { applied, record } = await store.payments.transition(payment.id, 'pending', {
        source: 'doku_response',
        detail: { requestId: ctx.externalId },
        patch: page,
      });
      // Already `pending` (DOKU's status or notification said so while this call's first try had no
      // answer): the customer still needs the page. A payment closed meanwhile keeps its outcome.
      if (!applied && isOpenPayment(record.status)) return store.payments.update(payment.id, page);
      return record;
    },

    async confirm(payment) {
      if (payment.method !== 'checkout') throw new KkiDomainError('not_found');
      try {
        const status = await client.orderStatus(payment.partnerReferenceNo);
        const outcome = checkoutOutcomeOf(status.data);
        if (
          outcome.status === 'succeeded' &&
          checkoutOutcomeIsFor(payment, outcome) &&
          outcome.amount !== null &&
          outcome.amount !== payment.amount
        ) {
          // DOKU took money for this invoice, but not the order's amount: the order is not paid by
          // it, and the payment is never closed as if nothing was taken (the order could then be paid
          // twice). It is held open, asked about on every pass, until a person settles it at DOKU.
          log.error('checkout payment taken at another amount: held for a person', {
            paymentId: payment.id,
            orderId: payment.orderId,
            amount: payment.amount,
            dokuAmount: outcome.amount,
          });
          return await store.payments.update(payment.id, { lastCheckedAt: new Date() });
        }
        const after = await applyCheckoutOutcome(deps, payment, status.data, 'status_check');
        return await expireIfPastDue(after, 'doku_pending_past_due', true);
      } catch (error) {
        if (!(error instanceof DokuError)) throw error;
        log.warn('checkout order status unavailable', { paymentId: payment.id, kind: error.kind });
        // Only DOKU's own answer that it has no such order (404: never opened, long gone) ends a page
        // past its time; any other refusal (a signature, a rate or a field DOKU refused) or an
        // unreachable DOKU says nothing about the page: the payment stays as it is, for the next check.
        return isNoSuchOrder(error) ? expireIfPastDue(payment, 'doku_unknown_past_due', false) : payment;
      }
    },

    async cancel(payment) {
      // DOKU Checkout has no cancel call: DOKU's order status is asked first (the payment may have
      // been paid meanwhile), then the payment is closed here. DOKU's EXPIRED is a page closed
      // without payment, which is what DOKU says after a cancel on its page
      // (`CHECKOUT_CANCELLED_STATUS`): the customer's cancel stands. A later success DOKU reports is
      // refunded as an extra charge; until DOKU's page closes, reconciliation asks DOKU again
      // (`recheckMark`), so a success whose notification is lost is refunded too.
      if (payment.method !== 'checkout') throw new KkiDomainError('not_found');
      let current = payment;
      let pageClosed = false;
      try {
        const status = await client.orderStatus(payment.partnerReferenceNo);
        const word = checkoutOutcomeOf(status.data).status;
        if (word === 'succeeded' || word === 'failed') {
          return await applyCheckoutOutcome(deps, payment, status.data, 'status_check');
        }
        pageClosed = word === 'expired';
        current = await store.payments.update(payment.id, { lastCheckedAt: new Date() });
      } catch (error) {
        if (!(error instanceof DokuError)) throw error;
        log.warn('checkout order status unavailable at cancel', { paymentId: payment.id, kind: error.kind });
      }
      if (!isOpenPayment(current.status)) return current;
      const { record } = await store.payments.transition(current.id, 'cancelled', {
        source: 'api',
        onlyWhileOpen: true,
        detail: { by: 'customer' },
        patch: {
          ...(!pageClosed && recheckMark(checkoutDeadline(deps, current))),
          nextAction: { type: 'none' },
        },
      });
      return record;
    },
  };
  return service;
}
