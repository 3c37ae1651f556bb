// Secrets: sentinel card numbers and OTTs pushed through every KKI flow never show up in a log line,
// a database row or an HTTP response; the built React bundle and the Storybook build carry no
// sentinel, no sandbox secret key and no private key.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { DEFAULT_SECRET_KEY, KKI_TEST_OTP, kkiTestCpan } from './kit.js';
import { dumpTable, tables } from './snapshot.js';

const root = join(import.meta.dirname, '..', '..');
const CPAN_PAY = kkiTestCpan('mandiri', undefined, 913);
const CPAN_BIND = kkiTestCpan('bjb', undefined, 917);
/** A CPAN that fails the Luhn check: refused, and never echoed. */
const CPAN_BAD = `${CPAN_PAY.slice(0, -1)}${(Number(CPAN_PAY.slice(-1)) + 1) % 10}`;
const OTTS = ['OTTSENTINEL4711Q', 'OTTSENTINEL4712Q', 'OTTSENTINEL4713Q'];
const SENTINELS = [CPAN_PAY, CPAN_BIND, CPAN_BAD, ...OTTS, DEFAULT_SECRET_KEY];
const KEY_MARKERS = [DEFAULT_SECRET_KEY, 'PRIVATE KEY-----'];

/** Which of `needles` occur in `haystack`. */
const found = (haystack: string, needles: readonly string[]) => needles.filter((n) => haystack.includes(n));

describe('sentinels through every KKI flow', () => {
  let cluster: Cluster;
  const responses: string[] = [];
  /** What the browser sent: the search must find the sentinels here (it can fail). */
  const sent: string[] = [];
  beforeAll(async () => {
    cluster = await startCluster(1);
  }, 120_000);
  afterAll(() => cluster?.close());

  async function call(customer: string, path: string, init: Parameters<Cluster['call']>[3] = {}) {
    sent.push(JSON.stringify(init.json ?? null));
    const res = await cluster.call(0, customer, path, init);
    const text = await res.text();
    responses.push(`${res.status} ${JSON.stringify(Object.fromEntries(res.headers))} ${text}`);
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const approve = async (paymentId: string) => {
    const record = await cluster.instances[0]?.bff.store.payments.get(paymentId);
    await cluster.control(`/kki/payments/${record?.partnerReferenceNo}/approve`, 'POST', {});
    await cluster.control('/idle', 'POST', {});
  };

  it('pays, saves, binds, refunds, cancels and fails without the card data or keys leaking', async () => {
    const bff = cluster.instances[0]?.bff;
    if (!bff) throw new Error('no instance');
    const order = async (amount: number) =>
      (await bff.merchant.createOrder({ customerId: 'sam', amount })).id;

    // Card + OTT, saving the card; approved; then paid again with the saved card.
    const first = await call('sam', '/kki/payments', {
      key: 'secret-pay-0001',
      json: {
        orderId: await order(150_000),
        source: { type: 'card', cpan: CPAN_PAY, ott: OTTS[0], saveCard: true },
      },
    });
    expect(first.status).toBe(201);
    await approve(String(first.body.id));
    const cards = (await call('sam', '/kki/cards')).body.cards as { id: string }[];
    expect(cards).toHaveLength(1);
    const saved = await call('sam', '/kki/payments', {
      key: 'secret-pay-0002',
      json: { orderId: await order(90_000), source: { type: 'saved_card', cardId: cards[0]?.id } },
    });
    expect(saved.status).toBe(201);
    await approve(String(saved.body.id));

    // The same OTT again (DOKU accepts each once), and a CPAN failing the Luhn check: refused.
    const reused = await call('sam', '/kki/payments', {
      key: 'secret-pay-0003',
      json: { orderId: await order(70_000), source: { type: 'card', cpan: CPAN_PAY, ott: OTTS[0] } },
    });
    expect(reused.status).toBeGreaterThanOrEqual(400);
    const bad = await call('sam', '/kki/payments', {
      key: 'secret-pay-0004',
      json: { orderId: await order(70_000), source: { type: 'card', cpan: CPAN_BAD, ott: OTTS[1] } },
    });
    expect(bad.status).toBe(422);

    // A payment cancelled before the issuer app confirms it.
    const open = await call('sam', '/kki/payments', {
      key: 'secret-pay-0005',
      json: { orderId: await order(60_000), source: { type: 'card', cpan: CPAN_PAY, ott: OTTS[2] } },
    });
    expect(
      (await call('sam', `/payments/${open.body.id}/cancel`, { key: 'secret-cancel-01', json: {} })).status,
    ).toBe(200);

    // Binding with the OTP typed in the component (H2H), then removal.
    const binding = await call('sam', '/kki/bindings', {
      key: 'secret-bind-0001',
      json: { cpan: CPAN_BIND, mode: 'otp' },
    });
    expect(binding.status).toBeLessThan(300);
    const otp = await call('sam', `/kki/bindings/${binding.body.id}/otp`, {
      key: 'secret-otp-00001',
      json: { otp: KKI_TEST_OTP.correct },
    });
    expect(otp.status).toBeLessThan(300);
    await cluster.control('/idle', 'POST', {});
    const removal = await call('sam', `/kki/cards/${cards[0]?.id}`, {
      method: 'DELETE',
      key: 'secret-remove-01',
    });
    expect(removal.status).toBeLessThan(300);

    // Staff refund; reconciliation over whatever is open.
    const refund = await call('sam', `/payments/${first.body.id}/refunds`, {
      key: 'secret-refund-01',
      json: { amount: 50_000 },
      staff: true,
    });
    expect(refund.status).toBeLessThan(300);
    await cluster.control('/clock/advance', 'POST', { seconds: 10 });
    await cluster.control('/idle', 'POST', {});
    await bff.services.reconciliation?.run();

    const logs = cluster.lines.map((l) => JSON.stringify(l)).join('\n');
    const rows: string[] = [];
    for (const table of await tables(bff.store)) rows.push(...(await dumpTable(bff.store, table)));
    expect(found(sent.join('\n'), SENTINELS)).toEqual([CPAN_PAY, CPAN_BIND, CPAN_BAD, ...OTTS]);
    expect(cluster.lines.length).toBeGreaterThan(10);
    expect(rows.length).toBeGreaterThan(10);
    expect(responses.length).toBeGreaterThan(10);
    console.log(
      `reliability secrets: ${SENTINELS.length} sentinels, ${cluster.lines.length} log lines, ${rows.length} table rows, ${responses.length} HTTP responses searched`,
    );
    expect({
      logs: found(logs, SENTINELS),
      rows: found(rows.join('\n'), SENTINELS),
      http: found(responses.join('\n'), SENTINELS),
    }).toEqual({
      logs: [],
      rows: [],
      http: [],
    });
  }, 120_000);
});

/** Every file under `dir` as text (binary files too: a key would still show as its bytes). */
function readAll(dir: string): { files: number; text: string } {
  let files = 0;
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        files++;
        parts.push(readFileSync(p, 'latin1'));
      }
    }
  };
  walk(dir);
  return { files, text: parts.join('\n') };
}

