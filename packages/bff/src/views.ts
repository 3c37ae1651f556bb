// Record → contract view. The browser sees only these shapes; each is parsed by its contract schema
// on the way out, so a field the contract does not name (a token, a DOKU reference) cannot leak.
import type {
  BindingView,
  KkiCopyFlow,
  KkiCopyOverrides,
  KkiLocale,
  OrderView,
  PaymentView,
  RefundView,
  SavedCardView,
} from '@kki-kit/contract';
import { getErrorCopy, isKkiError, issuerById } from '@kki-kit/contract';
import { OFFLINE_PAGE_LANGUAGE_PARAM } from '@kki-kit/doku';
import { isOpenPayment } from './store/payment-state.js';
import {
  type BindingRecord,
  chargedAmount,
  type OrderRecord,
  type PaymentRecord,
  type RefundRecord,
  type SavedCardRecord,
} from './store/index.js';

const issuerId = (value: string | null) => issuerById(value)?.id ?? null;

/** An order for the page, with its attempt still in progress (`open`: its id and method), if any. */
export function orderView(
  o: OrderRecord,
  open: Pick<PaymentRecord, 'id' | 'method'> | null | undefined,
): OrderView {
  return {
    id: o.id,
    amount: o.amount,
    currency: o.currency,
    description: o.description,
    lineItems: o.lineItems,
    status: o.status,
    paidPaymentId: o.paidPaymentId,
    openPaymentId: open?.id ?? null,
    openPaymentMethod: open?.method ?? null,
    cardOptions: o.cardOptions,
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
  };
}

/** A payment for the browser and merchant code. */
export function paymentView(p: PaymentRecord): PaymentView {
  const refundable = p.status === 'succeeded' || p.status === 'partially_refunded';
  return {
    id: p.id,
    orderId: p.orderId,
    method: p.method,
    kkiKind: p.kkiKind,
    cardPaymentType: p.cardPaymentType,
    checkoutChannel: p.checkoutChannel,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    refundedAmount: p.refundedAmount,
    refundableAmount: refundable ? Math.max(chargedAmount(p) - p.refundedAmount, 0) : 0,
    // A finished payment has nothing left for the customer to do, whatever was stored.
    nextAction: isOpenPayment(p.status) ? p.nextAction : { type: 'none' },
    error: p.error,
    card:
      p.maskedCpan || p.savedCardId
        ? { maskedCpan: p.maskedCpan, issuer: issuerId(p.issuer), cardId: p.savedCardId }
        : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A saved card (only `active` and `removing` cards are ever listed; `removed` is for its event). */
export function savedCardView(s: SavedCardRecord): SavedCardView {
  return {
    id: s.id,
    maskedCpan: s.maskedCpan,
    issuer: issuerId(s.issuer),
    issuerName: s.issuerName,
    addedAt: s.createdAt.toISOString(),
    status: s.status,
  };
}

/** A binding attempt. */
export function bindingView(b: BindingRecord): BindingView {
  return {
    id: b.id,
    mode: b.mode,
    status: b.status,
    maskedCpan: b.maskedCpan,
    issuer: issuerId(b.issuer),
    nextAction: b.status === 'pending' ? b.nextAction : { type: 'none' },
    cardId: b.cardId,
    error: b.error,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** A refund. */
export function refundView(r: RefundRecord): RefundView {
  return {
    id: r.id,
    paymentId: r.paymentId,
    amount: r.amount,
    currency: r.currency,
    type: r.type,
    status: r.status,
    reason: r.reason,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const LOCALIZED_PAGES: ReadonlySet<unknown> = new Set(['issuer_app', 'otp_redirect']);

/**
 * An answer whose next action opens one of the offline sandbox's KKI pages, with the request's
 * language on the page's URL (`OFFLINE_PAGE_LANGUAGE_PARAM`): DOKU's KKI requests carry no language.
 * Added when the answer leaves, like the errors' wording, so a replay speaks this request's language.
 */
export function withOfflinePageLanguage(body: unknown, locale: KkiLocale): unknown {
  if (!isRecord(body) || !isRecord(body.nextAction)) return body;
  const { type, url } = body.nextAction;
  if (!LOCALIZED_PAGES.has(type) || typeof url !== 'string' || !URL.canParse(url)) return body;
  return { ...body, nextAction: { ...body.nextAction, url: offlinePageUrl(url, locale) } };
}

/** An offline sandbox page's URL in `locale` (see {@link withOfflinePageLanguage}). */
export function offlinePageUrl(url: string, locale: KkiLocale): string {
  const localized = new URL(url);
  localized.searchParams.set(OFFLINE_PAGE_LANGUAGE_PARAM, locale);
  return localized.href;
}

/** How one answer words catalogue errors: the request's language and the merchant's copy. */
export interface ErrorWording {
  readonly locale: KkiLocale;
  readonly overrides: KkiCopyOverrides | undefined;
  /** The reader of the route's errors, when not a shopper paying (see `KKI_ROUTE_COPY_FLOWS`). */
  readonly flow?: KkiCopyFlow | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function wordView(view: Record<string, unknown>, wording: ErrorWording): Record<string, unknown> {
  const error = view.error;
  if (!isKkiError(error)) return view;
  const message = getErrorCopy(error.code, wording.locale, wording.overrides, error.field, wording.flow);
  return { ...view, error: { ...error, message } };
}

/**
 * A JSON answer whose views' errors (a declined payment's, a failed binding's or refund's) are worded
 * for this request, as error bodies are. The store keeps them as they were first worded (the default
 * language, no merchant copy), so they are worded when they leave, for whoever asks. Views are found
 * by shape: the answer itself, or the items of a list it holds (`{ refunds: [...] }`).
 */
export function wordViewErrors(body: unknown, wording: ErrorWording): unknown {
  if (!isRecord(body)) return body;
  const entries = Object.entries(wordView(body, wording)).map(([key, value]) => [
    key,
    Array.isArray(value) ? value.map((v) => (isRecord(v) ? wordView(v, wording) : v)) : value,
  ]);
  return Object.fromEntries(entries);
}
