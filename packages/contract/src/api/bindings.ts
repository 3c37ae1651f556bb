// Request and response bodies of card binding and saved cards (KkiBindCard, SavedCardsList).
import * as z from 'zod/mini';
import {
  bindingIdSchema,
  cardIdSchema,
  cpanInputSchema,
  expirySchema,
  otpSchema,
  plainTextSchema,
} from './common.js';
import { BINDING_MODES } from './view-enums.js';
import { bindingViewSchema, savedCardViewSchema } from './views.js';

/** The card holder's details DOKU's binding accepts (all optional; issuers differ in what they need). */
export const cardHolderSchema = z.object({
  name: z.optional(plainTextSchema(1, 70)),
  email: z.optional(z.email().check(z.maxLength(254))),
  /** Phone number for the OTP SMS, digits with country code, e.g. `6281234567890`. */
  phone: z.optional(
    z.string().check(z.regex(/^\d{8,16}$/, 'a phone number is 8 to 16 digits with the country code')),
  ),
  /** `YYYYMMDD`. */
  dateOfBirth: z.optional(z.string().check(z.regex(/^\d{8}$/, 'date of birth is YYYYMMDD'))),
  address: z.optional(plainTextSchema(0, 255)),
  /** ISO 3166-1 alpha-2. */
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
});
/** Card holder details. */
export type CardHolder = z.infer<typeof cardHolderSchema>;

/** `POST /kki/bindings`: register a card for the signed-in customer. */
export const createBindingRequestSchema = z.object({
  cpan: cpanInputSchema,
  expiry: z.optional(expirySchema),
  /** `redirect`: DOKU's hosted OTP page (DH); `otp`: the component asks for the OTP (H2H). */
  mode: z._default(z.enum(BINDING_MODES), 'redirect'),
  holder: z._default(cardHolderSchema, {}),
});
/** Body of `POST /kki/bindings` as sent. */
export type CreateBindingRequest = z.input<typeof createBindingRequestSchema>;
/** Body of `POST /kki/bindings` after validation. */
export type CreateBindingParsed = z.output<typeof createBindingRequestSchema>;

/** Path parameters of the routes about one binding. */
export const bindingParamsSchema = z.object({ bindingId: bindingIdSchema });

/** `POST /kki/bindings/:bindingId/otp`: the OTP the customer typed (H2H mode). */
export const verifyBindingOtpRequestSchema = z.object({ otp: otpSchema });
/** Body of the OTP verification. */
export type VerifyBindingOtpRequest = z.infer<typeof verifyBindingOtpRequestSchema>;

/** Response of the binding routes. */
export const bindingResponseSchema = bindingViewSchema;

/** `GET /kki/cards`: the signed-in customer's saved cards, newest first. */
export const listSavedCardsResponseSchema = z.object({ cards: z.array(savedCardViewSchema) });
/** The saved-cards list. */
export type ListSavedCardsResponse = z.infer<typeof listSavedCardsResponseSchema>;

/** Path parameters of the routes about one saved card. */
export const cardParamsSchema = z.object({ cardId: cardIdSchema });

/**
 * `DELETE /kki/cards/:cardId` answer: the card in `removing` while DOKU's unbinding is PENDING, or
 * `removed: true` once it is gone (then `card` is its last state). `redirectUrl`: a page DOKU asks
 * the customer to visit to finish the unbinding (seed 001: a `DH` unbinding "may return a
 * `redirectUrl`"); the browser follows it.
 */
export const removeSavedCardResponseSchema = z.object({
  removed: z.boolean(),
  card: savedCardViewSchema,
  redirectUrl: z.optional(z.url({ protocol: /^https?$/ })),
});
/** Answer of a card removal. */
export type RemoveSavedCardResponse = z.infer<typeof removeSavedCardResponseSchema>;
