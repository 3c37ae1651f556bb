// CardPaymentFrame at a laptop and a phone size: the frame grows to DOKU's page (the sandbox's posts
// its height), so the page's pay button is reachable by scrolling the shop, never inside the frame;
// and the page speaks the shop's language.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import { checkoutOneProduct, expectAccessible } from '../src/shop.js';

/** The frame's own scrolling: how tall its document is against the frame's box, and where it stands. */
function innerScroll(frame: FrameLocator) {
  return frame.locator('html').evaluate((html) => {
    const root = html.ownerDocument.scrollingElement ?? html;
    return { scrollHeight: root.scrollHeight, clientHeight: root.clientHeight, scrollTop: root.scrollTop };
  });
}

/** The pay button is in the frame's box and in the viewport once the shop is scrolled to it, with no scroll inside. */
async function expectPayReachable(page: Page, iframe: Locator, frame: FrameLocator, pay: Locator) {
  // The page posts its height after layout and after each resize: wait for the frame to fit it.
  await expect
    .poll(async () => {
      const s = await innerScroll(frame);
      return s.scrollHeight <= s.clientHeight;
    })
    .toBe(true);
  await pay.scrollIntoViewIfNeeded();
  expect((await innerScroll(frame)).scrollTop).toBe(0);
  const viewport = page.viewportSize();
  const button = await pay.boundingBox();
  const box = await iframe.boundingBox();
  if (!viewport || !button || !box) throw new Error('no layout for the frame or its pay button');
  expect(button.y).toBeGreaterThanOrEqual(box.y);
  expect(button.y + button.height).toBeLessThanOrEqual(box.y + box.height);
  expect(button.x).toBeGreaterThanOrEqual(box.x);
  expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
  expect(button.y).toBeGreaterThanOrEqual(0);
  expect(button.y + button.height).toBeLessThanOrEqual(viewport.height);
}

describe('the card frame fits its page', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('Bayar is visible without scrolling inside the frame at 390×844 and 1280×800, in Indonesian', async () => {
    await asCustomer(browser(), async (page, context) => {
      const warnings: string[] = [];
      page.on('console', (message) => warnings.push(message.text()));
      await checkoutOneProduct(page, demoUrl);
      // The same shopper switches the shop to Bahasa Indonesia (the later init script wins).
      await context.addInitScript(() => window.localStorage.setItem('kki-demo-locale', 'id'));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await page.getByRole('radio', { name: 'Kartu kredit (halaman kartu DOKU)' }).check();
      await page.getByRole('button', { name: /^Bayar .+ dengan kartu$/ }).click();
      const iframe = page.locator('iframe[title="Pembayaran kartu"]');
      const frame = page.frameLocator('iframe[title="Pembayaran kartu"]');
      // DOKU's page follows the shop's language.
      await frame.getByLabel('Nomor kartu').waitFor();
      await expect(frame.locator('html').getAttribute('lang')).resolves.toBe('id');
      const pay = frame.getByRole('button', { name: /^Bayar / });
      await expectPayReachable(page, iframe, frame, pay);
      await expectAccessible(page);

      // The page re-measures on resize; the frame follows it.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectPayReachable(page, iframe, frame, pay);
      // No sandbox the page could lift (scripts with the shop's own origin), so no browser warning.
      expect(warnings.filter((w) => w.includes('escape its sandboxing'))).toEqual([]);
    });
  });
});