describe('built browser code', () => {
  it('the React bundle carries no sentinel, secret key or private key', () => {
    const out = mkdtempSync(join(tmpdir(), 'kki-react-bundle-'));
    try {
      const entries = [
        'index',
        'provider/index',
        'KkiPayButton/index',
        'KkiBindCard/index',
        'SavedCardsList/index',
        'CardPaymentFrame/index',
        'RefundForm/index',
      ].map((e) => join(root, 'packages/react/src', `${e}.ts`));
      // The workspace's esbuild (pinned by @kki-kit/bench; the root links it too on some installs).
      const esbuild = ['bench/node_modules/.bin/esbuild', 'node_modules/.bin/esbuild']
        .map((p) => join(root, p))
        .find((p) => existsSync(p));
      if (!esbuild) throw new Error('esbuild not installed: run pnpm install');
      const res = spawnSync(
        esbuild,
        [
          ...entries,
          '--bundle',
          '--format=esm',
          '--minify',
          `--outdir=${out}`,
          '--external:react',
          '--external:react-dom',
          '--external:react/jsx-runtime',
          '--log-level=error',
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(res.status, res.stderr).toBe(0);
      const bundle = readAll(out);
      expect(bundle.files).toBeGreaterThanOrEqual(entries.length);
      console.log(
        `reliability secrets: React bundle ${bundle.files} files, ${bundle.text.length} bytes searched`,
      );
      expect(found(bundle.text, [...SENTINELS, ...KEY_MARKERS])).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('the Storybook build carries no sentinel, secret key or private key', () => {
    let dir = join(root, 'storybook-static');
    let temp: string | null = null;
    // CI builds it in the 'storybook build' suite before this one; otherwise build it here.
    if (!existsSync(join(dir, 'index.html'))) {
      temp = mkdtempSync(join(tmpdir(), 'kki-storybook-'));
      const res = spawnSync(join(root, 'node_modules/.bin/storybook'), ['build', '-o', temp, '--quiet'], {
        cwd: root,
        env: { ...process.env, CI: 'true' },
        encoding: 'utf8',
      });
      expect(res.status, res.stderr?.slice(-2000)).toBe(0);
      dir = temp;
    }
    try {
      const build = readAll(dir);
      console.log(
        `reliability secrets: Storybook build ${build.files} files, ${build.text.length} bytes searched`,
      );
      expect(build.files).toBeGreaterThan(5);
      expect(found(build.text, [...SENTINELS, ...KEY_MARKERS])).toEqual([]);
    } finally {
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  }, 300_000);
});
