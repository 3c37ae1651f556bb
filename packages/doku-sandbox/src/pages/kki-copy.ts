// Text of the sandbox's KKI pages (the binding's OTP page, the issuer-app confirmation) in the shop's
// language: the BFF puts it on the page URL offline (`OFFLINE_PAGE_LANGUAGE_PARAM`, a guess: DOKU's
// KKI requests carry no language). English when absent, like DOKU's card page default.
import { OFFLINE_PAGE_LANGUAGE_PARAM } from '@kki-kit/doku';
import type { Context } from 'hono';
import type { Payment } from '../snap/store.js';

/** Everything the KKI pages say. */
export interface KkiPageCopy {
  htmlLang: 'en' | 'id';
  linkNotValid: string;
  otpLinkNotValid: string;
  paymentLinkNotValid: string;
  verifyTitle: string;
  card: string;
  issuer: string;
  otp: string;
  otpHint: (code: string) => string;
  verify: string;
  cancel: string;
  wrongOtp: (left: number) => string;
  bound: { title: string; message: string };
  notBound: { title: string; message: string };
  confirmTitle: (issuer: string) => string;
  mobileBanking: string;
  confirmQuestion: string;
  merchant: string;
  type: string;
  reference: string;
  kinds: Record<Payment['kind'], string>;
  approve: string;
  decline: string;
  issuerHint: string;
  approved: { title: string; message: string };
  expired: { title: string; message: string };
  declined: { title: string; message: string };
  returnToMerchant: string;
  closeWindow: string;
}

const EN: KkiPageCopy = {
  htmlLang: 'en',
  linkNotValid: 'Link not valid',
  otpLinkNotValid: 'This verification link is not valid.',
  paymentLinkNotValid: 'This payment link is not valid.',
  verifyTitle: 'Verify your card',
  card: 'Card',
  issuer: 'Issuer',
  otp: 'One-time code (OTP)',
  otpHint: (code) => `Sandbox: the code is ${code}. Any other code is wrong.`,
  verify: 'Verify',
  cancel: 'Cancel',
  wrongOtp: (n) => `That code is not correct. ${n} ${n === 1 ? 'attempt' : 'attempts'} left.`,
  bound: { title: 'Card registered', message: 'Your card has been registered.' },
  notBound: { title: 'Card not registered', message: 'Your card could not be registered.' },
  confirmTitle: (issuer) => `${issuer}: confirm payment`,
  mobileBanking: 'Mobile banking',
  confirmQuestion: 'Confirm this payment?',
  merchant: 'Merchant',
  type: 'Type',
  reference: 'Reference',
  kinds: {
    single: 'One-time payment',
    bind_and_pay: 'Payment, card saved for later',
    token: 'Payment with saved card',
    no_auth: 'Recurring payment',
  },
  approve: 'Approve',
  decline: 'Decline',
  issuerHint: "Sandbox: this page stands in for the card issuer's app.",
  approved: { title: 'Payment approved', message: 'The payment was approved.' },
  expired: { title: 'Payment expired', message: 'The time to confirm this payment has run out.' },
  declined: { title: 'Payment declined', message: 'The payment was not approved.' },
  returnToMerchant: 'Return to the merchant',
  closeWindow: 'You can close this window.',
};

const ID: KkiPageCopy = {
  htmlLang: 'id',
  linkNotValid: 'Tautan tidak valid',
  otpLinkNotValid: 'Tautan verifikasi ini tidak valid.',
  paymentLinkNotValid: 'Tautan pembayaran ini tidak valid.',
  verifyTitle: 'Verifikasi kartu Anda',
  card: 'Kartu',
  issuer: 'Penerbit',
  otp: 'Kode sekali pakai (OTP)',
  otpHint: (code) => `Sandbox: kodenya ${code}. Kode lain selalu salah.`,
  verify: 'Verifikasi',
  cancel: 'Batal',
  wrongOtp: (n) => `Kode tidak benar. Sisa ${n} kali percobaan.`,
  bound: { title: 'Kartu terdaftar', message: 'Kartu Anda sudah terdaftar.' },
  notBound: { title: 'Kartu tidak terdaftar', message: 'Kartu Anda tidak dapat didaftarkan.' },
  confirmTitle: (issuer) => `${issuer}: konfirmasi pembayaran`,
  mobileBanking: 'Mobile banking',
  confirmQuestion: 'Konfirmasi pembayaran ini?',
  merchant: 'Merchant',
  type: 'Jenis',
  reference: 'Referensi',
  kinds: {
    single: 'Pembayaran sekali',
    bind_and_pay: 'Pembayaran, kartu disimpan untuk nanti',
    token: 'Pembayaran dengan kartu tersimpan',
    no_auth: 'Pembayaran berulang',
  },
  approve: 'Setujui',
  decline: 'Tolak',
  issuerHint: 'Sandbox: halaman ini menggantikan aplikasi bank penerbit kartu.',
  approved: { title: 'Pembayaran disetujui', message: 'Pembayaran sudah disetujui.' },
  expired: {
    title: 'Pembayaran kedaluwarsa',
    message: 'Waktu untuk mengonfirmasi pembayaran ini sudah habis.',
  },
  declined: { title: 'Pembayaran ditolak', message: 'Pembayaran tidak disetujui.' },
  returnToMerchant: 'Kembali ke merchant',
  closeWindow: 'Anda dapat menutup jendela ini.',
};

/** The copy in `lang`. */
export function kkiPageCopyIn(lang: 'en' | 'id'): KkiPageCopy {
  return lang === 'id' ? ID : EN;
}

/** The copy for the language on the request's URL (`?lang=id` or `en`); English otherwise. */
export function kkiPageCopy(c: Context): KkiPageCopy {
  return kkiPageCopyIn(c.req.query(OFFLINE_PAGE_LANGUAGE_PARAM) === 'id' ? 'id' : 'en');
}
