// The kit's code of a failed DOKU call: `@kki-kit/doku`'s DokuError holds DOKU's facts only, and the
// contract reads them (the readings the doku client's tests once asserted on the error itself).
import { DokuError, type DokuErrorInit } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { kkiErrorFromDokuFailure } from '../src/index.js';

const failure = (init: Omit<DokuErrorInit, 'endpoint' | 'retryable' | 'attempts'>) =>
  kkiErrorFromDokuFailure(new DokuError({ endpoint: 'kkiPayment', retryable: false, attempts: 1, ...init }));

describe('kkiErrorFromDokuFailure', () => {
  it('reads an answer without a usable body by its reason', () => {
    expect(failure({ kind: 'unavailable', reason: 'timeout' })).toBe('doku_timeout');
    expect(failure({ kind: 'unavailable', reason: 'network' })).toBe('doku_unavailable');
    expect(failure({ kind: 'unavailable', reason: 'malformed', httpStatus: 200 })).toBe('doku_bad_response');
    expect(failure({ kind: 'unavailable', reason: 'bad_signature', httpStatus: 200 })).toBe(
      'doku_bad_response',
    );
  });

  it('reads a replay: unresolved is a duplicate, a failed refund per the status API is refund_failed', () => {
    expect(
      failure({ kind: 'in_progress', reason: 'replay_unresolved', httpStatus: 409, responseCode: '4090100' }),
    ).toBe('duplicate_request');
    expect(failure({ kind: 'decision', reason: 'refund_failed' })).toBe('refund_failed');
    expect(failure({ kind: 'decision', reason: 'status_failed' })).toBe('unknown_doku_error');
  });

  it("reads a SNAP refusal by DOKU's code, its message telling a format error apart", () => {
    expect(failure({ kind: 'decision', reason: 'http', httpStatus: 401, responseCode: '4015401' })).toBe(
      'invalid_access_token',
    );
    expect(failure({ kind: 'decision', reason: 'http', httpStatus: 403, responseCode: '4035405' })).toBe(
      'do_not_honor',
    );
    expect(
      failure({
        kind: 'decision',
        reason: 'http',
        httpStatus: 400,
        responseCode: '4000100',
        responseMessage: 'Invalid Mandatory Field cardData',
      }),
    ).toBe('missing_mandatory_field');
  });

  it('reads a Non-SNAP refusal by errors.code and message, and a codeless answer by its status', () => {
    expect(
      failure({
        kind: 'decision',
        reason: 'http',
        httpStatus: 400,
        responseCode: 'INVALID_PARAMETER',
        responseMessage: 'Invalid Total Amount And Line Items',
      }),
    ).toBe('invalid_amount');
    expect(
      failure({ kind: 'decision', reason: 'http', httpStatus: 400, responseCode: 'SOMETHING_NEW' }),
    ).toBe('unknown_doku_error');
    expect(failure({ kind: 'unavailable', reason: 'http', httpStatus: 503 })).toBe('doku_server_error');
    expect(failure({ kind: 'unavailable', reason: 'http', httpStatus: 429 })).toBe('rate_limited');
    expect(failure({ kind: 'decision', reason: 'http', httpStatus: 404 })).toBe('unknown_doku_error');
  });
});
