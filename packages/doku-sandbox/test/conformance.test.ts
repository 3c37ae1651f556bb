// `kki-doku-conformance` run the way a merchant runs it (a separate process, configured by the
// kki-bff variables), against the offline sandbox on a real port: it must pass and write its report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  type SandboxServer,
  startSandboxServer,
} from '../src/index.js';

const CLI = resolve(import.meta.dirname, '../../doku/src/conformance/cli.ts');

function runCli(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

describe('kki-doku-conformance against the offline sandbox', () => {
  let server: SandboxServer;
  const dir = mkdtempSync(join(tmpdir(), 'kki-conformance-'));
  beforeAll(async () => {
    server = await startSandboxServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const env = () => ({
    KKI_DOKU_ENV: server.url,
    KKI_DOKU_CLIENT_ID: DEFAULT_CLIENT_ID,
    KKI_DOKU_SECRET_KEY: DEFAULT_SECRET_KEY,
    KKI_DOKU_PRIVATE_KEY: SANDBOX_MERCHANT_PRIVATE_KEY,
    KKI_DOKU_PUBLIC_KEY: SANDBOX_DOKU_PUBLIC_KEY,
    KKI_CONFORMANCE_REPORT: join(dir, 'report.json'),
  });

  it('passes every step, prints one line per step and writes its JSON report', async () => {
    const { code, out } = await runCli(env());
    // The report goes into the CI log too, as a merchant would see it.
    console.log(out);
    expect(out).toMatch(/^PASS +B2B token/m);
    expect(out).toMatch(/^PASS +card bind \(DH\)/m);
    expect(out).toMatch(/^PASS +payment page/m);
    expect(out).toMatch(
      /^PASS +checkout \(\/checkout\/v1\/payment\) HTTP 200: checkout created \(not paid\)/m,
    );
    expect(out).toMatch(/open question CHECKOUT_METHOD_TYPES: confirmed/);
    expect(out).toMatch(/open question CHECKOUT_EXPIRED_DATE_FORMAT: confirmed/);
    expect(out).toMatch(/^PASS +status of an unknown reference/m);
    expect(out).toMatch(/^PASS +deliberately bad signature.*4015500/m);
    expect(out).toMatch(/open question STATUS_SERVICE_CODE: confirmed/);
    expect(out).not.toContain(DEFAULT_SECRET_KEY);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ ok: true, summary: { PASS: 6, FAIL: 0, UNKNOWN: 0, SKIP: 0 } });
    expect(report.steps.map((s: { step: string }) => s.step)).toHaveLength(6);
  }, 60_000);

  it('fails (exit 1) when the credentials are wrong, and refuses production (exit 2)', async () => {
    const wrong = await runCli({ ...env(), KKI_DOKU_CLIENT_ID: 'MCH-0001-00000000000000' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/^FAIL +B2B token/m);
    const prod = await runCli({ ...env(), KKI_DOKU_ENV: 'production' });
    expect(prod.code).toBe(2);
    expect(prod.out).toContain("DOKU's sandbox only");
  }, 60_000);
});
