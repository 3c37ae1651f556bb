// Every check DOKU makes on a Non-SNAP (Cards) call, in one place: Client-Id, Request-Id,
// Request-Timestamp, the HMACSHA256 Signature over the exact body bytes (Digest; none on GET),
// Request-Id idempotency, then the body schema (doku-api.md §3.1, §7). Handlers only see requests
// that passed, and every answer to a known client is signed.
import {
  parseDokuTimestamp,
  parseWire,
  REPLAY_ORIGINAL_RESPONSE_FIELD,
  sha256Base64,
  verifyNonSnap,
} from '@kki-kit/doku';
import type { Handler } from 'hono';
import type * as z from 'zod';
import type { SandboxContext } from '../context.js';
import { RequestIdStore } from './request-ids.js';
import { type CardsAnswer, CardsFailure, cardsResponse, invalidParameter, REPLAY_HEADER } from './respond.js';

/** A request that passed every check. */
export interface CardsRequest<T> {
  data: T;
  /** The raw body as received ('' on GET). */
  rawBody: string;
  /** The merchant's Request-Id. */
  requestId: string;
  /** Absolute URL of the request (hosted-page links default to its origin). */
  url: string;
  /** Route parameters (e.g. `invoice` of the status path). */
  param(name: string): string | undefined;
  /** Request header lookup (case-insensitive). */
  header(name: string): string | undefined;
}

/** What one Non-SNAP endpoint is. */
export interface CardsEndpointSpec<S extends z.ZodType> {
  method: 'GET' | 'POST';
  /** Body schema (POST); GET endpoints take `null`. */
  schema: S | null;
  handle(req: CardsRequest<z.output<S>>): Promise<CardsAnswer> | CardsAnswer;
}

/** Request-Id max length (doku-api.md §3.1: "max 128 characters"). */
export const REQUEST_ID_MAX = 128;

// DOKU asks for "ISO8601 UTC+0 format" (doku-api.md §3.1, [SEED-002] header table), e.g.
// 2020-08-11T08:45:42Z; fractional seconds are tolerated, offsets are not.
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function header(c: { req: { header(name: string): string | undefined } }, name: string): string {
  const v = c.req.header(name);
  if (v === undefined || v.trim() === '')
    throw new CardsFailure(400, 'INVALID_HEADER', `Missing header ${name}`);
  return v.trim();
}

