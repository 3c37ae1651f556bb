// axe-core on a rendered container: every state of every component must report no violations.
import axe from 'axe-core';
import { expect } from 'vitest';

/** Runs axe on `container` and fails with the violations listed. */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, {
    // DOKU's pages inside frames are DOKU's; the frame element itself (title) is still checked.
    iframes: false,
    // jsdom has no layout: colour contrast cannot be computed there.
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}
