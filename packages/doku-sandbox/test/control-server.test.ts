// `pnpm sandbox`: the standalone server starts with no configuration, prints its URL and answers as
// DOKU; SANDBOX_* variables configure it and a bad one stops it with a clear message.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExternalId, signB2bToken, snapTimestamp } from '@kki-kit/doku';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(pkg, '..', '..', 'node_modules', '.bin', 'tsx');
let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill('SIGTERM');
  child = null;
});

/** Starts `tsx src/server.ts` (what `pnpm sandbox` runs) and resolves with its output once it settles. */
function start(
  env: Record<string, string>,
): Promise<{ url: string | null; output: string; code: number | null }> {
  return new Promise((resolve) => {
    const proc = spawn(tsx, ['src/server.ts'], {
      cwd: pkg,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    child = proc;
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)[\s\S]*control API: .*\n/.exec(output);
      if (m) resolve({ url: m[1] as string, output, code: null });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => resolve({ url: null, output, code }));
  });
}

describe('standalone server', () => {
  it('starts with no configuration and issues tokens to the default merchant', async () => {
    const { url, output } = await start({ SANDBOX_PORT: '0' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain('MCH-0001-10791114622547');
    expect(output).toContain('control API: off');
    const timestamp = snapTimestamp(new Date());
    const res = await fetch(`${url}/authorization/v1/access-token/b2b`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-CLIENT-KEY': 'MCH-0001-10791114622547',
        'X-TIMESTAMP': timestamp,
        'X-SIGNATURE': await signB2bToken({
          clientId: 'MCH-0001-10791114622547',
          timestamp,
          privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
        }),
        'X-EXTERNAL-ID': createExternalId(),
      },
      body: JSON.stringify({ grantType: 'client_credentials' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { responseCode: string }).responseCode).toBe('2007300');
    expect((await fetch(`${url}/__sandbox/ledger`)).status).toBe(404);
  }, 30_000);

  it('refuses a malformed variable and names it', async () => {
    const { url, output, code } = await start({ SANDBOX_PORT: '0', SANDBOX_OTT_TTL_SECONDS: 'soon' });
    expect(url).toBeNull();
    expect(code).toBe(1);
    expect(output).toContain('SANDBOX_OTT_TTL_SECONDS must be a number');
  }, 30_000);
});
