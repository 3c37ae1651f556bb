import type { LocalizedText } from '../locale.js';
import type { KkiErrorCode } from './codes.js';
import type { KkiField } from './fields.js';
import { LOCAL_KKI_ERRORS } from './local-errors.js';

/**
 * What the kit knows about one error code: how the BFF answers the browser and what the shopper reads.
 */
export interface KkiErrorCatalogueEntry<C extends KkiErrorCode = KkiErrorCode> {
  /** The code this entry describes. */
  readonly code: C;
  /**
   * HTTP status the BFF answers the browser with. Not DOKU's status: DOKU refusing the merchant's
   * set-up is a 502 for the browser, a card decline is a 402 (Stripe's convention).
   */
  readonly httpStatus: number;
  /**
   * `true` when the shopper can usefully repeat the same action with the same card: at once, after a
   * short wait, or after doing what the copy asks (fix a field, get a new code, sign in, reload).
   * `false` when only something else helps (another card, the bank, the store). Copy for a `false`
   * code never invites the shopper to "try again".
   */
  readonly retryable: boolean;
  /** Customer-facing text, written for a shopper. */
  readonly copy: LocalizedText;
  /**
   * Text used instead of {@link copy} when the error names a known {@link KkiField}; `{field}` is
   * replaced by the field's label from `KKI_FIELD_LABELS`.
   */
  readonly fieldCopy?: LocalizedText;
  /** The form field this error points at when the caller names none, so the UI can focus it. */
  readonly field?: KkiField;
}

/** The whole catalogue: one entry per {@link KkiErrorCode}, checked complete by the compiler. */
export type KkiErrorCatalogue = { readonly [C in KkiErrorCode]: KkiErrorCatalogueEntry<C> };

// The table below leaves out each entry's `code` (it is the key) and the export adds it, so ~80 code
// strings are written once. The table stays out of browser bundles: the BFF words errors, and the
// browser keeps its own copy of the few it makes (`local-errors.ts`, whose entries are reused here).
type CatalogueTable = { readonly [C in KkiErrorCode]: Omit<KkiErrorCatalogueEntry<C>, 'code'> };

function withCodes(table: CatalogueTable): KkiErrorCatalogue {
  const catalogue: Record<string, KkiErrorCatalogueEntry> = {};
  for (const code of Object.keys(table) as KkiErrorCode[]) catalogue[code] = { code, ...table[code] };
  return catalogue as KkiErrorCatalogue;
}

/**
 * Every error the kit can report, with its browser-facing HTTP status, retry advice and copy in
 * Bahasa Indonesia and English. Merchants change wording with `getErrorCopy`'s overrides, not here.
 */
