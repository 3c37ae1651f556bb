// Text of the hosted Cards pages in the two languages DOKU's page offers
// (`override_configuration.themes.language`: EN | ID, doku-api.md §7.1).
import type { CardField, CardFieldError } from '../cards/checkout.js';

/** Page language: DOKU's `EN` / `ID`. */
export type CardPageLanguage = 'EN' | 'ID';

/** Everything the card pages say. */
export interface CardCopy {
  htmlLang: string;
  sandboxBanner: string;
  title: string;
  invoice: string;
  amount: string;
  items: string;
  cardNumber: string;
  expiry: string;
  expiryHint: string;
  cvv: string;
  cvvHint: (digits: number) => string;
  name: string;
  tenor: string;
  tenorOption: (months: number) => string;
  /** An installment plan: the bank's name, the months, each month's amount (formatted). */
  plan: (bank: string, months: number, monthly: string) => string;
  saveCard: string;
  savedCard: string;
  anotherCard: string;
  pay: (amount: string) => string;
  promo: (discount: string, final: string) => string;
  acceptedCards: string;
  errorSummary: string;
  errors: Record<CardField, Partial<Record<CardFieldError, string>>>;
  belowMinimum: (min: string) => string;
  threeDsTitle: string;
  threeDsBody: (amount: string, merchant: string) => string;
  otp: string;
  otpHint: string;
  wrongOtp: (left: number) => string;
  confirm: string;
  cancel: string;
  success: string;
  authorized: string;
  failed: string;
  failedReason: (message: string) => string;
  approvalCode: string;
  card: string;
  installment: (months: number) => string;
  backToMerchant: string;
  closeWindow: string;
  expiredTitle: string;
  expiredBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  redirecting: string;
}

const EN: CardCopy = {
  htmlLang: 'en',
  sandboxBanner: 'DOKU sandbox: use test cards only',
  title: 'Card payment',
  invoice: 'Invoice',
  amount: 'Amount',
  items: 'Items',
  cardNumber: 'Card number',
  expiry: 'Expiry date',
  expiryHint: 'MM/YY',
  cvv: 'CVV',
  cvvHint: (n) => `${n} digits on the back of the card (front for AMEX)`,
  name: 'Name on card',
  tenor: 'Installment plan',
  tenorOption: (m) => (m === 0 ? 'Pay in full' : `${m} months`),
  plan: (b, m, x) => `${b}: ${m} × ${x}/month`,
  saveCard: 'Save this card for my next payment',
  savedCard: 'Saved card',
  anotherCard: 'Use another card',
  pay: (a) => `Pay ${a}`,
  promo: (d, f) => `Promo for this card: ${d} off. You pay ${f}.`,
  acceptedCards: 'VISA, Mastercard, JCB and AMEX accepted',
  errorSummary: 'Please check the highlighted fields.',
  errors: {
    cardNumber: {
      required: 'Enter the card number.',
      invalid: 'Enter a valid card number.',
      unsupportedBrand: 'Only VISA, Mastercard, JCB and AMEX cards are accepted.',
      binNotAllowed: 'This card cannot be used for this payment.',
      installmentNotEligible: 'This card is not eligible for this installment plan.',
    },
    expiry: {
      required: 'Enter the expiry date.',
      invalid: 'Enter the expiry date as MM/YY.',
      expired: 'This card has expired.',
    },
    cvv: { required: 'Enter the CVV.', invalid: 'Enter the CVV printed on the card.' },
    name: { required: 'Enter the name on the card.', invalid: 'Use letters only for the name.' },
    tenor: { invalid: 'Choose an installment plan.' },
    disclaimer: { required: 'Please agree to continue.' },
  },
  belowMinimum: (min) => `The amount is below the installment minimum of ${min}.`,
  threeDsTitle: '3-D Secure verification',
  threeDsBody: (a, m) =>
    `Your bank sent a one-time password. Enter it to confirm the payment of ${a} to ${m}.`,
  otp: 'One-time password (OTP)',
  otpHint: 'Sandbox: the OTP is 123456.',
  wrongOtp: (n) => `Wrong OTP. ${n} ${n === 1 ? 'attempt' : 'attempts'} left.`,
  confirm: 'Confirm',
  cancel: 'Cancel payment',
  success: 'Payment successful',
  authorized: 'Payment authorized',
  failed: 'Payment failed',
  failedReason: (m) => `The bank declined the payment (${m}).`,
  approvalCode: 'Approval code',
  card: 'Card',
  installment: (m) => `Installment: ${m} months`,
  backToMerchant: 'Return to merchant',
  closeWindow: 'You can close this page.',
  expiredTitle: 'Payment page expired',
  expiredBody: 'This payment page is no longer valid. Go back to the merchant to start again.',
  notFoundTitle: 'Payment page not found',
  notFoundBody: 'This link is not valid. Go back to the merchant to start again.',
  redirecting: 'Returning to the merchant…',
};

