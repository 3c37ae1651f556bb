// Reading `cardData` (AES-128-CBC, doku-api.md §5.9) and the one-time values inside it. Nothing here
// puts a CPAN, OTT or expiry date into an error message.
import { issuerFromCpan, type KkiCaseCode, luhnValid, maskCpan } from '@kki-kit/contract';
import {
  CARD_DATA_KEY_FALLBACK,
  CardDataError,
  decryptCardData,
  kkiCardDataSchema,
  parseWire,
  sha256Hex,
} from '@kki-kit/doku';
import type { SandboxConfig } from '../context.js';
import { KKI_TEST_OTT, kkiCpanScenario } from '../test-values/kki.js';
import { kkiCaseFailure, kkiFieldFailure, SnapFailure } from './respond.js';
import type { CardRef, KkiStore } from './store.js';

/** The key `cardData` is encrypted with: the configured `sharedKey`, else `CARD_DATA_KEY_FALLBACK`. */
export function cardDataKeyOf(config: Pick<SandboxConfig, 'cardDataKey' | 'secretKey'>): string {
  return config.cardDataKey ?? config[CARD_DATA_KEY_FALLBACK];
}

/** A decrypted, checked card. */
export interface ReadCard {
  card: CardRef;
  /** The OTT in the card data, if any. */
  ott: string | null;
}

/** The card behind a CPAN, or case 11 when no KKI issuer would accept it. */
export async function cardFromCpan(cpan: string): Promise<CardRef> {
  const issuer = issuerFromCpan(cpan);
  if (!issuer || !luhnValid(cpan) || cpan.length < 16) throw kkiCaseFailure('11');
  return {
    issuerId: issuer.id,
    issuerName: issuer.name,
    masked: maskCpan(cpan),
    fingerprint: await sha256Hex(cpan),
    scenario: kkiCpanScenario(cpan),
  };
}

/** True when an `MMYY` expiry is before the month of `now` (WIB does not matter at month grain). */
function expired(mmyy: string, now: Date): boolean {
  const month = Number(mmyy.slice(0, 2));
  const year = 2000 + Number(mmyy.slice(2));
  return year * 12 + month < now.getUTCFullYear() * 12 + (now.getUTCMonth() + 1);
}

/**
 * Decrypts and checks `cardData`: `401xx00` when it cannot be decrypted (seed 001: "401 … card
 * data decryption failed"), `400xx00` naming the field for a bad payload field or a past expiry date,
 * case 11 for a CPAN no KKI issuer has.
 */
export async function readCardData(cardData: string, cardDataKey: string, now: Date): Promise<ReadCard> {
  let plaintext: string;
  try {
    // In the one encoding KKI_CARD_DATA_FORMAT names (decryptCardData's default).
    plaintext = await decryptCardData(cardData, cardDataKey);
  } catch (err) {
    if (err instanceof CardDataError) {
      throw new SnapFailure(401, '00', 'Unauthorized. Card Data Decryption Failed');
    }
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw kkiFieldFailure('format', 'cardData');
  }
  const parsed = parseWire(kkiCardDataSchema, json);
  if (!parsed.success) {
    const { kind, field } = parsed.issue;
    throw kkiFieldFailure(kind === 'mandatory' ? 'mandatory' : 'format', `cardData.${field}`);
  }
  const card = await cardFromCpan(parsed.data.bankCardNo);
  if (parsed.data.expiryDate !== undefined && expired(parsed.data.expiryDate, now)) {
    // Seed 001's table has no expiry case: a past expiry date is a field the cardholder got wrong.
    throw kkiFieldFailure('format', 'cardData.expiryDate');
  }
  return { card, ott: parsed.data.chargeToken ?? null };
}

/**
 * Accepts an OTT once: the test values for "invalid" (case 02) and "expired" (case 12) are
 * refused, and so is any OTT seen before (one-time, case 02). Returns when it was first seen.
 */
export function useOtt(store: KkiStore, ott: string, nowMs: number): number {
  if (ott === KKI_TEST_OTT.invalid) throw kkiCaseFailure('02');
  if (ott === KKI_TEST_OTT.expired) throw kkiCaseFailure('12');
  if (store.usedOtts.has(ott)) throw kkiCaseFailure('02');
  store.usedOtts.set(ott, nowMs);
  return nowMs;
}

/** Fails with the card's scenario case when the card is a test card for `flow`. */
export function applyScenario(card: CardRef, flow: 'bind' | 'payment' | 'unbind' | 'refund'): void {
  if (card.scenario && card.scenario.flow === flow)
    throw kkiCaseFailure(card.scenario.caseCode as KkiCaseCode);
}
