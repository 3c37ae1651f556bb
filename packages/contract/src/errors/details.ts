import * as z from 'zod/mini';
import { PAYMENT_METHODS } from '../api/view-enums.js';
import { paymentIdSchema } from '../api/common.js';

/**
 * Structured facts an error carries besides its code: the order's open payment attempt of an
 * `order_payment_open` refusal (`paymentId` and `method` together), so the page can resume it (poll
 * it, reopen its issuer-app or card page) or offer to cancel it before another try; and, outside
 * production only, `reason`: the developer-facing cause of a refusal (e.g. which CSRF check failed).
 */
export const kkiErrorDetailsSchema = z.union([
  z.object({
    paymentId: paymentIdSchema,
    method: z.enum(PAYMENT_METHODS),
    reason: z.optional(z.string()),
  }),
  // `never` keeps `details.paymentId` readable on the union (undefined here) for callers.
  z.object({ reason: z.string(), paymentId: z.optional(z.never()), method: z.optional(z.never()) }),
]);

/** Structured facts an error carries besides its code (see {@link kkiErrorDetailsSchema}). */
export type KkiErrorDetails = z.infer<typeof kkiErrorDetailsSchema>;