/** Builds the Hono handler of one Non-SNAP endpoint. */
export function cardsEndpoint<S extends z.ZodType>(
  ctx: SandboxContext,
  requestIds: RequestIdStore,
  spec: CardsEndpointSpec<S>,
): Handler {
  return async (c) => {
    const url = new URL(c.req.url);
    // Request-Target is the path as sent (percent-encoding kept), plus the query if any.
    const requestTarget = `${url.pathname}${url.search}`;
    let signing: Parameters<typeof cardsResponse>[1] = null;
    let claim: { complete(answer: CardsAnswer): void } | null = null;
    try {
      const clientId = header(c, 'Client-Id');
      if (clientId !== ctx.config.clientId)
        throw new CardsFailure(401, 'INVALID_CLIENT_ID', 'Unknown Client-Id');
      const requestId = header(c, 'Request-Id');
      if (requestId.length > REQUEST_ID_MAX || /[\s]/.test(requestId)) {
        throw new CardsFailure(
          400,
          'INVALID_HEADER',
          `Invalid header Request-Id (max ${REQUEST_ID_MAX} characters)`,
        );
      }
      // From here on the answer is signed for the client and echoes its Request-Id.
      signing = { config: ctx.config, requestId, requestTarget, now: ctx.clock.now() };

      const timestamp = header(c, 'Request-Timestamp');
      const sentAt = UTC_TIMESTAMP.test(timestamp) ? parseDokuTimestamp(timestamp) : null;
      if (!sentAt) {
        throw new CardsFailure(
          400,
          'INVALID_HEADER',
          'Invalid header Request-Timestamp (ISO 8601 UTC, e.g. 2020-08-11T08:45:42Z)',
        );
      }
      if (Math.abs(sentAt.getTime() - ctx.clock.nowMs()) > ctx.config.clockSkewSeconds * 1000) {
        throw new CardsFailure(401, 'INVALID_TIMESTAMP', 'Request-Timestamp is outside the allowed window');
      }
      const signature = header(c, 'Signature');
      const rawBody = spec.method === 'GET' ? '' : await c.req.text();
      // Some SDKs also send the Digest as a header (doku-api.md §3.1); when present it must match.
      const digestHeader = c.req.header('Digest');
      if (spec.method === 'POST' && digestHeader !== undefined) {
        const digest = digestHeader.replace(/^SHA-256=/i, '').trim();
        if (digest !== (await sha256Base64(rawBody))) {
          throw new CardsFailure(401, 'INVALID_SIGNATURE', 'Digest does not match the request body');
        }
      }
      const valid = await verifyNonSnap({
        clientId,
        requestId,
        timestamp,
        requestTarget,
        // GET is signed without the Digest line (doku-api.md §3.1 [DOC-NS-GET]).
        body: spec.method === 'GET' ? null : rawBody,
        secretKey: ctx.config.secretKey,
        signature,
      });
      if (!valid) throw new CardsFailure(401, 'INVALID_SIGNATURE', 'Invalid Signature');

      const fingerprint = await RequestIdStore.fingerprint(spec.method, requestTarget, rawBody);
      const seen = requestIds.begin(clientId, requestId, fingerprint);
      if (seen.kind === 'conflict') {
        throw new CardsFailure(
          409,
          'DUPLICATE_REQUEST_ID',
          'Request-Id was already used for another request',
        );
      }
      if (seen.kind === 'replay') {
        // DOKU answers a replay with 409 (its idempotency page); like the SNAP side, the sandbox adds
        // the first answer under REPLAY_ORIGINAL_RESPONSE_FIELD so the client can read the outcome of
        // a request whose answer it lost (README "Cards").
        const first = await seen.answer;
        const replay = new CardsFailure(409, 'DUPLICATE_REQUEST_ID', 'Request-Id already processed').answer();
        return cardsResponse(
          {
            status: 409,
            body: ctx.config.minimal
              ? replay.body
              : { ...replay.body, [REPLAY_ORIGINAL_RESPONSE_FIELD.nonSnap]: first.body },
          },
          signing,
          { [REPLAY_HEADER]: 'true' },
        );
      }
      claim = seen;

      let data: unknown = null;
      if (spec.schema) {
        let json: unknown;
        try {
          json = JSON.parse(rawBody);
        } catch {
          throw invalidParameter('Invalid Request Body');
        }
        const parsed = parseWire(spec.schema, json);
        if (!parsed.success) {
          const { kind, field } = parsed.issue;
          throw invalidParameter(
            `${kind === 'mandatory' ? 'Invalid Mandatory Field' : 'Invalid Field Format'} ${field}`,
          );
        }
        data = parsed.data;
      }
      const answer = await spec.handle({
        data: data as z.output<S>,
        rawBody,
        requestId,
        url: c.req.url,
        param: (name) => c.req.param(name),
        header: (name) => c.req.header(name),
      });
      claim.complete(answer);
      return cardsResponse(answer, { ...signing, now: ctx.clock.now() });
    } catch (err) {
      const failure =
        err instanceof CardsFailure
          ? err
          : new CardsFailure(500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error');
      // These API bodies never hold card numbers (the hosted page does), so the error can be logged.
      if (!(err instanceof CardsFailure)) console.error('sandbox: Cards handler failed:', err);
      const answer = failure.answer();
      claim?.complete(answer);
      return cardsResponse(answer, signing ? { ...signing, now: ctx.clock.now() } : null);
    }
  };
}
