// The B2B token under a cold start: N concurrent SNAP calls through one fresh DOKU client, against the
// sandbox on loopback, with a fetch that counts the token requests actually sent. The client's token
// cache should coalesce them into one.
import { createDokuClient, isDokuError, SNAP_PATHS } from '@kki-kit/doku';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  startSandboxServer,
} from '@kki-kit/doku-sandbox';

/** One cold start. */
export interface TokenResult {
  concurrentCalls: number;
  tokenRequests: number;
  /** Calls the sandbox answered with the token accepted (a status answer, not 401). */
  callsWithToken: number;
}

/** Runs a cold start of each size in `sizes` (a fresh client each) and counts token requests. */
export async function benchTokenColdStart(sizes: readonly number[] = [1, 10, 100]): Promise<TokenResult[]> {
  const sandbox = await startSandboxServer({ port: 0 });
  try {
    const results: TokenResult[] = [];
    for (const n of sizes) {
      let tokenRequests = 0;
      const countingFetch: typeof fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (new URL(url).pathname === SNAP_PATHS.b2bToken) tokenRequests++;
        return fetch(input, init);
      };
      const client = createDokuClient({
        baseUrl: sandbox.url,
        clientId: DEFAULT_CLIENT_ID,
        secretKey: DEFAULT_SECRET_KEY,
        privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
        fetch: countingFetch,
        retries: 0,
      });
      // Status of payments that do not exist: DOKU answers 404 4045501 only after accepting the token.
      const answers = await Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          client.debitStatus({ originalPartnerReferenceNo: `bench-cold-${n}-${i}` }),
        ),
      );
      const callsWithToken = answers.filter(
        (a) =>
          a.status === 'fulfilled' ||
          (isDokuError(a.reason) && a.reason.httpStatus !== undefined && a.reason.httpStatus !== 401),
      ).length;
      results.push({ concurrentCalls: n, tokenRequests, callsWithToken });
    }
    return results;
  } finally {
    await sandbox.close();
  }
}
