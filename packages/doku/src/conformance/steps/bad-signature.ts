// Step: one deliberately bad signature (a status read signed with a wrong secret key): DOKU must
// refuse it with HTTP 401 (doku-api.md §2, §6.3). A 2xx would mean signatures are not checked.
import { SNAP_PATHS } from '../../wire/endpoints.js';
import type { ConformanceStep } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

export const badSignatureStep: ConformanceStep = {
  name: 'deliberately bad signature',
  endpoint: SNAP_PATHS.status,
  async run({ badSignatureClient, runId }) {
    const outcome = await attempt(() =>
      badSignatureClient.debitStatus({ originalPartnerReferenceNo: `CONFBAD${runId}` }),
    );
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    const answer = answerOf(outcome);
    if (outcome instanceof Error && answer.httpStatus === 401) {
      return { verdict: 'PASS', ...answer, detail: 'refused with 401, as expected', questions: [] };
    }
    return {
      verdict: 'FAIL',
      ...answer,
      detail: 'a wrongly signed request was not refused with 401',
      questions: [],
    };
  },
};
