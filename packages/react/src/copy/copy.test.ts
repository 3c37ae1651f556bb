// Every status and method a view can carry has its own words in both languages: shoppers and staff
// never read a raw enum (`partially_refunded`, `bind_and_pay`).
import {
  CARD_PAYMENT_TYPES,
  CHECKOUT_CHANNELS,
  KKI_LOCALES,
  KKI_PAYMENT_KINDS,
  PAYMENT_STATUSES,
  type PaymentView,
} from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import { KKI_COPY } from './index.js';

type MethodFields = Pick<PaymentView, 'method' | 'kkiKind' | 'cardPaymentType' | 'checkoutChannel'>;
const METHODS: MethodFields[] = [
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

describe.each(KKI_LOCALES)('copy (%s)', (locale) => {
  const copy = KKI_COPY[locale];

  it('words every payment status, each differently, none as its enum', () => {
    const labels = PAYMENT_STATUSES.map((s) => copy.paymentStatus(s));
    for (const [i, label] of labels.entries()) {
      expect(label, PAYMENT_STATUSES[i]).toMatch(/\S/);
      expect(label).not.toBe(PAYMENT_STATUSES[i]);
      expect(label).not.toContain('_');
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('words every payment method and kind, each differently', () => {
    const labels = METHODS.map((m) => copy.paymentMethod(m));
    for (const label of labels) {
      expect(label).toMatch(/\S/);
      expect(label).not.toMatch(/bind_and_pay|no_auth|\bSALE\b|AUTHORIZE|INSTALLMENT/);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });
});

it('the two languages differ where the words are not names', () => {
  expect(KKI_COPY.en.paymentStatus('succeeded')).not.toBe(KKI_COPY.id.paymentStatus('succeeded'));
  expect(KKI_COPY.en.paymentMethod(METHODS[1] as MethodFields)).not.toBe(
    KKI_COPY.id.paymentMethod(METHODS[1] as MethodFields),
  );
});
