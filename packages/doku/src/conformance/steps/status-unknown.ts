// Step: the debit status of a reference DOKU never saw (service 55, doku-api.md §5.8): a read that
// changes nothing. The kit expects "not found" (HTTP 404), not a refusal of the body it sends.
import { DokuError } from '../../client/errors.js';
import { SNAP_TRANSACTION_STATUSES } from '../../wire/common.js';
import { SNAP_PATHS } from '../../wire/endpoints.js';
import { STATUS_SERVICE_CODE } from '../../wire/open-questions.js';
import type { ConformanceStep } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

export const statusUnknownStep: ConformanceStep = {
  name: 'status of an unknown reference',
  endpoint: SNAP_PATHS.status,
  async run({ client, runId }) {
    const outcome = await attempt(() => client.debitStatus({ originalPartnerReferenceNo: `CONF${runId}` }));
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    const answer = answerOf(outcome);
    const serviceCodeNote = `serviceCode "${STATUS_SERVICE_CODE}" in the body`;
    if (!(outcome instanceof Error)) {
      const latest = outcome.data.latestTransactionStatus;
      return {
        verdict:
          latest !== undefined && SNAP_TRANSACTION_STATUSES[latest] === 'NOT_FOUND' ? 'PASS' : 'UNKNOWN',
        ...answer,
        detail: `answered 2xx with latestTransactionStatus ${latest ?? 'none'}`,
        questions: [
          { question: 'STATUS_SERVICE_CODE', finding: 'confirmed', note: `${serviceCodeNote} accepted` },
        ],
      };
    }
    if (answer.httpStatus === 404) {
      return {
        verdict: 'PASS',
        ...answer,
        detail: 'not found, as expected',
        questions: [
          { question: 'STATUS_SERVICE_CODE', finding: 'confirmed', note: `${serviceCodeNote} accepted` },
        ],
      };
    }
    if (answer.httpStatus === 400) {
      return {
        verdict: 'FAIL',
        ...answer,
        detail: `body refused (${outcome.message})`,
        questions: [
          {
            question: 'STATUS_SERVICE_CODE',
            // DOKU's words are in `responseMessage`; the error's own message holds only status and code.
            finding:
              outcome instanceof DokuError && /serviceCode/i.test(outcome.responseMessage ?? '')
                ? 'refuted'
                : 'unknown',
            note: serviceCodeNote,
          },
        ],
      };
    }
    return { verdict: 'FAIL', ...answer, detail: `unexpected answer (${outcome.message})`, questions: [] };
  },
};
