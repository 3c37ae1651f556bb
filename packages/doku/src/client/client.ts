import type { KkiErrorCode } from '@kki-kit/contract';
import type * as z from 'zod';
import { verifySnapAsymmetric } from '../crypto/snap-signature.js';
import { KARTU_KREDIT_INDONESIA, NON_SNAP_PATHS, orderStatusPath, SNAP_PATHS } from '../wire/endpoints.js';
import { parseWire } from '../wire/issues.js';
import {
  type CaptureRequest,
  type CaptureResponse,
  type CardRefundRequest,
  type CardRefundResponse,
  captureRequestSchema,
  captureResponseSchema,
  cardRefundRequestSchema,
  cardRefundResponseSchema,
  type DeleteTokenizationRequest,
  type DeleteTokenizationResponse,
  deleteTokenizationRequestSchema,
  deleteTokenizationResponseSchema,
  type OrderStatusResponse,
  orderStatusResponseSchema,
  type PaymentPageRequest,
  type PaymentPageResponse,
  paymentPageRequestSchema,
  paymentPageResponseSchema,
} from '../wire/non-snap.js';
import {
  BIND_AND_PAY_CUSTOMER_FIELD,
  DEFAULT_BINDING_CHANNEL_ID,
  DEFAULT_UNBINDING_CHANNEL_ID,
  KKI_NO_AUTH_PAYMENT_TYPE,
  KKI_PAYMENT_CPAN_FIELD,
  KKI_PAYMENT_OTT_TOP_LEVEL,
  OTP_AUTH_CODE_FIELD,
  STATUS_SERVICE_CODE,
  UNBIND_CHANNEL_KEY,
} from '../wire/open-questions.js';
import {
  type CardBindResponse,
  type CardUnbindResponse,
  cardBindRequestSchema,
  cardBindResponseSchema,
  cardUnbindRequestSchema,
  cardUnbindResponseSchema,
  type OtpVerificationResponse,
  otpVerificationRequestSchema,
  otpVerificationResponseSchema,
  type BindingChannelId,
} from '../wire/snap-binding.js';
import {
  type KkiPaymentResponse,
  kkiPaymentRequestSchema,
  kkiPaymentResponseSchema,
} from '../wire/snap-payment.js';
import {
  type DebitRefundResponse,
  debitRefundRequestSchema,
  debitRefundResponseSchema,
} from '../wire/snap-refund.js';
import {
  type DebitStatusResponse,
  debitStatusRequestSchema,
  debitStatusResponseSchema,
} from '../wire/snap-status.js';
import { encryptKkiCard } from './card-input.js';
import { DokuError, DokuRequestError, kkiCodeForSnap } from './errors.js';
import type {
  BindCardInput,
  BindingCallOptions,
  DebitRefundInput,
  DebitStatusInput,
  KkiPaymentInput,
  UnbindCardInput,
  VerifyOtpInput,
} from './inputs.js';
import {
  type NonSnapAnswer,
  type NonSnapCallOptions,
  type NonSnapResult,
  readNonSnapBody,
  readNonSnapReplay,
  requestIdFor,
  sendNonSnap,
} from './non-snap-call.js';
import { type DokuClientOptions, type ResolvedDokuOptions, resolveOptions } from './options.js';
import {
  externalIdFor,
  readSnapBody,
  readSnapReplay,
  type SnapAnswer,
  type SnapCallOptions,
  type SnapContext,
  type SnapResult,
  type SnapSpec,
  sendSnap,
  unresolvedReplay,
} from './snap-call.js';
import { type B2bToken, B2bTokenCache } from './token-cache.js';
import { requestB2bToken } from './token-request.js';

/** A replayed SNAP call whose original outcome was read from the debit status API. */
export interface SnapStatusResult {
  source: 'status';
  /** The status response: `latestTransactionStatus`, `refundHistory`, … */
  data: DebitStatusResponse;
  /** The status call's `responseCode` (`2005500`). */
  responseCode: string;
  httpStatus: number;
  /** The original is still in progress (`01`/`02`/`03`, or a refund in `03`). */
  pending: boolean;
  replayed: true;
  /** X-EXTERNAL-ID of the replayed call (not of the status call). */
  externalId: string;
  attempts: number;
}

/** A replayed Non-SNAP call whose original outcome was read from the order status API. */
export interface NonSnapStatusResult {
  source: 'status';
  data: OrderStatusResponse;
  httpStatus: number;
  replayed: true;
  /** Request-Id of the replayed call. */
  requestId: string;
  attempts: number;
}

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

/** Validates an outgoing body with its wire schema and serialises it once: these bytes are signed and sent. */
function serialise<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  body: unknown,
): { data: z.output<S>; text: string } {
  const result = parseWire(schema, body);
  if (!result.success) throw new DokuRequestError(endpoint, result.issue.field, result.issue.kind);
  return { data: result.data, text: JSON.stringify(result.data) };
}

