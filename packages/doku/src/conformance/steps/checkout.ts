// Step: DOKU Checkout (Non-SNAP `POST /checkout/v1/payment`, doku-api.md §7.7): creates a checkout
// offering KKI and cards and checks the answer's shape. Nobody pays on the page, so nothing is charged.
import { DokuError } from '../../client/errors.js';
import { checkoutExpiresAt } from '../../wire/checkout.js';
import { NON_SNAP_PATHS } from '../../wire/endpoints.js';
import { CHECKOUT_EXPIRED_DATE_FORMAT, CHECKOUT_METHOD_TYPES } from '../../wire/open-questions.js';
import type { ConformanceStep, QuestionFinding } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

const DUE_MINUTES = 30;

export const checkoutStep: ConformanceStep = {
  name: 'checkout',
  endpoint: NON_SNAP_PATHS.checkoutPayment,
  async run({ client, runId }) {
    const methods = [CHECKOUT_METHOD_TYPES.kki, CHECKOUT_METHOD_TYPES.card];
    const outcome = await attempt(() =>
      client.createCheckoutPayment({
        order: {
          amount: 10_000,
          invoice_number: `CONF-CO-${runId}`,
          callback_url: 'https://example.com/return?result=done',
          callback_url_cancel: 'https://example.com/return?result=cancelled',
          line_items: [{ name: 'Conformance check', price: 10_000, quantity: 1 }],
        },
        payment: { payment_due_date: DUE_MINUTES, payment_method_types: methods },
        customer: { id: `CONF${runId}`, name: 'Conformance Check', email: 'conformance@example.com' },
      }),
    );
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    const methodNote = `payment_method_types ${methods.join(', ')}`;
    if (outcome instanceof Error) {
      const answer = answerOf(outcome);
      // A refusal naming the method types says the KKI value (or the merchant's set-up) is off.
      // DOKU's words are in `responseMessage`; the error's own message holds only status and code.
      const words = outcome instanceof DokuError ? (outcome.responseMessage ?? '') : '';
      const aboutMethods = /payment_method|method_types/i.test(words);
      return {
        verdict: answer.httpStatus === 400 && aboutMethods ? 'UNKNOWN' : 'FAIL',
        ...answer,
        detail: aboutMethods
          ? `DOKU refused the method types (${words}): is KKI active for this merchant?`
          : `refused (${outcome.message}): check the Non-SNAP client id and secret key`,
        questions: aboutMethods
          ? [{ question: 'CHECKOUT_METHOD_TYPES', finding: 'unknown', note: methodNote }]
          : [],
      };
    }
    const { payment } = outcome.data.response;
    const problems: string[] = [];
    if (!/^https?:\/\//.test(payment.url)) problems.push('payment.url is not an http(s) URL');
    const expires = checkoutExpiresAt(payment);
    if (expires === null) problems.push(`expired_date "${payment.expired_date}" is unreadable`);
    const questions: QuestionFinding[] = [];
    if (payment.payment_method_types !== undefined) {
      const echoed = payment.payment_method_types.includes(CHECKOUT_METHOD_TYPES.kki);
      questions.push({
        question: 'CHECKOUT_METHOD_TYPES',
        finding: echoed ? 'confirmed' : 'unknown',
        note: echoed ? `${methodNote} accepted and echoed` : `${methodNote} accepted, KKI not echoed`,
      });
    }
    if (payment.expired_datetime !== undefined && expires !== null) {
      const iso = Date.parse(payment.expired_datetime);
      const compact = checkoutExpiresAt({ expired_date: payment.expired_date });
      questions.push({
        question: 'CHECKOUT_EXPIRED_DATE_FORMAT',
        finding: compact !== null && compact.getTime() === iso ? 'confirmed' : 'refuted',
        note: `expired_date read as ${CHECKOUT_EXPIRED_DATE_FORMAT.pattern} at UTC+${CHECKOUT_EXPIRED_DATE_FORMAT.utcOffsetMinutes / 60} against expired_datetime`,
      });
    }
    if (problems.length > 0) {
      return {
        verdict: 'FAIL',
        httpStatus: outcome.httpStatus,
        detail: `answer shape: ${problems.join('; ')}`,
        questions,
      };
    }
    return {
      verdict: 'PASS',
      httpStatus: outcome.httpStatus,
      detail: `checkout created (not paid): url, token_id, expiry ${expires?.toISOString()}`,
      questions,
    };
  },
};
