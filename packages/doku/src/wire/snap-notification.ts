import * as z from 'zod';
import {
  mandatory,
  snapLineItemSchema,
  snapMoneySchema,
  snapResponseBase,
  snapTransactionStatusSchema,
} from './common.js';

/**
 * Direct-debit (KKI) payment notification DOKU posts to the merchant (doku-api.md §4.4: SNAP
 * standard + DOKU Node/Java SDK models). `additionalInfo` carries the channel as `channelId` (Node)
 * or `channel` (Java); see `NOTIFICATION_CHANNEL_KEY`.
 */
export const debitNotificationSchema = z.looseObject({
  originalPartnerReferenceNo: z.string().max(64).optional(),
  originalReferenceNo: mandatory(64),
  originalExternalId: z.string().max(36).optional(),
  merchantId: z.string().max(64).optional(),
  subMerchantId: z.string().max(32).optional(),
  amount: snapMoneySchema,
  latestTransactionStatus: snapTransactionStatusSchema,
  transactionStatusDesc: z.string().max(50).optional(),
  createdTime: z.string().max(25).optional(),
  finishedTime: z.string().max(25).optional(),
  externalStoreId: z.string().max(64).optional(),
  /** A bind-and-pay's new token (`BANK_CARD_TOKEN_AT_TOP_LEVEL`; readers also look in additionalInfo). */
  bankCardToken: z.string().optional(),
  additionalInfo: z
    .looseObject({
      channelId: z.string().optional(),
      channel: z.string().optional(),
      acquirerId: z.string().optional(),
      custIdMerchant: z.string().max(64).optional(),
      accountType: z.string().optional(),
      /** The new token after a bind-and-pay (§9.3, kit decision). */
      bankCardToken: z.string().optional(),
      lineItems: z.array(snapLineItemSchema).optional(),
      origin: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
/** Debit notification body. */
export type DebitNotification = z.infer<typeof debitNotificationSchema>;

/** What the merchant answers a debit notification with (`2005600`, doku-api.md §4.3). */
export const debitNotificationResponseSchema = z.looseObject({
  ...snapResponseBase,
  approvalCode: z.string().optional(),
});
/** Merchant's answer to a debit notification. */
export type DebitNotificationResponse = z.infer<typeof debitNotificationResponseSchema>;

/**
 * Card binding / unbinding notification (services 01 / 05). DOKU documents none (doku-api.md §4.4,
 * GUESS): the offline sandbox sends the debit-notify envelope without `amount` and names the service
 * in `additionalInfo.serviceCode`; a successful binding's carries the new `bankCardToken` (the only
 * way a DH binding's token reaches the merchant besides polling).
 */
export const kkiCardNotificationSchema = z.looseObject({
  originalPartnerReferenceNo: z.string().max(64).optional(),
  /** The binding's (01) or the unbinding's (05) `referenceNo`. */
  originalReferenceNo: mandatory(64),
  originalExternalId: z.string().max(36).optional(),
  merchantId: z.string().max(64).optional(),
  latestTransactionStatus: snapTransactionStatusSchema,
  transactionStatusDesc: z.string().max(50).optional(),
  createdTime: z.string().max(25).optional(),
  finishedTime: z.string().max(25).optional(),
  bankCardToken: z.string().max(2048).optional(),
  additionalInfo: z.looseObject({
    channelId: z.string().optional(),
    serviceCode: z.enum(['01', '05']),
    custIdMerchant: z.string().max(64).optional(),
    status: z.enum(['PENDING', 'SUCCESS', 'FAILED']),
    /** Unbinding: the binding it ended. */
    bindingReferenceNo: z.string().max(64).optional(),
    maskedCardNo: z.string().max(32).optional(),
    issuer: z.string().max(64).optional(),
    /** Failure: the `responseCode` that ended the binding (e.g. `4030411` OTP blocked). */
    originalResponseCode: z.string().optional(),
  }),
});
/** Card binding / unbinding notification body. */
export type KkiCardNotification = z.infer<typeof kkiCardNotificationSchema>;
