// Bahasa Indonesia text of KkiPayButton's DOKU Checkout path: in its lazily loaded part.
import type { KkiPayCheckoutCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiPayCheckoutCopy}. */
export const ID_PAY_CHECKOUT: KkiPayCheckoutCopy = {
  checkoutIntro: 'Anda akan memasukkan kartu di halaman pembayaran DOKU yang aman (KKI atau kartu kredit).',
  checkoutPayButton: (amount) => `Bayar ${amount} di DOKU`,
  checkoutPayButtonNoAmount: 'Bayar di DOKU',
  checkoutOpening: 'Membuka halaman pembayaran DOKU…',
  checkoutWaitingHint: 'Halaman ini diperbarui otomatis setelah DOKU memberi tahu hasilnya.',
  checkoutPopupBlocked: 'Browser Anda memblokir jendela pembayaran. Gunakan tombol untuk membukanya.',
  checkoutFrameTitle: 'Halaman pembayaran DOKU',
  checkoutCancelQuestion: 'Batalkan pembayaran ini? Anda bisa memulai pembayaran baru setelahnya.',
  checkoutCancelConfirm: 'Ya, batalkan pembayaran',
  checkoutCancelKeep: 'Tidak, lanjutkan membayar',
};
