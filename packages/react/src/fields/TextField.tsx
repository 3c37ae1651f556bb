'use client';
// A labelled input whose hint and error are tied to it with aria-describedby.
import { type InputHTMLAttributes, type ReactElement, type ReactNode, type Ref, useId } from 'react';

/** Props of {@link TextField}. */
export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'aria-describedby'> {
  readonly label: ReactNode;
  readonly value: string;
  readonly onValueChange: (value: string, input: HTMLInputElement) => void;
  /** Help shown under the field. */
  readonly hint?: ReactNode;
  /** The field's error; marks it `aria-invalid` and describes it. */
  readonly error?: string | null;
  /** Extra text tied to the field (e.g. the detected issuer). */
  readonly extra?: ReactNode;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly id?: string;
}

/** `label` + `input` + hint + error, wired for screen readers. */
export function TextField(props: TextFieldProps): ReactElement {
  const {
    label,
    value,
    onValueChange,
    hint,
    error,
    extra,
    inputRef,
    id: givenId,
    className,
    ...rest
  } = props;
  const autoId = useId();
  const id = givenId ?? `kki-${autoId}`;
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const extraId = extra === undefined || extra === null ? undefined : `${id}-extra`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, extraId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kki-field${error ? ' kki-field--invalid' : ''}`}>
      <label className="kki-label" htmlFor={id}>
        {label}
      </label>
      <input
        {...rest}
        ref={inputRef}
        id={id}
        className={`kki-input${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(e) => onValueChange(e.currentTarget.value, e.currentTarget)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {extraId !== undefined && (
        <p id={extraId} className="kki-field-extra">
          {extra}
        </p>
      )}
      {hintId !== undefined && (
        <p id={hintId} className="kki-hint">
          {hint}
        </p>
      )}
      {errorId !== undefined && (
        <p id={errorId} className="kki-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
