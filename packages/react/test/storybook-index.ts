// What the Storybook index must hold for the error stories: for every code each DOKU flow can
// return (the contract's error flows), a story under the flow's title whose name carries the case
// code, DOKU's full code and the code's name, so the sidebar search finds it by any of them. Read
// from the index Storybook builds (storybook-static/index.json) and from its static reading of the
// stories files (the same CSF parse the indexer runs).
import { KKI_ERROR_FLOW_NAMES, KKI_FLOW_CASES, kkiErrorTitle } from '@kki-kit/contract';
import { ERROR_STORY_FILES } from '../src/stories-support/error-story-files.js';

/** An index entry as far as these checks read it. */
export interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly name: string;
  readonly type: string;
  readonly tags?: readonly string[];
}

/** `flow:code` pairs without a story whose name carries the code, each with why. */
export function missingErrorStories(entries: readonly IndexEntry[]): string[] {
  const missing: string[] = [];
  for (const flow of KKI_ERROR_FLOW_NAMES) {
    const file = ERROR_STORY_FILES.find((f) => f.flow === flow);
    if (file === undefined) {
      missing.push(`${flow}: no stories file`);
      continue;
    }
    const stories = entries.filter((e) => e.type === 'story' && e.title === file.title);
    for (const c of KKI_FLOW_CASES[flow]) {
      const words = [...c.caseCodes, ...c.shownCodes, kkiErrorTitle(c.code)];
      const story = stories.find((s) => words.every((w) => s.name.includes(w)));
      if (story === undefined)
        missing.push(`${flow}:${c.code} (a story under ${file.title} naming ${words.join(', ')})`);
      else if (!story.tags?.includes('play-fn'))
        missing.push(`${flow}:${c.code} (${story.id} has no play-fn tag)`);
    }
  }
  return missing;
}
