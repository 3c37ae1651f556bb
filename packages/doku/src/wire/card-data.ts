import * as z from 'zod';
import { KKI_CARD_DATA_FIELDS as F } from './open-questions.js';

/**
 * The plaintext JSON inside `cardData` for KKI (`CardDataPayload`, doku-api.md §5.9, §9.2; keys
 * decided in `KKI_CARD_DATA_FIELDS`): `{"bankCardNo": CPAN, "chargeToken"?: OTT, "expiryDate"?: MMYY}`.
 */
export const kkiCardDataSchema = z.object({
  /** The CPAN: 12 to 19 digits (`bankCardNo` ≤ 20 in the SDKs). */
  [F.cpan]: z.string().regex(/^\d{12,19}$/),
  /** The issuer's one-time token (SNAP `chargeToken` S(40)). */
  [F.ott]: z.string().min(1).max(40).optional(),
  /** `MMYY`. */
  [F.expiry]: z
    .string()
    .regex(/^(0[1-9]|1[0-2])\d{2}$/)
    .optional(),
});
/** KKI card data plaintext. */
export type KkiCardData = z.infer<typeof kkiCardDataSchema>;
