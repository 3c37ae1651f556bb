// The single-use token in the card return URL (see security/return-token.ts): DOKU's page sends the
// customer back in the shop's iframe, where the shop's session may not reach the BFF. The route
// checks it with `returningPayment` (purpose `card`).
import { createReturnToken } from '../security/return-token.js';

/** How long a return token works: longer than any card page stays open. */
export const CARD_RETURN_TOKEN_TTL_MS = 2 * 60 * 60_000;

/** Mints the return token of `paymentId`, valid {@link CARD_RETURN_TOKEN_TTL_MS} from `now`. */
export function createCardReturnToken(secret: string, paymentId: string, now = Date.now()): Promise<string> {
  return createReturnToken(secret, 'card', paymentId, CARD_RETURN_TOKEN_TTL_MS, now);
}
