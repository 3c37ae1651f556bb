// Staff refund a KKI payment: part of it first, then the rest (a full refund of what is left).
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
  payWithNewKkiCard,
} from '../src/shop.js';
import { expectPaymentStatus, signInAsStaff, staffOrder } from '../src/staff.js';

describe('refunds from the staff page', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('refunds IDR 10,000 of a KKI payment, then the rest in full', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bpd_bali'), ott: freshOtt() });
      await approveInIssuerApp(page);
      await expectOrderPaid(page, demoUrl, orderId);

      await signInAsStaff(page, demoUrl);
      const order = staffOrder(page, orderId);
      await order.getByText(/^Refund · /).click();
      const form = order.getByRole('form', { name: 'Refund' });
      await form.getByRole('radio', { name: 'Partial refund' }).check();
      await form.getByLabel('Amount (IDR)').fill('10000');
      await expectAccessible(page);
      // The button names the amount typed, and staff confirm it before anything is sent.
      await form.getByRole('button', { name: 'Refund IDR 10,000' }).click();
      await form.getByRole('button', { name: 'Yes, refund' }).click();
      await expect
        .poll(() => order.getByText(/^Refund recorded\./).count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(() => order.getByRole('row').filter({ hasText: 'Partial refund' }).count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expectAccessible(page);
      // The staff list reads the order again after the refund, no reload: partly refunded.
      await expectPaymentStatus(order, 'Partly refunded');

      await form.getByRole('radio', { name: /^The rest / }).check();
      await form.getByRole('button', { name: /^Refund IDR / }).click();
      await form.getByRole('button', { name: 'Yes, refund' }).click();
      await expect
        .poll(() => order.getByText('This payment has been refunded in full.').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.reload();
      await expectPaymentStatus(order, 'Refunded');
      await order.getByText(/^Refund · /).click();
      await expect
        .poll(() => order.getByRole('row').filter({ hasText: 'Full refund' }).count())
        .toBeGreaterThan(0);
      await finish(page, 'refunds');
    });
  });
});
