// Bad input: property-based fuzzing (fast-check, bounded runs) of every route in the contract's
// route table and of the notification endpoints, over real HTTP. Every answer is below 500, every
// 4xx is a typed error body, and a rejected request leaves every table exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, ORIGIN, startCluster } from './cluster.js';
import {
  apiErrorBodySchema,
  KKI_ROUTE_IDS,
  type KkiRouteId,
  kkiRoutes,
  kkiTestCpan,
  NOTIFICATION_PATHS,
  SANDBOX_DOKU_PRIVATE_KEY,
  signSnapAsymmetric,
  snapTimestamp,
} from './kit.js';
import { snapshot, tables } from './snapshot.js';

const RUNS = 40;
const CUSTOMER = 'fuzz-customer';
const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE payments; --',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, literal on purpose
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%ff%c0%af',
  '\u0000\u202e\ud800',
  '__proto__',
  'constructor',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a lookup-injection payload, literal on purpose
  '${jndi:ldap://x/a}',
];

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

let cluster: Cluster;
const notifications: Captured[] = [];
const known: Record<string, string> = {};
let checked = 0;
let accepted = 0;

beforeAll(async () => {
  // The sandbox's notifications pass through a recorder, to be replayed later.
  const recorder: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === NOTIFICATION_PATHS.snap) {
      const copy = request.clone();
      notifications.push({
        url: copy.url,
        headers: Object.fromEntries(copy.headers),
        body: await copy.text(),
      });
    }
    return fetch(request);
  };
  cluster = await startCluster(1, { sandbox: { fetch: recorder } });
  // Real ids the fuzzer may aim at, so broken bodies and headers reach past the id lookup.
  const bff = cluster.instances[0]?.bff;
  if (!bff) throw new Error('no instance');
  const order = await bff.merchant.createOrder({ customerId: CUSTOMER, amount: 120_000 });
  const res = await cluster.call(0, CUSTOMER, '/kki/payments', {
    key: 'fuzz-setup-payment',
    json: {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri'), ott: '4242', saveCard: true },
    },
  });
  const payment = (await res.json()) as { id: string };
  const record = await bff.store.payments.get(payment.id);
  await cluster.control(`/kki/payments/${record?.partnerReferenceNo}/approve`, 'POST', {});
  await cluster.control('/idle', 'POST', {});
  const open = await bff.merchant.createOrder({ customerId: CUSTOMER, amount: 80_000 });
  known.partnerReferenceNo = record?.partnerReferenceNo ?? '';
  Object.assign(known, { orderId: open.id, paymentId: payment.id, cardId: '', bindingId: 'bnd_unknown' });
  const cards = (await (await cluster.call(0, CUSTOMER, '/kki/cards')).json()) as { cards: { id: string }[] };
  known.cardId = cards.cards[0]?.id ?? '';
  expect(notifications.length).toBeGreaterThan(0);
  // The snapshot sees the store's tables (on PostgreSQL, the suite's schema), so it can fail.
  expect((await tables(bff.store)).length).toBeGreaterThan(5);
}, 120_000);

afterAll(async () => {
  console.log(
    `reliability fuzz: ${checked} requests checked, ${accepted} accepted (2xx/3xx), 0 answers ≥ 500`,
  );
  await cluster?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...INJECTIONS),
  fc.integer({ min: 300, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
/** A value of any JSON shape, now and then one aimed at a field name. */
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.constantFrom(null, true, -1, 1e308, 0.5));

/** Raw body bytes: JSON that parses into something wrong, or bytes that are not JSON at all. */
function bodyArb(fields: readonly string[]): fc.Arbitrary<Uint8Array | string | undefined> {
  const enc = (v: unknown) => JSON.stringify(v);
  return fc.oneof(
    fc.constant(undefined),
    fc.dictionary(fc.constantFrom(...fields, 'source', 'type', 'extra'), value).map(enc),
    fc.jsonValue({ maxDepth: 4 }).map(enc),
    fc
      .record({ source: fc.dictionary(fc.constantFrom('type', 'cpan', 'ott', 'cardId', 'saveCard'), value) })
      .map(enc),
    fc.integer({ min: 1_000, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 17_000, max: 200_000 }).map((n) => enc({ orderId: 'a'.repeat(n) })),
    fc.uint8Array({ minLength: 1, maxLength: 200 }),
    fc.constant(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])),
    fc.constantFrom('{', '{"a":', 'null', '[]', '""', 'nan', '{"__proto__":{"admin":true}}'),
  );
}

