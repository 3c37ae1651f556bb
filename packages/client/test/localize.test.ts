// Error wording in the browser without the catalogue: the BFF's wording is kept, the merchant's copy
// wins by code, and the browser's own copy re-words the few codes it knows.
import { createKkiError, getErrorCopy } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import { localError, localizeError, requestErrorToKki } from '../src/localize.js';
import { KkiRequestError } from '../src/request-error.js';

const bffWording = { ...createKkiError('do_not_honor', { locale: 'id' }), message: 'Kata-kata toko.' };

describe('localizeError', () => {
  it("keeps the BFF's wording; the merchant's copy for the code and locale wins", () => {
    expect(localizeError(bffWording, 'id', undefined)).toBe(bffWording);
    expect(localizeError(bffWording, 'id', { do_not_honor: { en: 'Declined.' } })).toBe(bffWording);
    expect(localizeError(bffWording, 'id', { do_not_honor: { id: 'Ditolak.' } }).message).toBe('Ditolak.');
  });

  it("re-words the browser's own copy written in another language", () => {
    const inId = createKkiError('payment_expired', { locale: 'id' });
    expect(localizeError(inId, 'en', undefined).message).toBe(getErrorCopy('payment_expired', 'en'));
    expect(localizeError(inId, 'id', undefined)).toBe(inId);
  });
});

describe('requestErrorToKki', () => {
  it('keeps the answer asked in this language; re-words a known code asked in another', () => {
    const asked = new KkiRequestError(bffWording, false, false, 'id');
    expect(requestErrorToKki(asked, 'id', undefined)).toBe(bffWording);
    // A code without browser copy keeps the BFF's message rather than showing nothing.
    expect(requestErrorToKki(asked, 'en', undefined).message).toBe('Kata-kata toko.');
    const expired = new KkiRequestError(
      createKkiError('payment_expired', { locale: 'id' }),
      false,
      false,
      'id',
    );
    expect(requestErrorToKki(expired, 'en', undefined).message).toBe(getErrorCopy('payment_expired', 'en'));
    expect(requestErrorToKki(asked, 'en', { do_not_honor: { en: 'Declined.' } }).message).toBe('Declined.');
  });

  it("keeps the answering request's id through re-wording (the error React components hand on)", () => {
    const withId = new KkiRequestError({ ...bffWording, requestId: 'req-42' }, false, false, 'id');
    expect(requestErrorToKki(withId, 'id', undefined).requestId).toBe('req-42');
    expect(requestErrorToKki(withId, 'id', { do_not_honor: { id: 'Ditolak.' } })).toMatchObject({
      message: 'Ditolak.',
      requestId: 'req-42',
    });
  });

  it('anything else is internal_error in the browser copy, with the merchant copy', () => {
    expect(requestErrorToKki(new Error('boom'), 'en', undefined)).toEqual(
      createKkiError('internal_error', { locale: 'en' }),
    );
    expect(requestErrorToKki(null, 'id', { internal_error: { id: 'Maaf.' } }).message).toBe('Maaf.');
    expect(localError('payment_expired', 'en', undefined)).toEqual(
      createKkiError('payment_expired', { locale: 'en' }),
    );
  });
});
