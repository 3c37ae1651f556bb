// Theming in a real browser: KkiProvider's `appearance` sets variables the stylesheet reads, so the
// computed style of the components changes (a variable the CSS never reads would change nothing).
import { readFileSync } from 'node:fs';
import { QueryClient } from '@tanstack/react-query';
import { prerender } from 'react-dom/static';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KkiPayButton } from '../../src/KkiPayButton/KkiPayButton.js';
import type { KkiAppearanceVariables } from '../../src/provider/appearance.js';
import { kkiQueryKeys } from '../../src/internal/query-keys.js';
import { KkiProvider } from '../../src/provider/KkiProvider.js';

const STYLES = readFileSync(new URL('../../src/styles.css', import.meta.url), 'utf8');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The pay form as the server renders it (the H2H path known, as a server prefetches it), with the
 * kit's stylesheet, loaded in Chromium; `theme` pins one on `<html>` as a page's theme switch would.
 */
async function show(variables?: KkiAppearanceVariables, theme?: 'light' | 'dark') {
  const queryClient = new QueryClient();
  queryClient.setQueryData(kkiQueryKeys.config(), { kki: { integration: 'h2h' }, checkout: null });
  // Prerendered: it waits for the pay form's lazily loaded path, as a streaming server render does.
  const { prelude } = await prerender(
    <KkiProvider
      baseUrl="/api/kki"
      queryClient={queryClient}
      {...(variables && { appearance: { variables } })}
    >
      <KkiPayButton orderId="ord_test0001" />
    </KkiProvider>,
  );
  const html = await new Response(prelude).text();
  await page.setContent(
    `<!doctype html><html${theme ? ` data-kki-theme="${theme}"` : ''}><head><style>${STYLES}</style></head><body>${html}</body></html>`,
  );
}

/** Computed style properties of the first element matching `selector`. */
const computed = (selector: string, props: readonly string[]) =>
  page.evaluate(
    ({ selector, props }) => {
      const el = document.querySelector(selector);
      if (el === null) throw new Error(`no ${selector}`);
      const style = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    },
    { selector, props },
  );

describe('appearance in Chromium', () => {
  it('the stylesheet alone gives the default look', async () => {
    await show();
    expect(await computed('.kki-input', ['border-top-left-radius'])).toEqual({
      'border-top-left-radius': '8px',
    });
  });

  it('borderRadius, colours, font and spacing reach the computed style', async () => {
    await show({
      borderRadius: '3px',
      colorBorder: 'rgb(1, 2, 3)',
      colorText: 'rgb(4, 5, 6)',
      fontSize: '19px',
    });
    expect(
      await computed('.kki-input', [
        'border-top-left-radius',
        'border-bottom-right-radius',
        'border-top-color',
      ]),
    ).toEqual({
      'border-top-left-radius': '3px',
      'border-bottom-right-radius': '3px',
      'border-top-color': 'rgb(1, 2, 3)',
    });
    expect(await computed('.kki-root', ['color', 'font-size'])).toEqual({
      color: 'rgb(4, 5, 6)',
      'font-size': '19px',
    });
  });

  it('every appearance variable is one the stylesheet reads', async () => {
    const all: Required<KkiAppearanceVariables> = {
      colorPrimary: '#010101',
      colorPrimaryText: '#020202',
      colorText: '#030303',
      colorTextMuted: '#040404',
      colorBackground: '#050505',
      colorBorder: '#060606',
      colorDanger: '#070707',
      colorDangerText: '#0a0a0a',
      colorSuccess: '#080808',
      fontFamily: 'serif',
      fontSize: '17px',
      borderRadius: '5px',
      spacing: '9px',
    };
    await show(all);
    const names = await page.evaluate(() => {
      const root = document.querySelector<HTMLElement>('.kki-root');
      if (root === null) throw new Error('no .kki-root');
      return Array.from(root.style).filter((n) => n.startsWith('--kki-'));
    });
    expect(names).toHaveLength(Object.keys(all).length);
    for (const name of names) expect(STYLES).toContain(`var(${name})`);
  });
});

describe('light and dark presets in Chromium', () => {
  const LIGHT = {
    'background-color': 'rgb(255, 255, 255)',
    color: 'rgb(26, 29, 35)',
    'color-scheme': 'light',
  };
  const DARK = { 'background-color': 'rgb(23, 25, 30)', color: 'rgb(232, 234, 238)', 'color-scheme': 'dark' };
  const look = () => computed('.kki-root', ['background-color', 'color', 'color-scheme']);
  afterAll(() => page.emulateMedia({ colorScheme: 'light' }));

  it("follows the device's prefers-color-scheme", async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await show();
    expect(await look()).toEqual(LIGHT);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await look()).toEqual(DARK);
    // The primary button keeps its text readable on the dark preset's lighter blue.
    expect(await computed('.kki-button--primary', ['background-color', 'color'])).toEqual({
      'background-color': 'rgb(138, 180, 255)',
      color: 'rgb(11, 21, 48)',
    });
  });

  it('data-kki-theme on an ancestor pins a theme whatever the device says', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await show(undefined, 'light');
    expect(await look()).toEqual(LIGHT);
    await page.emulateMedia({ colorScheme: 'light' });
    await show(undefined, 'dark');
    expect(await look()).toEqual(DARK);
  });

  it("the merchant's appearance variables apply in the dark preset too", async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await show({ colorBackground: 'rgb(7, 8, 9)' });
    expect(await look()).toEqual({ ...DARK, 'background-color': 'rgb(7, 8, 9)' });
  });
});
