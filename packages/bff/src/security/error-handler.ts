// Maps every failure to the contract's error body with the catalogue's copy and status. Unknown
// errors become `internal_error`: nothing from an exception (message, stack, SQL, DOKU text) is
// echoed; the log gets a redacted summary and a request id the customer can quote.
import {
  isKkiLocale,
  KKI_LOCALE_HEADER,
  type KkiCopyFlow,
  type KkiCopyOverrides,
  type KkiLocale,
  toApiErrorBody,
} from '@kki-kit/contract';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { parseAccept } from 'hono/utils/accept';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fromStoreRule, KkiDomainError } from '../errors.js';
import { type Log, redactText } from '../log.js';
import { StoreRuleError } from '../store/index.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The reader of the matched route's errors, when not a shopper paying (set by `defineRoute`). */
    kkiCopyFlow: KkiCopyFlow;
  }
}

/**
 * The locale of a request's error copy: `X-KKI-Locale` (`id` or `en`), else the most preferred of
 * `id` and `en` in `Accept-Language` (`id-ID`, `en-GB;q=0.8` count), else the configured default.
 */
export function requestLocale(c: Context, fallback: KkiLocale): KkiLocale {
  const header = c.req.header(KKI_LOCALE_HEADER)?.toLowerCase();
  if (isKkiLocale(header)) return header;
  // parseAccept orders by quality; the first tag whose language is one the kit speaks wins.
  for (const { type, q } of parseAccept(c.req.header('accept-language') ?? '')) {
    const language = type.split('-')[0]?.toLowerCase();
    if (q > 0 && isKkiLocale(language)) return language;
  }
  return fallback;
}

/** Converts anything thrown into a {@link KkiDomainError}: the edge's mapping of framework and store refusals. */
export function toDomainError(error: unknown): KkiDomainError {
  if (error instanceof KkiDomainError) return error;
  if (error instanceof StoreRuleError) return fromStoreRule(error);
  if (error instanceof HTTPException) {
    if (error.status === 413) return new KkiDomainError('payload_too_large');
    if (error.status === 401) return new KkiDomainError('unauthenticated');
    if (error.status === 404) return new KkiDomainError('not_found');
    if (error.status < 500) return new KkiDomainError('validation_failed');
  }
  return new KkiDomainError('internal_error');
}

/**
 * A Hono `onError` handler answering `{ error: { …, requestId } }` (the request's `X-Request-Id`).
 * With `explainRefusals` (outside production), a refusal without details of its own says its
 * developer-facing reason in `details.reason`; server errors never say more than their code.
 */
export function createErrorHandler(options: {
  log: Log;
  locale: KkiLocale;
  overrides?: KkiCopyOverrides;
  explainRefusals?: boolean;
}) {
  return (error: unknown, c: Context) => {
    const mapped = toDomainError(error);
    const requestId = c.get('requestId') ?? crypto.randomUUID();
    // A route whose errors another reader gets (staff, the card's owner) says so in `kkiCopyFlow`.
    const worded = mapped.toKkiError(
      requestLocale(c, options.locale),
      options.overrides,
      c.get('kkiCopyFlow'),
    );
    const reason = mapped.message === mapped.code ? undefined : redactText(mapped.message);
    // Only where the error has no structured facts of its own (those already say what is wrong).
    const kkiError =
      options.explainRefusals &&
      worded.httpStatus < 500 &&
      reason !== undefined &&
      worded.details === undefined
        ? { ...worded, details: { reason } }
        : worded;
    if (mapped.retryAfterSeconds !== undefined) c.header('Retry-After', String(mapped.retryAfterSeconds));
    if (kkiError.httpStatus >= 500) {
      options.log.error('request failed', { requestId, path: c.req.path, method: c.req.method, error });
    } else {
      options.log.info('request refused', {
        requestId,
        path: c.req.path,
        code: kkiError.code,
        detail: mapped.message,
      });
    }
    return c.json(toApiErrorBody(kkiError, requestId), kkiError.httpStatus as ContentfulStatusCode);
  };
}
