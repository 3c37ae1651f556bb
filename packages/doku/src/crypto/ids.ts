// Timestamps and request identifiers in the forms DOKU expects (doku-api.md §2.3, §3.1).
import { EXTERNAL_ID_PATTERN } from '../wire/open-questions.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Jakarta (WIB) has been UTC+7 with no daylight saving since 1964. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * SNAP `X-TIMESTAMP`: `yyyy-MM-ddTHH:mm:ss+07:00`, the only form DOKU's KKI schema's regex allows
 * (doku-api.md §2.3).
 */
export function snapTimestamp(date: Date = new Date()): string {
  const d = new Date(date.getTime() + WIB_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}

/** Non-SNAP `Request-Timestamp`: UTC, `yyyy-MM-ddTHH:mm:ssZ`. */
export function nonSnapTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a DOKU timestamp in any form seen in the wild: offset (`+07:00`), `Z`, with or without
 * fractional seconds (doku-api.md §2.3 CONFLICT: SDKs disagree). Returns `null` when malformed.
 */
export function parseDokuTimestamp(value: string): Date | null {
  const m = TIMESTAMP_RE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms);
  if (new Date(t).getUTCDate() !== day) return null; // 31 February and friends
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59) return null;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return new Date(t);
}

function randomDigits(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = '';
  for (const b of bytes) out += String(b % 10);
  return out;
}

/**
 * A fresh `X-EXTERNAL-ID`: numeric (DOKU's docs say "Numeric String"), 29 characters (≤ 36), the
 * epoch milliseconds followed by 16 random digits, so it is unique per day without coordination.
 */
export function createExternalId(now: Date = new Date()): string {
  return `${now.getTime()}${randomDigits(16)}`;
}

/** True for a valid `X-EXTERNAL-ID` (`EXTERNAL_ID_PATTERN`: 1 to 36 digits). */
export function isExternalId(value: string): boolean {
  return EXTERNAL_ID_PATTERN.test(value);
}

/** A fresh Non-SNAP `Request-Id` (a UUID; DOKU allows up to 128 characters). */
export function createRequestId(): string {
  return crypto.randomUUID();
}
