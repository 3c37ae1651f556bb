// How an error story is named, from its flow case; read by the stories generator and the index test.
import { type KkiErrorCode, type KkiFlowCase, kkiErrorTitle } from '@kki-kit/contract';

/** The story name of a flow's code: `14 · Insufficient funds (4035414)`, or `INVALID_PARAMETER · …` for Non-SNAP. */
export function errorStoryName(flowCase: KkiFlowCase): string {
  const title = kkiErrorTitle(flowCase.code);
  return flowCase.caseCodes.length > 0
    ? `${flowCase.caseCodes.join(', ')} · ${title} (${flowCase.shownCodes.join(', ')})`
    : `${flowCase.shownCodes.join(', ')} · ${title}`;
}

/** The story export name of a code: `insufficient_funds` → `InsufficientFunds`. */
export const errorStoryExport = (code: KkiErrorCode): string =>
  code.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
