// DOKU hosts, endpoint paths and SNAP service codes the kit uses: the one place they are spelled.

/** DOKU hosts (doku-api.md §0 "Hosts"). */
export const DOKU_HOSTS = {
  sandbox: 'https://api-sandbox.doku.com',
  production: 'https://api.doku.com',
} as const;

/** The KKI channel value in `additionalInfo.channel` / `channelId` (doku-api.md §5.3, §5.5). */
export const KARTU_KREDIT_INDONESIA = 'KARTU_KREDIT_INDONESIA' as const;

/** SNAP endpoint paths (doku-api.md §1.1, §5.2). */
export const SNAP_PATHS = {
  b2bToken: '/authorization/v1/access-token/b2b',
  cardBind: '/direct-debit/core/v1/registration-card-bind',
  otpVerification: '/direct-debit/core/v1/otp-verification',
  cardUnbind: '/direct-debit/core/v1/registration-card-unbind',
  payment: '/direct-debit/core/v1/debit/payment-host-to-host',
  status: '/orders/v1.0/debit/status',
  refund: '/direct-debit/core/v1/debit/refund',
  /** DOKU's example path for the merchant's notification endpoint; merchants configure their own. */
  notification: '/v1.0/debit/notify',
} as const;

/**
 * The B2B2C (customer) token, service 74 (doku-api.md §1.1 [DOC-B2B2C]). The kit never calls it
 * (KKI has no customer `authCode` to exchange, `KKI_SEND_AUTHORIZATION_CUSTOMER`); DOKU's SDKs do,
 * so the sandbox serves it.
 */
export const SNAP_B2B2C_TOKEN_PATH = '/authorization/v1/access-token/b2b2c';

/** SNAP service codes (defined with the response codes they are part of). */
export { SNAP_SERVICE_CODES } from './response-code.js';

/** Names of the SNAP endpoints the client calls. */
export type SnapEndpoint = Exclude<keyof typeof SNAP_PATHS, 'notification'>;

/** Non-SNAP (Cards) endpoint paths (doku-api.md §7). */
export const NON_SNAP_PATHS = {
  paymentPage: '/credit-card/v1/payment-page',
  capture: '/credit-card/capture',
  /** [SEED-003]; DOKU's Postman uses `/credit-card/v1/cancellation/credit-card/refund` (§7.3 CONFLICT). */
  cardRefund: '/cancellation/credit-card/refund',
  deleteTokenization: '/credit-card/delete-tokenization',
  /** `GET`, signed without `Digest` (§7.5). */
  orderStatusPrefix: '/orders/v1/status/',
  /** DOKU Checkout (§7.7, [DOC-CHK-BE]); signed with `Digest` like every Non-SNAP POST. */
  checkoutPayment: '/checkout/v1/payment',
} as const;

/** `GET /orders/v1/status/{invoice_number}`, the invoice number URL-encoded. */
export function orderStatusPath(invoiceNumber: string): string {
  return `${NON_SNAP_PATHS.orderStatusPrefix}${encodeURIComponent(invoiceNumber)}`;
}

/** Names of the Non-SNAP endpoints the client calls. */
export type NonSnapEndpoint =
  | 'paymentPage'
  | 'capture'
  | 'cardRefund'
  | 'deleteTokenization'
  | 'orderStatus'
  | 'checkoutPayment';
