// Run after `storybook build` (scripts/kki.mjs): the built index has every flow's error stories, named
// by code, and the sidebar search (which matches names) finds them by case code and full code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IndexEntry, missingErrorStories } from '../storybook-index.js';

const indexFile = join(import.meta.dirname, '..', '..', '..', '..', 'storybook-static', 'index.json');

describe('storybook-static/index.json', () => {
  it('exists (storybook build ran)', () => {
    expect(existsSync(indexFile), indexFile).toBe(true);
  });

  const entries = existsSync(indexFile)
    ? Object.values(
        (JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> }).entries,
      )
    : [];

  it('has a story for every code each flow can return, named by its codes, with its play-fn tag', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(missingErrorStories(entries)).toEqual([]);
  });

  it('finds insufficient funds in the KKI payment errors by case code and by full response code', () => {
    const byCase = entries.filter((e) => e.title === 'KKI/KkiPayButton/Errors' && e.name.startsWith('14 · '));
    expect(byCase.map((e) => e.name)).toEqual(['14 · Insufficient funds (4035414)']);
    expect(entries.filter((e) => e.name.includes('4035414')).map((e) => e.id)).toEqual([
      'kki-kkipaybutton-errors--insufficient-funds',
    ]);
  });

  it('has docs pages for the five components, the introduction, theming and the case-code matrix', () => {
    const docs = entries.filter((e) => e.type === 'docs').map((e) => e.title);
    for (const title of [
      'KKI/KkiPayButton',
      'KKI/KkiBindCard',
      'KKI/SavedCardsList',
      'KKI/RefundForm',
      'Cards/CardPaymentFrame',
      'Introduction',
      'Theming',
      'Case codes',
    ])
      expect(docs, title).toContain(title);
  });
});
