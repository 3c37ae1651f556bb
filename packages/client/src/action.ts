// The action runner: one call in flight per action, and one idempotency key per attempt, kept only
// while the attempt's outcome is unknown (so a retry replays at the BFF instead of acting twice).
import type { KkiActionResult } from '@kki-kit/contract';
import { fingerprint } from './fingerprint.js';
import { AttemptKeys } from './idempotency.js';
import type { KkiRequestError } from './request-error.js';

/** A state-changing call the customer can repeat: single-flight, with the attempt's idempotency key. */
export interface KkiAction<I, R> {
  /**
   * Sends `input` with the attempt's key. A call while one is in flight returns that call's promise.
   * Rejects as `send` does; after a definite answer (success or a refusal) the next call is a new
   * attempt with a new key, after an unknown outcome a call with the same input reuses the key.
   */
  run(input: I): Promise<R>;
  /** True while a call is in flight. */
  readonly inFlight: boolean;
}

/** Options of {@link createAction}. */
export interface KkiActionOptions<I, R> {
  /** Performs the call with the attempt's idempotency key. */
  readonly send: (input: I, idempotencyKey: string) => Promise<R>;
  /**
   * What identifies "the same request" for a retry (default: the input's {@link fingerprint}). Never
   * the input itself when it may hold a card number: hash it.
   */
  readonly identify?: (input: I) => string;
}

/** Whether a failure leaves the BFF's outcome unknown (no answer, 5xx, timeout). */
export function isOutcomeUnknown(cause: unknown): boolean {
  // Read the flag rather than test `instanceof`: the class stays out of bundles that only run actions,
  // and an error from a second copy of this package (two versions in one app) still counts.
  return (cause as Partial<KkiRequestError> | null)?.outcomeUnknown === true;
}

/** One call at a time: see {@link createSingleFlight}. */
export interface SingleFlight<T> {
  /** Starts `call`, or returns the promise of the call still in flight (and does not start `call`). */
  run(call: () => Promise<T>): Promise<T>;
  /** True while a call is in flight. */
  readonly inFlight: boolean;
}

/** A guard that lets one call run at a time; a second caller shares the first call's promise. */
export function createSingleFlight<T>(): SingleFlight<T> {
  let current: Promise<T> | null = null;
  return {
    run(call) {
      if (current === null) {
        current = call().finally(() => {
          current = null;
        });
      }
      return current;
    },
    get inFlight() {
      return current !== null;
    },
  };
}

/**
 * An action whose sender is given with each call: for UI layers whose client or language may change
 * between calls. Same rules as {@link KkiAction}.
 */
export interface KkiActionRunner<R> {
  /**
   * Calls `send` with the attempt's key; `identity` tells a retry of the same request: an id, or the
   * {@link fingerprint} of a body (never a body holding card data as such). A call while one is in
   * flight returns that call's promise.
   */
  run(identity: string, send: (idempotencyKey: string) => Promise<R>): Promise<R>;
  /** True while a call is in flight. */
  readonly inFlight: boolean;
}

/** Creates a {@link KkiActionRunner}. */
export function createActionRunner<R>(): KkiActionRunner<R> {
  const keys = new AttemptKeys();
  const flight = createSingleFlight<R>();
  const attempt = async (identity: string, send: (idempotencyKey: string) => Promise<R>): Promise<R> => {
    const key = keys.keyFor(identity);
    try {
      const answer = await send(key);
      keys.settle();
      return answer;
    } catch (cause) {
      // The BFF may have acted on a request without an answer: keep its key for the retry.
      if (!isOutcomeUnknown(cause)) keys.settle();
      throw cause;
    }
  };
  return {
    run: (identity, send) => flight.run(() => attempt(identity, send)),
    get inFlight() {
      return flight.inFlight;
    },
  };
}

/** Creates a {@link KkiAction}. */
export function createAction<I, R>(options: KkiActionOptions<I, R>): KkiAction<I, R> {
  const runner = createActionRunner<R>();
  return {
    run: (input) => runner.run((options.identify ?? fingerprint)(input), (key) => options.send(input, key)),
    get inFlight() {
      return runner.inFlight;
    },
  };
}

/**
 * The once-per-outcome rule of callbacks: a caller's callback fires once for each distinct outcome
 * (e.g. `payment id : phase : error code`), never again for the same one however often it is seen.
 */
export class OutcomeGate {
  private last: string | null = null;

  /** True the first time `key` follows a different key (or none); false for a repeat. */
  pass(key: string): boolean {
    if (this.last === key) return false;
    this.last = key;
    return true;
  }

  /** Forgets the last outcome (the flow was reset), so the same outcome fires again. */
  reset(): void {
    this.last = null;
  }
}

/** A result the once-per-outcome rule can tell apart: a value with an id, an action with a type. */
export type KkiOutcome = KkiActionResult<{ readonly id: string }, { readonly type: string }>;

/**
 * What identifies an outcome for {@link OutcomeGate}: the value's id, `stage` (default: the result's
 * status; a payment passes its phase, which tells expired and cancelled from failed), the next
 * action's type and the error code.
 */
export function outcomeKey(result: KkiOutcome, stage: string = result.status): string {
  const value = result.status === 'failed' ? (result.value ?? null) : result.value;
  const action = result.status === 'requires_action' ? result.nextAction.type : '';
  const code = result.status === 'failed' ? result.error.code : '';
  return `${value?.id ?? 'none'}:${stage}:${action}:${code}`;
}
