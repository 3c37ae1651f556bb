// DOKU Checkout in the demo shop: KkiPayButton's button sends the shopper to the sandbox's Checkout
// page (full-page redirect), where KKI or a card is typed on DOKU's side; the BFF's return page sends
// them back. Ends are compared three ways: what the browser shows, what the BFF stored (the shop's
// order API, through the merchant API) and what the sandbox's ledger says.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './shop.js';

/** The shop's pay page button on the Checkout path ("Pay IDR … on DOKU"); resolves on DOKU's page with its token. */
export async function openDokuCheckout(page: Page): Promise<string> {
  const button = page.getByRole('button', { name: /^Pay .+ on DOKU$/ });
  await button.waitFor();
  // No card field in the shop on this path.
  expect(await page.getByLabel('Card number').count()).toBe(0);
  await expectAccessible(page);
  await button.click();
  await page.waitForURL(/\/checkout-link-v2\/[^/?]+$/);
  await page.getByRole('heading').first().waitFor();
  await expectAccessible(page);
  const token = /\/checkout-link-v2\/([^/?]+)$/.exec(new URL(page.url()).pathname)?.[1];
  if (!token) throw new Error(`not on DOKU's Checkout page: ${page.url()}`);
  return decodeURIComponent(token);
}

/** On DOKU's Checkout page: types the KKI card and OTT there and submits. */
export async function payKkiOnDoku(page: Page, card: { cpan: string; ott: string }): Promise<void> {
  const form = page.locator('#checkout-kki');
  await form.getByLabel('Card number (CPAN)').fill(card.cpan);
  await form.getByLabel('One-time token (OTT)').fill(card.ott);
  await form.getByRole('button', { name: 'Pay with KKI' }).click();
}

/**
 * From DOKU's "Confirm in your bank's app" page: the issuer-app page and Approve, then back to DOKU's
 * page (as a shopper switches back from the bank's app), which moves on to the shop by itself.
 */
export async function approveCheckoutInIssuerApp(page: Page): Promise<void> {
  const dokuPage = page.url();
  const open = page.getByRole('link', { name: /^Open the .+ app$/ });
  await open.waitFor();
  // DOKU's waiting page refreshes itself (a meta refresh, which axe flags: it is DOKU's page, not the
  // kit's), so the link is followed by its address rather than a click a refresh could swallow.
  const href = await open.getAttribute('href');
  if (!href) throw new Error('the issuer-app link has no address');
  await page.goto(new URL(href, page.url()).href);
  await page.getByRole('heading', { name: 'Confirm this payment?' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
  await page.goto(dokuPage);
}

/** Waits until the shopper is back in the shop (the BFF confirmed the result with DOKU first). */
export async function backInShop(page: Page, demoUrl: string): Promise<void> {
  const shop = new URL(demoUrl).origin;
  await page.waitForURL((url) => url.origin === shop && !url.pathname.startsWith('/api/'), {
    timeout: 30_000,
  });
}

/** A checkout payment as the shop's order API (the BFF's merchant API) reports it. */
export interface StoredCheckout {
  readonly orderStatus: string;
  readonly payment: {
    readonly id: string;
    readonly status: string;
    readonly method: string;
    readonly checkoutChannel: string | null;
  };
}

/** The order and its latest payment, read in the shopper's session (the shop's own API). */
export async function storedCheckout(page: Page, orderId: string): Promise<StoredCheckout> {
  const body = await page.evaluate(async (id) => {
    const res = await fetch(`/api/shop/orders/${encodeURIComponent(id)}`, { credentials: 'same-origin' });
    return (await res.json()) as {
      order: { status: string };
      payments: Array<{
        id: string;
        status: string;
        method: string;
        checkoutChannel: string | null;
        createdAt: string;
      }>;
    };
  }, orderId);
  const payment = [...body.payments].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  if (!payment) throw new Error(`order ${orderId} has no payment`);
  return { orderStatus: body.order.status, payment };
}

/** One Checkout in the sandbox's ledger. */
export interface LedgerCheckout {
  readonly state: string;
  readonly channel: string | null;
  readonly orderStatus: string | null;
  readonly customerId: string | null;
  readonly amount: number;
}

/** The sandbox's ledger row of the Checkout whose page token is `token` (control API of the e2e demo). */
export async function ledgerCheckout(demoUrl: string, token: string): Promise<LedgerCheckout> {
  await fetch(`${demoUrl}/api/kki/__doku/__sandbox/idle`, { method: 'POST' });
  const res = await fetch(`${demoUrl}/api/kki/__doku/__sandbox/ledger`);
  if (!res.ok) throw new Error(`ledger: HTTP ${res.status}`);
  const ledger = (await res.json()) as {
    checkout: { sessions: Array<LedgerCheckout & { tokenIdEnding: string }> };
  };
  const row = ledger.checkout.sessions.find((s) => token.endsWith(s.tokenIdEnding));
  if (!row) throw new Error(`no Checkout ending ${token.slice(-6)} in the sandbox's ledger`);
  return row;
}

/** Moves the sandbox's clock on (e.g. past a Checkout's `payment_due_date`). */
export async function advanceSandboxClock(demoUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${demoUrl}/api/kki/__doku/__sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  if (!res.ok) throw new Error(`clock: HTTP ${res.status}`);
}
