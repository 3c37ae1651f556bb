// Pay and save a KKI card (bind-and-pay), then pay the next order with the saved card.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  approveInIssuerApp,
  checkoutOneProduct,
  expectAccessible,
  expectOrderPaid,
  finish,
  freshOtt,
  issuerAppLink,
  payWithNewKkiCard,
  resultDetail,
} from '../src/shop.js';

describe('KKI pay and save, then pay with the saved card', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('saves the card on the first payment and offers it for the second', async () => {
    await asCustomer(browser(), async (page) => {
      const cpan = kkiTestCpan('mandiri');
      const first = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan, ott: freshOtt(), save: true });
      await approveInIssuerApp(page);
      await expectOrderPaid(page, demoUrl, first);

      await page.goto(`${demoUrl}/account`);
      const saved = page.getByRole('list').filter({ hasText: cpan.slice(-4) });
      await expect.poll(() => saved.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expectAccessible(page);

      const second = await checkoutOneProduct(page, demoUrl);
      const form = page.getByRole('form', { name: 'Pay with KKI card' });
      // The saved card is preselected, and the only one is chosen: nothing to pick before Pay.
      await expect.poll(() => form.getByRole('radio', { name: 'Saved card' }).isChecked()).toBe(true);
      await expect
        .poll(() => form.getByRole('radio', { name: new RegExp(`${cpan.slice(-4)}`) }).isChecked())
        .toBe(true);
      await expectAccessible(page);
      await form.getByRole('button', { name: /^Pay/ }).click();
      // A saved-card payment may still ask for the issuer app's confirmation.
      const open = issuerAppLink(page);
      const done = page.getByText(/^Payment of .+ succeeded\.$/);
      await expect.poll(async () => (await open.count()) + (await done.count()), { timeout: 20_000 }).toBe(1);
      if ((await open.count()) > 0) await approveInIssuerApp(page);
      await expectOrderPaid(page, demoUrl, second);
      await expect(resultDetail(page, 'Card').textContent()).resolves.toMatch(
        new RegExp(`${cpan.slice(-4)}$`),
      );
      await finish(page, 'kki-saved-card');
    });
  });
});
