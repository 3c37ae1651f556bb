// Bahasa Indonesia text of KkiPayButton's host-to-host path: in its lazily loaded part.
import type { KkiPayH2hCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiPayH2hCopy}. */
export const ID_PAY_H2H: KkiPayH2hCopy = {
  ottLabel: 'Kode sekali pakai dari aplikasi bank',
  ottHint: 'Buka aplikasi bank Anda, pilih pembayaran KKI, lalu salin kode yang tampil.',
  ottRequired: 'Masukkan kode sekali pakai dari aplikasi bank Anda.',
  ottInvalid: 'Kode sekali pakai hanya berisi huruf dan angka, maksimal 40 karakter.',
  payWithNewCard: 'Kartu baru',
  payWithSavedCard: 'Kartu tersimpan',
  saveCardLabel: 'Simpan kartu ini untuk pembayaran berikutnya',
  savedCardLabel: 'Kartu',
  payButton: (amount) => `Bayar ${amount}`,
  payButtonNoAmount: 'Bayar',
  payConfirmInAppHint:
    'Biarkan halaman ini tetap terbuka. Status akan diperbarui otomatis setelah Anda konfirmasi.',
  payOpenIssuerApp: (issuer) => `Buka aplikasi ${issuer}`,
  payOtpRedirectLink: 'Lanjut ke verifikasi',
  payCheckNow: 'Saya sudah konfirmasi: cek status',
  payChecking: 'Memeriksa…',
  payNotConfirmedYet: 'Bank Anda belum mengonfirmasi. Kami terus memeriksa.',
  payTimeAlmostUp: 'Waktu konfirmasi pembayaran tinggal kurang dari satu menit.',
  payScanQr: (issuer) => `Kode QR: pindai dengan ponsel untuk membuka aplikasi ${issuer}`,
  opensInNewTab: '(terbuka di tab baru)',
  noSavedCards: 'Anda belum punya kartu tersimpan.',
  chooseSavedCard: 'Pilih kartu tersimpan.',
};
