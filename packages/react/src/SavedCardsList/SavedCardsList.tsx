'use client';
// SavedCardsList: the customer's saved KKI cards; pick one to pay, remove one after a confirmation.
import type { SavedCardView } from '@kki-kit/contract';
import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import type { KkiSavedCardsCopy, KkiSharedCopy } from '../copy/index.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useKitConfigQuery } from '../internal/useKitConfig.js';
import { ID_SAVED_CARDS } from '../copy/id/saved-cards.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { type UseSavedCardsOptions, useSavedCards } from './useSavedCards.js';

/** Props of {@link SavedCardsList}. */
export interface SavedCardsListProps extends Omit<UseSavedCardsOptions, 'enabled'> {
  /** Called when the customer picks a card to pay with; without it, no "pay" button is shown. */
  readonly onSelect?: (card: SavedCardView) => void;
  /** The card currently picked (marked as pressed). */
  readonly selectedCardId?: string;
  /**
   * Follows a page DOKU asks the customer to visit to finish a removal (`requires_action`).
   * Default: `window.location.assign(url)`.
   */
  readonly navigate?: (url: string) => void;
  readonly className?: string;
}

/** Leaves for DOKU's page the way a link would. */
const assignLocation = (url: string): void => window.location.assign(url);

/** The saved cards with masked CPAN and issuer; removal is optimistic and rolled back on failure. */
export function SavedCardsList(props: SavedCardsListProps): ReactElement {
  const ctx = useKkiContext('SavedCardsList');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_SAVED_CARDS);
  const list = useSavedCards(props);
  const config = useKitConfigQuery(ctx).data;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = useId();
  const dateFormat = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Asia/Jakarta',
  });
  useAnnounce(ctx, message);

  async function confirmRemove(card: SavedCardView) {
    setConfirming(null);
    const r = await list.remove(card.id);
    // Pending at DOKU and a page to visit both mean "being removed".
    setMessage(
      r.status === 'succeeded'
        ? copy.savedCardRemoved(card.maskedCpan)
        : r.status === 'failed'
          ? r.error.message
          : `${card.maskedCpan}: ${copy.savedCardRemoving}`,
    );
    if (r.status === 'requires_action') (props.navigate ?? assignLocation)(r.nextAction.url);
  }

  let body: ReactElement;
  if (list.cards === undefined && list.loadError !== null) {
    body = (
      <ErrorPanel
        title={copy.savedCardsLoadFailed}
        error={list.loadError}
        copy={copy}
        onRetry={list.refetch}
      />
    );
  } else if (list.cards === undefined) {
    body = (
      <p className="kki-muted" aria-busy="true">
        {copy.savedCardsLoading}
      </p>
    );
  } else if (list.cards.length === 0) {
    body = <p className="kki-muted">{copy.savedCardsEmpty}</p>;
  } else {
    body = (
      <ul className="kki-card-list" aria-labelledby={headingId}>
        {list.cards.map((card) => (
          <SavedCardItem
            key={card.id}
            card={card}
            copy={copy}
            addedOn={dateFormat.format(new Date(card.addedAt))}
            selected={props.selectedCardId === card.id}
            confirming={confirming === card.id}
            error={list.removeError?.cardId === card.id ? list.removeError.error.message : null}
            onSelect={props.onSelect}
            setConfirming={setConfirming}
            onRemove={confirmRemove}
            busy={list.removingId !== null}
          />
        ))}
      </ul>
    );
  }

  return (
    <section
      className={`kki-root kki-saved-cards${props.className ? ` ${props.className}` : ''}`}
      style={ctx.style}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="kki-title">
        {copy.savedCardsTitle}
      </h3>
      {config?.kki.integration === 'checkout' && <p className="kki-muted">{copy.savedCardsCheckoutNote}</p>}
      {body}
    </section>
  );
}

interface SavedCardItemProps {
  readonly card: SavedCardView;
  readonly copy: KkiSharedCopy & KkiSavedCardsCopy;
  readonly addedOn: string;
  readonly selected: boolean;
  readonly confirming: boolean;
  readonly error: string | null;
  readonly busy: boolean;
  readonly onSelect: ((card: SavedCardView) => void) | undefined;
  /** Opens (a card's id) or closes (`null`) the confirmation step. */
  readonly setConfirming: (cardId: string | null) => void;
  /** The customer confirmed the removal. */
  readonly onRemove: (card: SavedCardView) => Promise<void>;
}

function SavedCardItem(p: SavedCardItemProps): ReactElement {
  const { card, copy } = p;
  const ids = useId();
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const removing = card.status === 'removing';

  // Focus follows the confirmation step: into it when asked, back to "Remove" when it closes.
  useEffect(() => {
    if (p.confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) removeRef.current?.focus();
    wasConfirming.current = p.confirming;
  }, [p.confirming]);
  useEffect(() => {
    if (p.error !== null) removeRef.current?.focus();
  }, [p.error]);

  return (
    <li className={`kki-card${p.selected ? ' kki-card--selected' : ''}`} aria-busy={removing || undefined}>
      <div className="kki-card-info" id={`${ids}-label`}>
        <span className="kki-card-number">
          {copy.savedCardDescription(card.issuerName ?? copy.issuerName(card.issuer), card.maskedCpan)}
        </span>
        <span className="kki-muted">
          {' '}
          · {removing ? copy.savedCardRemoving : copy.savedCardAddedOn(p.addedOn)}
        </span>
      </div>
      {p.confirming ? (
        <div className="kki-confirm">
          <p ref={confirmRef} tabIndex={-1} id={`${ids}-confirm`}>
            {copy.savedCardRemoveConfirm(card.maskedCpan)}
          </p>
          <div className="kki-actions">
            <button
              type="button"
              className="kki-button kki-button--danger"
              aria-describedby={`${ids}-confirm`}
              onClick={() => void p.onRemove(card)}
            >
              {copy.savedCardRemoveYes}
            </button>
            <button
              type="button"
              className="kki-button kki-button--secondary"
              onClick={() => p.setConfirming(null)}
            >
              {copy.savedCardRemoveNo}
            </button>
          </div>
        </div>
      ) : (
        !removing && (
          <div className="kki-actions">
            {p.onSelect !== undefined && (
              <button
                type="button"
                className="kki-button kki-button--primary"
                aria-pressed={p.selected}
                aria-describedby={`${ids}-label`}
                onClick={() => p.onSelect?.(card)}
              >
                {copy.savedCardPay}
              </button>
            )}
            <button
              ref={removeRef}
              type="button"
              className="kki-button kki-button--secondary"
              aria-describedby={p.error === null ? `${ids}-label` : `${ids}-label ${ids}-error`}
              aria-disabled={p.busy || undefined}
              onClick={() => {
                if (!p.busy) p.setConfirming(card.id);
              }}
            >
              {copy.savedCardRemove}
            </button>
          </div>
        )
      )}
      {p.error !== null && (
        <p id={`${ids}-error`} className="kki-field-error">
          {p.error}
        </p>
      )}
    </li>
  );
}
