'use client';
// The card-number field: groups of four as the customer types, length and Luhn checks, the issuer shown.
import { CPAN_MAX_LENGTH, issuerFromCpan } from '@kki-kit/contract';
import { type ReactElement, type Ref, useRef } from 'react';
import type { KkiSharedCopy } from '../copy/index.js';
import { useIsomorphicLayoutEffect } from '../internal/useIsomorphicLayoutEffect.js';
import { cpanDigits, formatCpan } from './cpan.js';
import { TextField } from './TextField.js';

/** Props of {@link CpanInput}. */
export interface CpanInputProps {
  /** The digits (no spaces). */
  readonly value: string;
  readonly onChange: (digits: string) => void;
  readonly copy: KkiSharedCopy;
  readonly error?: string | null;
  readonly disabled?: boolean;
  readonly onBlur?: () => void;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly id?: string;
}

const MAX_FORMATTED = CPAN_MAX_LENGTH + Math.floor((CPAN_MAX_LENGTH - 1) / 4);

/** A CPAN input showing `9360 0002 …` and, once the prefix is known, the issuer's name. */
export function CpanInput(props: CpanInputProps): ReactElement {
  const { value, onChange, copy, error, disabled, onBlur, inputRef, id } = props;
  const own = useRef<HTMLInputElement | null>(null);
  // Where the caret should land after reformatting: after this many digits.
  const caretDigits = useRef<number | null>(null);
  const issuer = issuerFromCpan(value);

  useIsomorphicLayoutEffect(() => {
    const input = own.current;
    const n = caretDigits.current;
    if (input === null || n === null || document.activeElement !== input) return;
    caretDigits.current = null;
    let pos = 0;
    for (let seen = 0; pos < input.value.length && seen < n; pos++)
      if (/\d/.test(input.value[pos] ?? '')) seen++;
    input.setSelectionRange(pos, pos);
  });

  const setRefs = (el: HTMLInputElement | null) => {
    own.current = el;
    if (typeof inputRef === 'function') inputRef(el);
    else if (inputRef) (inputRef as { current: HTMLInputElement | null }).current = el;
  };

  return (
    <TextField
      {...(id !== undefined && { id })}
      label={copy.cardNumberLabel}
      value={formatCpan(value)}
      onValueChange={(raw, input) => {
        const caret = input.selectionStart ?? raw.length;
        caretDigits.current = cpanDigits(raw.slice(0, caret)).length;
        onChange(cpanDigits(raw));
      }}
      hint={copy.cardNumberHint}
      error={error ?? null}
      extra={issuer === null ? undefined : copy.issuerDetected(issuer.name)}
      inputRef={setRefs}
      inputMode="numeric"
      autoComplete="cc-number"
      maxLength={MAX_FORMATTED}
      required
      disabled={disabled}
      onBlur={onBlur}
      className="kki-input--cpan"
    />
  );
}
