// Per-request cost of the DOKU protocol work alone (no HTTP, no store): SNAP HMAC-SHA512 signatures,
// the B2B token's RSA signature, the Non-SNAP HMACSHA256 signature and the AES-CBC card data, each
// through @kki-kit/doku's own functions. Warm-up first (JIT, key import paths), then timed batches; the median batch is the figure.
import { performance } from 'node:perf_hooks';
import {
  decryptCardData,
  encryptCardData,
  KKI_CARD_DATA_FIELDS,
  nonSnapTimestamp,
  signB2bToken,
  signNonSnap,
  signSnapSymmetric,
  snapTimestamp,
  verifyB2bToken,
  verifySnapSymmetric,
} from '@kki-kit/doku';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  kkiTestCpan,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  SANDBOX_MERCHANT_PUBLIC_KEY,
} from '@kki-kit/doku-sandbox';

/** µs per call of one protocol operation. */
export interface ProtocolResult {
  op: string;
  iterations: number;
  /** Wall-clock µs per call. */
  microsPerOp: number;
  /**
   * CPU µs (user + system) of this process per call: on a machine busy with other work it moves far
   * less than the wall clock, which also counts the time other processes had the core.
   */
  cpuMicrosPerOp: number;
}

/** How long each operation is timed, and how often. */
export interface ProtocolOptions {
  /** Timed iterations per operation, in all batches together (RSA operations run a tenth of it). */
  iterations?: number;
  /** Untimed iterations first. */
  warmup?: number;
}

/**
 * Timed batches per operation; the figure is the median batch's. One loop's mean counts whatever
 * else the machine did during it (a PostgreSQL checkpoint, another process's GC) into every call;
 * the median batch is the steady cost a server pays call after call.
 */
const BATCHES = 5;

async function time(
  op: string,
  iterations: number,
  warmup: number,
  fn: () => Promise<unknown>,
): Promise<ProtocolResult> {
  for (let i = 0; i < warmup; i++) await fn();
  const perBatch = Math.max(1, Math.round(iterations / BATCHES));
  const batches: { micros: number; cpuMicros: number }[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) await fn();
    const micros = ((performance.now() - start) * 1000) / perBatch;
    const used = process.cpuUsage(cpu);
    batches.push({ micros, cpuMicros: (used.user + used.system) / perBatch });
  }
  batches.sort((a, b) => a.micros - b.micros);
  const median = batches[Math.floor(BATCHES / 2)] as { micros: number; cpuMicros: number };
  return { op, iterations: perBatch * BATCHES, microsPerOp: median.micros, cpuMicrosPerOp: median.cpuMicros };
}

/** Times each protocol operation on a payment-sized body with the sandbox merchant's keys. */
export async function benchProtocol(options: ProtocolOptions = {}): Promise<ProtocolResult[]> {
  const iterations = options.iterations ?? 10_000;
  const warmup = options.warmup ?? 10_000;
  const rsaIterations = Math.max(10, Math.round(iterations / 10));
  const timestamp = snapTimestamp(new Date());
  const cardJson = JSON.stringify({
    [KKI_CARD_DATA_FIELDS.cpan]: kkiTestCpan('bri'),
    [KKI_CARD_DATA_FIELDS.ott]: '123456',
  });
  const cardData = await encryptCardData(cardJson, DEFAULT_SECRET_KEY);
  // A body the size of a KKI payment request.
  const body = JSON.stringify({
    partnerReferenceNo: 'bench-0000000001',
    cardData,
    amount: { value: '150000.00', currency: 'IDR' },
    additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
  });
  const snapInput = {
    method: 'POST',
    path: '/direct-debit/core/v1/debit/payment-host-to-host',
    accessToken: 'eyJhbGciOiJSUzI1NiJ9.bench.token',
    body,
    timestamp,
    secretKey: DEFAULT_SECRET_KEY,
  };
  const snapSignature = await signSnapSymmetric(snapInput);
  const b2bInput = { clientId: DEFAULT_CLIENT_ID, timestamp };
  const b2bSignature = await signB2bToken({ ...b2bInput, privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY });
  const nonSnapInput = {
    clientId: DEFAULT_CLIENT_ID,
    requestId: 'c0ffee00-0000-4000-8000-000000000001',
    timestamp: nonSnapTimestamp(new Date()),
    requestTarget: '/checkout/v1/payment',
    body,
    secretKey: DEFAULT_SECRET_KEY,
  };

  const results: ProtocolResult[] = [];
  results.push(await time('signSnapSymmetric', iterations, warmup, () => signSnapSymmetric(snapInput)));
  results.push(
    await time('verifySnapSymmetric', iterations, warmup, async () => {
      if (!(await verifySnapSymmetric({ ...snapInput, signature: snapSignature })))
        throw new Error('verifySnapSymmetric refused its own signature');
    }),
  );
  results.push(
    await time('signB2bToken (RSA)', rsaIterations, 10, () =>
      signB2bToken({ ...b2bInput, privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY }),
    ),
  );
  results.push(
    await time('verifyB2bToken (RSA)', rsaIterations, 10, async () => {
      const ok = await verifyB2bToken({
        ...b2bInput,
        signature: b2bSignature,
        publicKeyPem: SANDBOX_MERCHANT_PUBLIC_KEY,
      });
      if (!ok) throw new Error('verifyB2bToken refused its own signature');
    }),
  );
  results.push(await time('signNonSnap', iterations, warmup, () => signNonSnap(nonSnapInput)));
  results.push(
    await time('encryptCardData', iterations, warmup, () => encryptCardData(cardJson, DEFAULT_SECRET_KEY)),
  );
  // What one KKI payment request costs the BFF in protocol work (the goal: under 50 µs).
  results.push(
    await time('one request (sign + verify + encrypt)', iterations, warmup, async () => {
      await encryptCardData(cardJson, DEFAULT_SECRET_KEY);
      const signature = await signSnapSymmetric(snapInput);
      if (!(await verifySnapSymmetric({ ...snapInput, signature })))
        throw new Error('verifySnapSymmetric refused its own signature');
    }),
  );
  results.push(
    await time('decryptCardData', iterations, warmup, async () => {
      if ((await decryptCardData(cardData, DEFAULT_SECRET_KEY)) !== cardJson)
        throw new Error('decryptCardData did not round-trip');
    }),
  );
  return results;
}
