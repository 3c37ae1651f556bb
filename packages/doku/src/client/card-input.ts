import { encryptCardData } from '../crypto/card-data.js';
import { hmacSha256 } from '../crypto/hash.js';
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
 * card-data key (the merchant's `sharedKey`) in the `KKI_CARD_DATA_FORMAT` encoding. With `request`
 * (a caller's own X-EXTERNAL-ID) the IV is that request's ({@link requestIv}), else random.
 */
export async function encryptKkiCard(
  endpoint: string,
  card: KkiCardInput,
  cardDataKey: string,
  request?: { secretKey: string; externalId: string },
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
  return encryptCardData(
    JSON.stringify(parsed.data),
    cardDataKey,
    request === undefined ? {} : { iv: await requestIv(request.secretKey, request.externalId) },
  );
}

/**
 * The card data's IV for one request: HMAC-SHA256 under the secret key, domain-separated, of the
 * request's X-EXTERNAL-ID, first 16 bytes. Unpredictable without the secret and unique per request,
 * as CBC needs, and the same when that request is sent again (a retry after a lost answer): DOKU then
 * sees the same body under the same id and answers a replay, not a conflict. A random IV made every
 * retry a different body, and a binding (which has no status call) could never be resumed.
 */
async function requestIv(secretKey: string, externalId: string): Promise<Uint8Array<ArrayBuffer>> {
  const mac = await hmacSha256(secretKey, `kki-kit card data iv\u0000${externalId}`);
  return mac.slice(0, 16);
}
