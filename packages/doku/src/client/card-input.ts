import { encryptCardData } from '../crypto/card-data.js';
import { kkiCardDataSchema } from '../wire/card-data.js';
import { KKI_CARD_DATA_FIELDS as F } from '../wire/open-questions.js';
import { DokuRequestError } from './errors.js';

/** The card a KKI call carries. The client encrypts it into `cardData`; it is never logged. */
export interface KkiCardInput {
  /** Customer PAN, digits (spaces are removed). */
  cpan: string;
  /** One-time token from the issuer's app. */
  ott?: string;
  /** Expiry as `MMYY`. */
  expiry?: string;
}

/**
 * Builds the `CardDataPayload` JSON (keys from `KKI_CARD_DATA_FIELDS`) and encrypts it with the
 * card-data key (the merchant's `sharedKey`) in the `KKI_CARD_DATA_FORMAT` encoding.
 */
export async function encryptKkiCard(
  endpoint: string,
  card: KkiCardInput,
  cardDataKey: string,
): Promise<string> {
  const plaintext = {
    [F.cpan]: card.cpan.replace(/\s+/g, ''),
    ...(card.ott === undefined ? {} : { [F.ott]: card.ott }),
    ...(card.expiry === undefined ? {} : { [F.expiry]: card.expiry }),
  };
  const parsed = kkiCardDataSchema.safeParse(plaintext);
  if (!parsed.success) {
    // Name the input field, never its value.
    const key = parsed.error.issues[0]?.path[0];
    const field = key === F.ott ? 'card.ott' : key === F.expiry ? 'card.expiry' : 'card.cpan';
    throw new DokuRequestError(endpoint, field, 'format');
  }
  return encryptCardData(JSON.stringify(parsed.data), cardDataKey);
}
