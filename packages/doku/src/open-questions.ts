/**
 * `@kki-kit/doku/open-questions`: the kit's guesses about DOKU (doku-api.md §9), each citing its
 * source, with no imports and no side effects, so browser code (the contract's issuer table and error
 * catalogue) reads the same guesses as the client and the sandbox.
 */
export * from './wire/open-questions.js';
