// The real `kki-bff` process (child_process, PGlite in memory, the offline sandbox in-process):
// --help and --version, and a clean stop on SIGTERM with requests in flight. The sandbox answers
// DOKU's binding slowly (KKI_SANDBOX_FAULTS latency), so the bindings are still waiting on DOKU when
// the signal arrives; each must still get its whole answer, and the process must exit 0.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ENV_HELP } from '../src/server-help.js';
import { createCustomerToken } from '../src/session-token.js';
import { newKey } from './kki-setup.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'src', 'server.ts');
const SESSION_SECRET = 'session-secret-for-the-process-test-0123456789';
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', SERVER, ...args]] as const;

interface Line {
  msg: string;
  [field: string]: unknown;
}

/** Starts kki-bff; resolves with its URL once it listens, collecting its JSON log lines. */
function startProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; lines: Line[] }> {
  const [cmd, args] = node([]);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as Line;
        lines.push(line);
        if (line.msg === 'kki-kit BFF listening') resolve({ child, url: String(line.url), lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`kki-bff exited ${code} before listening`)));
  });
}

/** Resolves when `lines` holds a line matching `match` (checked as lines arrive). */
async function waitForLines(
  child: ChildProcess,
  lines: Line[],
  match: (l: Line) => boolean,
  count = 1,
): Promise<void> {
  while (lines.filter(match).length < count) {
    await new Promise((resolve) => child.stdout?.once('data', resolve));
  }
}

describe('kki-bff --help and --version', () => {
  it('prints the package version', () => {
    const [cmd, args] = node(['--version']);
    const out = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toBe(pkg.version);
  });

  it('lists every environment variable the server reads', () => {
    const [cmd, args] = node(['--help']);
    const out = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    expect(out.status).toBe(0);
    // Every variable named in the server's and the env reader's source.
    const sources = ['server.ts', 'config-env.ts'].map((f) => readFileSync(join(ROOT, 'src', f), 'utf8'));
    const read = new Set(
      sources.flatMap((s) => s.match(/\b(?:KKI_[A-Z_]+|PORT|HOST|DATABASE_URL)\b/g) ?? []),
    );
    expect(read.size).toBeGreaterThan(15);
    for (const name of read) {
      expect(out.stdout, name).toContain(`  ${name} `);
      expect(SERVER_ENV_HELP[name], name).toBeDefined();
    }
  });

  it('refuses an unknown argument with the help text', () => {
    const [cmd, args] = node(['--port=1']);
    const out = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('unknown argument --port=1');
    expect(out.stderr).toContain('KKI_SESSION_SECRET');
  });
});

describe('kki-bff on SIGTERM', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('stops accepting, answers every request in flight in full, closes and exits 0', async () => {
    const started = await startProcess({
      PORT: '0',
      KKI_SESSION_SECRET: SESSION_SECRET,
      KKI_INTEGRATION: 'h2h',
      KKI_PCI_DSS: 'true',
      KKI_LOG_LEVEL: 'debug',
      KKI_SANDBOX_FAULTS: JSON.stringify([{ endpoint: 'kki.bind', kind: 'latency', latencyMs: 1_500 }]),
    });
    child = started.child;
    const { url, lines } = started;
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));

    const token = await createCustomerToken(SESSION_SECRET, 'cust-signal');
    const bind = (serial: number) =>
      fetch(`${url}/kki/bindings`, {
        method: 'POST',
        body: JSON.stringify({ cpan: kkiTestCpan('bri', undefined, serial) }),
        headers: {
          authorization: `Bearer ${token}`,
          origin: url,
          'x-kki-request': '1',
          'content-type': 'application/json',
          'idempotency-key': newKey(),
        },
      }).then(async (res) => ({
        status: res.status,
        id: res.headers.get('x-request-id'),
        body: await res.json(),
      }));
    const inFlight = [1, 2, 3].map((n) => bind(700 + n));
    const isBinding = (l: Line) => l.msg === 'request received' && l.path === '/kki/bindings';
    await waitForLines(started.child, lines, isBinding, 3);

    started.child.kill('SIGTERM');
    const deadline = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('kki-bff did not exit within 10 s of SIGTERM')), 10_000).unref(),
    );
    await waitForLines(started.child, lines, (l) => l.msg === 'stopping: finishing requests in flight');
    // No new connection is accepted once stopping.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const answers = await Promise.all(inFlight);
    for (const a of answers) {
      expect(a.status).toBe(201);
      expect(a.body.id).toMatch(/^bind_/);
      expect(a.id).toMatch(/^[\w-]+$/);
    }
    // Each was answered after the signal: they were in flight when it came.
    const stopAt = lines.findIndex((l) => l.msg === 'stopping: finishing requests in flight');
    const answeredAt = lines.flatMap((l, i) =>
      l.msg === 'request answered' && l.path === '/kki/bindings' ? [i] : [],
    );
    expect(answeredAt).toHaveLength(3);
    for (const i of answeredAt) expect(i).toBeGreaterThan(stopAt);
    // Each request's lines carry its id.
    for (const a of answers)
      expect(lines.filter((l) => l.requestId === a.id).length).toBeGreaterThanOrEqual(2);

    expect(await Promise.race([exited, deadline])).toBe(0);
    expect(lines.at(-1)?.msg).toBe('stopped');
  }, 60_000);
});
