// The load generator in a process of its own: it runs the closed-loop levels (loadgen.ts) the
// parent asks for, against the BFF, the proxy or the sandbox, and keeps what each create returned
// so the status levels poll real payments. The DOKU paths sign and encrypt here, in the caller, as a
// merchant server calling DOKU would. Every path goes over node:http (http-request.ts and the DOKU
// client's Node transport), so the generator's own cost is alike for all.
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER, KKI_REQUEST_HEADER, toSnapAmountObject } from '@kki-kit/contract';
import { createDokuClient, type DokuClient } from '@kki-kit/doku';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  kkiTestCpan,
  SANDBOX_MERCHANT_PRIVATE_KEY,
} from '@kki-kit/doku-sandbox';
import { failStart, serveParent } from './child.js';
import { type JsonAnswer, requestJson } from './http-request.js';
import { type LoadFigures, runLevel } from './loadgen.js';
import { AMOUNT, BENCH_CUSTOMER_HEADER, BFF_MOUNT, CUSTOMERS } from './constants.js';

/** A level the parent asks for. `orderIds` (BFF create only): one per request, made beforehand. */
export interface LoadJob {
  target: 'bff' | 'proxy' | 'direct';
  op: 'create' | 'status';
  url: string;
  concurrency: number;
  count: number;
  maxMs: number;
  orderIds?: string[];
}

const run = Date.now().toString(36).toUpperCase();
let ott = 0;
let ref = 0;
/** Unique OTTs (the sandbox accepts each OTT once) and partner reference numbers for the run. */
const nextOtt = () => `B${run}${(ott++).toString(36).toUpperCase()}`;
const nextRef = () => `bench-${run}-${ref++}`;
/** A card that always succeeds; serials spread payments over 999 test cards. */
const cardFor = (i: number) => kkiTestCpan('bri', undefined, (i % 999) + 1);
const amount = toSnapAmountObject(AMOUNT);

function ensureOk(res: JsonAnswer, expected: number): unknown {
  const body = res.body;
  if (res.status !== expected) {
    const code = (body as { error?: { code?: string }; responseCode?: string } | null) ?? {};
    throw new Error(`HTTP ${res.status} ${code.error?.code ?? code.responseCode ?? ''}`.trim());
  }
  return body;
}

// What each target's creates made, for its status levels.
const bffPaid = new Map<string, { id: string; customer: string }[]>();
const dokuPaid = new Map<string, string[]>();
const clients = new Map<string, DokuClient>();

function dokuClient(baseUrl: string): DokuClient {
  let client = clients.get(baseUrl);
  if (!client) {
    client = createDokuClient({
      baseUrl,
      clientId: DEFAULT_CLIENT_ID,
      secretKey: DEFAULT_SECRET_KEY,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      retries: 0,
    });
    clients.set(baseUrl, client);
  }
  return client;
}

function sender(job: LoadJob): (i: number) => Promise<void> {
  if (job.target === 'bff') {
    const paid = bffPaid.get(job.url) ?? [];
    bffPaid.set(job.url, paid);
    if (job.op === 'create') {
      const orderIds = job.orderIds ?? [];
      return async (i) => {
        const customer = `bench-${i % CUSTOMERS}`;
        const res = await requestJson(`${job.url}${BFF_MOUNT}/kki/payments`, {
          method: 'POST',
          headers: {
            origin: job.url,
            [KKI_REQUEST_HEADER]: '1',
            'content-type': 'application/json',
            [IDEMPOTENCY_KEY_HEADER]: randomUUID(),
            [BENCH_CUSTOMER_HEADER]: customer,
          },
          body: JSON.stringify({
            orderId: orderIds[i],
            source: { type: 'card', cpan: cardFor(i), ott: nextOtt() },
          }),
        });
        const body = ensureOk(res, 201) as { id: string };
        paid.push({ id: body.id, customer });
      };
    }
    return async (i) => {
      const p = paid[i % paid.length];
      if (!p) throw new Error('no payment to poll');
      const res = await requestJson(`${job.url}${BFF_MOUNT}/payments/${p.id}`, {
        headers: { [BENCH_CUSTOMER_HEADER]: p.customer },
      });
      ensureOk(res, 200);
    };
  }
  const client = dokuClient(job.url);
  const paid = dokuPaid.get(job.url) ?? [];
  dokuPaid.set(job.url, paid);
  if (job.op === 'create') {
    return async (i) => {
      const partnerReferenceNo = nextRef();
      const result = await client.kkiPayment({
        type: 'single',
        partnerReferenceNo,
        amount,
        card: { cpan: cardFor(i), ott: nextOtt() },
      });
      if (result.httpStatus !== 200) throw new Error(`HTTP ${result.httpStatus} ${result.responseCode}`);
      paid.push(partnerReferenceNo);
    };
  }
  return async (i) => {
    const reference = paid[i % paid.length];
    if (!reference) throw new Error('no payment to poll');
    const result = await client.debitStatus({ originalPartnerReferenceNo: reference, amount });
    if (result.httpStatus !== 200) throw new Error(`HTTP ${result.httpStatus} ${result.responseCode}`);
  };
}

try {
  serveParent(
    { pid: process.pid },
    async (request): Promise<LoadFigures> => {
      if (request.type !== 'level') throw new Error(`unknown request ${request.type}`);
      const job = request.job as LoadJob;
      return runLevel({
        concurrency: job.concurrency,
        count: job.count,
        maxMs: job.maxMs,
        send: sender(job),
      });
    },
    async () => {},
  );
} catch (error) {
  failStart(error);
}
