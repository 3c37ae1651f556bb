// Per-file test fixtures: one Chromium for the file's tests, a fresh customer (own cookies) per test.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, newCustomer } from './browser.js';

/** Launches Chromium before the file's tests and closes it after them; returns the running browser. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running');
    return browser;
  };
}

/** Runs `steps` as a new customer in their own browser context, closed afterwards even on failure. */
export async function asCustomer(
  browser: Browser,
  steps: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const context = await newCustomer(browser);
  try {
    await steps(await context.newPage(), context);
  } finally {
    await context.close();
  }
}
