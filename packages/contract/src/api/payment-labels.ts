// What shoppers and staff read for a payment's status and method, in every kit language: next to
// the enums they word, zod-free, and imported only by the pages that list payments (order pages,
// staff tables), so the components' bundles do not carry them.
import type { KkiLocale, LocalizedText } from '../locale.js';
import type { KkiPaymentKind } from './view-enums.js';
import type { CardPaymentType, CheckoutChannel, PaymentMethod, PaymentStatus } from './views.js';

/** Each payment status in words (never the raw enum). */
export const PAYMENT_STATUS_LABELS: { readonly [S in PaymentStatus]: LocalizedText } = {
  created: { id: 'Belum dimulai', en: 'Not started' },
  pending: { id: 'Menunggu pembayaran', en: 'Waiting for payment' },
  authorized: { id: 'Diotorisasi, belum di-capture', en: 'Authorised, not yet captured' },
  succeeded: { id: 'Lunas', en: 'Paid' },
  failed: { id: 'Gagal', en: 'Failed' },
  expired: { id: 'Kedaluwarsa', en: 'Expired' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  partially_refunded: { id: 'Dikembalikan sebagian', en: 'Partly refunded' },
  refunded: { id: 'Dikembalikan', en: 'Refunded' },
};

const KKI_KIND_LABELS: { readonly [K in KkiPaymentKind]: LocalizedText } = {
  single: { id: 'KKI', en: 'KKI' },
  bind_and_pay: { id: 'KKI, kartu disimpan', en: 'KKI, card saved' },
  token: { id: 'KKI, kartu tersimpan', en: 'KKI, saved card' },
  no_auth: { id: 'KKI, kartu tersimpan (tanpa konfirmasi)', en: 'KKI, saved card (no confirmation)' },
};

const CARD_TYPE_LABELS: { readonly [T in CardPaymentType]: LocalizedText } = {
  SALE: { id: 'Kartu kredit', en: 'Credit card' },
  AUTHORIZE: { id: 'Kartu kredit (otorisasi, capture nanti)', en: 'Credit card (authorise, capture later)' },
  INSTALLMENT: { id: 'Kartu kredit, cicilan', en: 'Credit card, instalments' },
  MOTO: { id: 'Kartu kredit (pesanan surat/telepon)', en: 'Credit card (mail/phone order)' },
  RECURRING: { id: 'Kartu kredit, berulang', en: 'Credit card, recurring' },
};

const CHECKOUT_LABELS: { readonly [C in CheckoutChannel | 'unknown']: LocalizedText } = {
  kki: { id: 'KKI (DOKU Checkout)', en: 'KKI (DOKU Checkout)' },
  card: { id: 'Kartu kredit (DOKU Checkout)', en: 'Credit card (DOKU Checkout)' },
  unknown: { id: 'DOKU Checkout', en: 'DOKU Checkout' },
};

/** The fields of a payment view its method's words depend on. */
export interface PaymentMethodFields {
  readonly method: PaymentMethod;
  readonly kkiKind: KkiPaymentKind | null;
  readonly cardPaymentType: CardPaymentType | null;
  readonly checkoutChannel: CheckoutChannel | null;
}

/** A payment's status in `locale`'s words. */
export function paymentStatusLabel(status: PaymentStatus, locale: KkiLocale): string {
  return PAYMENT_STATUS_LABELS[status][locale];
}

/** How a payment was made, in `locale`'s words: KKI and its kind, the card page's transaction type, or Checkout's channel. */
export function paymentMethodLabel(p: PaymentMethodFields, locale: KkiLocale): string {
  const text =
    p.method === 'checkout'
      ? CHECKOUT_LABELS[p.checkoutChannel ?? 'unknown']
      : p.method === 'kki'
        ? KKI_KIND_LABELS[p.kkiKind ?? 'single']
        : CARD_TYPE_LABELS[p.cardPaymentType ?? 'SALE'];
  return text[locale];
}
