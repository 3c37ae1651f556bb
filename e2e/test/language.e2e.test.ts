// The shop's language switch: the kit follows it without a reload, Bahasa Indonesia built in and
// English passed to KkiProvider as its own import (`@kki-kit/react/locale/en`).
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import { checkoutOneProduct } from '../src/shop.js';

describe('language switch', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it("the kit's pay form follows the shop from English to Bahasa Indonesia and back", async () => {
    await asCustomer(browser(), async (page) => {
      await checkoutOneProduct(page, demoUrl);
      const english = page.getByRole('form', { name: 'Pay with KKI card' });
      await english.waitFor();
      await expect.poll(() => english.getByLabel('Card number').count()).toBe(1);

      // The label wraps the select, so its name goes on with the chosen language.
      await page.getByRole('combobox', { name: /^Language/ }).selectOption('id');
      const indonesian = page.getByRole('form', { name: 'Bayar dengan kartu KKI' });
      await indonesian.waitFor();
      await expect.poll(() => indonesian.getByLabel('Nomor kartu').count()).toBe(1);
      await expect.poll(() => english.count()).toBe(0);

      await page.getByRole('combobox', { name: /^Bahasa/ }).selectOption('en');
      await english.waitFor();
      await expect.poll(() => english.getByLabel('Card number').count()).toBe(1);
    });
  });
});
