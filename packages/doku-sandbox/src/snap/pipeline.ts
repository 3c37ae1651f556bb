// Every check DOKU makes on a SNAP transactional call, in one place: access token, timestamp,
// partner id, external id, signature over the exact body bytes, idempotency, then the body schema
// (doku-api.md §2). Handlers only see requests that passed.
import {
  isExternalId,
  parseDokuTimestamp,
  parseWire,
  REPLAY_ORIGINAL_RESPONSE_FIELD,
  SNAP_PARTNER_ID_MAX,
  SNAP_TIMESTAMP_PATTERN,
  verifySnapSymmetric,
} from '@kki-kit/doku';
import type { Context, Handler } from 'hono';
import type * as z from 'zod';
import type { SandboxContext } from '../context.js';
import { verifyAccessToken } from './access-token.js';
import { ExternalIdStore, wibDay } from './idempotency.js';
import { fieldFailure, generalError, type SnapAnswer, SnapFailure, snapResponse } from './respond.js';

/** A request that passed every check. */
export interface SnapRequest<T> {
  data: T;
  /** The raw body as received. */
  rawBody: string;
  externalId: string;
  /** Header lookup (case-insensitive). */
  header(name: string): string | undefined;
  /** Absolute URL of the request (hosted-page links default to its origin). */
  url: string;
}

/** What a SNAP endpoint is. */
export interface SnapEndpointSpec<S extends z.ZodType> {
  serviceCode: string;
  schema: S;
  handle(req: SnapRequest<z.output<S>>): Promise<SnapAnswer>;
}

/** Marks a replayed answer (same X-EXTERNAL-ID, same body): `409xx00` carrying the first answer. */
export const REPLAY_HEADER = 'X-Sandbox-Replay';

function mandatoryHeader(c: Context, serviceCode: string, name: string): string {
  const v = c.req.header(name);
  if (v === undefined || v.trim() === '') throw fieldFailure(serviceCode, 'mandatory', name);
  return v;
}

/** Builds the Hono handler of one SNAP transactional endpoint. */
export function snapEndpoint<S extends z.ZodType>(
  ctx: SandboxContext,
  externalIds: ExternalIdStore,
  spec: SnapEndpointSpec<S>,
): Handler {
  return async (c) => {
    const now = () => ctx.clock.now();
    let claim: { complete(answer: SnapAnswer): void } | null = null;
    try {
      const timestamp = mandatoryHeader(c, spec.serviceCode, 'X-TIMESTAMP');
      // Seed 001's pattern (no `Z`, no milliseconds), then a real date.
      const sentAt = SNAP_TIMESTAMP_PATTERN.test(timestamp) ? parseDokuTimestamp(timestamp) : null;
      if (!sentAt) throw fieldFailure(spec.serviceCode, 'format', 'X-TIMESTAMP');

      const auth = c.req.header('Authorization') ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
      const claims = m ? await verifyAccessToken(ctx.config, m[1] as string, ctx.clock.nowMs()) : null;
      if (!claims) throw new SnapFailure(401, '01', 'Invalid Token (B2B)');
      const accessToken = m?.[1] as string;

      const partnerId = mandatoryHeader(c, spec.serviceCode, 'X-PARTNER-ID');
      if (partnerId.length > SNAP_PARTNER_ID_MAX)
        throw fieldFailure(spec.serviceCode, 'format', 'X-PARTNER-ID');
      // An unknown partner is an authentication failure (SNAP 401-00 "Unauthorized. [reason]", doku-api.md §6.3).
      if (partnerId !== ctx.config.clientId || partnerId !== claims.clientId) {
        throw new SnapFailure(401, '00', 'Unauthorized. Unknown X-PARTNER-ID');
      }
      const externalId = mandatoryHeader(c, spec.serviceCode, 'X-EXTERNAL-ID');
      if (!isExternalId(externalId)) throw fieldFailure(spec.serviceCode, 'format', 'X-EXTERNAL-ID');
      const signature = mandatoryHeader(c, spec.serviceCode, 'X-SIGNATURE');

      // A time outside the skew window is refused like a bad signature (401-00), as replay protection.
      if (Math.abs(sentAt.getTime() - ctx.clock.nowMs()) > ctx.config.clockSkewSeconds * 1000) {
        throw new SnapFailure(401, '00', 'Unauthorized. Stale X-TIMESTAMP');
      }
      // The signed path includes the query string (doku-api.md §2.1).
      const url = new URL(c.req.url);
      const rawBody = await c.req.text();
      const valid = await verifySnapSymmetric({
        method: c.req.method,
        path: `${url.pathname}${url.search}`,
        accessToken,
        body: rawBody,
        timestamp,
        secretKey: ctx.config.secretKey,
        signature,
      });
      if (!valid) throw new SnapFailure(401, '00', 'Unauthorized. Invalid Signature');

      const fingerprint = await ExternalIdStore.fingerprint(url.pathname, rawBody);
      const seen = externalIds.begin(wibDay(now()), externalId, fingerprint);
      if (seen.kind === 'conflict') throw new SnapFailure(409, '00', 'Conflict');
      if (seen.kind === 'replay') {
        // DOKU answers a replay with 409xx00 (doku-api.md §2.3, §6.3); the sandbox adds the first answer under
        // REPLAY_ORIGINAL_RESPONSE_FIELD so the client can read the outcome (README "Idempotency").
        const first = await seen.answer;
        // Minimal: the documented body only (`responseCode`/`responseMessage`, doku-api.md §6.3).
        const original = ctx.config.minimal ? {} : { [REPLAY_ORIGINAL_RESPONSE_FIELD.snap]: first.body };
        const replay = new SnapFailure(409, '00', 'Conflict', original).answer(spec.serviceCode);
        return snapResponse(replay, now(), { [REPLAY_HEADER]: 'true' });
      }
      claim = seen;

      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw new SnapFailure(400, '00', 'Bad Request');
      }
      const parsed = parseWire(spec.schema, json);
      if (!parsed.success) throw fieldFailure(spec.serviceCode, parsed.issue.kind, parsed.issue.field);
      const answer = await spec.handle({
        data: parsed.data,
        rawBody,
        externalId,
        header: (name) => c.req.header(name),
        url: c.req.url,
      });
      claim.complete(answer);
      return snapResponse(answer, now());
    } catch (err) {
      const answer =
        err instanceof SnapFailure ? err.answer(spec.serviceCode) : generalError().answer(spec.serviceCode);
      // Name and message only: never a request body, so never card data.
      if (!(err instanceof SnapFailure)) {
        console.error(
          `sandbox: SNAP handler failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown'}`,
        );
      }
      claim?.complete(answer);
      return snapResponse(answer, now());
    }
  };
}
