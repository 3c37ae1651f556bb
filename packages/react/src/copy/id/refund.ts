// Bahasa Indonesia text of RefundForm.
import type { KkiRefundCopy } from '../types.js';

/** The built-in Bahasa Indonesia {@link KkiRefundCopy}. */
export const ID_REFUND: KkiRefundCopy = {
  refundTitle: 'Pengembalian dana',
  refundKindLabel: 'Jumlah pengembalian',
  refundFull: 'Kembalikan penuh',
  refundPartial: 'Kembalikan sebagian',
  refundAmountLabel: 'Jumlah (IDR)',
  refundAmountHint: (left) => `Maksimal ${left}.`,
  refundAmountRequired: 'Masukkan jumlah yang dikembalikan.',
  refundAmountInvalid: 'Masukkan jumlah rupiah bulat di atas nol.',
  refundAmountTooHigh: (left) => `Jumlah maksimal yang bisa dikembalikan ${left}.`,
  refundReasonLabel: 'Alasan (opsional)',
  refundButton: (amount) => `Kembalikan ${amount}`,
  refundButtonNoAmount: 'Kembalikan',
  refundRest: 'Sisanya',
  refundConfirmQuestion: (amount) => `Kembalikan ${amount} ke pelanggan? Ini tidak dapat dibatalkan.`,
  refundConfirmYes: 'Ya, kembalikan',
  refundConfirmBack: 'Kembali',
  refundSubmitting: 'Pengembalian dana sedang dikirim…',
  refundNothingLeft: 'Dana pembayaran ini sudah dikembalikan seluruhnya.',
  refundRestPending: 'Sisa dana pembayaran ini sedang dikembalikan. Statusnya ada di riwayat di bawah.',
  refundCreated: (type, status) => `Pengembalian dana dicatat. Jenis: ${type}. Status: ${status}.`,
  refundHistoryTitle: 'Riwayat pengembalian dana',
  refundHistoryEmpty: 'Belum ada pengembalian dana.',
  refundHistoryLoading: 'Memuat riwayat pengembalian dana…',
  refundColumnDate: 'Tanggal',
  refundColumnAmount: 'Jumlah',
  refundColumnType: 'Jenis',
  refundColumnStatus: 'Status',
  refundColumnReason: 'Alasan',
  refundType: (type) =>
    type === null
      ? 'Menunggu DOKU'
      : {
          VOID: 'Pembatalan (belum settlement)',
          PARTIAL_REFUND: 'Pengembalian sebagian',
          FULL_REFUND: 'Pengembalian penuh',
          MANUAL_PARTIAL_REFUND: 'Pengembalian sebagian manual (oleh acquirer)',
          MANUAL_FULL_REFUND: 'Pengembalian penuh manual (oleh acquirer)',
          KKI_FULL_REFUND: 'Pengembalian penuh',
          KKI_PARTIAL_REFUND: 'Pengembalian sebagian',
        }[type],
  refundStatus: (status) => ({ pending: 'Diproses', succeeded: 'Berhasil', failed: 'Gagal' })[status],
  refundFailedTitle: 'Pengembalian dana tidak berhasil',
};