const headerArb = fc.record({
  key: fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 300 }),
    fc.constantFrom('valid-key-0001', '  ', 'ä'.repeat(10)),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    undefined,
    'application/json; charset=latin1',
  ),
  customer: fc.oneof(fc.constant(CUSTOMER), fc.constant(undefined), fc.string({ maxLength: 20 })),
  origin: fc.constantFrom(ORIGIN, 'https://evil.test', undefined, 'null'),
  csrf: fc.constantFrom('1', undefined, '0'),
  staff: fc.boolean(),
});

/** A path segment: a real id, a near miss, or hostile text (percent-encoded, or raw when URL-safe). */
const paramArb = (name: string) =>
  fc.oneof(
    fc.constant(known[name] ?? ''),
    fc.constantFrom('ord_0000', 'pay_', '..', '%2e%2e', '%ff', '%', 'a'.repeat(5_000)),
    // Capped below Node's 16 KiB header limit, which answers 431 before any app sees the request.
    text.map((s) => encodeURIComponent(s).slice(0, 6_000)),
  );

async function send(
  method: string,
  path: string,
  body: Uint8Array | string | undefined,
  headers: Record<string, string | undefined>,
): Promise<Response> {
  const instance = cluster.instances[0];
  if (!instance) throw new Error('no instance');
  const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return fetch(`${instance.url}${path}`, {
    method,
    redirect: 'manual',
    headers: clean,
    ...(body !== undefined &&
      method !== 'GET' && { body: typeof body === 'string' ? body : Buffer.from(body) }),
  });
}

/**
 * Whether `raw` is the typed error of `path`: the contract's error body on the browser routes, DOKU's
 * own answer format on the notification endpoints (SNAP `responseCode` / `responseMessage`, Non-SNAP
 * `{ status: 'refused', reason }`), or the contract's body from the shared limits (413).
 */
function typedError(path: string, raw: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return false;
  }
  if (apiErrorBodySchema.safeParse(body).success) return true;
  if (!path.startsWith('/notifications/')) return false;
  const answer = body as {
    responseCode?: unknown;
    responseMessage?: unknown;
    status?: unknown;
    reason?: unknown;
  };
  const snap = typeof answer.responseCode === 'string' && /^\d{7}$/.test(answer.responseCode);
  const nonSnap = answer.status === 'refused' && typeof answer.reason === 'string';
  return (snap && typeof answer.responseMessage === 'string') || nonSnap;
}

/** Sends, checks the answer, and checks the store is unchanged when the request was refused. */
async function probe(
  method: string,
  path: string,
  body: Uint8Array | string | undefined,
  headers: Record<string, string | undefined>,
): Promise<void> {
  const store = cluster.instances[0]?.bff.store;
  if (!store) throw new Error('no store');
  const before = await snapshot(store);
  const res = await send(method, path, body, headers);
  const raw = await res.text();
  checked++;
  expect(res.status, `${method} ${path.slice(0, 80)} → ${res.status} ${raw.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typedError(path, raw), `${method} ${path.slice(0, 80)} → ${res.status} ${raw.slice(0, 200)}`).toBe(
      true,
    );
    expect(await snapshot(store), `${method} ${path.slice(0, 80)} changed the store`).toEqual(before);
  } else {
    accepted++;
  }
}

describe('every route in the contract', () => {
  for (const id of KKI_ROUTE_IDS as KkiRouteId[]) {
    const route = kkiRoutes[id];
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
    const fields =
      route.body && 'shape' in route.body ? Object.keys(route.body.shape as object) : ['orderId'];
    it(`${route.method} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...params.map(paramArb)),
          bodyArb(fields.length ? fields : ['x']),
          headerArb,
          fc.string({ maxLength: 30 }),
          async (values, body, h, query) => {
            let path = route.path as string;
            params.forEach((p, k) => {
              path = path.replace(`:${p}`, values[k] ?? '');
            });
            if (query) path += `?${encodeURIComponent(query)}=${encodeURIComponent(query)}`;
            await probe(route.method, path, body, {
              'content-type': h.contentType,
              'idempotency-key': h.key,
              'x-test-customer': h.customer,
              origin: h.origin,
              'x-kki-request': h.csrf,
              ...(h.staff && { 'x-reliability-staff': 'yes' }),
            });
          },
        ),
        { numRuns: RUNS, seed: 4242 },
      );
    }, 120_000);
  }
});

