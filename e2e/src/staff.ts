// The shop's staff page: sign-in with the demo's staff password, an order's article, capture, refunds.
import { shortId } from '@kki-kit/contract';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, STAFF_PASSWORD } from './shop.js';

/** Signs the browser in as staff (a separate cookie from the customer session). */
export async function signInAsStaff(page: Page, demoUrl: string): Promise<void> {
  await page.goto(`${demoUrl}/staff`);
  await page.getByRole('heading', { name: 'Staff page' }).waitFor();
  await page.getByLabel('Staff password').fill(STAFF_PASSWORD);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in as staff' }).click();
  await page.getByRole('heading', { name: 'All orders' }).waitFor();
}

/** The staff page's article for one order (labelled with its short number). */
export function staffOrder(page: Page, orderId: string): Locator {
  return page.getByRole('article', { name: `Order #${shortId(orderId)}` });
}

/** Waits until a payment row of the order shows exactly `status` (as staff read it, e.g. `Paid`). */
export async function expectPaymentStatus(order: Locator, status: string): Promise<void> {
  await expect
    .poll(() => order.getByRole('cell', { name: status, exact: true }).count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
}
