'use client';
// The SMS one-time-code field: digits only, autofilled from SMS where the platform offers it.
import type { ReactElement, Ref } from 'react';
import type { KkiSharedCopy } from '../copy/index.js';
import { TextField } from './TextField.js';

/** Props of {@link OtpInput}. */
export interface OtpInputProps {
  readonly value: string;
  readonly onChange: (digits: string) => void;
  readonly copy: KkiSharedCopy;
  readonly error?: string | null;
  readonly disabled?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** An OTP input with `autocomplete="one-time-code"` (4 to 8 digits). */
export function OtpInput({ value, onChange, copy, error, disabled, inputRef }: OtpInputProps): ReactElement {
  return (
    <TextField
      label={copy.otpLabel}
      value={value}
      onValueChange={(raw) => onChange(raw.replace(/\D/g, '').slice(0, 8))}
      hint={copy.otpHint}
      error={error ?? null}
      inputRef={inputRef}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={8}
      required
      disabled={disabled}
    />
  );
}

/** Why `otp` is not a usable OTP, as shopper copy, or `null`. */
export function otpProblem(otp: string, copy: KkiSharedCopy): string | null {
  if (otp.length === 0) return copy.otpRequired;
  // The contract's otpSchema as a plain pattern, so KkiBindCard's entry carries no zod.
  return /^\d{4,8}$/.test(otp) ? null : copy.otpInvalid;
}
