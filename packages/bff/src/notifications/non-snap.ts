// DOKU Cards (Non-SNAP) notifications: HMACSHA256 over Client-Id, Request-Id, Request-Timestamp,
// Request-Target (the notification URL's path DOKU was given) and Digest; a stale timestamp is a
// replay and is refused; every Request-Id is applied once through the store inbox. The answer is a
// quick 2xx once the state is stored, so DOKU stops retrying.
import { isMaskedCpan } from '@kki-kit/contract';
import {
  type CardNotification,
  cardNotificationSchema,
  checkoutOutcomeOf,
  verifyNonSnap,
} from '@kki-kit/doku';
import type { Context } from 'hono';
import { applyCardStatus } from '../card-payments/service.js';
import { applyCheckoutOutcome, checkoutOutcomeMatches } from '../checkout/outcome.js';
import { bffUrl } from '../http/urls.js';
import { NOTIFICATION_PATHS } from './paths.js';
import { isPlausibleReference } from './reference.js';
import type { PaymentRecord } from '../store/index.js';
import { SETTLED_PAYMENT_STATUSES } from '../store/payment-state.js';
import type { ServiceDeps } from '../services/types.js';

/** Options of {@link createNonSnapNotificationHandler}. */
export interface NonSnapNotificationOptions {
  /** Largest accepted distance of `Request-Timestamp` from now (default 5 minutes). */
  maxSkewMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /**
   * Settles a card payment with DOKU's order status (the card payment service's `confirm`): used
   * when a verified notification has a shape the schema does not expect.
   */
  checkPayment?: (payment: PaymentRecord) => Promise<PaymentRecord>;
  /**
   * Settles a DOKU Checkout payment with DOKU's order status (the checkout service's `confirm`): used
   * when a verified notification names another amount than the payment's.
   */
  checkCheckout?: (payment: PaymentRecord) => Promise<PaymentRecord>;
}

/**
 * The invoice number a Cards or Checkout notification names: `order.invoice_number`, or at the top
 * level (a body of unknown shape). Every inbox copy keeps it.
 */
export function invoiceNumberIn(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const top = json as { order?: { invoice_number?: unknown }; invoice_number?: unknown };
  const v = top.order?.invoice_number ?? top.invoice_number;
  return isPlausibleReference(v) ? v : null;
}

/** The notification path DOKU signs (`Request-Target`): the public URL's path plus the route's. */
export function nonSnapNotificationTarget(deps: Pick<ServiceDeps, 'config'>): string {
  return new URL(bffUrl(deps.config, NOTIFICATION_PATHS.nonSnap)).pathname;
}

/**
 * The notification as the inbox keeps it: DOKU's saved-card token (`card.token`) and a card number
 * that is not masked are dropped, so no card data or token sits in the database in clear.
 */
export function inboxCopy(notification: CardNotification): Record<string, unknown> {
  const copy = structuredClone(notification) as Record<string, unknown> & {
    card?: Record<string, unknown>;
    card_payment?: Record<string, unknown>;
  };
  if (copy.card) {
    delete copy.card.token;
    // Any value that is not a mask goes (a number as a JSON number too).
    if (!isMaskedCpan(copy.card.masked)) delete copy.card.masked;
  }
  const masked = copy.card_payment?.masked_card_number;
  if (copy.card_payment && masked !== undefined && !isMaskedCpan(masked)) {
    delete copy.card_payment.masked_card_number;
  }
  return copy;
}

/**
 * A Checkout notification as the inbox keeps it: only the envelope the outcome is read from (order,
 * transaction, channel, service); card blocks, tokens and customer details are left out.
 */
