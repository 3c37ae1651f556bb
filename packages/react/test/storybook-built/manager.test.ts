// Run after `storybook build` (scripts/kki.mjs): in the built Storybook, the sidebar search finds an
// error story by case code, full response code and name, and switching the locale or the appearance
// in the toolbar keeps a story's state. A failure story stays a failure, in the new
// language (the story is replayed), or with the new theme (the provider keeps its state).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..', 'storybook-static');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const STORY = 'kki-kkipaybutton-errors--insufficient-funds';

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** The story in the Storybook manager, once its play function has brought it to its state. */
async function openStory(page: Page): Promise<Frame> {
  await page.goto(`${base}/?path=/story/${STORY}`);
  const frame = page.frameLocator('#storybook-preview-iframe');
  await frame.getByText('Pembayaran tidak berhasil').first().waitFor({ timeout: 30_000 });
  const preview = page.frames().find((f) => f.url().includes('iframe.html'));
  if (preview === undefined) throw new Error('no preview frame');
  return preview;
}

describe('the sidebar search of the built Storybook', () => {
  it.each(['14', '4035414', 'insufficient'])(
    'finds the KKI payment story of insufficient funds by "%s"',
    async (query) => {
      const page = await browser.newPage();
      await page.goto(`${base}/?path=/docs/introduction--docs`);
      const search = page.getByRole('searchbox').first();
      await search.fill(query);
      // The sidebar lists matches by story name; 4035414 is the KKI payment service's (54) case 14.
      const shown = () =>
        // biome-ignore lint/performance/useDomNodeTextContent: what the sidebar shows, not its hidden nodes
        page.locator('body').innerText();
      await expect.poll(shown, { timeout: 20_000 }).toContain('14 · Insufficient funds (4035414)');
      await page.close();
    },
    60_000,
  );
});

describe('toolbar switches in the built Storybook', () => {
  it('the locale switch replays the story: the failure is shown again, in English', async () => {
    const page = await browser.newPage();
    const preview = await openStory(page);
    await page
      .getByRole('button', { name: /Locale|Bahasa Indonesia/ })
      .first()
      .click();
    await page.getByText('English', { exact: true }).click();
    await preview.getByText('Payment not completed').first().waitFor({ timeout: 30_000 });
    await expect(
      preview.getByText("Your card's available limit isn't enough").first().isVisible(),
    ).resolves.toBe(true);
    await page.close();
  }, 90_000);

  it('the appearance switch keeps the failure and applies the theme', async () => {
    const page = await browser.newPage();
    const preview = await openStory(page);
    await page
      .getByRole('button', { name: /Appearance|default/ })
      .first()
      .click();
    await page.getByText('night market', { exact: true }).click();
    const root = preview.locator('.kki-root').first();
    await expect
      .poll(() => root.evaluate((el) => getComputedStyle(el).getPropertyValue('--kki-color-primary').trim()))
      .toBe('#f5b700');
    await expect(preview.getByText('Pembayaran tidak berhasil').first().isVisible()).resolves.toBe(true);
    await page.close();
  }, 90_000);
});
