// Retries and their edges in the DOKU client: a send DOKU may have acted on (no answer, 5xx, 429)
// makes every later refusal of the same call an unknown outcome (the BFF then asks DOKU's status
// instead of failing a payment DOKU may have charged); KKI's duplicate case at any 4xx is a replay;
// DOKU's Retry-After is waited out, within a bound.
import { describe, expect, it } from 'vitest';
import { KKI_DUPLICATE_CASE_STATUSES, SNAP_PATHS } from '../src/index.js';
import { amount, setup } from './support/setup.js';

const pay = { partnerReferenceNo: 'INV-P1', amount, type: 'token' as const, bankCardToken: 'BCT-1' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** Lets the fake DOKU process the payment, then loses the answer (connection reset). */
function dropAfterProcessing(f: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await f(input, init);
    throw new TypeError(`fetch failed (answer lost, DOKU said ${res.status})`);
  };
}

describe('a refusal after a send DOKU may have acted on is an unknown outcome, never a decision', () => {
  it('the token endpoint refusing the retry after a lost answer', async () => {
    let paymentSends = 0;
    let tokenSends = 0;
    const { client, clock } = setup({ retries: 2 }, {}, (f) => async (input, init) => {
      const url = String(input);
      if (url.endsWith(SNAP_PATHS.b2bToken)) {
        tokenSends++;
        if (tokenSends === 2) {
          return json(401, { responseCode: '4017300', responseMessage: 'Unauthorized. Invalid timestamp' });
        }
        return f(input, init);
      }
      if (url.endsWith(SNAP_PATHS.payment)) {
        paymentSends++;
        if (paymentSends === 1) {
          // The payment takes long enough that the cached token is due for refresh afterwards.
          clock.now += 900_000;
          return dropAfterProcessing(f)(input, init);
        }
      }
      return f(input, init);
    });
    const err = await client.kkiPayment(pay, { externalId: '1234567890' }).catch((e: unknown) => e);
    // DOKU processed the first send; the outcome is unknown, never a refusal.
    expect(paymentSends).toBe(1);
    expect(err).toMatchObject({ kind: 'unavailable', endpoint: 'kkiPayment', retryable: true });
  });

  it('a second invalid-token 401 after a lost answer', async () => {
    let paymentSends = 0;
    const { client } = setup({ retries: 2 }, {}, (f) => async (input, init) => {
      const url = String(input);
      if (url.endsWith(SNAP_PATHS.payment)) {
        paymentSends++;
        // 1: DOKU rotated the token; 2: processed, answer lost; 3: token rotated again.
        if (paymentSends === 1 || paymentSends === 3) {
          return json(401, { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' });
        }
        if (paymentSends === 2) return dropAfterProcessing(f)(input, init);
      }
      return f(input, init);
    });
    const err = await client.kkiPayment(pay, { externalId: '1234567891' }).catch((e: unknown) => e);
    expect(paymentSends).toBe(3);
    expect(err).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('a 409 without a readable SNAP code (a gateway page) after a lost answer', async () => {
    let paymentSends = 0;
    const { client } = setup({ retries: 2 }, {}, (f) => async (input, init) => {
      const url = String(input);
      if (url.endsWith(SNAP_PATHS.payment)) {
        paymentSends++;
        if (paymentSends === 1) return dropAfterProcessing(f)(input, init);
        return new Response('<html>409 Conflict</html>', { status: 409 });
      }
      return f(input, init);
    });
    const err = await client.kkiPayment(pay, { externalId: '1234567892' }).catch((e: unknown) => e);
    expect(paymentSends).toBe(2);
    // HTTP 409 on a resend under the same X-EXTERNAL-ID means "seen before": never a refusal.
    expect(err).toMatchObject({ kind: 'unavailable', retryable: true });
  });
});

describe('KKI case 01 (duplicate) at a 4xx other than 409', () => {
  const { from, to, except } = KKI_DUPLICATE_CASE_STATUSES;
  // The guess's bounds and one status inside them (open-questions.ts decides which statuses count).
  for (const status of [from, 403, to].filter((s) => !except.includes(s))) {
    it(`${status}5401 after a lost answer is a replay, settled by the status API`, async () => {
      let sends = 0;
      const { client } = setup({}, {}, (f) => async (input, init) => {
        if (String(input).endsWith(SNAP_PATHS.payment)) {
          sends++;
          if (sends === 1) return dropAfterProcessing(f)(input, init);
          return json(status, { responseCode: `${status}5401`, responseMessage: 'Duplicate Transaction' });
        }
        return f(input, init);
      });
      const result = await client.kkiPayment(pay, { externalId: `2233445${status}` });
      expect(sends).toBe(2);
      expect(result).toMatchObject({ source: 'status' });
    });
  }

  it('at a status the guess leaves out (401: the B2B token) is not a replay', async () => {
    expect(except).toContain(401);
    let sends = 0;
    let statusChecks = 0;
    const { client } = setup({}, {}, (f) => async (input, init) => {
      if (String(input).endsWith(SNAP_PATHS.status)) statusChecks++;
      if (String(input).endsWith(SNAP_PATHS.payment)) {
        sends++;
        return json(401, { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' });
      }
      return f(input, init);
    });
    const err = await client.kkiPayment(pay, { externalId: '22334450401' }).catch((e: unknown) => e);
    // One fresh token and one resend, then DOKU's refusal: never read from the status API.
    expect(sends).toBe(2);
    expect(statusChecks).toBe(0);
    expect(err).toMatchObject({ responseCode: '4015401' });
  });
});

describe("DOKU's Retry-After", () => {
  const limited = (retryAfter: string) => {
    const at: number[] = [];
    const { client } = setup({ retryDelayMs: 10, retries: 1 }, {}, (f) => async (input, init) => {
      if (String(input).endsWith(SNAP_PATHS.payment)) {
        at.push(performance.now());
        if (at.length === 1) {
          return json(
            429,
            { responseCode: '4295400', responseMessage: 'Too Many Requests' },
            { 'Retry-After': retryAfter },
          );
        }
      }
      return f(input, init);
    });
    return { client, at };
  };

  it('is waited out before sending again', async () => {
    const { client, at } = limited('1');
    await client.kkiPayment(pay);
    expect(at).toHaveLength(2);
    expect((at[1] as number) - (at[0] as number)).toBeGreaterThanOrEqual(990);
  });

  it('past the bound, ends the call as an unknown outcome instead of waiting', async () => {
    const { client, at } = limited('120');
    await expect(client.kkiPayment(pay)).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    expect(at).toHaveLength(1);
  });
});
