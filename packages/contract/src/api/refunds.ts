// Request and response bodies of refunds (RefundForm, merchant staff only).
import * as z from 'zod/mini';
import { rupiahSchema } from '../money-schemas.js';
import { plainTextSchema } from './common.js';
import { refundViewSchema } from './views.js';

/**
 * `POST /payments/:paymentId/refunds`. Staff choose the amount (omit it to refund everything left);
 * the BFF refuses more than what is left and asks the `authorizeRefund` hook first.
 */
export const createRefundRequestSchema = z.object({
  amount: z.optional(rupiahSchema),
  reason: z.optional(plainTextSchema(1, 255)),
});
/** Body of a refund request. */
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;

/** Response of `POST /payments/:paymentId/refunds`. */
export const refundResponseSchema = refundViewSchema;

/** `GET /payments/:paymentId/refunds`: every refund of the payment, oldest first. */
export const listRefundsResponseSchema = z.object({ refunds: z.array(refundViewSchema) });
/** The refunds of a payment. */
export type ListRefundsResponse = z.infer<typeof listRefundsResponseSchema>;
