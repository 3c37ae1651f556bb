// axe-core in the real page: its source is evaluated in every frame (CDP evaluation is not subject
// to the hosted pages' Content-Security-Policy), then each frame is checked on its own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe violation, enough to read in a failed assertion. */
export interface AxeFinding {
  frame: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResultsLike {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown[] }>;
  }>;
}

async function checkFrame(frame: Frame): Promise<AxeFinding[]> {
  await frame.evaluate(axeSource);
  const results = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe;
    // Every WCAG 2.x A/AA rule, colour contrast included: this is a real browser with real CSS.
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      iframes: false,
      resultTypes: ['violations'],
    })) as unknown;
  });
  return (results as AxeResultsLike).violations.map((v) => ({
    frame: frame.url(),
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** Runs axe in the page and every frame it holds (the card page in its iframe too). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const findings: AxeFinding[] = [];
  for (const frame of page.frames()) {
    // An empty child frame (about:blank before it loads) has nothing to check; the page always has.
    if (frame.isDetached() || (frame !== page.mainFrame() && frame.url() === 'about:blank')) continue;
    findings.push(...(await checkFrame(frame)));
  }
  return findings;
}
