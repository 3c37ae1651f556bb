// How the sandbox answers on Non-SNAP (Cards) endpoints: JSON bodies, DOKU's error envelope, and
// DOKU's response signature headers.
import { NON_SNAP_ERROR_CODES } from '@kki-kit/contract';
import { nonSnapTimestamp, signNonSnap } from '@kki-kit/doku';
import type { SandboxConfig } from '../context.js';

/** A finished Non-SNAP answer: HTTP status plus the exact body. */
export interface CardsAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * An error the handlers throw to answer with DOKU's envelope
 * `{"errors":{"code","message","type"}}` (doku-api.md §7.1). `code` must be one of
 * `NON_SNAP_ERROR_CODES` (@kki-kit/contract), which also gives the `type`. Never carries card data.
 */
export class CardsFailure extends Error {
  override name = 'CardsFailure';
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly errorMessage: string,
  ) {
    super(`${httpStatus} ${code}: ${errorMessage}`);
  }

  /** The error answer. */
  answer(): CardsAnswer {
    const info = NON_SNAP_ERROR_CODES[this.code];
    if (!info) throw new Error(`unknown Non-SNAP error code ${this.code}`);
    return {
      status: this.httpStatus,
      body: { errors: { code: this.code, message: this.errorMessage, type: info.type } },
    };
  }
}

/** `400 INVALID_PARAMETER` with DOKU's documented message style (doku-api.md §7.1). */
export function invalidParameter(message: string): CardsFailure {
  return new CardsFailure(400, 'INVALID_PARAMETER', message);
}

/** Marks a replayed answer (same Request-Id, same request): HTTP 409 with the first answer under `original_response`. */
export const REPLAY_HEADER = 'X-Sandbox-Replay';

/**
 * A JSON response, signed as DOKU signs its Non-SNAP responses (doku-api.md §3.1 [DOC-NS-RESP]):
 * `Client-Id`, `Request-Id` (the request's), `Response-Timestamp` (UTC) and
 * `Signature: HMACSHA256=…` over the component with `Response-Timestamp` and the body's `Digest`.
 * `signing: null` leaves the headers out (the request named no known client).
 */
export async function cardsResponse(
  answer: CardsAnswer,
  signing: { config: SandboxConfig; requestId: string; requestTarget: string; now: Date } | null,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const text = JSON.stringify(answer.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extraHeaders };
  if (signing) {
    const timestamp = nonSnapTimestamp(signing.now);
    headers['Client-Id'] = signing.config.clientId;
    headers['Request-Id'] = signing.requestId;
    headers['Response-Timestamp'] = timestamp;
    headers.Signature = await signNonSnap({
      clientId: signing.config.clientId,
      requestId: signing.requestId,
      timestamp,
      timestampHeader: 'Response-Timestamp',
      requestTarget: signing.requestTarget,
      body: text,
      secretKey: signing.config.secretKey,
    });
  }
  return new Response(text, { status: answer.status, headers });
}
