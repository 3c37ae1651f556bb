// DOKU's card page (the sandbox's) inside CardPaymentFrame's iframe, and its test cards, read from
// the running sandbox through the demo's test-values endpoint rather than copied here.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, waitForResultPage } from './shop.js';

/** One sandbox test card as `/__sandbox/cards/test-cards` lists it. */
export interface SandboxTestCard {
  id: string;
  number: string;
  issuer: string;
  outcome: { kind: 'approve' | 'threeDs' | 'decline' };
}

/** The card page's test values: cards, the 3-D Secure OTP and the installment plans. */
export interface CardTestValues {
  cards: SandboxTestCard[];
  threeDs: { otp: string };
  installmentPlans: Record<string, { minAmount: number; tenors: number[] }>;
}

/** Reads the running sandbox's card test values (the demo's `/api/shop/test-values`). */
export async function cardTestValues(demoUrl: string): Promise<CardTestValues> {
  const res = await fetch(`${demoUrl}/api/shop/test-values`);
  if (!res.ok) throw new Error(`test values: HTTP ${res.status}`);
  const body = (await res.json()) as { cards: CardTestValues | null };
  if (!body.cards) throw new Error('the demo served no card test values');
  return body.cards;
}

/** The sandbox test card with this id. */
export function cardById(values: CardTestValues, id: string): SandboxTestCard {
  const card = values.cards.find((c) => c.id === id);
  if (!card) throw new Error(`no sandbox test card ${id}`);
  return card;
}

/** An approved test card issued by `issuer` (an ON US installment finances only its own cards). */
export function approvedCardOf(values: CardTestValues, issuer: string): SandboxTestCard {
  const card = values.cards.find((c) => c.issuer === issuer && c.outcome.kind === 'approve');
  if (!card) throw new Error(`no approved sandbox test card from ${issuer}`);
  return card;
}

/** Waits for CardPaymentFrame's success: the shop's pay page moves on to the order's result page. */
export async function waitForOrderPage(page: Page, orderId: string): Promise<void> {
  await waitForResultPage(page, orderId);
}

/** An expiry month a year from now (the card page wants a future MM/YY). */
function futureExpiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

/**
 * On the pay page: chooses the DOKU card page with `type`, opens it in the iframe (choosing the
 * installment plan the shop offers), types `cardNumber` and pays.
 */
export async function payOnCardPage(
  page: Page,
  options: { type: 'SALE' | 'INSTALLMENT' | 'AUTHORIZE'; cardNumber: string },
): Promise<void> {
  await page.getByRole('radio', { name: 'Credit card (DOKU card page)' }).check();
  await page.getByRole('radio', { name: new RegExp(`\\(${options.type}\\)$`) }).check();
  const form = page.getByRole('form', { name: 'Card payment' });
  let plan: string | null = null;
  if (options.type === 'INSTALLMENT') {
    // The plan is asked once, in the kit's list: no other select on the pay page.
    await expect(page.getByRole('main').getByRole('combobox').count()).resolves.toBe(1);
    const select = form.getByLabel('Installment plan');
    await select.selectOption({ index: 1 });
    plan = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text ?? '');
    // The bank's name and each month's amount, e.g. "BCA: 3 × IDR 400,000/month".
    expect(plan).toMatch(/^[A-Z][A-Za-z ]+: \d+ × IDR [\d,]+\/month$/);
  }
  await expectAccessible(page);
  await form.getByRole('button', { name: /^Pay .+ by card$/ }).click();
  const frame = page.frameLocator('iframe[title="Card payment"]');
  if (plan !== null) {
    // DOKU's page shows the chosen plan, fixed: no tenor menu to answer again.
    await expect(frame.locator('#tenor').textContent()).resolves.toBe(plan);
    await expect(frame.locator('select[name="tenor"]').count()).resolves.toBe(0);
  }
  await frame.getByLabel('Card number').fill(options.cardNumber);
  await frame.getByLabel('Expiry date').fill(futureExpiry());
  await frame.getByLabel('CVV').fill('123');
  await frame.getByLabel('Name on card').fill('Dewi Lestari');
  const disclaimer = frame.locator('input[name="disclaimer"]');
  if ((await disclaimer.count()) > 0) await disclaimer.check();
  await expectAccessible(page);
  await frame.locator('#pay').click();
}
