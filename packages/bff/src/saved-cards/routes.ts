// Saved cards (SavedCardsList): list the customer's own; remove one through DOKU's unbinding.
import type { Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import { savedCardView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';

/** Mounts `listSavedCards` always; `removeSavedCard` when the saved-card service exists. */
export function registerSavedCardRoutes(app: Hono, deps: RouteDeps): void {
  defineRoute(app, deps, 'listSavedCards', async ({ customerId }) => {
    const cards = await deps.store.savedCards.listForCustomer(customerId ?? '');
    return { body: { cards: cards.map(savedCardView) } };
  });

  const service = deps.services.savedCards;
  if (!service) return;

  defineRoute(app, deps, 'removeSavedCard', async ({ params, customerId, idem }) => {
    const card = await deps.store.savedCards.getForCustomer(params.cardId, customerId ?? '');
    if (!card) throw new KkiDomainError('card_not_found');
    const result = await service.remove(card, idem!);
    return {
      body: {
        removed: result.removed,
        card: savedCardView(result.card),
        ...(result.redirectUrl !== undefined && { redirectUrl: result.redirectUrl }),
      },
    };
  });
}
