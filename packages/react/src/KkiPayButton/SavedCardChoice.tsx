'use client';
// The saved-card choice of KkiPayButton's host-to-host form, and the saved cards it offers.
import type { SavedCardView } from '@kki-kit/contract';
import { type ReactElement, type RefObject, useId } from 'react';
import { ID_PAY } from '../copy/id/pay.js';
import { ID_PAY_H2H } from '../copy/id/pay-h2h.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { useSavedCards } from '../SavedCardsList/useSavedCards.js';

/** Props of {@link SavedCardChoice}. */
export interface SavedCardChoiceProps {
  readonly cards: readonly SavedCardView[];
  readonly value: string | null;
  readonly onChange: (cardId: string) => void;
  readonly error: string | undefined;
  readonly firstRef: RefObject<HTMLInputElement | null>;
  readonly disabled: boolean;
}

/** Radio buttons, one per active saved card, with the error of the choice. */
export function SavedCardChoice({
  cards,
  value,
  onChange,
  error,
  firstRef,
  disabled,
}: SavedCardChoiceProps): ReactElement {
  const copy = useSectionCopy(useKkiContext('KkiPayButton'), ID_PAY, ID_PAY_H2H);
  const ids = useId();
  const errorId = `${ids}-error`;
  return (
    <fieldset className="kki-fieldset" aria-describedby={error ? errorId : undefined}>
      <legend className="kki-legend">{copy.payWithSavedCard}</legend>
      {cards.map((card, i) => (
        <label key={card.id} className="kki-radio">
          <input
            ref={i === 0 ? firstRef : undefined}
            type="radio"
            name={`${ids}-card`}
            value={card.id}
            checked={value === card.id}
            onChange={() => onChange(card.id)}
            aria-invalid={error ? true : undefined}
            disabled={disabled}
          />
          {copy.savedCardDescription(card.issuerName ?? copy.issuerName(card.issuer), card.maskedCpan)}
        </label>
      ))}
      {error && (
        <p id={errorId} className="kki-field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

// Hooks cannot be called conditionally: this one always runs, and reads nothing when off.
export function useSavedCardsIf(enabled: boolean): readonly SavedCardView[] | undefined {
  const list = useSavedCards({ enabled });
  return enabled ? list.cards : undefined;
}
