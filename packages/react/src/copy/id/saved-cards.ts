// Bahasa Indonesia text of SavedCardsList.
import type { KkiSavedCardsCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiSavedCardsCopy}. */
export const ID_SAVED_CARDS: KkiSavedCardsCopy = {
  savedCardsTitle: 'Kartu tersimpan',
  savedCardsLoading: 'Memuat kartu tersimpan…',
  savedCardsEmpty: 'Anda belum punya kartu tersimpan.',
  savedCardsLoadFailed: 'Kartu tersimpan tidak dapat dimuat.',
  savedCardAddedOn: (date) => `Ditambahkan ${date}`,
  savedCardRemoving: 'Sedang dihapus…',
  savedCardPay: 'Bayar dengan kartu ini',
  savedCardRemove: 'Hapus',
  savedCardRemoveConfirm: (masked) => `Hapus kartu ${masked}? Anda bisa menambahkannya lagi nanti.`,
  savedCardRemoveYes: 'Ya, hapus',
  savedCardRemoveNo: 'Jangan hapus',
  savedCardRemoved: (masked) => `Kartu ${masked} sudah dihapus.`,
  savedCardsCheckoutNote:
    'Kartu disimpan di halaman pembayaran DOKU: centang "simpan kartu" di sana saat membayar, dan DOKU menawarkan kartu itu lagi lain kali. Daftar ini menampilkan kartu yang tersimpan di toko ini.',
};
