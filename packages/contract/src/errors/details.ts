import * as z from 'zod/mini';
import { PAYMENT_METHODS } from '../api/view-enums.js';
import { paymentIdSchema } from '../api/common.js';

/**
 * What an `order_payment_open` refusal points at: the order's open payment attempt, so the page can
 * resume it (poll it, reopen its issuer-app or card page) or offer to cancel it before another try.
 */
export const kkiErrorDetailsSchema = z.object({
  paymentId: paymentIdSchema,
  method: z.enum(PAYMENT_METHODS),
});

/** Structured facts an error carries besides its code (today: the open payment of `order_payment_open`). */
export type KkiErrorDetails = z.infer<typeof kkiErrorDetailsSchema>;
