// Request-Id bookkeeping for Non-SNAP calls: unique per client; the same Request-Id with the same
// request is a replay, with another request a conflict (doku-api.md §3.1: "Unique random string …
// to protect duplicate request"; DOKU's idempotency page: a replay answers 409).
import { sha256Hex } from '@kki-kit/doku';
import type { CardsAnswer } from './respond.js';

/** What `begin` finds for a Request-Id. */
export type RequestIdClaim =
  | { kind: 'new'; complete(answer: CardsAnswer): void }
  | { kind: 'replay'; answer: Promise<CardsAnswer> }
  | { kind: 'conflict' };

interface Entry {
  fingerprint: string;
  answer: Promise<CardsAnswer>;
}

/** Remembers every Request-Id the sandbox has answered, with the answer. */
export class RequestIdStore {
  private readonly entries = new Map<string, Entry>();

  /** Identifies a request by method, path and exact body bytes. */
  static fingerprint(method: string, path: string, body: string): Promise<string> {
    return sha256Hex(`${method.toUpperCase()} ${path}\n${body}`);
  }

  /**
   * Claims `requestId` for a new request. A concurrent or later request with the same id and
   * fingerprint gets the first one's answer (once it is complete); another fingerprint is a conflict.
   */
  begin(clientId: string, requestId: string, fingerprint: string): RequestIdClaim {
    const key = `${clientId}\n${requestId}`;
    const prior = this.entries.get(key);
    if (prior) {
      return prior.fingerprint === fingerprint
        ? { kind: 'replay', answer: prior.answer }
        : { kind: 'conflict' };
    }
    let complete: (answer: CardsAnswer) => void = () => undefined;
    const answer = new Promise<CardsAnswer>((resolve) => {
      complete = resolve;
    });
    this.entries.set(key, { fingerprint, answer });
    return { kind: 'new', complete };
  }

  /** Number of Request-Ids seen. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
