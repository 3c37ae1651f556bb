/**
 * Error copy written for each flow's reader. The catalogue's own copy is written for a shopper paying;
 * binding a card rewords what speaks of "this payment"; a refund is read by store staff (what DOKU or
 * the bank refused, and what staff can do); removing a saved card is read by the card's owner (the
 * card is still saved). Keyed by the codes `flows.ts` finds for each flow; a test checks none is missing.
 */
import type { LocalizedText } from '../locale.js';
import type { KkiErrorCode } from './codes.js';

/** The copy flows: who reads, doing what. */
export type KkiCopyFlow = 'payment' | 'binding' | 'refund' | 'card_removal';

type CopyTable = { readonly [C in KkiErrorCode]?: LocalizedText };

/** Why DOKU or the bank refused, as a short clause both staff and card owners can read. */
type Reason = readonly [en: string, id: string];

const R = {
  invalid_cpan: ['card number not recognised', 'nomor kartu tidak dikenali'],
  request_not_permitted: ['not permitted for this card', 'tidak diizinkan untuk kartu ini'],
  insufficient_funds: [
    'insufficient credit limit or funds on the card',
    'limit atau dana kartu tidak mencukupi',
  ],
  transaction_not_permitted: ['transaction type not permitted', 'jenis transaksi tidak diizinkan'],
  bad_request: ['request format rejected', 'format permintaan ditolak'],
  invalid_field_format: ['a field has an invalid format', 'format salah satu isian tidak valid'],
  missing_mandatory_field: ['a required field is missing', 'ada isian wajib yang kosong'],
  invalid_access_token: ['access token rejected', 'token akses ditolak'],
  issuer_unavailable: ["the card's bank could not be reached", 'bank penerbit kartu tidak dapat dihubungi'],
  suspected_fraud: ["held by the bank's risk checks", 'tertahan oleh pemeriksaan risiko bank'],
  frequency_limit_exceeded: ['too many transactions on the card', 'terlalu banyak transaksi pada kartu'],
  do_not_honor: ['declined by the bank (do not honor)', 'ditolak bank (do not honor)'],
  no_card_record: ['the bank has no record of the card', 'bank tidak memiliki data kartu ini'],
  feature_unavailable_now: ['the service is unavailable at this time', 'layanan sedang tidak tersedia'],
  card_blocked: ['card blocked', 'kartu diblokir'],
  dormant_account: ['dormant card account', 'rekening kartu dorman (tidak aktif lama)'],
  token_limit_required: ['card token limit not set', 'batas token kartu belum diatur'],
  transaction_suspended: ['transactions on the card suspended', 'transaksi kartu ditangguhkan'],
  token_limit_exceeded: ['card token limit exceeded', 'batas token kartu terlampaui'],
  card_inactive: ['card inactive', 'kartu tidak aktif'],
  merchant_blacklisted: ['the store is blacklisted', 'toko masuk daftar hitam'],
  merchant_limit_exceeded: ["the store's limit is reached", 'batas toko sudah tercapai'],
  set_limit_not_allowed: ['limit setting not allowed', 'pengaturan batas tidak diizinkan'],
  token_limit_invalid: ['card token limit invalid', 'batas token kartu tidak valid'],
  account_limit_exceeded: ['account limit exceeded', 'batas rekening terlampaui'],
  otp_not_requested: ['the one-time code step was skipped', 'langkah kode OTP terlewat'],
  journey_not_found: ['the transaction journey was not found', 'alur transaksi tidak ditemukan'],
  no_issuer: ['no issuer for this card', 'penerbit kartu tidak ditemukan'],
  invalid_api_transition: ['steps out of order', 'urutan langkah tidak valid'],
  partner_not_found: ['the store is not registered as a partner', 'toko tidak terdaftar sebagai mitra'],
  invalid_terminal: ["the store's terminal is not set up", 'terminal toko belum diatur'],
  inconsistent_request: ['the request differs from an earlier one', 'permintaan berbeda dari sebelumnya'],
  rate_limited: ['too many requests', 'terlalu banyak permintaan'],
  doku_timeout: ['DOKU did not answer in time', 'DOKU tidak merespons tepat waktu'],
  invalid_merchant: ['the store is not recognised', 'toko tidak dikenali'],
  unauthorized_signature: ['request signature rejected', 'tanda tangan permintaan ditolak'],
  doku_server_error: ['DOKU server error', 'kesalahan server DOKU'],
  payment_expired: ['the request expired', 'permintaan sudah kedaluwarsa'],
  invalid_amount: ['amount rejected', 'jumlah ditolak'],
  invalid_transaction_status: [
    "the card's status does not allow it",
    'status kartu tidak mengizinkan transaksi ini',
  ],
} as const satisfies { readonly [C in KkiErrorCode]?: Reason };

