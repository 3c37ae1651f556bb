// B2B access tokens: RS256 JWTs signed with the DOKU private key, in the shape of DOKU's examples
// (doku-api.md §1.3: header {"alg":"RS256"}, claims exp/iss/clientId). They are checked by signature
// and expiry on the sandbox clock, so they survive a sandbox restart like DOKU's do; clients must
// treat them as opaque.
import { fromBase64, importRsaPrivateKey, importRsaPublicKey, toBase64, utf8 } from '@kki-kit/doku';
import type { SandboxConfig, SeededRandom } from '../context.js';

const RSA = { name: 'RSASSA-PKCS1-v1_5' } as const;

function base64url(bytes: Uint8Array | ArrayBuffer): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

/** Claims of a sandbox access token. */
export interface AccessTokenClaims {
  iss: 'DOKU';
  clientId: string;
  /** Seconds since the epoch, sandbox clock. */
  iat: number;
  exp: number;
  jti: string;
}

/** Issues an access token valid for `config.accessTokenTtlSeconds` from `nowMs`. */
export async function issueAccessToken(
  config: SandboxConfig,
  random: SeededRandom,
  nowMs: number,
): Promise<{ accessToken: string; claims: AccessTokenClaims }> {
  const iat = Math.floor(nowMs / 1000);
  const claims: AccessTokenClaims = {
    iss: 'DOKU',
    clientId: config.clientId,
    iat,
    exp: iat + config.accessTokenTtlSeconds,
    jti: random.digits(20),
  };
  const head = base64url(utf8(JSON.stringify({ alg: 'RS256' })));
  const body = base64url(utf8(JSON.stringify(claims)));
  const key = await importRsaPrivateKey(config.dokuPrivateKey);
  const sig = await crypto.subtle.sign(RSA, key, utf8(`${head}.${body}`));
  return { accessToken: `${head}.${body}.${base64url(sig)}`, claims };
}

/**
 * Checks an access token: DOKU's signature, issuer, this merchant's client id, not expired on the
 * sandbox clock. `null` for anything else, without saying why (DOKU answers `401xx01` either way).
 */
export async function verifyAccessToken(
  config: SandboxConfig,
  token: string,
  nowMs: number,
): Promise<AccessTokenClaims | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts as [string, string, string];
  try {
    const key = await importRsaPublicKey(config.dokuPublicKey);
    const ok = await crypto.subtle.verify(RSA, key, fromBase64url(sig), utf8(`${head}.${body}`));
    if (!ok) return null;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(body))) as Partial<AccessTokenClaims>;
    if (claims.iss !== 'DOKU' || claims.clientId !== config.clientId || typeof claims.exp !== 'number')
      return null;
    if (claims.exp * 1000 <= nowMs) return null;
    return claims as AccessTokenClaims;
  } catch {
    return null;
  }
}
