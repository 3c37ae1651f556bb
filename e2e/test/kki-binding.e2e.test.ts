// A DH card binding through DOKU's OTP page, then removing the saved card.
import { KKI_TEST_OTP, kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import { expectAccessible, finish } from '../src/shop.js';

/** Binds `cpan` from the account page through DOKU's OTP page; resolves once the card is added. */
async function bindCard(page: Page, demoUrl: string, cpan: string): Promise<void> {
  await page.goto(`${demoUrl}/account`);
  const form = page.getByRole('form', { name: 'Add a KKI card' });
  await form.getByLabel('Card number').fill(cpan);
  await form.getByLabel('Name as shown on the card').fill('Dewi Lestari');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Add card' }).click();
  // KkiBindCard opens DOKU's OTP page in a new tab (the page refuses framing) and follows the binding.
  const link = page.getByRole('link', { name: 'Open the verification page' });
  await link.waitFor();
  await expectAccessible(page);
  const [otpPage] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await otpPage.getByRole('heading', { name: 'Verify your card' }).waitFor();
  await expectAccessible(otpPage);
  await otpPage.getByLabel('One-time code (OTP)').fill(KKI_TEST_OTP.correct);
  await otpPage.getByRole('button', { name: 'Verify' }).click();
  // DOKU's page sends the new tab back to the shop; the first tab shows the card added.
  await otpPage.waitForURL((url) => url.pathname === '/orders');
  await otpPage.close();
  await expect.poll(() => page.getByText(/^Card .+ has been added\.$/).count(), { timeout: 20_000 }).toBe(1);
}

describe('KKI card binding (DH) and removal', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('binds a BJB card with the OTP page and lists it as saved', async () => {
    await asCustomer(browser(), async (page) => {
      const cpan = kkiTestCpan('bjb');
      await bindCard(page, demoUrl, cpan);
      await expect
        .poll(
          () =>
            page
              .getByRole('list')
              .filter({ hasText: cpan.slice(-4) })
              .count(),
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await finish(page, 'kki-binding');
    });
  });

  it('removes a saved card after the customer confirms', async () => {
    await asCustomer(browser(), async (page) => {
      const cpan = kkiTestCpan('dki');
      await bindCard(page, demoUrl, cpan);
      const item = page.getByRole('listitem').filter({ hasText: cpan.slice(-4) });
      await item.getByRole('button', { name: 'Remove' }).click();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Yes, remove' }).click();
      // DOKU answers an unbinding PENDING; the card shows as being removed until its notification.
      await expect.poll(() => item.filter({ hasText: 'Removing…' }).count()).toBe(1);
      await expectAccessible(page);
      await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => page.getByText('You have no saved cards.').count()).toBe(1);
      await page.reload();
      await expect.poll(() => page.getByText('You have no saved cards.').count()).toBe(1);
      await finish(page, 'kki-remove-card');
    });
  });
});
