import * as z from 'zod';
import {
  type SnapTransactionStatus,
  snapMoneyResponseSchema,
  snapMoneySchema,
  snapResponseBase,
  snapTransactionStatusSchema,
} from './common.js';
import { STATUS_SERVICE_CODES_ACCEPTED } from './open-questions.js';

/**
 * `POST /orders/v1.0/debit/status` body (doku-api.md §5.8). At least one of
 * `originalPartnerReferenceNo` / `originalReferenceNo` identifies the payment.
 */
export const debitStatusRequestSchema = z
  .object({
    originalPartnerReferenceNo: z.string().min(1).max(64).optional(),
    originalReferenceNo: z.string().min(1).max(64).optional(),
    originalExternalId: z.string().max(36).optional(),
    serviceCode: z.enum(STATUS_SERVICE_CODES_ACCEPTED),
    transactionDate: z.string().max(25).optional(),
    amount: snapMoneySchema.optional(),
    merchantId: z.string().max(64).optional(),
    subMerchantId: z.string().max(32).optional(),
    externalStoreId: z.string().max(64).optional(),
    additionalInfo: z
      .object({
        channel: z.string().max(64).optional(),
        deviceId: z.string().max(64).optional(),
      })
      .optional(),
  })
  .superRefine((req, ctx) => {
    if (req.originalPartnerReferenceNo === undefined && req.originalReferenceNo === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'originalPartnerReferenceNo is required',
        path: ['originalPartnerReferenceNo'],
        params: { kind: 'mandatory' },
      });
    }
  });
/** Debit status request body. */
export type DebitStatusRequest = z.infer<typeof debitStatusRequestSchema>;

/** One refund in `refundHistory` (`refundStatus` 00 success, 03 pending, 06 failed). */
export const refundHistoryEntrySchema = z.looseObject({
  refundNo: z.string().optional(),
  partnerRefundNo: z.string().optional(),
  refundAmount: snapMoneyResponseSchema.optional(),
  refundStatus: z.string().optional(),
  refundDate: z.string().optional(),
  reason: z.string().optional(),
});

/** Debit status response (doku-api.md §5.8). */
export const debitStatusResponseSchema = z.looseObject({
  ...snapResponseBase,
  originalPartnerReferenceNo: z.string().optional(),
  originalReferenceNo: z.string().optional(),
  approvalCode: z.string().optional(),
  originalExternalId: z.string().optional(),
  serviceCode: z.string().optional(),
  latestTransactionStatus: snapTransactionStatusSchema.optional(),
  transactionStatusDesc: z.string().optional(),
  originalResponseCode: z.string().optional(),
  originalResponseMessage: z.string().optional(),
  sessionId: z.string().optional(),
  requestId: z.string().optional(),
  refundHistory: z.array(refundHistoryEntrySchema).optional(),
  transAmount: snapMoneyResponseSchema.optional(),
  feeAmount: snapMoneyResponseSchema.optional(),
  paidTime: z.string().optional(),
  /** A bind-and-pay's new token (`BANK_CARD_TOKEN_AT_TOP_LEVEL`; readers also look in additionalInfo). */
  bankCardToken: z.string().optional(),
  additionalInfo: z.record(z.string(), z.unknown()).optional(),
});
/** Debit status response. */
export type DebitStatusResponse = z.infer<typeof debitStatusResponseSchema>;

/** What DOKU's status codes say about a payment or refund, in the kit's words. */
export type SnapTransactionOutcome = 'succeeded' | 'pending' | 'cancelled' | 'failed';

/**
 * The one reading of a `latestTransactionStatus` (doku-api.md §5.8): `00` success and `04` refunded
 * (a refunded payment was paid first; refunds are tracked on their own) are `succeeded`; `01`
 * initiated, `02` paying and `03` pending are `pending`; `05` cancelled; `06` failed. `null` for `07`
 * (not found) or no status: DOKU does not know the payment.
 */
export function snapTransactionOutcome(
  status: SnapTransactionStatus | undefined,
): SnapTransactionOutcome | null {
  switch (status) {
    case '00':
    case '04':
      return 'succeeded';
    case '01':
    case '02':
    case '03':
      return 'pending';
    case '05':
      return 'cancelled';
    case '06':
      return 'failed';
    default:
      return null;
  }
}

/** A `refundHistory` entry's `refundStatus`: `00` succeeded, `06` failed, anything else still pending. */
export function snapRefundOutcome(
  refundStatus: string | undefined,
): Exclude<SnapTransactionOutcome, 'cancelled'> {
  if (refundStatus === '00') return 'succeeded';
  if (refundStatus === '06') return 'failed';
  return 'pending';
}
