// Step: card binding on DOKU's hosted OTP page (service 01, `CHANNEL-ID: DH`, doku-api.md §5.3) with
// the test card. Nothing is bound until someone types the OTP on the page, so it is safe to run.
import { parseSnapResponseCode } from '../../wire/response-code.js';
import { SNAP_PATHS } from '../../wire/endpoints.js';
import type { ConformanceStep, QuestionFinding } from '../types.js';
import { answerOf, attempt, unreachable } from './answer.js';

export const cardBindStep: ConformanceStep = {
  name: 'card bind (DH)',
  endpoint: SNAP_PATHS.cardBind,
  async run({ client, testCpan, runId }) {
    const outcome = await attempt(() =>
      client.bindCard({ card: { cpan: testCpan }, custIdMerchant: `CONF${runId}` }, { channelId: 'DH' }),
    );
    const none = unreachable(outcome);
    if (none) return { verdict: 'UNKNOWN', detail: none, questions: [] };
    const answer = answerOf(outcome);
    const caseCode = answer.responseCode ? parseSnapResponseCode(answer.responseCode)?.caseCode : undefined;
    const questions = (finding: QuestionFinding['finding'], note: string): QuestionFinding[] => [
      { question: 'DEFAULT_BINDING_CHANNEL_ID', finding, note },
      { question: 'KKI_CARD_DATA_FIELDS', finding, note },
    ];
    if (!(outcome instanceof Error)) {
      const redirect = outcome.data.redirectUrl;
      return {
        verdict: redirect ? 'PASS' : 'UNKNOWN',
        ...answer,
        detail: redirect ? 'binding started; DOKU returned its OTP page' : 'accepted, but no redirectUrl',
        questions: questions(
          redirect ? 'confirmed' : 'unknown',
          'DOKU decrypted cardData and accepted CHANNEL-ID DH',
        ),
      };
    }
    if (answer.httpStatus === 401) {
      return {
        verdict: 'FAIL',
        ...answer,
        detail: 'unauthorised: signature, token, or the cardData key (KKI_DOKU_CARD_DATA_KEY) is wrong',
        questions: [],
      };
    }
    if (answer.httpStatus === 400) {
      return {
        verdict: 'FAIL',
        ...answer,
        detail: `format refused (${outcome.message})`,
        questions: questions('refuted', 'DOKU refused the body or headers the kit sends'),
      };
    }
    // Any other documented refusal (e.g. a card the sandbox does not know) says nothing about the kit.
    return {
      verdict: 'UNKNOWN',
      ...answer,
      detail: `DOKU refused the test card (case ${caseCode ?? '?'}); set KKI_CONFORMANCE_CPAN to a card DOKU's sandbox knows`,
      questions: questions('unknown', 'the card was refused before the format could be judged'),
    };
  },
};
