import { snapTimestamp } from '../crypto/ids.js';
import { signB2bToken } from '../crypto/snap-signature.js';
import { SNAP_PATHS } from '../wire/endpoints.js';
import { DEFAULT_TOKEN_EXPIRES_IN_S } from '../wire/open-questions.js';
import { b2bTokenResponseSchema } from '../wire/snap-token.js';
import { DokuError } from './errors.js';
import { noAnswerError, parseJson, retryBudget, sendOnce } from './http.js';
import type { ResolvedDokuOptions } from './options.js';
import type { FetchedToken } from './token-cache.js';

const ENDPOINT = 'getB2bToken';

/**
 * `POST /authorization/v1/access-token/b2b` signed with the merchant's RSA key (doku-api.md §1).
 * Retries network errors, timeouts, 429 and 5xx (asking for a token changes nothing at DOKU).
 */
export async function requestB2bToken(opts: ResolvedDokuOptions): Promise<FetchedToken> {
  const path = SNAP_PATHS.b2bToken;
  const body = JSON.stringify({ grantType: 'client_credentials' });
  // No caller signal: a token request is shared by every call waiting for it.
  const retryAfter = retryBudget(opts, undefined);
  let attempts = 0;
  for (;;) {
    const timestamp = snapTimestamp(new Date(opts.now()));
    const signature = await signB2bToken({
      clientId: opts.clientId,
      timestamp,
      privateKeyPem: opts.privateKeyPem,
    });
    attempts++;
    const answer = await sendOnce(
      opts,
      {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          'X-CLIENT-KEY': opts.clientId,
          'X-TIMESTAMP': timestamp,
          'X-SIGNATURE': signature,
        },
        body,
      },
      opts.timeoutMs,
      undefined,
    );
    const base = { endpoint: ENDPOINT, method: 'POST' as const, path, attempt: attempts };
    if (!answer.ok) {
      if (await retryAfter({ ...base, durationMs: answer.durationMs }, answer.failure)) continue;
      throw new DokuError({ ...noAnswerError(answer), endpoint: ENDPOINT, attempts });
    }
    const json = parseJson(answer.text);
    const parsed = b2bTokenResponseSchema.safeParse(json);
    const raw = (json ?? {}) as { responseCode?: unknown; responseMessage?: unknown };
    const responseCode = typeof raw.responseCode === 'string' ? raw.responseCode : undefined;
    const responseMessage = typeof raw.responseMessage === 'string' ? raw.responseMessage : undefined;
    // The log line never includes the token: only status and code.
    const logged = {
      ...base,
      httpStatus: answer.status,
      durationMs: answer.durationMs,
      ...(responseCode ? { responseCode } : {}),
    };
    if (
      (answer.status >= 500 || answer.status === 429) &&
      (await retryAfter(logged, undefined, answer.headers))
    )
      continue;
    const common = { endpoint: ENDPOINT, httpStatus: answer.status, responseCode, responseMessage, attempts };
    if (answer.status >= 500 || answer.status === 429) {
      throw new DokuError({
        ...common,
        kind: 'unavailable',
        reason: 'http',
        retryable: true,
      });
    }
    if (answer.status >= 200 && answer.status < 300) {
      if (!parsed.success) {
        opts.log({ ...logged, outcome: 'error', failure: 'malformed' });
        throw new DokuError({
          ...common,
          kind: 'unavailable',
          reason: 'malformed',
          retryable: false,
        });
      }
      opts.log({ ...logged, outcome: 'success' });
      const { expiresIn } = parsed.data;
      // Number or numeric string (§1.3); DOKU's default lifetime when absent.
      const expiresInS = expiresIn === undefined ? DEFAULT_TOKEN_EXPIRES_IN_S : Number(expiresIn);
      return { accessToken: parsed.data.accessToken, expiresInS };
    }
    opts.log({ ...logged, outcome: 'error' });
    throw new DokuError({
      ...common,
      kind: 'decision',
      reason: 'http',
      retryable: false,
    });
  }
}
