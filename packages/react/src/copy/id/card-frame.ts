// Bahasa Indonesia text of CardPaymentFrame.
import type { KkiCardFrameCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiCardFrameCopy}. */
export const ID_CARD_FRAME: KkiCardFrameCopy = {
  cardFrameTitle: 'Pembayaran kartu',
  cardFrameOpen: (amount) => `Bayar ${amount} dengan kartu`,
  cardFrameOpenNoAmount: 'Bayar dengan kartu',
  cardFrameLoading: 'Membuka halaman kartu yang aman…',
  cardFrameChecking: 'Memeriksa pembayaran Anda…',
  cardFrameSucceeded: 'Pembayaran kartu berhasil.',
  cardFrameAuthorized: 'Pembayaran kartu disetujui. Toko akan segera menyelesaikannya.',
  cardFrameFailedTitle: 'Pembayaran kartu tidak berhasil',
  cardFrameExpired: 'Halaman kartu sudah kedaluwarsa. Silakan mulai pembayaran baru.',
  paymentTypeLabel: (type) =>
    ({
      SALE: 'Bayar penuh',
      AUTHORIZE: 'Otorisasi sekarang, tagih nanti',
      INSTALLMENT: 'Cicilan',
      MOTO: 'Pesanan lewat surat/telepon',
      RECURRING: 'Pembayaran berulang',
    })[type],
  installmentLabel: 'Pilihan cicilan',
  installmentOption: (bank, tenor, monthly) => `${bank}: ${tenor} × ${monthly}/bulan`,
  installmentNone: 'Pilih cicilan',
};
