// Building blocks shared by every BFF route schema: identifiers, headers, timestamps, card inputs.
import * as z from 'zod/mini';
import { KKI_ERROR_CODES } from '../errors/codes.js';
import { KKI_ISSUERS, type KkiIssuerId, MASKED_CPAN_PATTERN } from '../issuers.js';
import { KKI_LOCALES } from '../locale.js';
import { rupiahSchema } from '../money-schemas.js';
import { opaqueIdPattern } from './ids.js';

/**
 * An idempotency key: 8 to 255 characters of letters, digits and `_ - . :`. A UUID per user action
 * (not per HTTP attempt) is the intended use, so a retry of the same action reuses it.
 */
export const idempotencyKeySchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:-]{8,255}$/, 'an idempotency key is 8 to 255 letters, digits or _ - . :'));

// Opaque identifiers: a type prefix and random letters/digits. The prefix lets the BFF refuse an id of
// the wrong kind before touching the store, and keeps DOKU's own references out of browser hands.
const opaqueId = (prefix: string) =>
  z
    .string()
    .check(z.regex(opaqueIdPattern(prefix), `expected an id like ${prefix}_…`))
    .register(z.globalRegistry, { description: `Opaque id with the \`${prefix}_\` prefix.` });

/** Id of an order the merchant created server-side. */
export const orderIdSchema = opaqueId('ord');
/** Id of one payment attempt on an order. */
export const paymentIdSchema = opaqueId('pay');
/** Opaque id of a saved card; never DOKU's `bankCardToken`. */
export const cardIdSchema = opaqueId('card');
/** Id of a card-binding attempt. */
export const bindingIdSchema = opaqueId('bind');
/** Id of a refund. */
export const refundIdSchema = opaqueId('ref');
/** Id of an event for merchant code; receivers de-duplicate on it. */
export const eventIdSchema = opaqueId('evt');

// No C0 or C1 control character or DEL: a NUL is refused by PostgreSQL and a line break forges
// lines in plain-text logs, so free text never carries them. No unpaired UTF-16 surrogate either:
// it is not Unicode, and the store would keep U+FFFD in its place, so the text read back would not
// be the text sent. A regex check, not a refine: the browser bundles already carry zod's regex
// check, a refine would add zod's custom-check code.
const NO_CONTROL_CHARACTER = /^[^\p{Cc}\p{Cs}]*$/u;
const NO_CONTROL_CHARACTER_MESSAGE = 'control characters and unpaired surrogates are not allowed';

/** The merchant's id of a customer (what the BFF's `authenticate` returns): 1 to 64 characters, none a control character. */
export const customerIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL_CHARACTER, NO_CONTROL_CHARACTER_MESSAGE));

/** An ISO-8601 UTC timestamp, e.g. `2026-03-26T08:15:00.000Z`. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** The only currency the kit handles. */
export const currencySchema = z.literal('IDR');

/** A language the kit ships copy for. */
export const localeSchema = z.enum(KKI_LOCALES);

/** A KKI issuer id (`bri`, `mandiri`, `bjb`, `dki`, `bpd_bali`). */
export const kkiIssuerIdSchema = z.enum(
  KKI_ISSUERS.map((i) => i.id) as unknown as readonly [KkiIssuerId, ...KkiIssuerId[]],
);

/** A card number as shown to customers ({@link MASKED_CPAN_PATTERN}). */
export const maskedCpanSchema = z.string().check(z.regex(MASKED_CPAN_PATTERN));

/**
 * A CPAN as the customer typed it: 12 to 19 digits, spaces and dashes allowed. The Luhn check is left
 * to DOKU on purpose, so an invalid number surfaces as DOKU's case 11 (`invalid_cpan`) like every
 * other card refusal.
 */
export const cpanInputSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s: string) => s.replace(/[\s-]/g, '')),
  ),
  z.string().check(z.regex(/^\d{12,19}$/, 'a card number is 12 to 19 digits')),
);

/** The issuer app's one-time token (SNAP `chargeToken`, at most 40 characters). */
export const ottSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9]{1,40}$/, 'a one-time token is 1 to 40 letters or digits'));

/** An OTP from SMS: 4 to 8 digits (SNAP `otp` S(8)). */
export const otpSchema = z.string().check(z.regex(/^\d{4,8}$/, 'an OTP is 4 to 8 digits'));

/** Card expiry as `MMYY`. */
export const expirySchema = z.string().check(z.regex(/^(0[1-9]|1[0-2])\d{2}$/, 'expiry is MMYY'));

/**
 * Free text a person typed (a name, an address, a refund reason): `min` to `max` characters and no
 * control characters, refused at validation before anything stores or logs it.
 */
export function plainTextSchema(min: number, max: number): z.ZodMiniString<string> {
  return z
    .string()
    .check(z.minLength(min), z.maxLength(max), z.regex(NO_CONTROL_CHARACTER, NO_CONTROL_CHARACTER_MESSAGE));
}

/** One line of an order, in whole rupiah. */
export const lineItemSchema = z.object({
  name: plainTextSchema(1, 255),
  price: rupiahSchema,
  quantity: z.number().check(z.int(), z.positive(), z.maximum(1_000_000)),
});

/** `{ name, price, quantity }`. */
export type LineItem = z.infer<typeof lineItemSchema>;

/**
 * A {@link KkiError} as it travels inside a view: the catalogue's code and copy, never DOKU's text or
 * a stack. Matches the `KkiError` interface field for field.
 */
export const kkiErrorSchema = z.object({
  code: z.enum(KKI_ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
  httpStatus: z.number().check(z.int()),
  dokuResponseCode: z.optional(z.string()),
  field: z.optional(z.string()),
});
