// Bahasa Indonesia text of KkiBindCard.
import type { KkiBindCardCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiBindCardCopy}. */
export const ID_BIND_CARD: KkiBindCardCopy = {
  bindTitle: 'Tambah kartu KKI',
  holderNameLabel: 'Nama sesuai kartu',
  holderEmailLabel: 'Email',
  holderPhoneLabel: 'Nomor ponsel',
  holderPhoneHint: 'Dengan kode negara, misalnya 6281234567890.',
  holderEmailInvalid: 'Masukkan alamat email seperti nama@contoh.com.',
  holderPhoneInvalid: 'Nomor ponsel terdiri dari 8 sampai 16 digit dengan kode negara.',
  bindButton: 'Tambah kartu',
  bindSubmitting: 'Kartu Anda sedang didaftarkan…',
  bindOtpSent: 'Masukkan kode verifikasi yang dikirim bank Anda lewat SMS.',
  bindVerifyButton: 'Verifikasi',
  bindVerifying: 'Kode sedang diperiksa…',
  bindAttemptsLeft: (n) => `Sisa ${n} kali percobaan.`,
  bindOtpPageIntro: 'Masukkan kode verifikasi di halaman bank untuk menyelesaikan penambahan kartu.',
  bindOtpPageLink: 'Buka halaman verifikasi',
  bindOtpPageNewTab: 'Halaman terbuka di tab baru. Layar ini diperbarui setelah kartu terverifikasi.',
  bindSucceeded: (masked) => `Kartu ${masked} berhasil ditambahkan.`,
  bindFailedTitle: 'Kartu belum ditambahkan',
  bindExpired: 'Batas waktu verifikasi kartu sudah habis. Silakan mulai lagi.',
  bindCheckoutNote:
    'Toko ini menerima kartu di halaman pembayaran DOKU, jadi kartu tidak bisa ditambahkan di sini. Bayar dengan kartu itu dan pilih "simpan kartu" di halaman DOKU.',
};
