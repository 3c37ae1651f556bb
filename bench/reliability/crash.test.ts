// Crash: the BFF is a child process on a PGlite data directory; it is killed with SIGKILL while
// payments are in flight (the sandbox holds them with latency), restarted on the same directory,
// reconciles at start-up, and then agrees with the sandbox ledger.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ORIGIN, SEED } from './cluster.js';
import { bffPayments, compareWithLedger } from './compare.js';
import {
  DEFAULT_SECRET_KEY,
  kkiTestCpan,
  openStore,
  type SandboxLedger,
  type SandboxServer,
  startSandboxServer,
} from './kit.js';
import { pool } from './run.js';

const here = import.meta.dirname;
const dataDir = mkdtempSync(join(tmpdir(), 'kki-crash-'));
let sandbox: SandboxServer | null = null;
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the BFF process; resolves with its URL once it prints `ready`. */
function startBff(reconcile: boolean): Promise<{ proc: ChildProcess; url: string; notifyPath: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-server.ts')], {
    cwd: here,
    env: { ...process.env, SANDBOX_URL: sandbox?.url, DATA_DIR: dataDir, RECONCILE: reconcile ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      const m = /ready (\S+) (\S+)/.exec(d.toString());
      if (m?.[1] && m[2]) resolve({ proc, url: m[1], notifyPath: m[2] });
    });
    proc.once('exit', (code) => reject(new Error(`BFF exited (${code}): ${err.slice(0, 2000)}`)));
  });
}

const post = (url: string, json: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify(json),
    headers: { 'content-type': 'application/json', ...headers },
  });

it('SIGKILL with payments in flight, restart, reconcile: every payment matches the ledger', async () => {
  const started = Date.now();
  sandbox = await startSandboxServer({ control: true, seed: SEED, snapNotificationMode: 'rsa' });
  const control = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${sandbox?.url}/__sandbox${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
  let bff = await startBff(false);
  sandbox.sandbox.config.snapNotificationUrl = `${bff.url}${bff.notifyPath}`;

  const orders = new Map<number, string>();
  const pay = async (url: string, i: number) => {
    const customer = `crash-${i % 7}`;
    let orderId = orders.get(i);
    if (!orderId) {
      const res = await post(`${url}/test/orders`, { customerId: customer, amount: 25_000 + i * 1_000 });
      orderId = ((await res.json()) as { id: string }).id;
      orders.set(i, orderId);
    }
    const order = { id: orderId };
    return post(
      `${url}/kki/payments`,
      {
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, i + 1), ott: `77${i}00${i}` },
      },
      {
        'x-test-customer': customer,
        origin: ORIGIN,
        'x-kki-request': '1',
        'idempotency-key': `crash-pay-${i}`,
      },
    );
  };

  // Settled traffic first: 20 payments answered, half of them approved (notifications applied).
  await pool(20, 5, async (i) => {
    expect((await pay(bff.url, i)).status).toBe(201);
  });
  const early = (await (await control('/ledger')).json()) as SandboxLedger;
  for (const p of early.payments.slice(0, 10))
    await control(`/kki/payments/${p.partnerReferenceNo}/approve`, 'POST', {});
  await control('/idle', 'POST', {});

  // Then 30 payments held by DOKU for 3 s; the process dies once DOKU holds at least 20 of them.
  await control('/faults', 'PUT', [{ endpoint: 'kki.payment', kind: 'latency', latencyMs: 3_000 }]);
  const inFlight = Array.from({ length: 30 }, (_, k) => pay(bff.url, 20 + k).catch(() => null));
  const held = async () => ((await (await control('/faults')).json()) as { fired: unknown[] }).fired.length;
  for (let waited = 0; (await held()) < 20 && waited < 10_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
  }
  bff.proc.kill('SIGKILL');
  const answered = (await Promise.all(inFlight)).filter((r) => r?.status === 201).length;
  await control('/faults', 'DELETE');
  await new Promise((r) => setTimeout(r, 3_200)); // DOKU finishes what it was holding.

  // What the dead process left: payments recorded as open, whose outcome it never heard.
  const dead = await openStore({ dataDir, encryptionSecret: DEFAULT_SECRET_KEY });
  const openAtCrash = (await bffPayments(dead)).filter(
    (r) => r.status === 'created' || r.status === 'pending',
  );
  await dead.close();
  expect(openAtCrash.length).toBeGreaterThanOrEqual(20);

  // While the BFF is down, customers confirm in the issuer app (the notifications cannot land).
  const pending = ((await (await control('/ledger')).json()) as SandboxLedger).payments.filter(
    (p) => p.status === 'PENDING',
  );
  for (const p of pending) await control(`/kki/payments/${p.partnerReferenceNo}/approve`, 'POST', {});

  bff = await startBff(true);
  sandbox.sandbox.config.snapNotificationUrl = `${bff.url}${bff.notifyPath}`;
  // The browsers whose submit died with the process retry it (same key, same body) on the new one.
  const retried = await Promise.all([...orders.keys()].filter((i) => i >= 20).map((i) => pay(bff.url, i)));
  const retryCodes = await Promise.all(
    retried.map(
      async (r) =>
        `${r.status}${r.status >= 400 ? ` ${((await r.json()) as { error: { code: string } }).error.code}` : ''}`,
    ),
  );
  // Each retry waits out the dead process's idempotency lease (no heartbeats from it), takes the key
  // over and answers the payment its first submit made: never a second charge, never already_paid.
  expect(retryCodes.filter((code) => code !== '201')).toEqual([]);
  const afterRetries = (await (await control('/ledger')).json()) as SandboxLedger;
  const paymentsAtDoku = afterRetries.payments.length;
  // A retry whose first submit never reached the BFF is a first submit: its customer confirms it too.
  for (const p of afterRetries.payments.filter((p) => p.status === 'PENDING'))
    await control(`/kki/payments/${p.partnerReferenceNo}/approve`, 'POST', {});
  await control('/idle', 'POST', {});
  await new Promise<void>((resolve) => {
    bff.proc.once('exit', () => resolve());
    bff.proc.kill('SIGTERM');
  });

  const ledger = (await (await control('/ledger')).json()) as SandboxLedger;
  const store = await openStore({ dataDir, encryptionSecret: DEFAULT_SECRET_KEY });
  const rows = await bffPayments(store);
  await store.close();
  const mismatches = compareWithLedger(rows, ledger);
  console.log(
    [
      'reliability crash (BFF child process on a PGlite data dir, SIGKILL, restart, reconcile)',
      `  payments: ${rows.length} in the BFF, ${ledger.payments.length} at DOKU; sent during the kill: 30 (answered: ${answered}), open in the store after it: ${openAtCrash.length}`,
      `  retried after the restart with the same keys: ${retried.length} (${[...new Set(retryCodes)].map((c) => `${c} ×${retryCodes.filter((x) => x === c).length}`).join(', ')})`,
      `  mismatches: ${mismatches.length}`,
      `  time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
  expect(mismatches).toEqual([]);
  // No retry made DOKU charge an order twice (compared above); nothing new reached DOKU after them.
  expect(ledger.payments.length).toBe(paymentsAtDoku);
  expect(retried.length).toBeGreaterThanOrEqual(20);
  expect(ledger.payments.length).toBeGreaterThan(20);
}, 120_000);
