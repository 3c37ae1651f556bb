'use client';
// useSavedCards: the signed-in customer's saved KKI cards, and removing one with an optimistic update.
import { createActionRunner, createSingleFlight } from '@kki-kit/client';
import type { KkiActionResult, KkiError, ListSavedCardsResponse, SavedCardView } from '@kki-kit/contract';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { savedCardsKey } from '../internal/query-keys.js';
import { useLatest } from '../internal/useLatest.js';
import { usePolledQuery } from '../internal/usePolledQuery.js';
import { useKkiContext } from '../provider/context.js';

/** A page DOKU asks the customer to visit to finish unbinding a card (seed 001: a `DH` unbinding). */
export interface RemoveCardRedirect {
  readonly type: 'redirect';
  /** DOKU's page (absolute http(s) URL). */
  readonly url: string;
}

/**
 * The outcome of removing a card: `succeeded` (gone), `pending` (DOKU still unbinding),
 * `requires_action` (DOKU asks the customer to visit a page: `nextAction.url`) or `failed`.
 */
export type RemoveCardResult = KkiActionResult<SavedCardView, RemoveCardRedirect>;

/** Callbacks of {@link useSavedCards}; the latest ones are always called. */
export interface UseSavedCardsOptions {
  /** Load the list (default `true`); `false` keeps the hook idle. */
  readonly enabled?: boolean;
  /** A card was removed (or is being removed at DOKU: `pending`). */
  readonly onRemove?: (card: SavedCardView, result: RemoveCardResult) => void;
  /** Loading the list or removing a card failed. */
  readonly onError?: (error: KkiError, card: SavedCardView | null) => void;
}

/** What {@link useSavedCards} returns. */
export interface UseSavedCardsResult {
  /** The cards, newest first (`undefined` while loading). */
  readonly cards: readonly SavedCardView[] | undefined;
  readonly isLoading: boolean;
  /** Why the list could not be loaded. */
  readonly loadError: KkiError | null;
  /** The card currently being removed, if any. */
  readonly removingId: string | null;
  /** The last removal failure (the card is back in the list). */
  readonly removeError: { readonly cardId: string; readonly error: KkiError } | null;
  /**
   * Removes a card: gone from the list at once, back (with `removeError`) if the BFF refuses.
   * A call while a removal is in flight returns that call's promise.
   */
  readonly remove: (cardId: string) => Promise<RemoveCardResult>;
  /** Loads the list again. */
  readonly refetch: () => void;
}

type Snapshot = { readonly previous: ListSavedCardsResponse | undefined };

/** Headless saved cards: list (polled while a removal is PENDING at DOKU) and optimistic removal. */
export function useSavedCards(options: UseSavedCardsOptions = {}): UseSavedCardsResult {
  const ctx = useKkiContext('useSavedCards');
  const { client, queryClient, locale, toError } = ctx;
  const callbacks = useLatest(options);
  const [removeAction] = useState(() =>
    createActionRunner<{ readonly removed: boolean; readonly card: SavedCardView }>(),
  );
  const [removeError, setRemoveError] = useState<UseSavedCardsResult['removeError']>(null);
  const [flight] = useState(() => createSingleFlight<RemoveCardResult>());
  const key = savedCardsKey();

  const query = usePolledQuery<ListSavedCardsResponse>(ctx, {
    queryKey: key,
    queryFn: (signal) => client.request('listSavedCards', { signal, locale }),
    enabled: options.enabled ?? true,
    isSettled: (list) => list.cards.every((c) => c.status !== 'removing'),
  });

  const mutation = useMutation<
    { readonly removed: boolean; readonly card: SavedCardView; readonly redirectUrl?: string | undefined },
    unknown,
    string,
    Snapshot
  >(
    {
      mutationFn: (cardId) =>
        removeAction.run(cardId, (idempotencyKey) =>
          client.request('removeSavedCard', { params: { cardId }, idempotencyKey, locale }),
        ),
      onMutate: async (cardId) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData<ListSavedCardsResponse>(key);
        if (previous !== undefined) {
          queryClient.setQueryData<ListSavedCardsResponse>(key, {
            cards: previous.cards.filter((c) => c.id !== cardId),
          });
        }
        return { previous };
      },
      onSuccess: (answer) => {
        // PENDING at DOKU: the card stays listed as `removing` until the unbinding settles.
        if (!answer.removed) {
          queryClient.setQueryData<ListSavedCardsResponse>(key, (list) => ({
            cards: [answer.card, ...(list?.cards ?? []).filter((c) => c.id !== answer.card.id)].sort((a, b) =>
              b.addedAt.localeCompare(a.addedAt),
            ),
          }));
        }
      },
      onError: (_error, _cardId, snapshot) => {
        // Roll back: the card is still the customer's.
        if (snapshot?.previous !== undefined) queryClient.setQueryData(key, snapshot.previous);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
    },
    queryClient,
  );

  const { mutateAsync } = mutation;
  const remove = useCallback(
    (cardId: string): Promise<RemoveCardResult> => {
      return flight.run(async (): Promise<RemoveCardResult> => {
        const card =
          queryClient.getQueryData<ListSavedCardsResponse>(key)?.cards.find((c) => c.id === cardId) ?? null;
        setRemoveError(null);
        try {
          const answer = await mutateAsync(cardId);
          const result: RemoveCardResult =
            answer.redirectUrl !== undefined
              ? {
                  status: 'requires_action',
                  value: answer.card,
                  nextAction: { type: 'redirect', url: answer.redirectUrl },
                }
              : answer.removed
                ? { status: 'succeeded', value: answer.card }
                : { status: 'pending', value: answer.card };
          callbacks.current.onRemove?.(answer.card, result);
          return result;
        } catch (cause) {
          const error = toError(cause);
          setRemoveError({ cardId, error });
          callbacks.current.onError?.(error, card);
          return { status: 'failed', error, ...(card === null ? {} : { value: card }) };
        }
      });
    },
    [flight, queryClient, key, mutateAsync, callbacks, toError],
  );

  const loadError = query.error === null || query.data !== undefined ? null : toError(query.error);
  const loadErrorCode = loadError?.code;
  useEffect(() => {
    if (loadErrorCode !== undefined && query.error !== null)
      callbacks.current.onError?.(toError(query.error), null);
  }, [loadErrorCode, query.error, callbacks, toError]);
  const refetchList = query.refetch;
  return {
    cards: query.data?.cards,
    isLoading: query.isPending,
    loadError,
    removingId: mutation.isPending ? (mutation.variables ?? null) : null,
    removeError,
    remove,
    refetch: useCallback(() => void refetchList(), [refetchList]),
  };
}
