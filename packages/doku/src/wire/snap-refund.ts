import * as z from 'zod';
import {
  kkiChannelSchema,
  mandatory,
  snapMoneyResponseSchema,
  snapMoneySchema,
  snapResponseBase,
} from './common.js';

/** `POST /direct-debit/core/v1/debit/refund` body (doku-api.md §5.7: SNAP standard + DOKU SDK). */
export const debitRefundRequestSchema = z.object({
  originalPartnerReferenceNo: mandatory(64),
  originalReferenceNo: z.string().max(64).optional(),
  originalExternalId: z.string().max(36).optional(),
  partnerRefundNo: mandatory(64),
  refundAmount: snapMoneySchema,
  reason: z.string().max(255).optional(),
  merchantId: z.string().max(64).optional(),
  subMerchantId: z.string().max(32).optional(),
  externalStoreId: z.string().max(64).optional(),
  additionalInfo: z.object({ channel: kkiChannelSchema }),
});
/** Debit refund request body. */
export type DebitRefundRequest = z.infer<typeof debitRefundRequestSchema>;

/** Debit refund response (doku-api.md §5.7). */
export const debitRefundResponseSchema = z.looseObject({
  ...snapResponseBase,
  originalPartnerReferenceNo: z.string().optional(),
  originalReferenceNo: z.string().optional(),
  originalExternalId: z.string().optional(),
  partnerTrxId: z.string().optional(),
  refundNo: z.string().optional(),
  partnerRefundNo: z.string().optional(),
  refundAmount: snapMoneyResponseSchema.optional(),
  refundTime: z.string().optional(),
  additionalInfo: z.record(z.string(), z.unknown()).optional(),
});
/** Debit refund response. */
export type DebitRefundResponse = z.infer<typeof debitRefundResponseSchema>;
