import type * as z from 'zod';
import { verifySnapAsymmetric } from '../crypto/snap-signature.js';
import { KARTU_KREDIT_INDONESIA, NON_SNAP_PATHS, orderStatusPath, SNAP_PATHS } from '../wire/endpoints.js';
import { checkoutPaymentRequestSchema, checkoutPaymentResponseSchema } from '../wire/checkout.js';
import { parseWire } from '../wire/issues.js';
import {
  captureRequestSchema,
  captureResponseSchema,
  cardRefundRequestSchema,
  cardRefundResponseSchema,
  deleteTokenizationRequestSchema,
  deleteTokenizationResponseSchema,
  orderStatusResponseSchema,
  paymentPageRequestSchema,
  paymentPageResponseSchema,
} from '../wire/non-snap.js';
import {
  BIND_AND_PAY_CUSTOMER_FIELD,
  CHECKOUT_DISABLE_RETRY_PAYMENT,
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
  type BindingChannelId,
  cardBindRequestSchema,
  cardBindResponseSchema,
  cardUnbindRequestSchema,
  cardUnbindResponseSchema,
  otpVerificationRequestSchema,
  otpVerificationResponseSchema,
} from '../wire/snap-binding.js';
import { kkiPaymentRequestSchema, kkiPaymentResponseSchema } from '../wire/snap-payment.js';
import { debitRefundRequestSchema, debitRefundResponseSchema } from '../wire/snap-refund.js';
import { debitStatusRequestSchema, debitStatusResponseSchema } from '../wire/snap-status.js';
import { encryptKkiCard } from './card-input.js';
import type { DokuClient } from './client-interface.js';
import { DokuError, DokuRequestError } from './errors.js';
import type { BindingCallOptions, DebitStatusInput } from './inputs.js';
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
import { orderFromStatus, paymentFromStatus, refundFromStatus, resolveReplay } from './replay.js';
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
import { B2bTokenCache } from './token-cache.js';
import { requestB2bToken } from './token-request.js';

export type { DokuClient, RsaNotificationInput } from './client-interface.js';
export type { NonSnapStatusResult, SnapStatusResult } from './replay.js';

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

  /**
   * Sends a SNAP body and reads the answer; replays go to `onReplay` when the 409 carries no original,
   * or an original still in progress.
   */
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
    if (original?.pending && onReplay) {
      // An original still in progress (202) was DOKU's word then: the status API says what it is
      // now when it has decided (a refusal read there ends the call). While it has not, or cannot
      // tell, the original stands, with what only it carries (a payment's issuer-app link).
      return onReplay(answer, externalId).then(
        (now) => ((now as { pending?: unknown }).pending === true ? original : now),
        (error: unknown) => {
          if (error instanceof DokuError && error.kind === 'decision') throw error;
          return original;
        },
      );
    }
    if (original) return original;
    if (onReplay) return onReplay(answer, externalId);
    throw unresolvedReplay(spec.endpoint, answer, { externalId });
  }

  /** The debit status look-up of a replay: a call of its own, with a fresh X-EXTERNAL-ID. */
  function statusLookUp(input: DebitStatusInput, callOptions: SnapCallOptions | undefined) {
    const { externalId: _replayed, ...rest } = callOptions ?? {};
    return client.debitStatus(input, rest);
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

  // A caller's own X-EXTERNAL-ID names a request it may send again: its card data is then encrypted
  // the same way each time (`encryptKkiCard`). Without one, each call is new and the IV random.
  const ivRequest = (callOptions: SnapCallOptions | undefined) =>
    callOptions?.externalId === undefined
      ? undefined
      : { secretKey: opts.secretKey, externalId: callOptions.externalId };

  const client: DokuClient = {
    getB2bToken: (o) => tokens.get(o),

    async bindCard(input, callOptions) {
      const endpoint = 'bindCard';
      const cardData = await encryptKkiCard(endpoint, input.card, opts.cardDataKey, ivRequest(callOptions));
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
              [KKI_PAYMENT_CPAN_FIELD]: await encryptKkiCard(
                endpoint,
                input.card,
                opts.cardDataKey,
                ivRequest(callOptions),
              ),
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
      return snap(spec, body.text, callOptions, (answer, externalId) =>
        resolveReplay(
          endpoint,
          answer,
          { externalId },
          () =>
            statusLookUp(
              { originalPartnerReferenceNo: partnerReferenceNo, originalExternalId: externalId, amount },
              callOptions,
            ),
          paymentFromStatus(endpoint, answer, externalId),
        ),
      );
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
      const original = {
        originalPartnerReferenceNo: input.originalPartnerReferenceNo,
        ...(input.originalReferenceNo === undefined
          ? {}
          : { originalReferenceNo: input.originalReferenceNo }),
      };
      return snap(spec, body.text, callOptions, (answer, externalId) =>
        resolveReplay(
          endpoint,
          answer,
          { externalId },
          () => statusLookUp(original, callOptions),
          refundFromStatus(endpoint, answer, externalId, input.partnerRefundNo),
        ),
      );
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

    async createCheckoutPayment(input, callOptions) {
      const endpoint = 'createCheckoutPayment';
      const order = {
        currency: 'IDR' as const,
        disable_retry_payment: CHECKOUT_DISABLE_RETRY_PAYMENT,
        ...input.order,
      };
      const body = serialise(endpoint, checkoutPaymentRequestSchema, { ...input, order });
      const spec = {
        endpoint,
        method: 'POST' as const,
        path: NON_SNAP_PATHS.checkoutPayment,
        schema: checkoutPaymentResponseSchema,
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
      return nonSnap(spec, body.text, callOptions, (answer, requestId) =>
        resolveReplay(
          endpoint,
          answer,
          { requestId },
          () => {
            // The look-up is a call of its own: a fresh Request-Id.
            const { requestId: _replayed, ...rest } = callOptions ?? {};
            return client.orderStatus(body.data.order.invoice_number, rest);
          },
          orderFromStatus(answer, requestId),
        ),
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
