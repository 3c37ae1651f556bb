import { z } from 'zod';
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