export const KKI_ERROR_CATALOGUE: KkiErrorCatalogue = withCodes({
  // --- Card declined or restricted by the issuer -------------------------------------------------
  do_not_honor: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your card was declined by the issuing bank. Try another card or contact your bank.',
      id: 'Kartu Anda ditolak oleh bank penerbit. Coba kartu lain atau hubungi bank Anda.',
    },
  },
  card_declined: LOCAL_KKI_ERRORS.card_declined,
  insufficient_funds: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "Your card's available limit isn't enough for this payment. Try another card.",
      id: 'Sisa limit kartu Anda tidak mencukupi untuk pembayaran ini. Coba kartu lain.',
    },
  },
  suspected_fraud: {
    // Never say "fraud" to the shopper: the issuer's reason is private and may be wrong.
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "Your bank couldn't approve this payment. Contact your bank or use another card.",
      id: 'Bank Anda tidak dapat menyetujui pembayaran ini. Hubungi bank Anda atau gunakan kartu lain.',
    },
  },
  frequency_limit_exceeded: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your card has reached its limit on the number of transactions for now. Use another card or contact your bank.',
      id: 'Kartu Anda sudah mencapai batas jumlah transaksi untuk saat ini. Gunakan kartu lain atau hubungi bank Anda.',
    },
  },
  amount_limit_exceeded: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "This payment is above your card's transaction limit. Use another card or contact your bank.",
      id: 'Jumlah pembayaran ini melebihi batas transaksi kartu Anda. Gunakan kartu lain atau hubungi bank Anda.',
    },
  },
  account_limit_exceeded: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your account has reached its spending limit. Use another card or contact your bank.',
      id: 'Rekening Anda sudah mencapai batas pemakaiannya. Gunakan kartu lain atau hubungi bank Anda.',
    },
  },
  card_blocked: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your card is blocked. Contact your bank or use another card.',
      id: 'Kartu Anda sedang diblokir. Hubungi bank Anda atau gunakan kartu lain.',
    },
  },
  card_expired: {
    httpStatus: 402,
    retryable: false,
    field: 'expiryDate',
    copy: {
      en: 'Your card has expired. Please use another card.',
      id: 'Kartu Anda sudah kedaluwarsa. Silakan gunakan kartu lain.',
    },
  },
  card_inactive: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "Your card isn't active. Activate it with your bank or use another card.",
      id: 'Kartu Anda belum aktif. Aktifkan melalui bank Anda atau gunakan kartu lain.',
    },
  },
  dormant_account: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "Your card account is inactive because it hasn't been used for a long time. Contact your bank to reactivate it.",
      id: 'Rekening kartu Anda tidak aktif karena lama tidak digunakan. Hubungi bank Anda untuk mengaktifkannya kembali.',
    },
  },
  transaction_not_permitted: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "This card can't be used for this kind of payment. Use another card.",
      id: 'Kartu ini tidak dapat digunakan untuk jenis pembayaran ini. Gunakan kartu lain.',
    },
  },
  request_not_permitted: {
    // KKI case 12 on unbinding or refund ("Transaction Not Permitted"; no one-time code is involved).
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "This request isn't permitted for this card or payment. Please contact the store.",
      id: 'Permintaan ini tidak diizinkan untuk kartu atau pembayaran ini. Silakan hubungi toko.',
    },
  },
  transaction_suspended: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: 'Your bank has put payments with this card on hold. Contact your bank for help.',
      id: 'Bank Anda sedang menangguhkan pembayaran dengan kartu ini. Hubungi bank Anda untuk bantuan.',
    },
  },

  // --- Saved-card limits ------------------------------------------------------------------------
  token_limit_required: {
    httpStatus: 402,
    retryable: true,
    copy: {
      en: "Set a spending limit for this saved card in your bank's app, then try again.",
      id: 'Atur batas transaksi untuk kartu tersimpan ini di aplikasi bank Anda, lalu coba lagi.',
    },
  },
  token_limit_exceeded: {
    httpStatus: 402,
    retryable: false,
    copy: {
      en: "This payment is above the limit set for this saved card. Raise the limit in your bank's app or use another card.",
      id: 'Pembayaran ini melebihi batas yang diatur untuk kartu tersimpan ini. Naikkan batasnya di aplikasi bank Anda atau gunakan kartu lain.',
    },
  },
  token_limit_invalid: {
    httpStatus: 422,
    retryable: true,
    copy: {
      en: "The spending limit you entered isn't valid. Enter a different amount and try again.",
      id: 'Batas transaksi yang Anda masukkan tidak valid. Masukkan jumlah lain, lalu coba lagi.',
    },
  },
  set_limit_not_allowed: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "A spending limit can't be set for this card.",
      id: 'Batas transaksi tidak dapat diatur untuk kartu ini.',
    },
  },

  // --- Card details -----------------------------------------------------------------------------
  invalid_cpan: LOCAL_KKI_ERRORS.invalid_cpan,
  no_card_record: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "Your bank doesn't recognise this card for this payment. Use another card or contact your bank.",
      id: 'Bank Anda tidak mengenali kartu ini untuk pembayaran ini. Gunakan kartu lain atau hubungi bank Anda.',
    },
  },
  no_issuer: {
    httpStatus: 422,
    retryable: true,
    field: 'cardNumber',
    copy: {
      en: "We couldn't tell which bank issued this card. Check the card number and try again.",
      id: 'Bank penerbit kartu ini tidak dapat dikenali. Periksa nomor kartu, lalu coba lagi.',
    },
  },
  bank_not_supported: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "Cards from your bank can't be used here yet. Use a card from another bank.",
      id: 'Kartu dari bank Anda belum dapat digunakan di sini. Gunakan kartu dari bank lain.',
    },
  },
  card_already_bound: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: 'This card is already saved to your account.',
      id: 'Kartu ini sudah tersimpan di akun Anda.',
    },
  },

  // --- One-time codes ---------------------------------------------------------------------------
  invalid_ott: {
    httpStatus: 422,
    retryable: true,
    field: 'ott',
    copy: {
      en: "The one-time code from your bank's app isn't valid. Check it, or create a new one, and try again.",
      id: 'Kode sekali pakai dari aplikasi bank Anda tidak valid. Periksa kembali atau buat kode baru, lalu coba lagi.',
    },
  },
  ott_expired: {
    httpStatus: 422,
    retryable: true,
    field: 'ott',
    copy: {
      en: "The one-time code from your bank's app has expired. Create a new code and try again.",
      id: 'Kode sekali pakai dari aplikasi bank Anda sudah kedaluwarsa. Buat kode baru, lalu coba lagi.',
    },
  },
  ott_rejected: {
    // KKI case 02 on binding or payment: "Invalid OTT / External Server Error" (seed 001).
    httpStatus: 422,
    retryable: true,
    field: 'ott',
    copy: {
      en: "Your bank didn't accept the one-time code, or couldn't be reached. Create a new code in your bank's app and try again.",
      id: 'Bank Anda tidak menerima kode sekali pakai, atau tidak dapat dihubungi. Buat kode baru di aplikasi bank Anda, lalu coba lagi.',
    },
  },
  ott_expired_or_not_permitted: {
    // KKI case 12 on binding or payment: "Transaction Not Permitted / OTT Expired" (seed 001).
    httpStatus: 422,
    retryable: true,
    field: 'ott',
    copy: {
      en: "The one-time code from your bank's app has expired, or your bank doesn't permit this transaction. Create a new code and try again; if it happens again, use another card.",
      id: 'Kode sekali pakai dari aplikasi bank Anda sudah kedaluwarsa, atau bank Anda tidak mengizinkan transaksi ini. Buat kode baru lalu coba lagi; jika terulang, gunakan kartu lain.',
    },
  },
  invalid_otp: {
    httpStatus: 422,
    retryable: true,
    field: 'otp',
    copy: {
      en: 'The verification code is incorrect. Check it and try again.',
      id: 'Kode verifikasi salah. Periksa kembali, lalu coba lagi.',
    },
  },
  otp_expired: LOCAL_KKI_ERRORS.otp_expired,
  otp_blocked: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: 'Too many incorrect verification codes, so verification is blocked for now. Contact your bank for help.',
      id: 'Terlalu banyak kode verifikasi yang salah, sehingga verifikasi diblokir untuk sementara. Hubungi bank Anda untuk bantuan.',
    },
  },
  otp_required: {
    // SNAP 403-13 "OTP Sent To Cardholder": a step, not a failure; the UI shows the code input.
    httpStatus: 422,
    retryable: true,
    field: 'otp',
    copy: {
      en: "We've sent a verification code to your phone. Enter it to continue.",
      id: 'Kode verifikasi sudah dikirim ke ponsel Anda. Masukkan kode tersebut untuk melanjutkan.',
    },
  },
  otp_not_requested: LOCAL_KKI_ERRORS.otp_not_requested,

  // --- Transaction state ------------------------------------------------------------------------
  payment_expired: LOCAL_KKI_ERRORS.payment_expired,
  transaction_not_found: {
    httpStatus: 404,
    retryable: false,
    copy: {
      en: "We couldn't find this payment. Please contact the store if you were charged.",
      id: 'Pembayaran ini tidak ditemukan. Silakan hubungi toko jika dana Anda sudah terpotong.',
    },
  },
  transaction_cancelled: LOCAL_KKI_ERRORS.transaction_cancelled,
  invalid_transaction_status: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: "This payment's status doesn't allow that action. Refresh the page to see the latest status.",
      id: 'Status pembayaran ini tidak memungkinkan tindakan tersebut. Muat ulang halaman untuk melihat status terbaru.',
    },
  },
  invalid_api_transition: {
    httpStatus: 409,
    retryable: true,
    copy: {
      en: 'The payment steps got out of order. Refresh the page and start again.',
      id: 'Langkah pembayaran tidak berurutan. Muat ulang halaman, lalu mulai lagi.',
    },
  },
  journey_not_found: {
    httpStatus: 410,
    retryable: true,
    copy: {
      en: 'Your payment session has ended. Please start again.',
      id: 'Sesi pembayaran Anda sudah berakhir. Silakan mulai lagi.',
    },
  },
  inconsistent_request: {
    httpStatus: 422,
    retryable: true,
    copy: {
      en: "The payment details don't match the earlier request. Refresh the page and try again.",
      id: 'Detail pembayaran tidak sesuai dengan permintaan sebelumnya. Muat ulang halaman, lalu coba lagi.',
    },
  },
  invalid_amount: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "The payment amount isn't valid. Please contact the store.",
      id: 'Jumlah pembayaran tidak valid. Silakan hubungi toko.',
    },
  },
  invalid_bill: {
    httpStatus: 422,
    retryable: false,
    copy: {
      en: "This bill isn't valid. Please check your order with the store.",
      id: 'Tagihan ini tidak valid. Silakan periksa pesanan Anda dengan toko.',
    },
  },
  already_paid: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: 'This order has already been paid.',
      id: 'Pesanan ini sudah dibayar.',
    },
  },
  duplicate_request: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: "We've already received this request. Check your payment status before doing anything else.",
      id: 'Permintaan ini sudah kami terima. Periksa status pembayaran Anda sebelum melakukan hal lain.',
    },
  },
  function_not_supported: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "This action isn't supported for this payment method.",
      id: 'Tindakan ini tidak didukung untuk metode pembayaran ini.',
    },
  },
  operation_not_allowed: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: "This action isn't allowed for this payment at the moment.",
      id: 'Tindakan ini tidak diizinkan untuk pembayaran ini saat ini.',
    },
  },

  // --- Request format -----------------------------------------------------------------------------
  bad_request: {
    httpStatus: 400,
    retryable: false,
    copy: {
      en: "Your payment details couldn't be processed. Please contact the store or choose another payment method.",
      id: 'Detail pembayaran Anda tidak dapat diproses. Silakan hubungi toko atau pilih metode pembayaran lain.',
    },
  },
  invalid_field_format: {
    httpStatus: 400,
    retryable: true,
    copy: {
      en: "Some details aren't in the right format. Check them and try again.",
      id: 'Ada data yang formatnya tidak sesuai. Periksa kembali, lalu coba lagi.',
    },
    fieldCopy: {
      en: "Your {field} isn't in the right format. Check it and try again.",
      id: 'Format {field} tidak sesuai. Periksa kembali, lalu coba lagi.',
    },
  },
  missing_mandatory_field: {
    httpStatus: 400,
    retryable: true,
    copy: {
      en: 'Some required details are missing. Fill them in and try again.',
      id: 'Ada data wajib yang belum diisi. Lengkapi, lalu coba lagi.',
    },
    fieldCopy: {
      en: 'Please fill in your {field}.',
      id: 'Mohon isi {field} Anda.',
    },
  },

  // --- The merchant's DOKU set-up -----------------------------------------------------------------
  unauthorized_signature: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "The store couldn't connect securely to its payment provider. Please contact the store or choose another payment method.",
      id: 'Toko tidak dapat terhubung dengan aman ke penyedia pembayarannya. Silakan hubungi toko atau pilih metode pembayaran lain.',
    },
  },
  invalid_access_token: {
    // The BFF refreshes the token and retries once itself; reaching the shopper means it is transient.
    httpStatus: 502,
    retryable: true,
    copy: {
      en: 'The connection to the payment provider was interrupted. Please try again.',
      id: 'Koneksi ke penyedia pembayaran terputus. Silakan coba lagi.',
    },
  },
  invalid_customer_token: {
    httpStatus: 502,
    retryable: true,
    copy: {
      en: 'Your saved card session has expired. Please try the payment again.',
      id: 'Sesi kartu tersimpan Anda sudah berakhir. Silakan ulangi pembayaran.',
    },
  },
  feature_not_allowed: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "This payment option isn't available at this store. Please choose another payment method.",
      id: 'Opsi pembayaran ini belum tersedia di toko ini. Silakan pilih metode pembayaran lain.',
    },
  },
  feature_unavailable_now: {
    httpStatus: 503,
    retryable: true,
    copy: {
      en: "This payment option can't be used right now. Please try again later.",
      id: 'Opsi pembayaran ini sedang tidak dapat digunakan. Silakan coba lagi nanti.',
    },
  },
  merchant_blacklisted: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "This store can't accept card payments at the moment. Please contact the store or choose another payment method.",
      id: 'Toko ini sedang tidak dapat menerima pembayaran kartu. Silakan hubungi toko atau pilih metode pembayaran lain.',
    },
  },
  merchant_limit_exceeded: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: 'This store has reached its card payment limit for now. Please choose another payment method.',
      id: 'Toko ini sudah mencapai batas pembayaran kartu untuk saat ini. Silakan pilih metode pembayaran lain.',
    },
  },
  merchant_not_registered: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "This store can't save cards yet. You can still pay without saving your card.",
      id: 'Toko ini belum dapat menyimpan kartu. Anda tetap bisa membayar tanpa menyimpan kartu.',
    },
  },
  invalid_merchant: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "The bank doesn't accept this store's payment set-up yet. Please contact the store or choose another payment method.",
      id: 'Bank belum menerima pengaturan pembayaran toko ini. Silakan hubungi toko atau pilih metode pembayaran lain.',
    },
  },
  partner_not_found: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "The store's payment account couldn't be found. Please contact the store.",
      id: 'Akun pembayaran toko tidak ditemukan. Silakan hubungi toko.',
    },
  },
  invalid_terminal: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "The store's card terminal isn't set up for this payment. Please contact the store.",
      id: 'Terminal kartu toko belum diatur untuk pembayaran ini. Silakan hubungi toko.',
    },
  },
  invalid_routing: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "This card can't be processed through the store's payment network. Use another card.",
      id: 'Kartu ini tidak dapat diproses melalui jaringan pembayaran toko. Gunakan kartu lain.',
    },
  },

  // --- DOKU or the issuer not answering properly --------------------------------------------------
  rate_limited: {
    httpStatus: 429,
    retryable: true,
    copy: {
      en: 'Too many attempts in a short time. Please wait a moment and try again.',
      id: 'Terlalu banyak percobaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.',
    },
  },
  doku_server_error: {
    httpStatus: 502,
    retryable: true,
    copy: {
      en: 'The payment provider ran into a problem. Please try again in a few moments.',
      id: 'Penyedia pembayaran sedang mengalami kendala. Silakan coba lagi beberapa saat lagi.',
    },
  },
  issuer_unavailable: {
    httpStatus: 502,
    retryable: true,
    copy: {
      en: "Your bank isn't responding right now. Please try again in a few moments.",
      id: 'Bank Anda sedang tidak merespons. Silakan coba lagi beberapa saat lagi.',
    },
  },
  doku_timeout: {
    // Safe to retry: every attempt carries the same idempotency key, so a late success is not repeated.
    httpStatus: 504,
    retryable: true,
    copy: {
      en: 'The payment is taking longer than usual. Please wait a moment and try again.',
      id: 'Pembayaran memerlukan waktu lebih lama dari biasanya. Tunggu sebentar, lalu coba lagi.',
    },
  },
  doku_unavailable: {
    httpStatus: 503,
    retryable: true,
    copy: {
      en: 'The payment service is temporarily unavailable. Please try again in a few minutes.',
      id: 'Layanan pembayaran sedang tidak tersedia untuk sementara. Silakan coba lagi dalam beberapa menit.',
    },
  },
  doku_bad_response: {
    // The outcome is unknown, so the shopper must check the status rather than pay again blindly.
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "We couldn't confirm the result of your payment. Check your payment status before paying again.",
      id: 'Hasil pembayaran Anda belum dapat dipastikan. Periksa status pembayaran Anda sebelum membayar lagi.',
    },
  },
  unknown_doku_error: {
    httpStatus: 502,
    retryable: false,
    copy: {
      en: "Your payment couldn't be processed. Please choose another payment method or contact the store.",
      id: 'Pembayaran Anda tidak dapat diproses. Silakan pilih metode pembayaran lain atau hubungi toko.',
    },
  },

  // --- Non-SNAP outcomes reported as a status -------------------------------------------------------
  refund_failed: LOCAL_KKI_ERRORS.refund_failed,
  card_removal_failed: {
    httpStatus: 502,
    retryable: true,
    copy: {
      en: "We couldn't remove this card. Please try again.",
      id: 'Kartu ini belum dapat dihapus. Silakan coba lagi.',
    },
  },

  // --- The BFF's own decisions --------------------------------------------------------------------
  validation_failed: {
    httpStatus: 400,
    retryable: true,
    copy: {
      en: 'Some details need your attention. Check the highlighted fields and try again.',
      id: 'Ada data yang perlu diperbaiki. Periksa kolom yang ditandai, lalu coba lagi.',
    },
    fieldCopy: {
      en: 'Please check your {field}.',
      id: 'Periksa kembali {field} Anda.',
    },
  },
  idempotency_key_reused: {
    // A key reused with a different body is a client bug; a reload starts a clean attempt.
    httpStatus: 422,
    retryable: true,
    copy: {
      en: 'This request clashes with an earlier one. Refresh the page and try again.',
      id: 'Permintaan ini bertabrakan dengan permintaan sebelumnya. Muat ulang halaman, lalu coba lagi.',
    },
  },
  payment_in_progress: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: 'A payment for this order is already being processed. Wait for it to finish.',
      id: 'Pembayaran untuk pesanan ini sedang diproses. Tunggu hingga selesai.',
    },
  },
  order_payment_open: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: 'This order already has a payment in progress. Finish that payment, or cancel it before paying another way.',
      id: 'Pesanan ini sudah memiliki pembayaran yang sedang berjalan. Selesaikan pembayaran itu, atau batalkan sebelum membayar dengan cara lain.',
    },
  },
  not_found: {
    httpStatus: 404,
    retryable: false,
    copy: {
      en: "We couldn't find what you were looking for. It may no longer be available.",
      id: 'Data yang Anda cari tidak ditemukan. Mungkin data tersebut sudah tidak tersedia.',
    },
  },
  card_not_found: {
    // Also answered for another customer's card, so card ids cannot be probed.
    httpStatus: 404,
    retryable: false,
    copy: {
      en: 'This saved card is no longer available. Refresh the page to see your cards.',
      id: 'Kartu tersimpan ini sudah tidak tersedia. Muat ulang halaman untuk melihat kartu Anda.',
    },
  },
  forbidden: {
    httpStatus: 403,
    retryable: false,
    copy: {
      en: "You don't have permission to do this.",
      id: 'Anda tidak memiliki izin untuk melakukan tindakan ini.',
    },
  },
  unauthenticated: {
    httpStatus: 401,
    retryable: true,
    copy: {
      en: 'Your session has ended. Please sign in again to continue.',
      id: 'Sesi Anda sudah berakhir. Silakan masuk kembali untuk melanjutkan.',
    },
  },
  merchant_unauthenticated: {
    // The merchant API (server to server): no key, or not one of the configured keys. Never a
    // customer's session, so the copy speaks to the shop's developer, not a shopper.
    httpStatus: 401,
    retryable: false,
    copy: {
      en: "The shop's server did not send a valid secret key for this request. Check its configuration.",
      id: 'Server toko tidak mengirim kunci rahasia yang sah untuk permintaan ini. Periksa konfigurasinya.',
    },
  },
  csrf_rejected: {
    httpStatus: 403,
    retryable: true,
    copy: {
      en: 'This page has been open too long. Refresh it and try again.',
      id: 'Halaman ini sudah terlalu lama terbuka. Muat ulang halaman, lalu coba lagi.',
    },
  },
  payload_too_large: {
    httpStatus: 413,
    retryable: false,
    copy: {
      en: 'Too much information was sent at once. Please shorten your entries.',
      id: 'Data yang dikirim terlalu banyak. Mohon persingkat isian Anda.',
    },
  },
  refund_exceeds_remaining: {
    httpStatus: 422,
    retryable: true,
    field: 'amount',
    copy: {
      en: 'The refund is more than the amount left to refund on this payment. Enter a smaller amount.',
      id: 'Jumlah pengembalian dana melebihi sisa yang dapat dikembalikan untuk pembayaran ini. Masukkan jumlah yang lebih kecil.',
    },
  },
  refund_not_authorized: {
    httpStatus: 403,
    retryable: false,
    copy: {
      en: "You aren't allowed to refund this payment.",
      id: 'Anda tidak diizinkan mengembalikan dana pembayaran ini.',
    },
  },
  payment_not_refundable: {
    httpStatus: 409,
    retryable: false,
    copy: {
      en: "This payment can't be refunded.",
      id: 'Dana pembayaran ini tidak dapat dikembalikan.',
    },
  },
  internal_error: LOCAL_KKI_ERRORS.internal_error,
});
