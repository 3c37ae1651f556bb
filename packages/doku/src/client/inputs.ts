import type { BindingChannelId, CardBindRequest } from '../wire/snap-binding.js';
import type { SnapMoney } from '../wire/common.js';
import type { kkiPaymentAdditionalInfoSchema } from '../wire/snap-payment.js';
import type { DebitRefundRequest } from '../wire/snap-refund.js';
import type { DebitStatusRequest } from '../wire/snap-status.js';
import type * as z from 'zod';
import type { KkiCardInput } from './card-input.js';
import type { SnapCallOptions } from './snap-call.js';

// What callers pass to the client. The client adds the KKI channel, encrypts card data and builds
// the wire body, so these carry no field the client owns.

/** `bindCard` input. */
export interface BindCardInput {
  /** CPAN (and, if the issuer requires it, OTT and expiry); encrypted into `cardData`. */
  card: KkiCardInput;
  /** The merchant's id for the customer, alphanumeric ≤ 64. */
  custIdMerchant: string;
  partnerReferenceNo?: string;
  journeyId?: string;
  phoneNo?: string;
  accountName?: string;
  additionalInfo?: Omit<CardBindRequest['additionalInfo'], 'channel'>;
}

/** `bindCard` / `unbindCard` options: `CHANNEL-ID` (default `DH` to bind, `H2H` to unbind). */
export interface BindingCallOptions extends SnapCallOptions {
  channelId?: BindingChannelId;
  /** `X-IP-ADDRESS` of the customer's device. */
  ipAddress?: string;
}

/** `verifyOtp` input: the OTP the customer typed and the binding session it completes. */
export interface VerifyOtpInput {
  /** The binding response's `referenceNo`. */
  originalReferenceNo: string;
  /** The binding response's `additionalInfo.authCode`. */
  authCode: string;
  otp: string;
  originalPartnerReferenceNo?: string;
  originalExternalId?: string;
  custIdMerchant?: string;
}

/** `unbindCard` input. */
export interface UnbindCardInput {
  /** The `bankCardToken` to deactivate, as DOKU issued it. */
  tokenId: string;
}

type PaymentAdditionalInfo = z.input<typeof kkiPaymentAdditionalInfoSchema>;

/** Fields every KKI payment type shares. */
export interface KkiPaymentBase {
  /** The merchant's reference, ≤ 32 (`KKI_PARTNER_REFERENCE_MAX`); map your idempotency key to it. */
  partnerReferenceNo: string;
  amount: SnapMoney;
  /** OTP, when the issuer asked for one. */
  otp?: string;
  journeyId?: string;
  merchantId?: string;
  subMerchantId?: string;
  additionalInfo?: Omit<PaymentAdditionalInfo, 'channel' | 'isBindAndPay' | 'paymentType' | 'custIdMerchant'>;
}

/** `kkiPayment` input: one of the four KKI payment types (doku-api.md §5.1). */
export type KkiPaymentInput = KkiPaymentBase &
  (
    | { type: 'single'; card: KkiCardInput & { ott: string } }
    | { type: 'bind_and_pay'; card: KkiCardInput & { ott: string }; custIdMerchant: string }
    | { type: 'token'; bankCardToken: string }
    | { type: 'no_auth'; bankCardToken: string }
  );

/** `debitStatus` input; `serviceCode` defaults to `STATUS_SERVICE_CODE`. */
export type DebitStatusInput = Omit<DebitStatusRequest, 'serviceCode' | 'additionalInfo'> & {
  serviceCode?: DebitStatusRequest['serviceCode'];
  additionalInfo?: { deviceId?: string };
};

/** `debitRefund` input (the KKI channel is added by the client). */
export type DebitRefundInput = Omit<DebitRefundRequest, 'additionalInfo'>;