/** A replay's outcome as the debit status look-up read it; `attempts` counts both calls' sends. */
function statusResult(
  answer: { attempts: number },
  status: SnapResult<DebitStatusResponse>,
  externalId: string,
  pending: boolean,
): SnapStatusResult {
  return {
    source: 'status',
    data: status.data,
    responseCode: status.responseCode,
    httpStatus: status.httpStatus,
    pending,
    replayed: true,
    externalId,
    attempts: answer.attempts + status.attempts,
  };
}

/** Headers of binding (default `CHANNEL-ID` DH) and unbinding (default H2H). */
function bindingHeaders(
  options: BindingCallOptions | undefined,
  defaultChannelId: BindingChannelId = DEFAULT_BINDING_CHANNEL_ID,
): Record<string, string> {
  return {
    'CHANNEL-ID': options?.channelId ?? defaultChannelId,
    ...(options?.ipAddress ? { 'X-IP-ADDRESS': options.ipAddress } : {}),
  };
}

/**
 * Creates a DOKU client. It signs every request, encrypts card data, caches the B2B token, retries
 * only what is safe to retry (same X-EXTERNAL-ID / Request-Id and body bytes), and reads DOKU's
 * `409` for a replay as the original outcome.
 */
export function createDokuClient(options: DokuClientOptions): DokuClient {
  const opts: ResolvedDokuOptions = resolveOptions(options);
  const tokens = new B2bTokenCache(() => requestB2bToken(opts), opts.now, opts.tokenRefreshMarginMs);
  const ctx: SnapContext = { opts, tokens };

  /** Sends a SNAP body and reads the answer; replays go to `onReplay` when the 409 carries no original. */
  async function snap<S extends z.ZodType, R = never>(
    spec: SnapSpec<S>,
    bodyText: string,
    callOptions: SnapCallOptions | undefined,
    onReplay?: (answer: Extract<SnapAnswer, { kind: 'replay' }>, externalId: string) => Promise<R>,
  ): Promise<SnapResult<z.output<S>> | R> {
    const externalId = externalIdFor(ctx, spec.endpoint, callOptions);
    const answer = await sendSnap(ctx, spec, bodyText, externalId, callOptions);
    if (answer.kind === 'ok') return readSnapBody(spec, answer, externalId, false);
    const original = readSnapReplay(spec, answer, externalId);
    if (original) return original;
    if (onReplay) return onReplay(answer, externalId);
    throw unresolvedReplay(spec.endpoint, answer, { externalId });
  }

  /** Runs a status look-up for a replay; a refusal of the look-up leaves the outcome unknown. */
  async function statusForReplay(
    endpoint: string,
    answer: { httpStatus: number; responseCode: string; attempts: number },
    externalId: string,
    input: DebitStatusInput,
    callOptions: SnapCallOptions | undefined,
  ): Promise<SnapResult<DebitStatusResponse>> {
    try {
      const { externalId: _ignored, ...rest } = callOptions ?? {};
      return await client.debitStatus(input, rest);
    } catch (error) {
      if (error instanceof DokuError && error.kind === 'decision')
        throw unresolvedReplay(endpoint, answer, { externalId });
      throw error;
    }
  }

  function statusDecision(
    endpoint: string,
    status: SnapResult<DebitStatusResponse>,
    externalId: string,
    responseCode: string | undefined,
    fallback: KkiErrorCode = 'unknown_doku_error',
  ): DokuError {
    const http = Number(responseCode?.slice(0, 3) ?? 0) || 400;
    return new DokuError({
      kind: 'decision',
      reason: 'http',
      endpoint,
      httpStatus: http,
      responseCode,
      responseMessage: status.data.originalResponseMessage,
      kkiErrorCode: responseCode ? kkiCodeForSnap(responseCode, http) : fallback,
      retryable: false,
      externalId,
      attempts: status.attempts,
    });
  }

  async function nonSnap<S extends z.ZodType, R = never>(
    spec: { endpoint: string; method: 'GET' | 'POST'; path: string; schema: S },
    bodyText: string | undefined,
    callOptions: NonSnapCallOptions | undefined,
    onReplay?: (answer: NonSnapAnswer, requestId: string) => Promise<R>,
  ): Promise<NonSnapResult<z.output<S>> | R> {
    const requestId = requestIdFor(spec.endpoint, callOptions);
    const answer = await sendNonSnap(opts, spec, bodyText, requestId, callOptions);
    if (answer.kind === 'ok') return readNonSnapBody(spec.endpoint, spec.schema, answer, requestId, false);
    const original = readNonSnapReplay(spec.endpoint, spec.schema, answer, requestId);
    if (original) return original;
    if (onReplay) return onReplay(answer, requestId);
    throw unresolvedReplay(spec.endpoint, answer, { requestId });
  }

  const client: DokuClient = {
    getB2bToken: (o) => tokens.get(o),

    async bindCard(input, callOptions) {
      const endpoint = 'bindCard';
      const cardData = await encryptKkiCard(endpoint, input.card, opts.cardDataKey);
      const { card: _card, additionalInfo, ...rest } = input;
      const body = serialise(endpoint, cardBindRequestSchema, {
        ...rest,
        cardData,
        additionalInfo: { channel: KARTU_KREDIT_INDONESIA, ...additionalInfo },
      });
      const spec = {
        endpoint,
        path: SNAP_PATHS.cardBind,
        schema: cardBindResponseSchema,
        headers: bindingHeaders(callOptions),
      };
      return snap(spec, body.text, callOptions);
    },

    async verifyOtp(input, callOptions) {
      const endpoint = 'verifyOtp';
      const { authCode, custIdMerchant, ...rest } = input;
      const body = serialise(endpoint, otpVerificationRequestSchema, {
        ...rest,
        [OTP_AUTH_CODE_FIELD.in]: {
          channel: KARTU_KREDIT_INDONESIA,
          [OTP_AUTH_CODE_FIELD.key]: authCode,
          ...(custIdMerchant === undefined ? {} : { custIdMerchant }),
        },
      });
      return snap(
        { endpoint, path: SNAP_PATHS.otpVerification, schema: otpVerificationResponseSchema },
        body.text,
        callOptions,
      );
    },

    async unbindCard(input, callOptions) {
      const endpoint = 'unbindCard';
      const body = serialise(endpoint, cardUnbindRequestSchema, {
        tokenId: input.tokenId,
        additionalInfo: { [UNBIND_CHANNEL_KEY]: KARTU_KREDIT_INDONESIA },
      });
      const spec = {
        endpoint,
        path: SNAP_PATHS.cardUnbind,
        schema: cardUnbindResponseSchema,
        headers: bindingHeaders(callOptions, DEFAULT_UNBINDING_CHANNEL_ID),
      };
      return snap(spec, body.text, callOptions);
    },

    async kkiPayment(input, callOptions) {
      const endpoint = 'kkiPayment';
      const { partnerReferenceNo, amount, otp, journeyId, merchantId, subMerchantId, additionalInfo } = input;
      const instrument =
        input.type === 'single' || input.type === 'bind_and_pay'
          ? {
              [KKI_PAYMENT_CPAN_FIELD]: await encryptKkiCard(endpoint, input.card, opts.cardDataKey),
              ...(KKI_PAYMENT_OTT_TOP_LEVEL ? { chargeToken: input.card.ott } : {}),
            }
          : { bankCardToken: input.bankCardToken };
      const kindInfo =
        input.type === 'bind_and_pay'
          ? { isBindAndPay: true, [BIND_AND_PAY_CUSTOMER_FIELD]: input.custIdMerchant }
          : input.type === 'no_auth'
            ? { paymentType: KKI_NO_AUTH_PAYMENT_TYPE }
            : {};
      const body = serialise(endpoint, kkiPaymentRequestSchema, {
        partnerReferenceNo,
        ...instrument,
        ...(otp === undefined ? {} : { otp }),
        amount,
        ...(journeyId === undefined ? {} : { journeyId }),
        ...(merchantId === undefined ? {} : { merchantId }),
        ...(subMerchantId === undefined ? {} : { subMerchantId }),
        additionalInfo: { channel: KARTU_KREDIT_INDONESIA, ...kindInfo, ...additionalInfo },
      });
      const spec = { endpoint, path: SNAP_PATHS.payment, schema: kkiPaymentResponseSchema };
      return snap(spec, body.text, callOptions, async (answer, externalId): Promise<SnapStatusResult> => {
        const status = await statusForReplay(
          endpoint,
          answer,
          externalId,
          { originalPartnerReferenceNo: partnerReferenceNo, originalExternalId: externalId, amount },
          callOptions,
        );
        const latest = status.data.latestTransactionStatus;
        if (latest === '05' || latest === '06') {
          throw statusDecision(endpoint, status, externalId, status.data.originalResponseCode);
        }
        if (latest === undefined || latest === '07') throw unresolvedReplay(endpoint, answer, { externalId });
        const pending = latest === '01' || latest === '02' || latest === '03';
        return statusResult(answer, status, externalId, pending);
      });
    },

    async debitStatus(input, callOptions) {
      const endpoint = 'debitStatus';
      const { serviceCode, additionalInfo, ...rest } = input;
      const body = serialise(endpoint, debitStatusRequestSchema, {
        ...rest,
        serviceCode: serviceCode ?? STATUS_SERVICE_CODE,
        additionalInfo: { channel: KARTU_KREDIT_INDONESIA, ...additionalInfo },
      });
      return snap(
        { endpoint, path: SNAP_PATHS.status, schema: debitStatusResponseSchema },
        body.text,
        callOptions,
      );
    },

    async debitRefund(input, callOptions) {
      const endpoint = 'debitRefund';
      const body = serialise(endpoint, debitRefundRequestSchema, {
        ...input,
        additionalInfo: { channel: KARTU_KREDIT_INDONESIA },
      });
      const spec = { endpoint, path: SNAP_PATHS.refund, schema: debitRefundResponseSchema };
      return snap(spec, body.text, callOptions, async (answer, externalId): Promise<SnapStatusResult> => {
        const status = await statusForReplay(
          endpoint,
          answer,
          externalId,
          {
            originalPartnerReferenceNo: input.originalPartnerReferenceNo,
            ...(input.originalReferenceNo === undefined
              ? {}
              : { originalReferenceNo: input.originalReferenceNo }),
          },
          callOptions,
        );
        const refund = status.data.refundHistory?.find((r) => r.partnerRefundNo === input.partnerRefundNo);
        if (!refund) throw unresolvedReplay(endpoint, answer, { externalId });
        if (refund.refundStatus === '06')
          throw statusDecision(endpoint, status, externalId, undefined, 'refund_failed');
        return statusResult(answer, status, externalId, refund.refundStatus !== '00');
      });
    },

    async createPaymentPage(input, callOptions) {
      const endpoint = 'createPaymentPage';
      const body = serialise(endpoint, paymentPageRequestSchema, input);
      const spec = {
        endpoint,
        method: 'POST' as const,
        path: NON_SNAP_PATHS.paymentPage,
        schema: paymentPageResponseSchema,
      };
      return nonSnap(spec, body.text, callOptions);
    },

    async capture(input, callOptions) {
      const endpoint = 'capture';
      const body = serialise(endpoint, captureRequestSchema, input);
      const spec = {
        endpoint,
        method: 'POST' as const,
        path: NON_SNAP_PATHS.capture,
        schema: captureResponseSchema,
      };
      return nonSnap(spec, body.text, callOptions);
    },

    async cardRefund(input, callOptions) {
      const endpoint = 'cardRefund';
      const body = serialise(endpoint, cardRefundRequestSchema, input);
      const spec = {
        endpoint,
        method: 'POST' as const,
        path: NON_SNAP_PATHS.cardRefund,
        schema: cardRefundResponseSchema,
      };
      return nonSnap(
        spec,
        body.text,
        callOptions,
        async (answer, requestId): Promise<NonSnapStatusResult> => {
          let status: NonSnapResult<OrderStatusResponse>;
          try {
            const { requestId: _ignored, ...rest } = callOptions ?? {};
            status = await client.orderStatus(body.data.order.invoice_number, rest);
          } catch (error) {
            if (error instanceof DokuError && error.kind === 'decision')
              throw unresolvedReplay(endpoint, answer, { requestId });
            throw error;
          }
          return {
            source: 'status',
            data: status.data,
            httpStatus: status.httpStatus,
            replayed: true,
            requestId,
            attempts: answer.attempts + status.attempts,
          };
        },
      );
    },

    async deleteTokenization(input, callOptions) {
      const endpoint = 'deleteTokenization';
      const body = serialise(endpoint, deleteTokenizationRequestSchema, input);
      const spec = {
        endpoint,
        method: 'POST' as const,
        path: NON_SNAP_PATHS.deleteTokenization,
        schema: deleteTokenizationResponseSchema,
      };
      return nonSnap(spec, body.text, callOptions);
    },

    async orderStatus(invoiceNumber, callOptions) {
      const endpoint = 'orderStatus';
      if (!invoiceNumber) throw new DokuRequestError(endpoint, 'invoice_number', 'mandatory');
      const spec = {
        endpoint,
        method: 'GET' as const,
        path: orderStatusPath(invoiceNumber),
        schema: orderStatusResponseSchema,
      };
      return nonSnap(spec, undefined, callOptions);
    },

    async verifyNotificationRsa(input) {
      if (!opts.dokuPublicKeyPem) throw new TypeError('verifyNotificationRsa needs dokuPublicKeyPem');
      return verifySnapAsymmetric({
        method: input.method ?? 'POST',
        path: input.path,
        body: input.body,
        timestamp: input.timestamp,
        signature: input.signature,
        publicKeyPem: opts.dokuPublicKeyPem,
      });
    },
  };
  return client;
}