describe('notification endpoints', () => {
  const snapHeaders = fc.record({
    'content-type': fc.constantFrom('application/json', 'text/plain'),
    'x-timestamp': fc.oneof(
      fc.constant(snapTimestamp()),
      fc.string({ maxLength: 40 }),
      fc.constant('2020-01-01T00:00:00+07:00'),
    ),
    'x-signature': fc.oneof(fc.string({ maxLength: 400 }), fc.base64String({ maxLength: 400 })),
    'x-partner-id': fc.string({ maxLength: 40 }),
    'x-external-id': fc.string({ maxLength: 40 }),
    authorization: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
  });

  for (const path of [NOTIFICATION_PATHS.snap, NOTIFICATION_PATHS.nonSnap, NOTIFICATION_PATHS.snapToken]) {
    it(`POST ${path}: bad signatures, bodies and headers`, async () => {
      await fc.assert(
        fc.asyncProperty(
          bodyArb(['originalPartnerReferenceNo', 'latestTransactionStatus', 'order', 'transaction']),
          snapHeaders,
          async (body, h) => {
            await probe('POST', path, body, h);
          },
        ),
        { numRuns: RUNS, seed: 4343 },
      );
    }, 120_000);
  }

  it('POST /notifications/kki: correctly signed, fresh, hostile bodies change no payment or order', async () => {
    const store = cluster.instances[0]?.bff.store;
    if (!store) throw new Error('no store');
    const path = NOTIFICATION_PATHS.snap;
    const payments = async () => JSON.stringify(await store.db.query('SELECT * FROM payments ORDER BY id'));
    const orders = async () => JSON.stringify(await store.db.query('SELECT * FROM orders ORDER BY id'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          fc
            .record({
              // Now and then the reference of the real, already settled payment.
              originalPartnerReferenceNo: fc.oneof(value, fc.constant(known.partnerReferenceNo ?? '')),
              originalReferenceNo: value,
              latestTransactionStatus: fc.oneof(fc.constantFrom('00', '06', '03', '99'), value),
              amount: fc.oneof(fc.record({ value: value, currency: value }), value),
              additionalInfo: fc.dictionary(fc.string({ maxLength: 12 }), value),
            })
            .map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const timestamp = snapTimestamp();
          const signature = await signSnapAsymmetric({
            method: 'POST',
            path,
            body,
            timestamp,
            privateKeyPem: SANDBOX_DOKU_PRIVATE_KEY,
          });
          const before = [await payments(), await orders()];
          const res = await send('POST', path, body, {
            'content-type': 'application/json',
            'x-timestamp': timestamp,
            'x-signature': signature,
            'x-partner-id': 'MCH-0001-10791114622547',
            'x-external-id': `9${Date.now()}${++n}`,
          });
          const raw = await res.text();
          checked++;
          expect(res.status, `${res.status} ${raw.slice(0, 200)}`).toBeLessThan(500);
          // DOKU's own word is recorded in the inbox; nothing it cannot be matched to moves a payment.
          expect([await payments(), await orders()]).toEqual(before);
        },
      ),
      { numRuns: RUNS, seed: 4444 },
    );
  }, 120_000);

  it('a real notification replayed, tampered or re-signed with a stale timestamp changes nothing', async () => {
    const real = notifications[0];
    if (!real) throw new Error('no notification captured');
    const path = new URL(real.url).pathname;
    // The replay is DOKU's own retry: accepted (2xx) and de-duplicated, so the store stays as it was.
    const store = cluster.instances[0]?.bff.store;
    if (!store) throw new Error('no store');
    const before = await snapshot(store);
    const replay = await send('POST', path, real.body, real.headers);
    expect(replay.status).toBeLessThan(300);
    expect(await snapshot(store)).toEqual(before);
    const tampered = real.body.replace(/"value":"(\d+)/, '"value":"9$1');
    await probe('POST', path, tampered === real.body ? `${real.body} ` : tampered, real.headers);
    // Correctly signed, but two hours old: refused as stale.
    const stale = snapTimestamp(new Date(Date.now() - 2 * 3_600_000));
    const signature = await signSnapAsymmetric({
      method: 'POST',
      path,
      body: real.body,
      timestamp: stale,
      privateKeyPem: SANDBOX_DOKU_PRIVATE_KEY,
    });
    await probe('POST', path, real.body, { ...real.headers, 'x-timestamp': stale, 'x-signature': signature });
  });
});
