// The HTTP headers of the BFF's browser API. Apart from the schemas: the browser client sends them,
// and a module with zod schemas would bring zod into its bundle.

/** Header carrying the caller's idempotency key on every state-changing call. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Header every state-changing browser call must carry with the value `1`. A cross-site form post
 * cannot set a custom header, and a cross-site `fetch` that sets one triggers a CORS preflight the
 * BFF approves only for its allowed origins, so its presence (plus the Origin check) defeats CSRF.
 */
export const KKI_REQUEST_HEADER = 'X-KKI-Request';

/** Header naming the language of error copy in BFF answers (`id` or `en`); defaults to `id`. */
export const KKI_LOCALE_HEADER = 'X-KKI-Locale';

/**
 * Header naming the request on every BFF answer: an incoming id (up to 128 letters, digits, `_`, `-`
 * or `=`) is kept, anything else is replaced by a fresh one. Error bodies carry the same id as
 * `error.requestId`, and every log line of the request has it: the id a customer or support quotes.
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';
