// An IDR amount in the provider's locale: `Rp 150.000` (id) or `IDR 150,000` (en).
import { formatIdr, type KkiLocale } from '@kki-kit/contract';
import type { ReactElement } from 'react';

/** Props of {@link AmountText}. */
export interface AmountTextProps {
  /** Whole rupiah. */
  readonly amount: number;
  readonly locale: KkiLocale;
}

/** Renders an amount with the locale's IDR format. */
export function AmountText({ amount, locale }: AmountTextProps): ReactElement {
  return <span className="kki-amount">{formatIdr(amount, locale)}</span>;
}
