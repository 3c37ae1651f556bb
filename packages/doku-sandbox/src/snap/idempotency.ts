// X-EXTERNAL-ID bookkeeping: unique per merchant per day (doku-api.md §2.3, SNAP 409-00). The day is
// the WIB (UTC+7) calendar day on the sandbox clock, DOKU being in Jakarta.
import { minifyJson, sha256Hex, snapTimestamp } from '@kki-kit/doku';
import type { SnapAnswer } from './respond.js';

interface Seen {
  fingerprint: string;
  /** Settles when the first request with this id has been answered. */
  answer: Promise<SnapAnswer>;
}

/** The WIB calendar day (`yyyy-MM-dd`) of an instant. */
export function wibDay(now: Date): string {
  return snapTimestamp(now).slice(0, 10);
}

/** What the store says about an incoming external id. */
export type ExternalIdCheck =
  | { kind: 'new'; complete(answer: SnapAnswer): void }
  | { kind: 'replay'; answer: Promise<SnapAnswer> }
  | { kind: 'conflict' };

/**
 * Remembers the answer to every authenticated request by (WIB day, X-EXTERNAL-ID). A second request
 * with the same id while the first is still running waits for the first's answer, so concurrent
 * retries never run twice.
 */
export class ExternalIdStore {
  private readonly seen = new Map<string, Seen>();

  /** Fingerprint of a request: endpoint path plus the minified body. */
  static async fingerprint(path: string, body: string): Promise<string> {
    return sha256Hex(`${path}\n${minifyJson(body)}`);
  }

  /** Claims the id for a new request, or says it is a replay or a conflict. */
  begin(day: string, externalId: string, fingerprint: string): ExternalIdCheck {
    const key = `${day}|${externalId}`;
    const prior = this.seen.get(key);
    if (prior) {
      return prior.fingerprint === fingerprint
        ? { kind: 'replay', answer: prior.answer }
        : { kind: 'conflict' };
    }
    let complete!: (answer: SnapAnswer) => void;
    const answer = new Promise<SnapAnswer>((resolve) => {
      complete = resolve;
    });
    this.seen.set(key, { fingerprint, answer });
    return { kind: 'new', complete };
  }

  clear(): void {
    this.seen.clear();
  }
}
