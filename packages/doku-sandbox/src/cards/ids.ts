// Identifiers the sandbox (as DOKU) hands out on the Cards side, from the seeded random source so a
// run can be repeated. Shapes follow DOKU's samples (doku-api.md §7.1, §7.2).
import type { SeededRandom } from '../context.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function pick(random: SeededRandom, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

/** Generates the Cards identifiers. */
export function cardsIds(random: SeededRandom) {
  return {
    /** Page URL `requestId`: 20 letters and digits, like `8quQyK39l4aM5cCml0Yy`. */
    pageRef: () => pick(random, ALNUM, 20),
    /** `credit_card_js.session_id`, like `ps_sit_1761107459919_Dv7nPW51NX`. */
    sessionId: (nowMs: number) => `ps_sbx_${nowMs}_${pick(random, ALNUM, 10)}`,
    /** Acquirer approval code: 6 digits. */
    approvalCode: () => random.digits(6),
    /** `payment.authorize_id`: 14 digits, like `12312391719112`. */
    authorizeId: () => `${1 + random.int(9)}${random.digits(13)}`,
    /** `card.token`: 32 lowercase hex, like `243591d7e49f45109961581718c3ef82`. */
    cardToken: () => pick(random, HEX, 32),
    /** `three_dsecure.authentication_id`: 64 lowercase hex. */
    authenticationId: () => pick(random, HEX, 64),
    /** Id of a 3-D Secure challenge page: 24 letters and digits. */
    challengeId: () => pick(random, ALNUM, 24),
  };
}

/** The generators `cardsIds` returns. */
export type CardsIds = ReturnType<typeof cardsIds>;
