// Every status and method a payment view can carry has its own words in both languages: shoppers and
// staff never read a raw enum (`partially_refunded`, `bind_and_pay`).
import { describe, expect, it } from 'vitest';
import {
  CARD_PAYMENT_TYPES,
  CHECKOUT_CHANNELS,
  KKI_LOCALES,
  KKI_PAYMENT_KINDS,
  PAYMENT_STATUSES,
  type PaymentMethodFields,
  paymentMethodLabel,
  paymentStatusLabel,
} from '../src/index.js';

const METHODS: PaymentMethodFields[] = [
  ...KKI_PAYMENT_KINDS.map(
    (k) => ({ method: 'kki', kkiKind: k, cardPaymentType: null, checkoutChannel: null }) as const,
  ),
  ...CARD_PAYMENT_TYPES.map(
    (t) => ({ method: 'card', kkiKind: null, cardPaymentType: t, checkoutChannel: null }) as const,
  ),
  ...[...CHECKOUT_CHANNELS, null].map(
    (c) => ({ method: 'checkout', kkiKind: null, cardPaymentType: null, checkoutChannel: c }) as const,
  ),
];

describe.each(KKI_LOCALES)('payment labels (%s)', (locale) => {
  it('word every payment status, each differently, none as its enum', () => {
    const labels = PAYMENT_STATUSES.map((s) => paymentStatusLabel(s, locale));
    for (const [i, label] of labels.entries()) {
      expect(label, PAYMENT_STATUSES[i]).toMatch(/\S/);
      expect(label).not.toBe(PAYMENT_STATUSES[i]);
      expect(label).not.toContain('_');
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('word every payment method and kind, each differently', () => {
    const labels = METHODS.map((m) => paymentMethodLabel(m, locale));
    for (const label of labels) {
      expect(label).toMatch(/\S/);
      expect(label).not.toMatch(/bind_and_pay|no_auth|\bSALE\b|AUTHORIZE|INSTALLMENT/);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });
});

it('the two languages differ where the words are not names', () => {
  for (const status of PAYMENT_STATUSES) {
    expect(paymentStatusLabel(status, 'en')).not.toBe(paymentStatusLabel(status, 'id'));
  }
  expect(paymentMethodLabel(METHODS[1] as PaymentMethodFields, 'en')).not.toBe(
    paymentMethodLabel(METHODS[1] as PaymentMethodFields, 'id'),
  );
});
