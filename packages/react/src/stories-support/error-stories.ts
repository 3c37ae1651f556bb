// The error stories of one (component, DOKU flow): a generated `*.errors.stories.tsx` file holds one
// story per code the contract's error flows say can reach the flow (written by
// scripts/write-error-stories.ts, so Storybook's static indexer reads every name). This module gives
// each story its mock BFF answer and play function.
import {
  KKI_ERROR_FLOWS,
  type KkiErrorCode,
  type KkiErrorFlow,
  type KkiFlowCase,
  type KkiLocale,
  type KkiRouteId,
  kkiFlowCase,
} from '@kki-kit/contract';
import type { HttpHandler } from 'msw';
import type { MswApi } from 'msw-storybook-addon/types';
import { refuse } from './bff-handlers.js';
import { expectShown, flowCopy, type KkiCaseParameter } from './failure-copy.js';
import { type PlayContext, playKit } from './play.js';
import { storyLocale } from './provider-decorator.js';

/** How a component reaches the failing call of its flow. */
export interface ErrorStoryOptions {
  readonly flow: KkiErrorFlow;
  /** The BFF route that refuses (the default answer); or `respond` for a failure read from a view. */
  readonly route?: KkiRouteId;
  /** Mock answers that carry `code` as the BFF would, worded for `locale`. */
  readonly respond?: (
    code: KkiErrorCode,
    locale: KkiLocale,
    dokuResponseCode: string | undefined,
  ) => HttpHandler[];
  /** What the reader does until the failing call is made. */
  readonly act: (context: PlayContext) => Promise<void>;
  /** Further checks once the copy is shown (e.g. the failed state's heading). */
  readonly check?: (context: PlayContext) => Promise<void>;
}

/** The pieces of an error story: its parameters and mock BFF (`story`), and its play function. */
export interface ErrorStories {
  story(code: KkiErrorCode): {
    parameters: { kkiCase: KkiCaseParameter };
    beforeEach: (context: { msw: MswApi; globals: Record<string, unknown> }) => void;
  };
  play(code: KkiErrorCode): (context: PlayContext) => Promise<void>;
}

/** The error stories of `options.flow`, each refusing with the copy written for the flow's reader. */
export function errorStories(options: ErrorStoryOptions): ErrorStories {
  const { flow } = options;
  const copyFlow = KKI_ERROR_FLOWS[flow].copy;
  const caseOf = (code: KkiErrorCode): KkiFlowCase => {
    const found = kkiFlowCase(flow, code);
    if (found === undefined) throw new Error(`${code} cannot reach ${flow}`);
    return found;
  };
  return {
    story(code) {
      const { caseCodes, dokuCodes, shownCodes } = caseOf(code);
      return {
        parameters: { kkiCase: { flow, code, caseCodes, dokuCodes } },
        beforeEach({ msw, globals }) {
          const locale = storyLocale(globals);
          const doku = shownCodes[0];
          if (options.respond) msw.use(...options.respond(code, locale, doku));
          else if (options.route)
            msw.use(
              refuse(options.route, code, {
                locale,
                flow: copyFlow,
                ...(doku && { dokuResponseCode: doku }),
              }),
            );
        },
      };
    },
    play(code) {
      caseOf(code);
      return async (context) => {
        await options.act(context);
        await expectShown(context.canvasElement, flowCopy(copyFlow, code, playKit(context).locale));
        await options.check?.(context);
      };
    },
  };
}
