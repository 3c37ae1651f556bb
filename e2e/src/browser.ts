// Debian's Chromium through playwright-core (the test tools cannot download a browser here).
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Chromium's path: CHROME_PATH or Debian's package. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags proven on small CI machines (toolchain.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** How a customer's browser is set up. */
export interface CustomerOptions {
  readonly locale?: 'en' | 'id';
  readonly width?: number;
  readonly height?: number;
  /** The device's light or dark mode (`prefers-color-scheme`); light by default. */
  readonly colorScheme?: 'light' | 'dark';
  /** A phone: touch, a coarse pointer and no hover (the kit shows no QR code there). */
  readonly phone?: boolean;
}

/** A fresh customer (own cookies) who reads the shop in `locale`, at a phone-to-laptop width. */
export async function newCustomer(browser: Browser, options: CustomerOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1024, height: options.height ?? 900 },
    locale: options.locale === 'id' ? 'id-ID' : 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    ...(options.phone && { isMobile: true, hasTouch: true }),
  });
  // The shop keeps its language choice in localStorage (App.tsx); set it before the first script.
  await context.addInitScript((locale: string) => {
    window.localStorage.setItem('kki-demo-locale', locale);
  }, options.locale ?? 'en');
  context.setDefaultTimeout(20_000);
  return context;
}