export function checkoutInboxCopy(json: unknown): Record<string, unknown> {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const keep = ['order', 'transaction', 'channel', 'service', 'acquirer'] as const;
  return Object.fromEntries(keep.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

/** Creates the `nonSnap` half of the notification service. */
export function createNonSnapNotificationHandler(
  deps: ServiceDeps,
  options: NonSnapNotificationOptions = {},
): (c: Context) => Promise<Response> {
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const target = nonSnapNotificationTarget(deps);
  const refuse = (c: Context, status: 400 | 401, reason: string) => {
    deps.log.warn('cards notification refused', { reason });
    return c.json({ status: 'refused', reason }, status);
  };

  return async (c) => {
    const body = await c.req.text();
    const clientId = c.req.header('Client-Id');
    const requestId = c.req.header('Request-Id');
    const timestamp = c.req.header('Request-Timestamp');
    const signature = c.req.header('Signature');
    if (!clientId || !requestId || !timestamp || !signature) return refuse(c, 401, 'missing headers');
    const at = Date.parse(timestamp);
    if (!/Z$/.test(timestamp) || Number.isNaN(at) || Math.abs(now() - at) > maxSkewMs) {
      return refuse(c, 401, 'stale or malformed Request-Timestamp');
    }
    const valid =
      clientId === deps.config.doku.nonSnapClientId &&
      (await verifyNonSnap({
        clientId,
        requestId,
        timestamp,
        requestTarget: target,
        body,
        secretKey: deps.config.doku.nonSnapSecretKey,
        signature,
      }));
    if (!valid) return refuse(c, 401, 'bad signature');

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse(c, 400, 'body is not JSON');
    }
    // A DOKU Checkout payment's notification (KKI or a card on DOKU's page): read tolerantly.
    const invoice = invoiceNumberIn(json);
    const subject = invoice ? await deps.store.payments.findByPartnerReference(invoice) : null;
    if (subject?.method === 'checkout') {
      const { record, duplicate } = await deps.store.inbox.record(
        'non_snap',
        requestId,
        checkoutInboxCopy(json),
      );
      if (duplicate && record.status !== 'received') return c.json({ status: 'ok', duplicate: true }, 200);
      const matches = checkoutOutcomeMatches(subject, checkoutOutcomeOf(json));
      // Signed, so DOKU's word; one of another amount is settled with DOKU's order status at once
      // (held to the payment's amount the same way) rather than left for reconciliation.
      const check = SETTLED_PAYMENT_STATUSES.includes(subject.status) ? undefined : options.checkCheckout;
      if (!matches && !check) {
        await deps.store.inbox.finish(record.id, 'ignored', subject.id, 'amount does not match');
        deps.log.warn('checkout notification for no matching payment', { dokuRequestId: requestId });
        return c.json({ status: 'ok' }, 200);
      }
      const updated =
        !matches && check
          ? await check(subject)
          : await applyCheckoutOutcome(deps, subject, json, 'notification');
      await deps.store.inbox.finish(record.id, 'applied', subject.id);
      deps.log[matches ? 'info' : 'warn'](
        matches
          ? 'checkout notification applied'
          : 'checkout notification of another amount: checked with order status',
        { dokuRequestId: requestId, paymentId: subject.id, status: updated.status },
      );
      return c.json({ status: 'ok' }, 200);
    }

    const parsed = cardNotificationSchema.safeParse(json);
    if (!parsed.success) {
      // Signed, so DOKU's word, but of a shape the schema does not expect: acknowledged (DOKU would
      // retry a 4xx, then give up) and the payment checked with the order status at once. Only the
      // invoice number is kept: an unknown body may hold card details the inbox must not store.
      const { record, duplicate } = await deps.store.inbox.record('non_snap', requestId, {
        unknownShape: true,
        order: { invoice_number: invoice },
      });
      if (duplicate && record.status !== 'received') return c.json({ status: 'ok', duplicate: true }, 200);
      const payment = subject;
      if (payment?.method !== 'card' || !options.checkPayment) {
        await deps.store.inbox.finish(record.id, 'ignored', payment?.id ?? null, 'unknown shape');
        deps.log.warn('cards notification of unknown shape for no card payment', {
          dokuRequestId: requestId,
        });
        return c.json({ status: 'ok' }, 200);
      }
      const checked = SETTLED_PAYMENT_STATUSES.includes(payment.status)
        ? payment
        : await options.checkPayment(payment);
      await deps.store.inbox.finish(record.id, 'applied', payment.id);
      deps.log.warn('cards notification of unknown shape: checked with order status', {
        dokuRequestId: requestId,
        paymentId: payment.id,
        status: checked.status,
      });
      return c.json({ status: 'ok' }, 200);
    }
    const notification = parsed.data;

    const { record, duplicate } = await deps.store.inbox.record(
      'non_snap',
      requestId,
      inboxCopy(notification),
    );
    // Applied (or ignored) before: answer as the first time. `received` means a crash mid-apply.
    if (duplicate && record.status !== 'received') return c.json({ status: 'ok', duplicate: true }, 200);

    const payment = await deps.store.payments.findByPartnerReference(notification.order.invoice_number);
    if (payment?.method !== 'card' || payment.amount !== notification.order.amount) {
      await deps.store.inbox.finish(record.id, 'ignored', payment?.id ?? null, 'no matching card payment');
      deps.log.warn('cards notification for no matching payment', { dokuRequestId: requestId });
      return c.json({ status: 'ok' }, 200);
    }
    // Order is kept by the store's state table: a late PENDING never overwrites SUCCESS, a capture
    // moves `authorized` on, an AUTHORIZE arriving after its capture is skipped.
    const updated = await applyCardStatus(deps, payment, notification, 'notification');
    await deps.store.inbox.finish(record.id, 'applied', payment.id);
    deps.log.info('cards notification applied', {
      dokuRequestId: requestId,
      paymentId: payment.id,
      status: updated.status,
    });
    return c.json({ status: 'ok' }, 200);
  };
}
