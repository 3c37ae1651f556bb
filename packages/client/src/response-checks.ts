// What the browser checks in the BFF's success answers, instead of parsing them with the contract's
// zod schemas. The BFF built the answer from those schemas; a full parse here would cost every page
// zod (up to 33 kB minified) to re-prove it. These checks cover only what protects the shopper when an
// answer is not what the UI expects (a proxy's page, a half-deployed BFF, a tampered response): the
// status the UI branches on, the ids it acts on, the amounts and dates it formats, and the URLs it
// links to or frames, which must not be `javascript:` or `data:`.
import {
  BINDING_STATUSES,
  ID_PREFIXES,
  isKkiErrorShape,
  isOpaqueId,
  KKI_INTEGRATIONS,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  SAVED_CARD_STATUSES,
} from '@kki-kit/contract';
import type { KkiJsonRouteId } from './bff-client.js';

type Fields = Record<string, unknown>;
type Check = (value: Fields) => boolean;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const oneOf = (list: readonly string[], value: unknown) => list.includes(value as string);
const isAmount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
// Dates the UI formats or counts down to: a date string the browser can read (an unreadable one
// makes `Intl.DateTimeFormat#format` throw mid-render).
const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const optionalTime = (value: unknown) => value == null || isTime(value);

/** A page the browser opens or frames: http(s) only. */
const PAGE_URL = /^https?:\/\//i;
/**
 * A link to the issuer's app: a web page or the app's own scheme (DOKU's `appRedirectUrl`), never a
 * scheme that runs script or carries content in the page's origin.
 */
const APP_URL = /^(?!(javascript|data|vbscript|file|blob):)[a-z][a-z\d+.-]*:/i;

/** Whether `nextAction` is one of `allowed`, with a safe URL where the type carries one. */
function isNextAction(action: unknown, allowed: readonly string[]): boolean {
  if (!isObject(action) || !oneOf(allowed, action.type)) return false;
  if (action.type === 'none') return true;
  const { url } = action;
  return (
    optionalTime(action.expiresAt) &&
    (action.type === 'otp_input' ||
      (typeof url === 'string' && (action.type === 'issuer_app' ? APP_URL : PAGE_URL).test(url)))
  );
}

const hasError = (view: Fields) => view.error === null || isKkiErrorShape(view.error);

const isPayment: Check = (p) =>
  isOpaqueId(p.id, ID_PREFIXES.payment) &&
  oneOf(PAYMENT_STATUSES, p.status) &&
  isAmount(p.amount) &&
  isAmount(p.refundableAmount) &&
  isNextAction(p.nextAction, ['issuer_app', 'otp_redirect', 'card_page', 'checkout_page', 'none']) &&
  hasError(p);

const isBinding: Check = (b) =>
  isOpaqueId(b.id, ID_PREFIXES.binding) &&
  oneOf(BINDING_STATUSES, b.status) &&
  isNextAction(b.nextAction, ['otp_redirect', 'otp_input', 'none']) &&
  hasError(b);

const isSavedCard = (c: unknown) =>
  isObject(c) &&
  isOpaqueId(c.id, ID_PREFIXES.card) &&
  oneOf(SAVED_CARD_STATUSES, c.status) &&
  typeof c.maskedCpan === 'string' &&
  isTime(c.addedAt);

const isRefund = (r: unknown) =>
  isObject(r) &&
  isOpaqueId(r.id, ID_PREFIXES.refund) &&
  oneOf(REFUND_STATUSES, r.status) &&
  isAmount(r.amount) &&
  isTime(r.createdAt) &&
  hasError(r);

const isListOf = (list: unknown, item: (value: unknown) => boolean) =>
  Array.isArray(list) && list.every(item);

/** The check of each JSON route's success body. */
export const RESPONSE_CHECKS: { readonly [Id in KkiJsonRouteId]: Check } = {
  getOrder: (o) =>
    isOpaqueId(o.id, ID_PREFIXES.order) &&
    isAmount(o.amount) &&
    oneOf(ORDER_STATUSES, o.status) &&
    // The flow follows it: a payment id or nothing (absent from an older BFF).
    (o.openPaymentId == null || isOpaqueId(o.openPaymentId, ID_PREFIXES.payment)),
  createKkiPayment: isPayment,
  getPayment: isPayment,
  cancelPayment: isPayment,
  createCardPayment: isPayment,
  createCheckoutPayment: isPayment,
  getKitConfig: (c) => isObject(c.kki) && oneOf(KKI_INTEGRATIONS, c.kki.integration),
  createBinding: isBinding,
  getBinding: isBinding,
  verifyBindingOtp: isBinding,
  listSavedCards: (r) => isListOf(r.cards, isSavedCard),
  removeSavedCard: (r) =>
    typeof r.removed === 'boolean' &&
    isSavedCard(r.card) &&
    (r.redirectUrl === undefined || (typeof r.redirectUrl === 'string' && PAGE_URL.test(r.redirectUrl))),
  createRefund: isRefund,
  listRefunds: (r) => isListOf(r.refunds, isRefund),
};

/** Whether `body` is a success answer of route `id` the UI can safely use. */
export function isUsableResponse(id: KkiJsonRouteId, body: unknown): boolean {
  return isObject(body) && RESPONSE_CHECKS[id](body);
}
