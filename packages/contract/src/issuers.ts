// KKI issuers and how a CPAN's prefix names its issuer. The prefixes are a guess (DOKU publishes no
// KKI BIN list), kept with DOKU's other open questions in `@kki-kit/doku/open-questions`.
import { KKI_ISSUER_BIN_PREFIXES as BIN } from '@kki-kit/doku/open-questions';

// Display names in the table's order. KKI_ISSUERS is built from these and the prefixes rather than
// written out: every browser bundle with card-number recognition carries it, ids and all.
const ISSUER_NAMES = {
  bri: 'BRI',
  mandiri: 'Mandiri',
  bjb: 'BJB',
  dki: 'Bank DKI',
  bpd_bali: 'BPD Bali',
} as const;

type IssuerEntry<I extends keyof typeof ISSUER_NAMES> = {
  readonly id: I;
  readonly name: (typeof ISSUER_NAMES)[I];
  readonly prefix: (typeof BIN)[I];
};

/** The KKI issuers DOKU supports (seed 000: BRI, Mandiri, BPD Bali, BJB, DKI Jakarta). */
export const KKI_ISSUERS = /* @__PURE__ */ (Object.keys(ISSUER_NAMES) as (keyof typeof ISSUER_NAMES)[]).map(
  (id) => ({ id, name: ISSUER_NAMES[id], prefix: BIN[id] }),
) as unknown as readonly [
  IssuerEntry<'bri'>,
  IssuerEntry<'mandiri'>,
  IssuerEntry<'bjb'>,
  IssuerEntry<'dki'>,
  IssuerEntry<'bpd_bali'>,
];

/** One KKI issuer. */
export type KkiIssuer = (typeof KKI_ISSUERS)[number];

/** Identifier of a KKI issuer (`bri`, `mandiri`, `bjb`, `dki`, `bpd_bali`). */
export type KkiIssuerId = KkiIssuer['id'];

/** The KKI issuer with id `id` (e.g. a stored or viewed `issuer` field), or `null` when it is none. */
export function issuerById(id: string | null | undefined): KkiIssuer | null {
  return KKI_ISSUERS.find((i) => i.id === id) ?? null;
}

/** The issuer a CPAN belongs to, or `null` when its prefix is not a known KKI issuer's. */
export function issuerFromCpan(cpan: string): KkiIssuer | null {
  const digits = cpan.replace(/[\s-]/g, '');
  return KKI_ISSUERS.find((i) => digits.startsWith(i.prefix)) ?? null;
}

/** Luhn check digit validity of a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** CPAN length bounds: 16 digits for GPN cards; up to 19 as ISO/IEC 7812 allows. */
export const CPAN_MIN_LENGTH = 16;
export const CPAN_MAX_LENGTH = 19;

/** Digits only, with spaces and dashes a customer may type removed. */
export function normalizeCpan(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** True for a CPAN of valid length and Luhn check digit. */
export function isValidCpan(input: string): boolean {
  const d = normalizeCpan(input);
  return d.length >= CPAN_MIN_LENGTH && d.length <= CPAN_MAX_LENGTH && luhnValid(d);
}

/**
 * The masked form shown to customers and stored by the BFF: the last 4 digits and at most the first
 * 6 (PCI DSS allows no more), the rest as `*`, and never fewer than 6 digits hidden: a shorter
 * number (the API takes 12 to 19 digits and leaves the refusal to DOKU) shows fewer leading digits,
 * since 6 + 4 of 12 would leave about ten candidates with the check digit.
 */
export function maskCpan(input: string): string {
  const d = normalizeCpan(input);
  if (d.length < 10) return '*'.repeat(d.length);
  const lead = Math.min(6, d.length - 10);
  return `${d.slice(0, lead)}${'*'.repeat(d.length - lead - 4)}${d.slice(-4)}`;
}

/**
 * A masked card number the kit keeps and shows: at most the first 6 and the last 4 digits with `*`
 * between, or `*` only. What {@link maskCpan} makes and DOKU's masks (`411111******1111`) match; a
 * value that does not is dropped wherever the kit would keep it (it may be a card number in clear).
 */
export const MASKED_CPAN_PATTERN = /^\d{0,6}\*+\d{4}$|^\*+$/;

/** True when `value` is a masked card number ({@link MASKED_CPAN_PATTERN}). */
export function isMaskedCpan(value: unknown): value is string {
  return typeof value === 'string' && MASKED_CPAN_PATTERN.test(value);
}
