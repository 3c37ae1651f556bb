// The few errors the browser words itself, apart from the full catalogue: a call that got no answer,
// a payment or OTP that ran out of time, a refund or payment without an error from the BFF, a card
// number that fails its check digit. Every other error reaches the browser already worded by the BFF
// in the asked language, so the catalogue (both languages, every code) stays out of browser bundles.
// The catalogue takes these entries from here, so each is written once.
import { DEFAULT_LOCALE } from '../locale.js';
import type { KkiErrorCatalogueEntry } from './catalogue.js';
import type { CreateKkiErrorOptions, KkiCopyOverrides, KkiError } from './kki-error.js';

/** The codes the browser has its own copy for. */
export type LocalKkiErrorCode =
  | 'card_declined'
  | 'invalid_cpan'
  | 'otp_expired'
  | 'otp_not_requested'
  | 'payment_expired'
  | 'transaction_cancelled'
  | 'refund_failed'
  | 'internal_error';

/** Catalogue entries of the {@link LocalKkiErrorCode}s, without their `code` (it is the key). */
export const LOCAL_KKI_ERRORS: {
  readonly [C in LocalKkiErrorCode]: Omit<KkiErrorCatalogueEntry<C>, 'code' | 'fieldCopy'>;
} = {
  card_declined: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your card payment was not approved. Try another card or contact your bank.',
      id: 'Pembayaran dengan kartu Anda tidak disetujui. Coba kartu lain atau hubungi bank Anda.',
    },
  },
  invalid_cpan: {
    httpStatus: 422,
    retryable: true,
    field: 'cardNumber',
    copy: {
      en: "The card number isn't valid. Check it and try again.",
      id: 'Nomor kartu tidak valid. Periksa kembali, lalu coba lagi.',
    },
  },
  otp_expired: {
    httpStatus: 422,
    retryable: true,
    field: 'otp',
    copy: {
      en: 'Your verification code has expired. Request a new code and enter it.',
      id: 'Kode verifikasi Anda sudah kedaluwarsa. Minta kode baru, lalu masukkan kode tersebut.',
    },
  },
  otp_not_requested: {
    httpStatus: 422,
    retryable: true,
    copy: {
      en: 'Request a verification code first, then enter it here.',
      id: 'Minta kode verifikasi terlebih dahulu, lalu masukkan di sini.',
    },
  },
  payment_expired: {
    httpStatus: 410,
    retryable: false,
    copy: {
      en: 'The time to complete this payment has run out. Please start a new payment.',
      id: 'Batas waktu pembayaran ini sudah habis. Silakan mulai pembayaran baru.',
    },
  },
  transaction_cancelled: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: 'This payment was cancelled. Start a new payment to continue.',
      id: 'Pembayaran ini sudah dibatalkan. Mulai pembayaran baru untuk melanjutkan.',
    },
  },
  refund_failed: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "The refund couldn't be completed. Check the payment's details or contact payment support.",
      id: 'Pengembalian dana tidak dapat diselesaikan. Periksa detail pembayaran atau hubungi layanan dukungan pembayaran.',
    },
  },
  internal_error: {
    httpStatus: 500,
    retryable: true,
    copy: {
      en: 'Something went wrong on our side. Please try again.',
      id: 'Terjadi kendala di sistem kami. Silakan coba lagi.',
    },
  },
};

/** Narrows a code to one the browser has its own copy for. */
export function isLocalKkiErrorCode(code: string): code is LocalKkiErrorCode {
  return Object.hasOwn(LOCAL_KKI_ERRORS, code);
}

/**
 * The copy of a {@link LocalKkiErrorCode}: the merchant's override for the code and locale, else the
 * built-in text (the catalogue's, for these codes).
 */
export function localErrorCopy(
  code: LocalKkiErrorCode,
  locale: CreateKkiErrorOptions['locale'] = DEFAULT_LOCALE,
  overrides?: KkiCopyOverrides,
): string {
  return overrides?.[code]?.[locale] || LOCAL_KKI_ERRORS[code].copy[locale];
}

/**
 * `createKkiError` for the {@link LocalKkiErrorCode}s, without the full catalogue: the same error
 * `createKkiError` builds for these codes (there are no field-specific texts among them).
 */
export function createLocalKkiError(code: LocalKkiErrorCode, options: CreateKkiErrorOptions = {}): KkiError {
  const entry = LOCAL_KKI_ERRORS[code];
  const field = options.field ?? entry.field;
  return {
    code,
    message: localErrorCopy(code, options.locale, options.overrides),
    retryable: entry.retryable,
    httpStatus: entry.httpStatus,
    ...(options.dokuResponseCode !== undefined && { dokuResponseCode: options.dokuResponseCode }),
    ...(field !== undefined && { field }),
    ...(options.details !== undefined && { details: options.details }),
  };
}
