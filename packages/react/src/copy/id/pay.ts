// Bahasa Indonesia text of KkiPayButton that both of its paths show (its title, the outcomes).
import type { KkiPayCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiPayCopy}. */
export const ID_PAY: KkiPayCopy = {
  payTitle: 'Bayar dengan kartu KKI',
  paySubmitting: 'Pembayaran sedang diproses…',
  payConfirmInApp: (issuer) => `Konfirmasi pembayaran di aplikasi ${issuer} Anda.`,
  payOtpRedirect: 'Bank Anda perlu memverifikasi pembayaran ini dengan kode.',
  payPending: 'Menunggu konfirmasi pembayaran dari bank…',
  paySucceeded: (amount) => `Pembayaran ${amount} berhasil.`,
  payFailedTitle: 'Pembayaran tidak berhasil',
  payExpired: 'Batas waktu konfirmasi pembayaran sudah habis. Silakan mulai pembayaran baru.',
  payCancelled: 'Pembayaran dibatalkan.',
  payCancelButton: 'Batalkan pembayaran',
  checkoutWaiting: 'Selesaikan pembayaran di halaman pembayaran DOKU.',
  checkoutOpenAgain: 'Buka halaman pembayaran DOKU',
  checkoutPaidWith: (channel) => (channel === 'kki' ? 'Dibayar dengan KKI.' : 'Dibayar dengan kartu kredit.'),
};
