// Idempotency for every state-changing call: the same key and body answers the first result, the
// same key with another body is refused (422), and concurrent calls with one key run once, across
// instances sharing a database (a unique row claims the key; the others wait for its result). The
// key also fixes the DOKU ids of the call (X-EXTERNAL-ID, partnerReferenceNo, Request-Id), so even a
// retry after a crash mid-call is a replay at DOKU, not a second charge.
import {
  type ID_PREFIXES,
  type KkiCopyFlow,
  type KkiCopyOverrides,
  type KkiLocale,
  toApiErrorBody,
} from '@kki-kit/contract';
import { hmacSha256, toHex } from '@kki-kit/doku';
import { KkiDomainError } from './errors.js';
import { idFromBytes } from './ids.js';
import type { AttemptCounters, Store } from './store/index.js';

/** A stored answer: HTTP status and JSON body. */
export interface IdempotentResponse {
  status: number;
  body: unknown;
}

/** What the protected operation gets: its key and the DOKU ids derived from it. */
export interface IdempotencyContext {
  readonly key: string;
  /** The 27-digit id of this call (X-EXTERNAL-ID, partnerReferenceNo, Request-Id, invoice_number). */
  readonly externalId: string;
  /** A further deterministic id for another DOKU call made by the same action, e.g. `dokuId('status')`. */
  dokuId(purpose: string): Promise<string>;
  /** The counts of {@link IdempotentCall.counters} when the claim counted them (absent: not counted). */
  readonly counted?: readonly number[];
}

/** Input of {@link Idempotency.run}. */
export interface IdempotentCall {
  /** Who and what the key is scoped to, e.g. `createKkiPayment:cust-42`: keys never cross scopes. */
  scope: string;
  key: string;
  /** Everything that makes two calls "the same" (method, path, validated body). */
  request: unknown;
  /** Language of a stored error's copy. */
  locale?: KkiLocale;
  overrides?: KkiCopyOverrides;
  /** The reader a stored refusal is worded for (the route's copy flow). */
  flow?: KkiCopyFlow;
  /**
   * Attempt counters (rate limits) to count in the claim's own statement when this call claims the
   * key, so a first attempt costs the store one round trip less; the counts reach the operation as
   * {@link IdempotencyContext.counted}. A replay counts nothing.
   */
  counters?: AttemptCounters;
}

/** The idempotency runner. */
export interface Idempotency {
  /**
   * Runs `operation` once per `(scope, key)`. A repeat with the same request gets the stored answer
   * (`replayed: true`); with a different request, `idempotency_key_reused`; while the first is still
   * running, it waits for it (up to `waitMs`, then `payment_in_progress`).
   */
  run(
    call: IdempotentCall,
    operation: (ctx: IdempotencyContext) => Promise<IdempotentResponse>,
  ): Promise<IdempotentResponse & { replayed: boolean }>;
  /** The DOKU id a key maps to (what {@link IdempotencyContext.externalId} will be). */
  externalIdFor(scope: string, key: string, purpose?: string): Promise<string>;
  /**
   * The kit's own id of what a key creates, e.g. an order: as unguessable as a random one and the
   * same on every run of the key, so a retry after the key's record is gone (past
   * `idempotencyRetentionMs`) still finds what the first run made.
   */
  opaqueIdFor(scope: string, key: string, kind: keyof typeof ID_PREFIXES): Promise<string>;
}

