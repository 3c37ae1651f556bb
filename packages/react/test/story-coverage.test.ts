/// <reference types="vite/client" />
// Every code a DOKU flow can hand the shopper has a Storybook story showing it: binding (SNAP service
// 01), unbinding (05), payment (54), refund (58) and the Non-SNAP Cards API. The required list comes
// from the contract's tables through FLOW_CASES; the stories are read from the stories modules.
import { isKkiErrorCode, KKI_ERROR_CODES } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import { FLOW_CASES, type KkiStoryFlow } from '../src/stories-support/case-codes.js';
import type { KkiCaseParameter } from '../src/stories-support/failure-copy.js';

interface StoryLike {
  readonly name?: string;
  readonly play?: unknown;
  readonly parameters?: { readonly kkiCase?: KkiCaseParameter; readonly kkiCheckoutState?: string };
}

/** The states of KkiPayButton on the DOKU Checkout path, each shown by a story. */
const CHECKOUT_STATES = ['idle', 'opening', 'waiting', 'succeeded', 'failed', 'expired', 'cancelled'];

const modules = import.meta.glob<Record<string, unknown>>('../src/**/*.stories.tsx', { eager: true });

/** Every failure story: `(module path, export name, its kkiCase)`. */
function failureStories(mods: Record<string, Record<string, unknown>>) {
  return Object.entries(mods).flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([name]) => name !== 'default')
      .flatMap(([name, story]) => {
        const kkiCase = (story as StoryLike).parameters?.kkiCase;
        return kkiCase === undefined ? [] : [{ file, name, story: story as StoryLike, kkiCase }];
      }),
  );
}

/** `flow:code` pairs a flow can return that no story shows. */
function missingStories(stories: ReturnType<typeof failureStories>): string[] {
  const shown = new Set(stories.map((s) => `${s.kkiCase.flow}:${s.kkiCase.code}`));
  return (Object.keys(FLOW_CASES) as KkiStoryFlow[]).flatMap((flow) =>
    FLOW_CASES[flow].map((c) => `${flow}:${c.code}`).filter((key) => !shown.has(key)),
  );
}

describe('Storybook covers every case code', () => {
  const stories = failureStories(modules);

  it('finds the five components’ stories modules', () => {
    const files = Object.keys(modules).map((f) => f.replace(/^.*\//, ''));
    expect(files.sort()).toEqual([
      'CardPaymentFrame.stories.tsx',
      'KkiBindCard.stories.tsx',
      'KkiPayButton.stories.tsx',
      'RefundForm.stories.tsx',
      'SavedCardsList.stories.tsx',
    ]);
  });

  it('derives a non-empty list of catalogue codes for every flow', () => {
    for (const [flow, cases] of Object.entries(FLOW_CASES)) {
      expect(cases.length, flow).toBeGreaterThan(0);
      for (const c of cases) {
        expect(KKI_ERROR_CODES, `${flow}:${c.code}`).toContain(c.code);
        expect(c.dokuCodes.length, `${flow}:${c.code}`).toBeGreaterThan(0);
      }
    }
    // The per-service reading is applied: binding's duplicate token means the card is already bound.
    expect(FLOW_CASES.binding.map((c) => c.code)).toContain('card_already_bound');
    expect(FLOW_CASES.payment.map((c) => c.code)).not.toContain('card_already_bound');
    expect(FLOW_CASES.binding.find((c) => c.code === 'do_not_honor')?.dokuCodes).toContain('4030105');
    expect(FLOW_CASES.refund.find((c) => c.code === 'do_not_honor')?.dokuCodes).toContain('4035805');
    expect(FLOW_CASES.cards.map((c) => c.code)).toEqual(
      expect.arrayContaining(['refund_failed', 'card_declined']),
    );
  });

  it('has a story for every code each flow can return', () => {
    expect(missingStories(stories)).toEqual([]);
  });

  it('each failure story shows a real flow code once, with the DOKU codes behind it and a play function', () => {
    const seen = new Set<string>();
    for (const { file, name, story, kkiCase } of stories) {
      const key = `${kkiCase.flow}:${kkiCase.code}`;
      expect(isKkiErrorCode(kkiCase.code), `${file} ${name}`).toBe(true);
      expect(seen.has(key), `${key} shown twice (${name})`).toBe(false);
      seen.add(key);
      const expected = FLOW_CASES[kkiCase.flow].find((c) => c.code === kkiCase.code);
      expect(expected, `${file} ${name}: ${key} is not a code this flow returns`).toBeDefined();
      expect(kkiCase.dokuCodes).toEqual(expected?.dokuCodes);
      expect(typeof story.play, `${file} ${name}`).toBe('function');
      expect(story.name).toContain(kkiCase.code);
    }
  });

  it('shows every state of the Checkout path, each with a play function', () => {
    const mod = Object.entries(modules).find(([file]) => file.endsWith('/KkiPayButton.stories.tsx'))?.[1];
    const checkout = Object.values(mod ?? {}).filter(
      (story): story is StoryLike =>
        typeof story === 'object' &&
        story !== null &&
        (story as StoryLike).parameters?.kkiCheckoutState !== undefined,
    );
    const shown = new Set(checkout.map((story) => story.parameters?.kkiCheckoutState));
    for (const state of CHECKOUT_STATES) expect(shown.has(state), `Checkout state ${state}`).toBe(true);
    for (const story of checkout) expect(typeof story.play, story.name).toBe('function');
    // Every code a failed Checkout payment can carry has its own story (the failed state per code).
    expect(FLOW_CASES.checkout.length).toBeGreaterThan(0);
    const failed = stories.filter((s) => s.kkiCase.flow === 'checkout');
    expect(failed.map((s) => s.kkiCase.code).sort()).toEqual(FLOW_CASES.checkout.map((c) => c.code).sort());
    for (const s of failed) expect(s.story.parameters?.kkiCheckoutState).toBe('failed');
  });

  it('reports a code whose story is removed', () => {
    const [dropped, ...rest] = stories.filter((s) => s.kkiCase.flow === 'refund');
    expect(dropped).toBeDefined();
    const others = stories.filter((s) => s.kkiCase.flow !== 'refund');
    expect(missingStories([...others, ...rest])).toEqual([`refund:${dropped?.kkiCase.code}`]);
  });
});
