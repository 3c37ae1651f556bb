// Saved-card removal (SavedCardsList): DOKU's unbinding answers SUCCESS (removed now) or PENDING
// (the card shows as `removing` until the unbinding notification says it is gone).
import type { DokuClient } from '@kki-kit/doku';
import { httpErrorFromDoku } from './doku-outcome.js';
import type { SavedCardService, ServiceDeps } from './types.js';

/** Creates the saved-card service (KKI cards; Cards tokens are removed by the Cards flow). */
export function createSavedCardService(deps: ServiceDeps & { doku: DokuClient }): SavedCardService {
  const { store, doku, log } = deps;
  return {
    async remove(card, ctx) {
      if (card.status === 'removed') return { removed: true, card };
      const tokenId = await store.savedCards.revealToken(card.id);
      let status: string | undefined;
      try {
        const result = await doku.unbindCard({ tokenId }, { externalId: ctx.externalId });
        status = result.data.additionalInfo?.status;
      } catch (error) {
        throw httpErrorFromDoku(error);
      }
      if (status === 'PENDING') {
        const removing = await store.savedCards.setStatus(card.id, 'removing');
        log.info('kki card unbinding pending', { cardId: card.id });
        return { removed: false, card: removing };
      }
      const removed = await store.savedCards.setStatus(card.id, 'removed');
      return { removed: true, card: removed };
    },
  };
}
