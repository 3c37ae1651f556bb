import { describe, expect, it } from 'vitest';
import {
  KKI_CASE_CODES,
  KKI_ERROR_CATALOGUE,
  KKI_ERROR_CODES,
  KKI_FIELD_LABELS,
  KKI_LOCALES,
  type KkiErrorCode,
  NON_SNAP_ERROR_CODES,
  NON_SNAP_FAILURE_STATUSES,
  SNAP_STANDARD_CODES,
} from '../src/index.js';

/** Asserts a code has a usable catalogue entry: copy in every locale, and en differs from id. */
function expectUsableEntry(code: KkiErrorCode | null | undefined): void {
  expect(code, 'mapped to a code').toBeTypeOf('string');
  const entry = KKI_ERROR_CATALOGUE[code as KkiErrorCode];
  expect(entry, `catalogue entry for ${code}`).toBeDefined();
  expect(entry.code).toBe(code);
  for (const locale of KKI_LOCALES) expect(entry.copy[locale].trim().length).toBeGreaterThan(10);
  expect(entry.copy.en).not.toBe(entry.copy.id);
}

describe('KKI_ERROR_CODES and the catalogue', () => {
  it('has one entry per code and no extras, each keyed by its own code', () => {
    expect(new Set(KKI_ERROR_CODES).size).toBe(KKI_ERROR_CODES.length);
    expect(Object.keys(KKI_ERROR_CATALOGUE).sort()).toEqual([...KKI_ERROR_CODES].sort());
    for (const code of KKI_ERROR_CODES) expectUsableEntry(code);
  });

  it('uses snake_case codes', () => {
    for (const code of KKI_ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('includes the kit-level codes the BFF needs, with their statuses', () => {
    const expected: Partial<Record<KkiErrorCode, number>> = {
      validation_failed: 400,
      idempotency_key_reused: 422,
      not_found: 404,
      forbidden: 403,
      unauthenticated: 401,
      rate_limited: 429,
      refund_exceeds_remaining: 422,
      refund_not_authorized: 403,
      payment_expired: 410,
      payment_not_refundable: 409,
      csrf_rejected: 403,
      payload_too_large: 413,
      doku_unavailable: 503,
      internal_error: 500,
      unknown_doku_error: 502,
    };
    for (const [code, status] of Object.entries(expected)) {
      expect(KKI_ERROR_CATALOGUE[code as KkiErrorCode].httpStatus, code).toBe(status);
    }
  });

  it('answers the browser with an error status for every code', () => {
    for (const code of KKI_ERROR_CODES) {
      const { httpStatus } = KKI_ERROR_CATALOGUE[code];
      expect(Number.isInteger(httpStatus) && httpStatus >= 400 && httpStatus <= 599, code).toBe(true);
    }
  });

  it('gives every code its own wording in each language', () => {
    for (const locale of KKI_LOCALES) {
      const texts = KKI_ERROR_CODES.map((code) => KKI_ERROR_CATALOGUE[code].copy[locale]);
      const dupes = texts.filter((t, i) => texts.indexOf(t) !== i);
      expect(dupes, locale).toEqual([]);
    }
  });
});

describe('coverage of DOKU codes', () => {
  it('covers every KKI case code of seed 001 (00..15), in every service reading', () => {
    const cases = ['00', '01', '02', '03', '04', '05', '08', '11', '12', '13', '14', '15'];
    expect(Object.keys(KKI_CASE_CODES).sort()).toEqual(cases);
    for (const kase of cases) {
      const info = KKI_CASE_CODES[kase as keyof typeof KKI_CASE_CODES];
      expect(info.meaning.length).toBeGreaterThan(0);
      for (const code of [info.kkiErrorCode, ...Object.values(info.byService)]) {
        expectUsableEntry(code);
      }
    }
  });

  it('covers every row of the SNAP standard table (doku-api.md §6.3)', () => {
    const range = (http: number, last: number) =>
      Array.from({ length: last + 1 }, (_, i) => `${http}-${String(i).padStart(2, '0')}`);
    const expectedRows = [
      '200-00',
      '202-00',
      ...range(400, 2),
      ...range(401, 4),
      ...range(403, 23),
      ...range(404, 19),
      ...range(405, 1),
      ...range(409, 1),
      '429-00',
      ...range(500, 2),
      '504-00',
    ];
    const rows = SNAP_STANDARD_CODES.map((r) => `${r.httpStatus}-${r.caseCode}`);
    expect(rows).toEqual(expectedRows);
    for (const r of SNAP_STANDARD_CODES) {
      expect(r.message.length).toBeGreaterThan(0);
      // The two 2xx rows are outcomes, not errors: they map to no error code by design.
      if (r.httpStatus < 300) expect(r.kkiErrorCode).toBeNull();
      else expectUsableEntry(r.kkiErrorCode);
    }
  });

  it('covers the Non-SNAP error codes and failure statuses DOKU documents (seeds 002/003)', () => {
    expect(Object.keys(NON_SNAP_ERROR_CODES)).toContain('INVALID_PARAMETER');
    for (const info of Object.values(NON_SNAP_ERROR_CODES)) {
      expectUsableEntry(info.kkiErrorCode);
      for (const code of Object.values(info.messages)) expectUsableEntry(code);
    }
    for (const { kkiErrorCode } of Object.values(NON_SNAP_FAILURE_STATUSES)) expectUsableEntry(kkiErrorCode);
  });
});

describe('copy quality', () => {
  const allCopy = KKI_ERROR_CODES.flatMap((code) => {
    const { copy, fieldCopy } = KKI_ERROR_CATALOGUE[code];
    return KKI_LOCALES.flatMap((l) => [
      { code, locale: l, text: copy[l] },
      ...(fieldCopy ? [{ code, locale: l, text: fieldCopy[l] }] : []),
    ]);
  });

  it('contains no developer jargon', () => {
    const jargon =
      /\b(HTTP|SNAP|null|undefined|NaN|API|JSON|DOKU|OTT|OTP|CPAN|token|BFF|idempotency|CSRF|payload|signature|error code|responseCode|[45]\d\d)\b/i;
    for (const { code, locale, text } of allCopy) expect(text, `${code} (${locale})`).not.toMatch(jargon);
  });

  it('reads as sentences: capitalised, ending with a full stop, no stray placeholders or markup', () => {
    for (const { code, locale, text } of allCopy) {
      expect(text, `${code} (${locale})`).toMatch(/^[A-Z].*\.$/s);
      expect(text.replace('{field}', ''), `${code} (${locale})`).not.toMatch(/[{}<>[\]_`]/);
      expect(text, `${code} (${locale})`).not.toMatch(/ {2}|\u00a0/);
    }
  });

  it('never invites a retry when the code is not retryable', () => {
    for (const code of KKI_ERROR_CODES) {
      const { copy, retryable } = KKI_ERROR_CATALOGUE[code];
      if (retryable) continue;
      expect(copy.en, code).not.toMatch(/try again/i);
      expect(copy.id, code).not.toMatch(/coba lagi/i);
    }
  });

  it('keeps field-aware copy to templates with one {field} placeholder', () => {
    for (const code of KKI_ERROR_CODES) {
      const { fieldCopy } = KKI_ERROR_CATALOGUE[code];
      if (!fieldCopy) continue;
      for (const l of KKI_LOCALES) expect(fieldCopy[l].split('{field}').length - 1, `${code} ${l}`).toBe(1);
    }
    for (const labels of Object.values(KKI_FIELD_LABELS)) expect(labels.en).not.toBe(labels.id);
  });

  it('uses Indonesian, not English, in the id copy', () => {
    for (const code of KKI_ERROR_CODES) {
      const { id } = KKI_ERROR_CATALOGUE[code].copy;
      expect(id, code).not.toMatch(/\b(the|your|please|card|payment|again)\b/i);
    }
  });
});
