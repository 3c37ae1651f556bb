import * as z from 'zod';
import { mandatory, snapResponseBase } from './common.js';

/** `POST /authorization/v1/access-token/b2b` body (doku-api.md §1.1). */
export const b2bTokenRequestSchema = z.object({
  grantType: z.literal('client_credentials'),
  // Older captures send `""`, the PHP SDK `{}` (§1.1): accept anything, send nothing.
  additionalInfo: z.unknown().optional(),
});
/** B2B token request body. */
export type B2bTokenRequest = z.infer<typeof b2bTokenRequestSchema>;

/** `expiresIn`: a number, or a numeric string as the Java SDK models it (doku-api.md §1.3, §9.7). */
export const expiresInSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);

/** B2B token response (doku-api.md §1.3). */
export const b2bTokenResponseSchema = z.looseObject({
  ...snapResponseBase,
  accessToken: mandatory(2048),
  tokenType: z.string().optional(),
  expiresIn: expiresInSchema.optional(),
  additionalInfo: z.unknown().optional(),
});
/** B2B token response. */
export type B2bTokenResponse = z.infer<typeof b2bTokenResponseSchema>;