/** Options of {@link createIdempotency}. */
export interface IdempotencyOptions {
  store: Store;
  /** Secret the id derivation is keyed with (the DOKU secret key), so ids differ per merchant. */
  secret: string;
  /**
   * How long a claim outlives its owner's last heartbeat before another instance may assume the
   * owner died and take the key over (default 15 s). The owner renews it every third of that while
   * the operation runs, so a slow DOKU call keeps its claim and a crashed one frees the key quickly.
   */
  leaseMs?: number;
  /** How long a concurrent call waits for the first one's result (default 20 s). */
  waitMs?: number;
  /** Poll interval while waiting on another instance (default 50 ms). */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks a keyed request hash (HMAC-SHA-256); see migration 13 for the rows written before it. */
const REQUEST_HASH_PREFIX = 'hmac:';

/**
 * Whether a stored request hash is this request's. A hash migration 13 erased (an unkeyed one written
 * before keyed hashes) matches any: its key still answers its stored result, it only no longer tells
 * a reused key from a retry.
 */
function sameRequest(stored: string, hash: string): boolean {
  return stored === hash || !stored.startsWith(REQUEST_HASH_PREFIX);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Creates the runner. */
export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const { store, leaseMs = 15_000, waitMs = 20_000, pollMs = 50 } = options;
  const owner = crypto.randomUUID();
  const idSecret = `kki-kit/bff idempotency ids\n${options.secret}`;
  // The request's hash is keyed too: a body may hold a card number (CPAN, OTT), and a plain SHA-256
  // of it could be reversed from the stored row by trying the few digits its masked form hides.
  const hashSecret = `kki-kit/bff idempotency requests\n${options.secret}`;
  // Same-instance callers share the running promise instead of polling the database.
  const running = new Map<string, { hash: string; done: Promise<IdempotentResponse> }>();

  async function externalIdFor(scope: string, key: string, purpose = ''): Promise<string> {
    // The protocol's HMAC (node:crypto on Node): the same bytes Web Crypto gives, so ids never change.
    const mac = await hmacSha256(idSecret, `${scope}\n${key}\n${purpose}`);
    // 26 digits from 128 bits of the MAC after a non-zero lead digit: 27 digits fit every DOKU id
    // (X-EXTERNAL-ID ≤ 36, KKI partnerReferenceNo ≤ 32, Mandiri invoice_number ≤ 27).
    const n = BigInt(`0x${toHex(mac.slice(0, 16))}`) % 10n ** 26n;
    return `1${n.toString().padStart(26, '0')}`;
  }

  function reused(call: IdempotentCall): never {
    throw new KkiDomainError('idempotency_key_reused', {
      internal: `key reused with another body in ${call.scope}`,
    });
  }

  async function execute(
    call: IdempotentCall,
    externalId: string,
    operation: (ctx: IdempotencyContext) => Promise<IdempotentResponse>,
    counted?: readonly number[],
  ): Promise<IdempotentResponse> {
    const ctx: IdempotencyContext = {
      key: call.key,
      externalId,
      dokuId: (purpose) => externalIdFor(call.scope, call.key, purpose),
      ...(counted && { counted }),
    };
    // Heartbeat: a failed renewal is only a missed beat (the lease is three beats long).
    const heartbeat = setInterval(
      () => void store.idempotency.renew(call.scope, call.key, owner, leaseMs).catch(() => false),
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    let result: IdempotentResponse;
    try {
      result = await operation(ctx);
    } catch (error) {
      clearInterval(heartbeat);
      if (error instanceof KkiDomainError && !error.outcomeUnknown) {
        // A definite refusal is the call's result: a replay must see the same answer.
        const kkiError = error.toKkiError(call.locale, call.overrides, call.flow);
        await store.idempotency.complete(
          call.scope,
          call.key,
          owner,
          kkiError.httpStatus,
          toApiErrorBody(kkiError),
        );
      } else {
        await store.idempotency.release(call.scope, call.key, owner);
      }
      throw error;
    }
    clearInterval(heartbeat);
    await store.idempotency.complete(call.scope, call.key, owner, result.status, result.body);
    return result;
  }

  async function waitForOther(
    call: IdempotentCall,
    hash: string,
    operation: (ctx: IdempotencyContext) => Promise<IdempotentResponse>,
  ): Promise<IdempotentResponse & { replayed: boolean }> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const record = await store.idempotency.get(call.scope, call.key);
      if (record === null) {
        // The owner released it (outcome unknown): claim it again ourselves.
        return claimAndRun(call, hash, operation);
      }
      if (!sameRequest(record.requestHash, hash)) reused(call);
      if (record.state === 'completed') {
        return { status: record.responseStatus ?? 200, body: record.responseBody, replayed: true };
      }
      const takenOver = await store.idempotency.takeOver(call.scope, call.key, owner, leaseMs);
      if (takenOver) return { ...(await execute(call, takenOver.externalId, operation)), replayed: false };
      if (Date.now() > deadline) throw new KkiDomainError('payment_in_progress');
      await sleep(pollMs);
    }
  }

  async function claimAndRun(
    call: IdempotentCall,
    hash: string,
    operation: (ctx: IdempotencyContext) => Promise<IdempotentResponse>,
  ): Promise<IdempotentResponse & { replayed: boolean }> {
    const externalId = await externalIdFor(call.scope, call.key);
    const claimed = await store.idempotency.claim({
      scope: call.scope,
      key: call.key,
      requestHash: hash,
      externalId,
      owner,
      leaseMs,
      counters: call.counters,
    });
    if (!claimed) return waitForOther(call, hash, operation);
    return { ...(await execute(call, externalId, operation, claimed.counts)), replayed: false };
  }

  return {
    externalIdFor,
    opaqueIdFor: (scope, key, kind) =>
      idFromBytes(kind, (block) => hmacSha256(idSecret, `${scope}\n${key}\nopaque ${kind} ${block}`)),
    async run(call, operation) {
      const hash = `${REQUEST_HASH_PREFIX}${toHex(await hmacSha256(hashSecret, canonicalJson(call.request)))}`;
      const slot = `${call.scope}\u0000${call.key}`;
      const local = running.get(slot);
      if (local) {
        if (local.hash !== hash) reused(call);
        return { ...(await local.done), replayed: true };
      }
      const done = claimAndRun(call, hash, operation);
      running.set(slot, { hash, done });
      try {
        return await done;
      } finally {
        running.delete(slot);
      }
    },
  };
}