const ID: CardCopy = {
  htmlLang: 'id',
  sandboxBanner: 'Sandbox DOKU: gunakan kartu uji saja',
  title: 'Pembayaran kartu',
  invoice: 'Nomor tagihan',
  amount: 'Jumlah',
  items: 'Barang',
  cardNumber: 'Nomor kartu',
  expiry: 'Masa berlaku',
  expiryHint: 'BB/TT',
  cvv: 'CVV',
  cvvHint: (n) => `${n} digit di belakang kartu (depan untuk AMEX)`,
  name: 'Nama pada kartu',
  tenor: 'Pilihan cicilan',
  tenorOption: (m) => (m === 0 ? 'Bayar penuh' : `${m} bulan`),
  plan: (b, m, x) => `${b}: ${m} × ${x}/bulan`,
  saveCard: 'Simpan kartu ini untuk pembayaran berikutnya',
  savedCard: 'Kartu tersimpan',
  anotherCard: 'Gunakan kartu lain',
  pay: (a) => `Bayar ${a}`,
  promo: (d, f) => `Promo untuk kartu ini: potongan ${d}. Anda membayar ${f}.`,
  acceptedCards: 'Menerima VISA, Mastercard, JCB, dan AMEX',
  errorSummary: 'Periksa kembali isian yang ditandai.',
  errors: {
    cardNumber: {
      required: 'Masukkan nomor kartu.',
      invalid: 'Masukkan nomor kartu yang valid.',
      unsupportedBrand: 'Hanya kartu VISA, Mastercard, JCB, dan AMEX yang diterima.',
      binNotAllowed: 'Kartu ini tidak dapat digunakan untuk pembayaran ini.',
      installmentNotEligible: 'Kartu ini tidak dapat digunakan untuk cicilan ini.',
    },
    expiry: {
      required: 'Masukkan masa berlaku.',
      invalid: 'Masukkan masa berlaku dengan format BB/TT.',
      expired: 'Kartu ini sudah kedaluwarsa.',
    },
    cvv: { required: 'Masukkan CVV.', invalid: 'Masukkan CVV yang tertera pada kartu.' },
    name: { required: 'Masukkan nama pada kartu.', invalid: 'Gunakan huruf saja untuk nama.' },
    tenor: { invalid: 'Pilih cicilan.' },
    disclaimer: { required: 'Setujui untuk melanjutkan.' },
  },
  belowMinimum: (min) => `Jumlah di bawah minimum cicilan sebesar ${min}.`,
  threeDsTitle: 'Verifikasi 3-D Secure',
  threeDsBody: (a, m) =>
    `Bank Anda mengirim kode sekali pakai. Masukkan kode untuk mengonfirmasi pembayaran ${a} ke ${m}.`,
  otp: 'Kode sekali pakai (OTP)',
  otpHint: 'Sandbox: kode OTP adalah 123456.',
  wrongOtp: (n) => `Kode OTP salah. Sisa ${n} kali percobaan.`,
  confirm: 'Konfirmasi',
  cancel: 'Batalkan pembayaran',
  success: 'Pembayaran berhasil',
  authorized: 'Pembayaran diotorisasi',
  failed: 'Pembayaran gagal',
  failedReason: (m) => `Bank menolak pembayaran (${m}).`,
  approvalCode: 'Kode persetujuan',
  card: 'Kartu',
  installment: (m) => `Cicilan: ${m} bulan`,
  backToMerchant: 'Kembali ke merchant',
  closeWindow: 'Anda dapat menutup halaman ini.',
  expiredTitle: 'Halaman pembayaran kedaluwarsa',
  expiredBody: 'Halaman pembayaran ini sudah tidak berlaku. Kembali ke merchant untuk mengulang.',
  notFoundTitle: 'Halaman pembayaran tidak ditemukan',
  notFoundBody: 'Tautan ini tidak valid. Kembali ke merchant untuk mengulang.',
  redirecting: 'Kembali ke merchant…',
};

/** The copy for a page language (EN when absent, DOKU's default). */
export function cardCopy(language: CardPageLanguage | undefined): CardCopy {
  return language === 'ID' ? ID : EN;
}
