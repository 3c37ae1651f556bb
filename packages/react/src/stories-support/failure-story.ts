// One failure story per (flow, code): the BFF refuses the flow's call with the catalogue's error body,
// and the play function acts as the shopper, then checks the catalogue copy is on screen.
import type { KkiErrorCode, KkiRouteId } from '@kki-kit/contract';
import type { StoryObj } from '@storybook/react-vite';
import { refuse } from './bff-handlers.js';
import { dokuCodesFor, type KkiStoryFlow } from './case-codes.js';
import { catalogueCopy, expectShown, type KkiCaseParameter } from './failure-copy.js';
import { type PlayContext, playKit } from './play.js';
import { storyLocale } from './provider-decorator.js';

/** How a component reaches the call that fails. */
export interface FailureStoryOptions {
  /** The DOKU flow behind the call; names the story when it is not the component's main flow. */
  readonly flow: KkiStoryFlow;
  /** The BFF route that answers with the refusal. */
  readonly route: KkiRouteId;
  /** What the shopper does until the call is made. */
  readonly act: (context: PlayContext) => Promise<void>;
  /** Whether the story name mentions the flow (for a second flow in the same component). */
  readonly nameFlow?: boolean;
}

/** Makes the failure story for `code` (its `parameters.kkiCase` is what the coverage test reads). */
export function failureStory(options: FailureStoryOptions): (code: KkiErrorCode) => StoryObj {
  const { flow, route, act } = options;
  return (code) => {
    const dokuCodes = dokuCodesFor(flow, code);
    return {
      name: options.nameFlow ? `Failed (${flow}): ${code}` : `Failed: ${code}`,
      parameters: { kkiCase: { flow, code, dokuCodes } satisfies KkiCaseParameter },
      beforeEach({ msw, globals }) {
        const locale = storyLocale(globals);
        msw.use(refuse(route, code, { locale, ...(dokuCodes[0] && { dokuResponseCode: dokuCodes[0] }) }));
      },
      play: async (context) => {
        await act(context);
        await expectShown(context.canvasElement, catalogueCopy(code, playKit(context).locale));
      },
    };
  };
}
