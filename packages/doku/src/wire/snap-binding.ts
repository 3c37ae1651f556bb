import * as z from 'zod';
import { kkiChannelSchema, mandatory, snapResponseBase } from './common.js';

/** `CHANNEL-ID` header on binding and unbinding: DOKU-hosted OTP page or host-to-host (§5.3). */
export const bindingChannelIdSchema = z.enum(['DH', 'H2H']);
/** `CHANNEL-ID` value. */
export type BindingChannelId = z.infer<typeof bindingChannelIdSchema>;

/** `POST /direct-debit/core/v1/registration-card-bind` body, verbatim from [SEED-001] (§5.3). */
export const cardBindRequestSchema = z.object({
  partnerReferenceNo: z.string().max(64).optional(),
  /** `Base64(ct)|Base64(iv)` of the `CardDataPayload` JSON (see `kkiCardDataSchema`). */
  cardData: mandatory(),
  custIdMerchant: mandatory(64).regex(/^[a-zA-Z0-9]+$/),
  journeyId: z.string().max(64).optional(),
  phoneNo: z.string().max(20).optional(),
  /** SNAP standard field, in DOKU's Postman example (§5.3). */
  accountName: z.string().max(128).optional(),
  additionalInfo: z.object({
    channel: kkiChannelSchema,
    customerName: z.string().max(70).optional(),
    email: z.email().max(254).optional(),
    address: z.string().max(255).optional(),
    dateOfBirth: z
      .string()
      .regex(/^\d{8}$/)
      .optional(),
    idCard: z.string().max(32).optional(),
    country: z.string().length(2).optional(),
    successRegistrationUrl: z.string().max(2048).optional(),
    failedRegistrationUrl: z.string().max(2048).optional(),
  }),
});
/** Card binding request body. */
export type CardBindRequest = z.infer<typeof cardBindRequestSchema>;

/** Binding status in `additionalInfo.status` (§5.4). */
export const bindingStatusSchema = z.enum(['PENDING', 'SUCCESS', 'FAILED']);
/** Binding status. */
export type BindingStatus = z.infer<typeof bindingStatusSchema>;

/** Card binding response (§5.4). */
export const cardBindResponseSchema = z.looseObject({
  ...snapResponseBase,
  referenceNo: z.string().optional(),
  /** Only with `CHANNEL-ID: DH`. */
  redirectUrl: z.string().optional(),
  /** Only once OTP verification has completed. */
  bankCardToken: z.string().optional(),
  chargeToken: z.string().optional(),
  additionalInfo: z
    .looseObject({
      custIdMerchant: z.string().optional(),
      status: bindingStatusSchema.optional(),
      /** H2H: the session to pass to OTP verification. */
      authCode: z.string().optional(),
    })
    .optional(),
});
/** Card binding response. */
export type CardBindResponse = z.infer<typeof cardBindResponseSchema>;

/**
 * `POST /direct-debit/core/v1/otp-verification` body (§5.2; SNAP standard Verify OTP, service 04;
 * `authCode` placement decided in `OTP_AUTH_CODE_FIELD`).
 */
export const otpVerificationRequestSchema = z.object({
  originalPartnerReferenceNo: z.string().max(64).optional(),
  /** The binding response's `referenceNo`. */
  originalReferenceNo: mandatory(64),
  originalExternalId: z.string().max(36).optional(),
  otp: mandatory(8).regex(/^\d+$/),
  additionalInfo: z.object({
    channel: kkiChannelSchema,
    /** The binding response's `additionalInfo.authCode`. */
    authCode: mandatory(256),
    custIdMerchant: z.string().max(64).optional(),
  }),
});
/** OTP verification request body. */
export type OtpVerificationRequest = z.infer<typeof otpVerificationRequestSchema>;

/** OTP verification response: the binding's final state and, on success, the `bankCardToken`. */
export const otpVerificationResponseSchema = z.looseObject({
  ...snapResponseBase,
  originalReferenceNo: z.string().optional(),
  originalPartnerReferenceNo: z.string().optional(),
  bankCardToken: z.string().optional(),
  chargeToken: z.string().optional(),
  additionalInfo: z
    .looseObject({
      custIdMerchant: z.string().optional(),
      status: bindingStatusSchema.optional(),
      /** Masked CPAN for display, when DOKU returns one. */
      maskedCardNo: z.string().optional(),
    })
    .optional(),
});
/** OTP verification response. */
export type OtpVerificationResponse = z.infer<typeof otpVerificationResponseSchema>;

/**
 * `POST /direct-debit/core/v1/registration-card-unbind` body (§5.5). `additionalInfo.channelId`
 * per [SEED-001] or `additionalInfo.channel` per SDKs/Postman: at least one, both KKI.
 */
export const cardUnbindRequestSchema = z.object({
  /** The `bankCardToken`, as-is. */
  tokenId: mandatory(2048),
  additionalInfo: z
    .object({
      channelId: kkiChannelSchema.optional(),
      channel: kkiChannelSchema.optional(),
    })
    .superRefine((info, ctx) => {
      if (info.channelId === undefined && info.channel === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'channelId is required',
          path: ['channelId'],
          params: { kind: 'mandatory' },
        });
      }
    }),
});
/** Card unbinding request body. */
export type CardUnbindRequest = z.infer<typeof cardUnbindRequestSchema>;

/** Card unbinding response (§5.5). */
export const cardUnbindResponseSchema = z.looseObject({
  ...snapResponseBase,
  referenceNo: z.string().optional(),
  additionalInfo: z
    .looseObject({
      custIdMerchant: z.string().optional(),
      status: z.enum(['PENDING', 'SUCCESS']).optional(),
      redirectUrl: z.string().optional(),
    })
    .optional(),
});
/** Card unbinding response. */
export type CardUnbindResponse = z.infer<typeof cardUnbindResponseSchema>;
