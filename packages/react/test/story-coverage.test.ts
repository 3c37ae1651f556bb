/// <reference types="vite/client" />
// Every code a DOKU flow can hand its reader has a Storybook story showing it, named by its codes, as
// Storybook's indexer reads the stories files. The codes come from the contract's error flows; the
// error stories files are generated from them and must be up to date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KKI_ERROR_FLOW_NAMES, KKI_ERROR_FLOWS, kkiFlowCase } from '@kki-kit/contract';
import { loadCsf } from 'storybook/internal/csf-tools';
import { describe, expect, it } from 'vitest';
import { ERROR_STORY_FILES, errorStoryFileText } from '../src/stories-support/error-story-files.js';
import type { KkiCaseParameter } from '../src/stories-support/failure-copy.js';
import { type IndexEntry, missingErrorStories } from './storybook-index.js';

interface StoryLike {
  readonly name?: string;
  readonly play?: unknown;
  readonly parameters?: { readonly kkiCase?: KkiCaseParameter; readonly kkiCheckoutState?: string };
}

/** The states of KkiPayButton on the DOKU Checkout path, each shown by a story. */
const CHECKOUT_STATES = ['idle', 'opening', 'waiting', 'succeeded', 'expired', 'cancelled'];

const src = join(import.meta.dirname, '..', 'src');
const modules = import.meta.glob<Record<string, unknown>>('../src/**/*.stories.tsx', { eager: true });
const sources = import.meta.glob<string>('../src/**/*.stories.tsx', {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** What Storybook's indexer reads from the stories files, without running them. */
const staticIndex: (IndexEntry & { exportName: string; file: string })[] = Object.entries(sources).flatMap(
  ([file, code]) =>
    loadCsf(code, { makeTitle: (title?: string) => title ?? file, fileName: file })
      .parse()
      .indexInputs.map((input) => ({
        id: input.__id ?? '',
        title: input.title ?? '',
        name: input.name ?? '',
        type: input.type,
        tags: input.tags ?? [],
        exportName: input.exportName,
        file,
      })),
);

/** Every story object: `(module path, export name, story)`. */
const stories = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([name]) => name !== 'default')
    .map(([name, story]) => ({ file, name, story: story as StoryLike })),
);

describe('Storybook covers every code of every flow', () => {
  it('generates one error stories file per flow, and the files on disk are up to date', () => {
    expect(ERROR_STORY_FILES.map((f) => f.flow).sort()).toEqual([...KKI_ERROR_FLOW_NAMES].sort());
    for (const file of ERROR_STORY_FILES) {
      const onDisk = readFileSync(join(src, file.path), 'utf8');
      expect(onDisk, `${file.path}: run pnpm --filter @kki-kit/react storybook:errors`).toBe(
        errorStoryFileText(file),
      );
    }
  });

  it('indexes a story for every code each flow can return, named by its codes, with the play-fn tag', () => {
    expect(staticIndex.length).toBeGreaterThan(200);
    expect(missingErrorStories(staticIndex)).toEqual([]);
  });

  it('tags every story that has a play function with play-fn, as the indexer reads it', () => {
    for (const { file, name, story } of stories) {
      const entry = staticIndex.find((e) => e.file === file && e.exportName === name);
      expect(entry, `${file} ${name}`).toBeDefined();
      if (typeof story.play === 'function') expect(entry?.tags, `${file} ${name}`).toContain('play-fn');
      // The indexer's name is the one the story object carries (no name built at run time).
      if (story.name !== undefined) expect(entry?.name, `${file} ${name}`).toBe(story.name);
    }
  });

  it('each error story shows a code of its own flow, in its flow’s file, with the DOKU codes behind it', () => {
    const errorStories = stories.filter((s) => s.story.parameters?.kkiCase !== undefined);
    expect(errorStories.length).toBeGreaterThan(150);
    for (const { file, name, story } of errorStories) {
      const kkiCase = story.parameters?.kkiCase as KkiCaseParameter;
      const flowFile = ERROR_STORY_FILES.find((f) => file.endsWith(f.path));
      expect(flowFile?.flow, `${file} ${name}`).toBe(kkiCase.flow);
      const expected = kkiFlowCase(kkiCase.flow, kkiCase.code);
      expect(expected, `${file} ${name}: ${kkiCase.code} cannot reach ${kkiCase.flow}`).toBeDefined();
      expect(kkiCase.dokuCodes).toEqual(expected?.dokuCodes);
      expect(typeof story.play, `${file} ${name}`).toBe('function');
    }
  });

  it('gives staff and card owners no shopper flow, and shoppers no staff or account flow', () => {
    const readers: Record<string, string> = {
      'RefundForm/': 'staff',
      'SavedCardsList/': 'account',
      'KkiPayButton/': 'shopper',
      'KkiBindCard/': 'shopper',
      'CardPaymentFrame/': 'shopper',
    };
    for (const file of ERROR_STORY_FILES) {
      const reader = Object.entries(readers).find(([dir]) => file.path.startsWith(dir))?.[1];
      expect(KKI_ERROR_FLOWS[file.flow].reader, file.path).toBe(reader);
    }
  });

  it('shows every state of the Checkout path, each with a play function', () => {
    const checkout = stories.filter((s) => s.story.parameters?.kkiCheckoutState !== undefined);
    const shown = new Set(checkout.map((s) => s.story.parameters?.kkiCheckoutState));
    for (const state of CHECKOUT_STATES) expect(shown.has(state), `Checkout state ${state}`).toBe(true);
    for (const s of checkout) expect(typeof s.story.play, s.name).toBe('function');
  });

  it('reports a code whose story is removed, or named without its code', () => {
    const payment = staticIndex.filter((e) => e.title === 'KKI/KkiPayButton/Errors');
    const dropped = payment.find((e) => e.name.startsWith('14 · '));
    expect(dropped?.name).toBe('14 · Insufficient funds (4035414)');
    const without = staticIndex.filter((e) => e !== dropped);
    expect(missingErrorStories(without)).toEqual([
      'kki_payment:insufficient_funds (a story under KKI/KkiPayButton/Errors naming 14, 4035414, Insufficient funds)',
    ]);
    const renamed = staticIndex.map((e) =>
      e === dropped ? { ...e, name: 'Failed: insufficient_funds' } : e,
    );
    expect(missingErrorStories(renamed)).toHaveLength(1);
  });
});