type Reasoned = keyof typeof R;
type Kind = 'bank' | 'setup' | 'later';

/** How each refusal reads: the bank refused, the store's DOKU setup is wrong, or try again later. */
const KIND: { readonly [C in Reasoned]: Kind } = {
  invalid_cpan: 'bank',
  request_not_permitted: 'bank',
  insufficient_funds: 'bank',
  transaction_not_permitted: 'bank',
  suspected_fraud: 'bank',
  frequency_limit_exceeded: 'bank',
  do_not_honor: 'bank',
  no_card_record: 'bank',
  card_blocked: 'bank',
  dormant_account: 'bank',
  token_limit_required: 'bank',
  transaction_suspended: 'bank',
  token_limit_exceeded: 'bank',
  card_inactive: 'bank',
  set_limit_not_allowed: 'bank',
  token_limit_invalid: 'bank',
  account_limit_exceeded: 'bank',
  no_issuer: 'bank',
  invalid_transaction_status: 'bank',
  bad_request: 'setup',
  invalid_field_format: 'setup',
  missing_mandatory_field: 'setup',
  invalid_access_token: 'setup',
  merchant_blacklisted: 'setup',
  merchant_limit_exceeded: 'setup',
  otp_not_requested: 'setup',
  journey_not_found: 'setup',
  invalid_api_transition: 'setup',
  partner_not_found: 'setup',
  invalid_terminal: 'setup',
  inconsistent_request: 'setup',
  invalid_merchant: 'setup',
  unauthorized_signature: 'setup',
  invalid_amount: 'setup',
  issuer_unavailable: 'later',
  feature_unavailable_now: 'later',
  rate_limited: 'later',
  doku_timeout: 'later',
  doku_server_error: 'later',
  payment_expired: 'later',
};

const STAFF: { readonly [K in Kind]: (reason: Reason) => LocalizedText } = {
  bank: ([en, id]) => ({
    en: `The card's bank refused this refund (${en}). Nothing was refunded; refund the shopper another way or ask DOKU support.`,
    id: `Bank penerbit kartu menolak pengembalian dana ini (${id}). Tidak ada dana yang dikembalikan; kembalikan dana pembeli dengan cara lain atau hubungi tim dukungan DOKU.`,
  }),
  setup: ([en, id]) => ({
    en: `DOKU refused this refund because of the store's DOKU setup (${en}). Nothing was refunded; check the DOKU settings or contact DOKU support with the request ID.`,
    id: `DOKU menolak pengembalian dana ini karena pengaturan DOKU toko (${id}). Tidak ada dana yang dikembalikan; periksa pengaturan DOKU atau hubungi tim dukungan DOKU dengan menyertakan ID permintaan.`,
  }),
  later: ([en, id]) => ({
    en: `The refund could not be sent (${en}). Nothing was refunded yet; try again in a few minutes.`,
    id: `Pengembalian dana tidak dapat dikirim (${id}). Belum ada dana yang dikembalikan; coba lagi dalam beberapa menit.`,
  }),
};

const ACCOUNT: { readonly [K in Kind]: (reason: Reason) => LocalizedText } = {
  bank: ([en, id]) => ({
    en: `Your bank didn't let us remove this card (${en}). The card is still saved; contact your bank or try again later.`,
    id: `Bank Anda tidak mengizinkan kartu ini dihapus (${id}). Kartu masih tersimpan; hubungi bank Anda atau coba lagi nanti.`,
  }),
  setup: ([en, id]) => ({
    en: `We couldn't remove this card because of a problem with the store's card service (${en}). The card is still saved; please contact the store.`,
    id: `Kartu ini tidak dapat dihapus karena ada masalah pada layanan kartu toko (${id}). Kartu masih tersimpan; silakan hubungi toko.`,
  }),
  later: ([en, id]) => ({
    en: `We couldn't remove this card right now (${en}). The card is still saved; try again in a few minutes.`,
    id: `Kartu ini belum dapat dihapus saat ini (${id}). Kartu masih tersimpan; coba lagi dalam beberapa menit.`,
  }),
};

