// What the customer sees when KKI refuses: insufficient funds, and an expired one-time token.
import { getErrorCopy } from '@kki-kit/contract';
import { KKI_TEST_OTT, kkiTestCpan } from '@kki-kit/doku-sandbox';
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import { checkoutOneProduct, finish, freshOtt, payWithNewKkiCard } from '../src/shop.js';

describe('KKI refusals shown to the customer', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('shows insufficient funds for the case-14 card', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      const cpan = kkiTestCpan('bri', { flow: 'payment', caseCode: '14' });
      await payWithNewKkiCard(page, { cpan, ott: freshOtt() });
      const panel = page.locator('[data-kki-error="insufficient_funds"]');
      await panel.getByRole('heading', { name: 'Payment not completed' }).waitFor();
      await expect(panel.getByText(getErrorCopy('insufficient_funds', 'en')).count()).resolves.toBe(1);
      await finish(page, 'kki-insufficient-funds');
      // Nothing was charged: the order is still open.
      await page.goto(`${demoUrl}/orders/${encodeURIComponent(orderId)}`);
      await expect.poll(() => page.getByText('The order is not paid yet.').count()).toBe(1);
    });
  });

  it('asks for a new code when the OTT has expired', async () => {
    await asCustomer(browser(), async (page) => {
      await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('mandiri'), ott: KKI_TEST_OTT.expired });
      // KKI case 12 on a payment: "Transaction Not Permitted / OTT Expired" (seed 001).
      const message = getErrorCopy('ott_expired_or_not_permitted', 'en', undefined, 'ott');
      await expect.poll(() => page.getByText(message).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      // The spent code is cleared so the customer types a new one.
      await expect(page.getByLabel('One-time code from your bank app').inputValue()).resolves.toBe('');
      await finish(page, 'kki-ott-expired');
    });
  });
});
