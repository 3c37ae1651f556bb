// The status step's reading of a 400: DOKU names the refused field in `responseMessage`, which the
// step must read (the DokuError's own message holds only endpoint, status and code).
import { describe, expect, it } from 'vitest';
import type { DokuClient } from '../src/client/client.js';
import { DokuError } from '../src/client/errors.js';
import { statusUnknownStep } from '../src/conformance/steps/status-unknown.js';
import type { ConformanceContext } from '../src/conformance/types.js';

function refusingWith(responseMessage: string): ConformanceContext {
  const client = {
    debitStatus: async () => {
      throw new DokuError({
        kind: 'decision',
        reason: 'http',
        endpoint: 'debitStatus',
        httpStatus: 400,
        responseCode: '4005502',
        responseMessage,
        retryable: false,
        attempts: 1,
      });
    },
  } as unknown as DokuClient;
  return { client, badSignatureClient: client, testCpan: '9360000200000011', runId: '1' };
}

describe('conformance status step', () => {
  it('refutes STATUS_SERVICE_CODE when DOKU names serviceCode in its refusal', async () => {
    const result = await statusUnknownStep.run(refusingWith('Missing Mandatory Field serviceCode'));
    expect(result.verdict).toBe('FAIL');
    expect(result.questions).toEqual([
      expect.objectContaining({ question: 'STATUS_SERVICE_CODE', finding: 'refuted' }),
    ]);
  });

  it('leaves the question unknown when DOKU refused another field', async () => {
    const result = await statusUnknownStep.run(
      refusingWith('Invalid Field Format originalPartnerReferenceNo'),
    );
    expect(result.questions).toEqual([
      expect.objectContaining({ question: 'STATUS_SERVICE_CODE', finding: 'unknown' }),
    ]);
  });
});
