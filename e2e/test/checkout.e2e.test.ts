// DOKU Checkout, the default path (merchants without PCI DSS): the shop shows no card field, the
// shopper pays on DOKU's page and comes back. Each journey ends with the browser, the BFF and the
// sandbox agreeing on the final state.
import { shortId } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { describe, expect, inject, it } from 'vitest';
import { cardTestValues } from '../src/card-page.js';
import {
  advanceSandboxClock,
  approveCheckoutInIssuerApp,
  backInShop,
  ledgerCheckout,
  openDokuCheckout,
  payKkiOnDoku,
  storedCheckout,
} from '../src/checkout.js';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  checkoutOneProduct,
  expectOrderPaid,
  finish,
  freshOtt,
  resultDetail,
  waitForResultPage,
} from '../src/shop.js';

/** An expiry a couple of years ahead, as the card form wants it (MM/YY). */
function futureExpiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

describe('DOKU Checkout (the default path)', () => {
  const demoUrl = inject('checkoutDemoUrl');
  const browser = useChromium();

  it('KKI on DOKU Checkout, approved in the issuer app: paid everywhere', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await page.getByText("DOKU Checkout: the card is typed on DOKU's page").waitFor();
      const token = await openDokuCheckout(page);
      await payKkiOnDoku(page, { cpan: kkiTestCpan('bri'), ott: freshOtt() });
      await approveCheckoutInIssuerApp(page);
      await backInShop(page, demoUrl);
      // Back from DOKU's page, the pay page hands over to the order's result page.
      await waitForResultPage(page, orderId);
      await page.getByRole('heading', { level: 1, name: 'Thank you! Your payment went through' }).waitFor();
      await expect(resultDetail(page, 'Order number').textContent()).resolves.toBe(`#${shortId(orderId)}`);
      await expect(resultDetail(page, 'Payment method').textContent()).resolves.toBe('KKI (DOKU Checkout)');
      await expectOrderPaid(page, demoUrl, orderId);

      const stored = await storedCheckout(page, orderId);
      expect(stored).toMatchObject({
        orderStatus: 'paid',
        payment: { status: 'succeeded', method: 'checkout', checkoutChannel: 'kki' },
      });
      const ledger = await ledgerCheckout(demoUrl, token);
      expect(ledger).toMatchObject({ state: 'completed', channel: 'kki', orderStatus: 'SUCCESS' });
      // The customer id DOKU got is derived on the server, never the shop's own id.
      expect(ledger.customerId).not.toBeNull();
      await finish(page, 'checkout-kki');
    });
  });

  it('a card on DOKU Checkout, saved there, and offered again on the next checkout', async () => {
    const values = await cardTestValues(demoUrl);
    const card = values.cards.find((c) => c.outcome.kind === 'approve');
    if (!card) throw new Error('no approved sandbox test card');
    await asCustomer(browser(), async (page) => {
      const first = await checkoutOneProduct(page, demoUrl);
      const token = await openDokuCheckout(page);
      await page.getByRole('button', { name: 'Pay with card' }).click();
      await page.getByLabel('Card number').fill(card.number);
      await page.getByLabel('Expiry date').fill(futureExpiry());
      await page.getByLabel('CVV').fill('123');
      await page.getByLabel('Name on card').fill('Dewi Lestari');
      await page.getByLabel('Save this card for my next payment').check();
      await page.locator('#pay').click();
      await backInShop(page, demoUrl);
      await expectOrderPaid(page, demoUrl, first);
      expect(await storedCheckout(page, first)).toMatchObject({
        orderStatus: 'paid',
        payment: { status: 'succeeded', method: 'checkout', checkoutChannel: 'card' },
      });
      expect(await ledgerCheckout(demoUrl, token)).toMatchObject({
        state: 'completed',
        channel: 'card',
        orderStatus: 'SUCCESS',
      });

      // The next checkout of the same customer: DOKU offers the saved card.
      const second = await checkoutOneProduct(page, demoUrl);
      const next = await openDokuCheckout(page);
      const last4 = card.number.slice(-4);
      await page.getByText(new RegExp(`Saved card: .*${last4}`)).waitFor();
      await page.getByRole('button', { name: 'Pay with card' }).click();
      const saved = page.getByRole('radio', { name: new RegExp(`Saved card.*${last4}`) });
      await expect.poll(() => saved.isChecked()).toBe(true);
      // DOKU asks the saved card's CVV again.
      await page.locator('#saved-cvv').fill('123');
      await page.locator('#pay').click();
      await backInShop(page, demoUrl);
      await expectOrderPaid(page, demoUrl, second);
      expect(await storedCheckout(page, second)).toMatchObject({
        orderStatus: 'paid',
        payment: { status: 'succeeded', checkoutChannel: 'card' },
      });
      expect(await ledgerCheckout(demoUrl, next)).toMatchObject({
        state: 'completed',
        orderStatus: 'SUCCESS',
      });
      await finish(page, 'checkout-card-saved');
    });
  });

  it('cancelled on DOKU Checkout: cancelled in the shop, the BFF and the sandbox', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      const token = await openDokuCheckout(page);
      await page.getByRole('button', { name: 'Cancel and return to the merchant' }).click();
      await backInShop(page, demoUrl);
      await page.getByRole('heading', { name: 'The payment was cancelled.' }).waitFor();
      expect(await storedCheckout(page, orderId)).toMatchObject({
        orderStatus: 'open',
        payment: { status: 'cancelled', method: 'checkout' },
      });
      expect(await ledgerCheckout(demoUrl, token)).toMatchObject({ state: 'cancelled' });
      await finish(page, 'checkout-cancelled');
    });
  });

  it('expired: the Checkout outlives its due date, the shop says so and nothing is charged', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      const payUrl = page.url();
      const token = await openDokuCheckout(page);
      // The shopper walks away; the sandbox's clock passes the due date (BFF default 60 minutes).
      await advanceSandboxClock(demoUrl, 3 * 60 * 60);
      // Back on the shop's pay page, the open payment is picked up and checked with DOKU.
      await page.goto(payUrl);
      await expect
        .poll(
          async () => {
            const shown = await page
              .getByRole('heading', { name: /time to confirm this payment has run out/i })
              .count();
            if (shown === 0) await page.reload();
            return shown;
          },
          { timeout: 40_000, interval: 2_000 },
        )
        .toBe(1);
      expect(await storedCheckout(page, orderId)).toMatchObject({
        orderStatus: 'open',
        payment: { status: 'expired', method: 'checkout' },
      });
      expect(await ledgerCheckout(demoUrl, token)).toMatchObject({ state: 'expired' });
      await finish(page, 'checkout-expired');
    });
  });
});