function reasoned(templates: typeof STAFF): CopyTable {
  const table: Partial<Record<KkiErrorCode, LocalizedText>> = {};
  for (const code of Object.keys(R) as Reasoned[]) table[code] = templates[KIND[code]](R[code]);
  return table;
}

/** Store staff refunding a payment. */
const REFUND_COPY: CopyTable = {
  ...reasoned(STAFF),
  transaction_not_found: {
    en: "DOKU can't find the payment this refund is for. Nothing was refunded; check the payment in the DOKU dashboard.",
    id: 'DOKU tidak menemukan pembayaran untuk pengembalian dana ini. Tidak ada dana yang dikembalikan; periksa pembayaran di dasbor DOKU.',
  },
  payment_expired: {
    en: 'DOKU no longer accepts a refund of this payment. Nothing was refunded; refund the shopper another way.',
    id: 'DOKU tidak lagi menerima pengembalian dana untuk pembayaran ini. Tidak ada dana yang dikembalikan; kembalikan dana pembeli dengan cara lain.',
  },
  invalid_amount: {
    en: 'DOKU refused the refund amount. Check it is no more than what is left to refund, then try again.',
    id: 'DOKU menolak jumlah pengembalian dana. Pastikan tidak melebihi sisa yang dapat dikembalikan, lalu coba lagi.',
  },
  duplicate_request: {
    en: 'DOKU already has a refund request with this reference. Check the refund history before trying again.',
    id: 'DOKU sudah menerima permintaan pengembalian dana dengan referensi ini. Periksa riwayat pengembalian dana sebelum mencoba lagi.',
  },
  invalid_transaction_status: {
    en: "The payment's status at DOKU doesn't allow a refund now. Refresh to see its latest status.",
    id: 'Status pembayaran di DOKU tidak memungkinkan pengembalian dana saat ini. Muat ulang untuk melihat status terbaru.',
  },
  refund_failed: {
    en: 'DOKU reported this refund as failed. Nothing was refunded; try again or refund the shopper another way.',
    id: 'DOKU melaporkan pengembalian dana ini gagal. Tidak ada dana yang dikembalikan; coba lagi atau kembalikan dana pembeli dengan cara lain.',
  },
};

/** The card's owner removing a saved card. */
const CARD_REMOVAL_COPY: CopyTable = {
  ...reasoned(ACCOUNT),
  transaction_not_found: {
    en: "The card service can't find this saved card. Refresh the list to see your saved cards.",
    id: 'Layanan kartu tidak menemukan kartu tersimpan ini. Muat ulang daftar untuk melihat kartu tersimpan Anda.',
  },
  duplicate_request: {
    en: "This card's removal is already under way. Refresh the list in a moment to see whether it is gone.",
    id: 'Penghapusan kartu ini sedang diproses. Muat ulang daftar sebentar lagi untuk melihat apakah kartu sudah terhapus.',
  },
  card_removal_failed: {
    en: "The card service couldn't remove this card. The card is still saved; please try again.",
    id: 'Layanan kartu tidak dapat menghapus kartu ini. Kartu masih tersimpan; silakan coba lagi.',
  },
};

