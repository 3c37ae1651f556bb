// The README's webhook verification for Node, run as written: it accepts what the BFF signs and
// refuses a tampered body, another secret and an old signature, as verifyKkiWebhook does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signKkiWebhook, verifyKkiWebhook } from '../src/webhook-signature.js';

type Verify = (rawBody: string, header: string, secret: string, toleranceSeconds?: number) => boolean;

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const SECRET = 'whsec-readme-0123456789abcdefgh';
const body = JSON.stringify({
  id: 'evt_abcdefgh12345678',
  type: 'payment.succeeded',
  data: { amount: 150000 },
});

describe('@kki-kit/bff/webhooks', () => {
  it('is import-light: the entry imports nothing (Web Crypto only), so a merchant backend loads no BFF', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, { default: string }>;
    };
    const entry = manifest.exports['./webhooks']?.default ?? '';
    expect(entry).toBe('./src/webhook-signature.ts');
    const source = readFileSync(new URL(`../${entry}`, import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s|\bimport\(|\brequire\(/m);
  });
});

describe("README's Node webhook verification", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kki-snippet-'));
  let verify: Verify;
  beforeAll(async () => {
    const snippet = /```js\n(\/\/ verify-kki-webhook\.mjs\n[\s\S]*?)```/.exec(README)?.[1];
    expect(snippet).toBeDefined();
    const file = join(dir, 'verify-kki-webhook.mjs');
    writeFileSync(file, snippet ?? '');
    verify = ((await import(pathToFileURL(file).href)) as { verifyKkiSignature: Verify }).verifyKkiSignature;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts what the BFF signs now, like verifyKkiWebhook', async () => {
    const header = await signKkiWebhook(body, SECRET, Math.floor(Date.now() / 1000));
    expect(verify(body, header, SECRET)).toBe(true);
    await expect(verifyKkiWebhook(body, header, SECRET)).resolves.toMatchObject({
      type: 'payment.succeeded',
    });
  });

  it('refuses a tampered body, another secret, a malformed header and an old signature', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = await signKkiWebhook(body, SECRET, now);
    expect(verify(body.replace('150000', '150001'), header, SECRET)).toBe(false);
    expect(verify(body, header, `${SECRET}x`)).toBe(false);
    expect(verify(body, header.replace(/^t=\d+,/, ''), SECRET)).toBe(false);
    expect(verify(body, `t=${now},v1=zz`, SECRET)).toBe(false);
    const old = await signKkiWebhook(body, SECRET, now - 600);
    expect(verify(body, old, SECRET)).toBe(false);
    expect(verify(body, old, SECRET, 900)).toBe(true);
  });
});
