// `POST /authorization/v1/access-token/b2b` (service 73, doku-api.md §1): the merchant proves itself
// with an RSA signature over `clientId|X-TIMESTAMP`, checked with the merchant's public key.
import {
  b2bTokenRequestSchema,
  parseDokuTimestamp,
  parseWire,
  SNAP_SERVICE_CODES,
  snapValidationError,
  verifyB2bToken,
} from '@kki-kit/doku';
import type { Context, Handler } from 'hono';
import type { SandboxContext } from '../context.js';
import { issueAccessToken } from './access-token.js';
import { SnapFailure, snapResponse, snapSuccess } from './respond.js';

const TOKEN = SNAP_SERVICE_CODES.token;

/**
 * The checks both token endpoints make (doku-api.md §1.1-§1.4): the headers, the client, the
 * timestamp window and the RSA signature over `clientId|X-TIMESTAMP`; then the JSON body.
 */
export async function checkTokenRequest(ctx: SandboxContext, c: Context): Promise<unknown> {
  const clientKey = c.req.header('X-CLIENT-KEY');
  if (!clientKey) throw new SnapFailure(400, '02', 'Invalid Mandatory Field X-CLIENT-KEY');
  const timestamp = c.req.header('X-TIMESTAMP');
  if (!timestamp) throw new SnapFailure(400, '02', 'Invalid Mandatory Field X-TIMESTAMP');
  const sentAt = parseDokuTimestamp(timestamp);
  if (!sentAt) throw new SnapFailure(400, '01', 'Invalid Field Format X-TIMESTAMP');
  const signature = c.req.header('X-SIGNATURE');
  if (!signature) throw new SnapFailure(400, '02', 'Invalid Mandatory Field X-SIGNATURE');
  if (clientKey !== ctx.config.clientId) throw new SnapFailure(401, '00', 'Unauthorized. Unknown Client');
  if (Math.abs(sentAt.getTime() - ctx.clock.nowMs()) > ctx.config.clockSkewSeconds * 1000) {
    throw new SnapFailure(401, '00', 'Unauthorized. Stale X-TIMESTAMP');
  }
  const ok = await verifyB2bToken({
    clientId: clientKey,
    timestamp,
    signature,
    publicKeyPem: ctx.config.merchantPublicKey,
  });
  // DOKU's own wording for this case, as every SDK reproduces it (doku-api.md §1.4).
  if (!ok) throw new SnapFailure(401, '00', 'Unauthorized. Invalid Signature');
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new SnapFailure(400, '00', 'Bad Request');
  }
}

/** The B2B token handler. */
export function tokenEndpoint(ctx: SandboxContext): Handler {
  return async (c) => {
    const headers: Record<string, string> = { 'X-CLIENT-KEY': ctx.config.clientId };
    try {
      const json = await checkTokenRequest(ctx, c);
      const parsed = parseWire(b2bTokenRequestSchema, json);
      if (!parsed.success) {
        const err = snapValidationError(TOKEN, parsed.issue);
        throw new SnapFailure(400, err.responseCode.slice(5), err.responseMessage);
      }
      const { accessToken } = await issueAccessToken(ctx.config, ctx.random, ctx.clock.nowMs());
      // `expiresIn` as a number (doku-api.md §1.3 GUESS for the simulator).
      const answer = snapSuccess(TOKEN, {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: ctx.config.accessTokenTtlSeconds,
        additionalInfo: {},
      });
      return snapResponse(answer, ctx.clock.now(), headers);
    } catch (err) {
      if (!(err instanceof SnapFailure)) throw err;
      return snapResponse(err.answer(TOKEN), ctx.clock.now(), headers);
    }
  };
}
