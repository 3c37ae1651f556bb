// Bahasa Indonesia text that more than one component shows (the card fields, the countdown, error
// panels' buttons, issuers' names): the only section KkiProvider carries.
import { issuerById } from '@kki-kit/contract';
import type { KkiSharedCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiSharedCopy}. */
export const ID_SHARED: KkiSharedCopy = {
  cardNumberLabel: 'Nomor kartu',
  cardNumberHint: '16 sampai 19 digit di bagian depan kartu Anda.',
  cardNumberRequired: 'Masukkan nomor kartu Anda.',
  cardNumberLength: 'Nomor kartu terdiri dari 16 sampai 19 digit.',
  issuerDetected: (name) => `Kartu ${name}`,
  otpLabel: 'Kode verifikasi (OTP)',
  otpHint: 'Kami kirim lewat SMS ke nomor ponsel yang terdaftar di bank Anda.',
  otpRequired: 'Masukkan kode verifikasi dari SMS.',
  otpInvalid: 'Kode verifikasi terdiri dari 4 sampai 8 digit.',
  timeLeft: (mmss) => `Sisa waktu: ${mmss}`,
  timeLeftLabel: 'Sisa waktu',
  networkError: 'Layanan pembayaran tidak dapat dihubungi. Periksa koneksi internet Anda, lalu coba lagi.',
  retry: 'Coba lagi',
  startOver: 'Mulai lagi',
  unconfirmedTitle: 'Hasilnya belum kami terima',
  unconfirmedText:
    'Permintaan Anda mungkin sudah diproses. Periksa lagi untuk melihat hasilnya: permintaan yang sama tidak pernah diproses dua kali.',
  checkAgain: 'Periksa lagi',
  cancel: 'Batal',
  close: 'Tutup',
  issuerName: (issuer) => (issuer === null ? 'bank Anda' : (issuerById(issuer)?.name ?? issuer)),
  payCardPage: 'Selesaikan pembayaran di halaman kartu.',
  savedCardDescription: (issuer, masked) => `${issuer} ${masked}`,
};