/** The shopper binding a card: only codes whose catalogue copy speaks of a payment are reworded. */
const BINDING_COPY: CopyTable = {
  bad_request: {
    en: "Your card details couldn't be processed. Please check them or contact the store.",
    id: 'Detail kartu Anda tidak dapat diproses. Periksa kembali atau hubungi toko.',
  },
  duplicate_request: {
    en: "We've already received this request. Check your saved cards before adding the card again.",
    id: 'Permintaan ini sudah kami terima. Periksa kartu tersimpan Anda sebelum menambahkan kartu lagi.',
  },
  doku_server_error: {
    en: 'The card service ran into a problem. Please try again in a few moments.',
    id: 'Layanan kartu sedang mengalami kendala. Silakan coba lagi beberapa saat lagi.',
  },
  doku_timeout: {
    en: 'Saving your card is taking longer than usual. Please wait a moment and try again.',
    id: 'Penyimpanan kartu memerlukan waktu lebih lama dari biasanya. Tunggu sebentar, lalu coba lagi.',
  },
  invalid_access_token: {
    en: "The connection to the store's card service was interrupted. Please try again.",
    id: 'Koneksi ke layanan kartu toko terputus. Silakan coba lagi.',
  },
  feature_unavailable_now: {
    en: "Cards can't be saved right now. Please try again later.",
    id: 'Kartu sedang tidak dapat disimpan. Silakan coba lagi nanti.',
  },
  journey_not_found: {
    en: 'Your card-saving session has ended. Please start again.',
    id: 'Sesi penyimpanan kartu Anda sudah berakhir. Silakan mulai lagi.',
  },
  no_card_record: {
    en: "Your bank doesn't recognise this card. Use another card or contact your bank.",
    id: 'Bank Anda tidak mengenali kartu ini. Gunakan kartu lain atau hubungi bank Anda.',
  },
  invalid_api_transition: {
    en: 'The card-saving steps got out of order. Refresh the page and start again.',
    id: 'Langkah penyimpanan kartu tidak berurutan. Muat ulang halaman, lalu mulai lagi.',
  },
  invalid_amount: {
    en: "Your bank couldn't verify this card. Please contact the store.",
    id: 'Bank Anda tidak dapat memverifikasi kartu ini. Silakan hubungi toko.',
  },
  transaction_suspended: {
    en: 'Your bank has put this card on hold. Contact your bank for help.',
    id: 'Bank Anda sedang menangguhkan kartu ini. Hubungi bank Anda untuk bantuan.',
  },
  partner_not_found: {
    en: "The store's card service account couldn't be found. Please contact the store.",
    id: 'Akun layanan kartu toko tidak ditemukan. Silakan hubungi toko.',
  },
  token_limit_exceeded: {
    en: "This card has reached the number of stores it can be saved to. Remove it elsewhere in your bank's app or use another card.",
    id: 'Kartu ini sudah mencapai batas jumlah toko tempat kartu dapat disimpan. Hapus dari toko lain di aplikasi bank Anda atau gunakan kartu lain.',
  },
  invalid_terminal: {
    en: "The store's card terminal isn't set up for saving cards. Please contact the store.",
    id: 'Terminal kartu toko belum diatur untuk menyimpan kartu. Silakan hubungi toko.',
  },
  inconsistent_request: {
    en: "The card details don't match the earlier request. Refresh the page and try again.",
    id: 'Detail kartu tidak sesuai dengan permintaan sebelumnya. Muat ulang halaman, lalu coba lagi.',
  },
  merchant_blacklisted: {
    en: "This store can't save cards at the moment. Please contact the store.",
    id: 'Toko ini sedang tidak dapat menyimpan kartu. Silakan hubungi toko.',
  },
  payment_expired: {
    en: 'The time to save this card has run out. Please start again.',
    id: 'Batas waktu penyimpanan kartu ini sudah habis. Silakan mulai lagi.',
  },
  merchant_limit_exceeded: {
    en: 'This store has reached its limit for saving cards for now. Please try again later.',
    id: 'Toko ini sudah mencapai batas penyimpanan kartu untuk saat ini. Silakan coba lagi nanti.',
  },
  insufficient_funds: {
    en: "Your bank couldn't verify this card because its available limit is too low. Try another card.",
    id: 'Bank Anda tidak dapat memverifikasi kartu ini karena sisa limitnya tidak mencukupi. Coba kartu lain.',
  },
  suspected_fraud: {
    en: "Your bank couldn't approve saving this card. Contact your bank or use another card.",
    id: 'Bank Anda tidak dapat menyetujui penyimpanan kartu ini. Hubungi bank Anda atau gunakan kartu lain.',
  },
  transaction_not_permitted: {
    en: "This card can't be saved to your account. Use another card.",
    id: 'Kartu ini tidak dapat disimpan ke akun Anda. Gunakan kartu lain.',
  },
};

/** Per copy flow, the wording written for its reader (payment uses the catalogue's own copy). */
export const KKI_FLOW_COPY: { readonly [F in KkiCopyFlow]: CopyTable } = {
  payment: {},
  binding: BINDING_COPY,
  refund: REFUND_COPY,
  card_removal: CARD_REMOVAL_COPY,
};
