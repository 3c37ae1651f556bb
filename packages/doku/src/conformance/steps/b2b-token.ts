// Step: the B2B access token (service 73, doku-api.md §1): the RSA signature over `clientId|X-TIMESTAMP`.
import { SNAP_PATHS } from '../../wire/endpoints.js';
import type { ConformanceStep } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

export const b2bTokenStep: ConformanceStep = {
  name: 'B2B token',
  endpoint: SNAP_PATHS.b2bToken,
  async run({ client }) {
    const outcome = await attempt(() => client.getB2bToken({ forceRefresh: true }));
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    if (outcome instanceof Error) {
      return {
        verdict: 'FAIL',
        ...answerOf(outcome),
        detail:
          'DOKU refused the token request: check the client id and the private key DOKU has the public half of',
        questions: [],
      };
    }
    return {
      verdict: 'PASS',
      detail: `token issued, valid ${Math.round((outcome.expiresAt - Date.now()) / 1000)} s`,
      questions: [],
    };
  },
};
