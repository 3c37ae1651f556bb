// `POST /authorization/v1/access-token/b2b2c` (service 74, doku-api.md §1.1 [DOC-B2B2C]): the same
// RSA-signed headers as the B2B token, and a body exchanging a customer `authCode` (or a refresh
// token) for a customer token. KKI itself never needs one (`KKI_SEND_AUTHORIZATION_CUSTOMER`), but
// DOKU's SDKs ask for it before every payment and refund, so the sandbox serves it. The `authCode`
// it accepts is one it issued: an H2H binding's `additionalInfo.authCode`.
import { SNAP_SERVICE_CODES, snapTimestamp } from '@kki-kit/doku';
import type { Handler } from 'hono';
import { randomChars, type KkiDeps } from './kki-state.js';
import { SnapFailure, snapResponse, snapSuccess } from './respond.js';
import { checkTokenRequest } from './token-endpoint.js';

const B2B2C = SNAP_SERVICE_CODES.tokenB2b2c;
/** Lifetime of a refresh token, seconds (SNAP gives none; a day keeps tests and demos simple). */
const REFRESH_TTL_S = 86_400;

/** The customer tokens this sandbox issued, by refresh token (cleared on reset). */
export type CustomerTokens = Map<string, { custIdMerchant: string; expiresAtMs: number }>;

function body(json: unknown): { grantType: string; authCode?: string; refreshToken?: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SnapFailure(400, '00', 'Bad Request');
  }
  const v = json as Record<string, unknown>;
  if (typeof v.grantType !== 'string' || v.grantType === '') {
    throw new SnapFailure(400, '02', 'Invalid Mandatory Field grantType');
  }
  const text = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
  return { grantType: v.grantType, authCode: text('authCode'), refreshToken: text('refreshToken') };
}

/** The B2B2C token handler. */
export function b2b2cTokenEndpoint(deps: KkiDeps, refreshTokens: CustomerTokens): Handler {
  const { ctx, store } = deps;
  return async (c) => {
    const headers: Record<string, string> = { 'X-CLIENT-KEY': ctx.config.clientId };
    try {
      const req = body(await checkTokenRequest(ctx, c));
      let custIdMerchant: string;
      if (req.grantType === 'authorization_code') {
        if (!req.authCode) throw new SnapFailure(400, '02', 'Invalid Mandatory Field authCode');
        const binding = [...store.bindings.values()].find((b) => b.authCode === req.authCode);
        if (!binding) throw new SnapFailure(401, '00', 'Unauthorized. Invalid authCode');
        custIdMerchant = binding.custIdMerchant;
      } else if (req.grantType === 'refresh_token') {
        if (!req.refreshToken) throw new SnapFailure(400, '02', 'Invalid Mandatory Field refreshToken');
        const known = refreshTokens.get(req.refreshToken);
        if (!known || known.expiresAtMs <= ctx.clock.nowMs()) {
          throw new SnapFailure(401, '00', 'Unauthorized. Invalid refreshToken');
        }
        custIdMerchant = known.custIdMerchant;
      } else {
        throw new SnapFailure(400, '01', 'Invalid Field Format grantType');
      }
      const nowMs = ctx.clock.nowMs();
      const refreshToken = randomChars(deps, 40);
      refreshTokens.set(refreshToken, { custIdMerchant, expiresAtMs: nowMs + REFRESH_TTL_S * 1000 });
      const answer = snapSuccess(B2B2C, {
        accessToken: randomChars(deps, 40),
        tokenType: 'Bearer',
        accessTokenExpiryTime: snapTimestamp(new Date(nowMs + ctx.config.accessTokenTtlSeconds * 1000)),
        refreshToken,
        refreshTokenExpiryTime: snapTimestamp(new Date(nowMs + REFRESH_TTL_S * 1000)),
        additionalInfo: {},
      });
      return snapResponse(answer, ctx.clock.now(), headers);
    } catch (err) {
      if (!(err instanceof SnapFailure)) throw err;
      return snapResponse(err.answer(B2B2C), ctx.clock.now(), headers);
    }
  };
}
