// Step: a Cards payment page (Non-SNAP `POST /credit-card/v1/payment-page`, doku-api.md §7.1): the
// Non-SNAP signature and body. Nobody pays on the page, so nothing is charged.
import { NON_SNAP_PATHS } from '../../wire/endpoints.js';
import type { ConformanceStep } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

export const paymentPageStep: ConformanceStep = {
  name: 'payment page',
  endpoint: NON_SNAP_PATHS.paymentPage,
  async run({ client, runId }) {
    const outcome = await attempt(() =>
      client.createPaymentPage({
        order: {
          amount: 10_000,
          invoice_number: `CONF-${runId}`,
          callback_url: 'https://example.com/return?result=success',
          failed_url: 'https://example.com/return?result=failed',
          auto_redirect: true,
        },
        customer: { id: `CONF${runId}`, name: 'Conformance Check', email: 'conformance@example.com' },
        payment: { type: 'SALE' },
      }),
    );
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    if (outcome instanceof Error) {
      return {
        verdict: 'FAIL',
        ...answerOf(outcome),
        detail: `refused (${outcome.message}): check the Non-SNAP client id and secret key`,
        questions: [],
      };
    }
    return {
      verdict: 'PASS',
      httpStatus: outcome.httpStatus,
      detail: 'payment page created (not paid)',
      questions: [],
    };
  },
};
