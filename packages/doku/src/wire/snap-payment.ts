import * as z from 'zod';
import {
  kkiChannelSchema,
  mandatory,
  snapLineItemSchema,
  snapMoneySchema,
  snapResponseBase,
} from './common.js';
import {
  BIND_AND_PAY_CUSTOMER_FIELD,
  KKI_NO_AUTH_PAYMENT_TYPE,
  KKI_PARTNER_REFERENCE_MAX,
  KKI_PAYMENT_RETURN_URLS_OPTIONAL,
  KKI_PAYMENT_TYPES,
} from './open-questions.js';

/** The four KKI payment types of [SEED-000] (doku-api.md §5.1, §5.6). */
export type KkiPaymentKind = 'single' | 'bind_and_pay' | 'token' | 'no_auth';

/** `additionalInfo` of a KKI payment: the union of DOKU's Postman KKI bodies (§5.6 item 2). */
export const kkiPaymentAdditionalInfoSchema = z.object({
  channel: kkiChannelSchema,
  /** Payment with binding: tokenize the CPAN after the charge. */
  isBindAndPay: z.boolean().optional(),
  /** Payment without authentication (`RECURRING`), see `KKI_PAYMENT_TYPES`. */
  paymentType: z.enum(KKI_PAYMENT_TYPES).optional(),
  /** Owner of the token a bind-and-pay creates (`BIND_AND_PAY_CUSTOMER_FIELD`). */
  [BIND_AND_PAY_CUSTOMER_FIELD]: z
    .string()
    .max(64)
    .regex(/^[a-zA-Z0-9]+$/)
    .optional(),
  customer: z
    .object({
      customerId: z.string().max(64).optional(),
      customerName: z.string().max(70).optional(),
      postalCode: z.union([z.string().max(10), z.number().int()]).optional(),
    })
    .optional(),
  lineItems: z.array(snapLineItemSchema).optional(),
  successPaymentUrl: z.string().max(2048).optional(),
  failedPaymentUrl: z.string().max(2048).optional(),
  remarks: z.string().max(40).optional(),
  deviceId: z.string().max(64).optional(),
  originalRequestId: z.string().max(64).optional(),
});

/**
 * `POST /direct-debit/core/v1/debit/payment-host-to-host` body for KKI: one schema for the four
 * payment types (§5.6). Exactly one of `cardData` (single / bind-and-pay; CPAN and OTT encrypted,
 * see `KKI_PAYMENT_CPAN_FIELD`) or `bankCardToken` (token / no-auth) is present.
 */
export const kkiPaymentRequestSchema = z
  .object({
    partnerReferenceNo: mandatory(KKI_PARTNER_REFERENCE_MAX),
    /** `Base64(ct)|Base64(iv)` of `{"bankCardNo", "chargeToken", …}` (`kkiCardDataSchema`). */
    cardData: z.string().min(1).optional(),
    /** The OTT in clear as well (`KKI_PAYMENT_OTT_TOP_LEVEL`); SNAP `chargeToken` S(40). */
    chargeToken: z.string().min(1).max(40).optional(),
    /** OTP when the issuer asks for one; SNAP `otp` S(8). */
    otp: z.string().min(1).max(8).optional(),
    bankCardToken: z.string().min(1).max(2048).optional(),
    amount: snapMoneySchema,
    journeyId: z.string().max(64).optional(),
    merchantId: z.string().max(64).optional(),
    subMerchantId: z.string().max(32).optional(),
    additionalInfo: kkiPaymentAdditionalInfoSchema,
  })
  .superRefine((req, ctx) => {
    const hasCard = req.cardData !== undefined;
    const hasToken = req.bankCardToken !== undefined;
    if (!hasCard && !hasToken) {
      ctx.addIssue({
        code: 'custom',
        message: 'cardData is required',
        path: ['cardData'],
        params: { kind: 'mandatory' },
      });
    } else if (hasCard && hasToken) {
      ctx.addIssue({
        code: 'custom',
        message: 'cardData and bankCardToken are exclusive',
        path: ['bankCardToken'],
      });
    }
    if (hasCard && req.additionalInfo.paymentType !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'paymentType needs a bankCardToken',
        path: ['additionalInfo', 'paymentType'],
      });
    }
    if (hasToken && req.additionalInfo.isBindAndPay === true) {
      ctx.addIssue({
        code: 'custom',
        message: 'isBindAndPay needs cardData',
        path: ['additionalInfo', 'isBindAndPay'],
      });
    }
    if (!KKI_PAYMENT_RETURN_URLS_OPTIONAL) {
      for (const key of ['successPaymentUrl', 'failedPaymentUrl'] as const) {
        if (req.additionalInfo[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `${key} is required`,
            path: ['additionalInfo', key],
            params: { kind: 'mandatory' },
          });
        }
      }
    }
    if (req.additionalInfo.isBindAndPay === true && req.additionalInfo.custIdMerchant === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'custIdMerchant is required for bind-and-pay',
        path: ['additionalInfo', 'custIdMerchant'],
        params: { kind: 'mandatory' },
      });
    }
  });
/** KKI payment request body. */
export type KkiPaymentRequest = z.infer<typeof kkiPaymentRequestSchema>;

/** Which of the four KKI payment types a (valid) payment request is. */
export function kkiPaymentKind(req: KkiPaymentRequest): KkiPaymentKind {
  if (req.bankCardToken !== undefined) {
    return req.additionalInfo.paymentType === KKI_NO_AUTH_PAYMENT_TYPE ? 'no_auth' : 'token';
  }
  return req.additionalInfo.isBindAndPay === true ? 'bind_and_pay' : 'single';
}

/** KKI payment response (§5.6: SNAP standard + SDK DTOs). */
export const kkiPaymentResponseSchema = z.looseObject({
  ...snapResponseBase,
  referenceNo: z.string().optional(),
  partnerReferenceNo: z.string().optional(),
  approvalCode: z.string().optional(),
  appRedirectUrl: z.string().optional(),
  /** Issuer/OTP confirmation page the customer is sent to. */
  webRedirectUrl: z.string().optional(),
  /** The new token after a bind-and-pay, when DOKU returns it (§9.3). */
  bankCardToken: z.string().optional(),
  additionalInfo: z.record(z.string(), z.unknown()).optional(),
});
/** KKI payment response. */
export type KkiPaymentResponse = z.infer<typeof kkiPaymentResponseSchema>;
