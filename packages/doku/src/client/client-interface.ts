// The typed DOKU client's interface: one method per endpoint the kit uses.
import type { CheckoutPaymentRequest, CheckoutPaymentResponse } from '../wire/checkout.js';
import type {
  CaptureRequest,
  CaptureResponse,
  CardRefundRequest,
  CardRefundResponse,
  DeleteTokenizationRequest,
  DeleteTokenizationResponse,
  OrderStatusResponse,
  PaymentPageRequest,
  PaymentPageResponse,
} from '../wire/non-snap.js';
import type { CardBindResponse, CardUnbindResponse, OtpVerificationResponse } from '../wire/snap-binding.js';
import type { KkiPaymentResponse } from '../wire/snap-payment.js';
import type { DebitRefundResponse } from '../wire/snap-refund.js';
import type { DebitStatusResponse } from '../wire/snap-status.js';
import type {
  BindCardInput,
  BindingCallOptions,
  DebitRefundInput,
  DebitStatusInput,
  KkiPaymentInput,
  UnbindCardInput,
  VerifyOtpInput,
} from './inputs.js';
import type { NonSnapCallOptions, NonSnapResult } from './non-snap-call.js';
import type { NonSnapStatusResult, SnapStatusResult } from './replay.js';
import type { SnapCallOptions, SnapResult } from './snap-call.js';
import type { B2bToken } from './token-cache.js';

/** Input of `verifyNotificationRsa`: a DOKU→merchant SNAP notification in RSA mode. */
export interface RsaNotificationInput {
  /** The merchant notification URL's path. */
  path: string;
  /** Raw request body. */
  body: string;
  /** `X-TIMESTAMP` header. */
  timestamp: string;
  /** `X-SIGNATURE` header. */
  signature: string;
  method?: string;
}

/** The typed DOKU client: one method per endpoint the kit uses. */
export interface DokuClient {
  /** The cached B2B token (fetched when missing or about to expire; `forceRefresh` to replace it). */
  getB2bToken(options?: { forceRefresh?: boolean }): Promise<B2bToken>;
  /** KKI card binding (`registration-card-bind`): encrypts the card, returns `redirectUrl` (DH) or `authCode` (H2H). */
  bindCard(input: BindCardInput, options?: BindingCallOptions): Promise<SnapResult<CardBindResponse>>;
  /** OTP verification of an H2H binding (`otp-verification`). */
  verifyOtp(input: VerifyOtpInput, options?: SnapCallOptions): Promise<SnapResult<OtpVerificationResponse>>;
  /** KKI card unbinding (`registration-card-unbind`). */
  unbindCard(input: UnbindCardInput, options?: BindingCallOptions): Promise<SnapResult<CardUnbindResponse>>;
  /**
   * KKI host-to-host payment, any of the four types. A replay whose original response DOKU did not
   * return is answered from the debit status API (`source: 'status'`).
   */
  kkiPayment(
    input: KkiPaymentInput,
    options?: SnapCallOptions,
  ): Promise<SnapResult<KkiPaymentResponse> | SnapStatusResult>;
  /** Debit status (`/orders/v1.0/debit/status`). */
  debitStatus(input: DebitStatusInput, options?: SnapCallOptions): Promise<SnapResult<DebitStatusResponse>>;
  /** KKI refund (`debit/refund`), full or partial. Replays are answered from the status API's `refundHistory`. */
  debitRefund(
    input: DebitRefundInput,
    options?: SnapCallOptions,
  ): Promise<SnapResult<DebitRefundResponse> | SnapStatusResult>;
  /** Non-SNAP Cards payment page (`/credit-card/v1/payment-page`). */
  createPaymentPage(
    input: PaymentPageRequest,
    options?: NonSnapCallOptions,
  ): Promise<NonSnapResult<PaymentPageResponse>>;
  /**
   * DOKU Checkout (`POST /checkout/v1/payment`): a hosted page where the shopper picks a method and
   * types the card on DOKU's side. Answers `response.payment.{url, token_id, expired_date}`. Fills
   * `order.currency` (`IDR`) and `order.disable_retry_payment` (`CHECKOUT_DISABLE_RETRY_PAYMENT`)
   * when the input leaves them out. Map your idempotency key to `requestId`: it is also what a card
   * refund of this payment names as `original_request_id`.
   */
  createCheckoutPayment(
    input: CheckoutPaymentRequest,
    options?: NonSnapCallOptions,
  ): Promise<NonSnapResult<CheckoutPaymentResponse>>;
  /** Capture of an AUTHORIZE payment (`/credit-card/capture`). */
  capture(input: CaptureRequest, options?: NonSnapCallOptions): Promise<NonSnapResult<CaptureResponse>>;
  /** Card refund or void (`/cancellation/credit-card/refund`). Replays are answered from order status. */
  cardRefund(
    input: CardRefundRequest,
    options?: NonSnapCallOptions,
  ): Promise<NonSnapResult<CardRefundResponse> | NonSnapStatusResult>;
  /** Deletes a saved card token (`/credit-card/delete-tokenization`). */
  deleteTokenization(
    input: DeleteTokenizationRequest,
    options?: NonSnapCallOptions,
  ): Promise<NonSnapResult<DeleteTokenizationResponse>>;
  /** Order status (`GET /orders/v1/status/{invoice_number}`, signed without Digest). */
  orderStatus(
    invoiceNumber: string,
    options?: NonSnapCallOptions,
  ): Promise<NonSnapResult<OrderStatusResponse>>;
  /** Verifies an RSA-mode SNAP notification with `dokuPublicKeyPem` (doku-api.md §4.1). */
  verifyNotificationRsa(input: RsaNotificationInput): Promise<boolean>;
}
