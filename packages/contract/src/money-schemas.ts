// The zod schemas of amounts, apart from the money helpers: the helpers (e.g. `formatIdr`) ship in
// browser bundles, and a schema in the same module would bring zod along with them.
import * as z from 'zod/mini';
import { MAX_RUPIAH, parseSnapAmount, toSnapAmount } from './money.js';

/**
 * An amount to charge or refund, in whole rupiah: a positive safe integer (1 to {@link MAX_RUPIAH}).
 * Zero is refused here because DOKU has nothing to charge; use {@link assertRupiah} where 0 is fine.
 */
export const rupiahSchema = z.number().check(z.int(), z.positive(), z.maximum(MAX_RUPIAH));

/**
 * A SNAP amount object, `{ value: "10000.00", currency: "IDR" }`, as DOKU sends and receives it. The
 * value must be whole rupiah within {@link MAX_RUPIAH} (read it with {@link parseSnapAmount}).
 */
export const snapAmountSchema = z.object({
  value: z.string().check(
    z.superRefine((value, ctx) => {
      try {
        parseSnapAmount(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: error instanceof Error ? error.message : 'invalid SNAP amount',
        });
      }
    }),
  ),
  currency: z.literal('IDR'),
});

/** `{ value: string; currency: 'IDR' }`. */
export type SnapAmount = z.infer<typeof snapAmountSchema>;

/** Rupiah → SNAP amount object: `10000` → `{ value: "10000.00", currency: "IDR" }`. */
export function toSnapAmountObject(rupiah: number): SnapAmount {
  return { value: toSnapAmount(rupiah), currency: 'IDR' };
}
