// Saved-card removal (SavedCardsList): DOKU's unbinding answers SUCCESS (removed now) or PENDING
// (the card shows as `removing` until the unbinding notification says it is gone).
import { kkiErrorFromDokuFailure } from '@kki-kit/contract';
import type { DokuClient } from '@kki-kit/doku';
import { domainErrorFromDoku, isDokuDecision } from '../services/doku-outcome.js';
import type { SavedCardService, ServiceDeps } from '../services/types.js';

/** DOKU's `redirectUrl` when it is an absolute http(s) URL; anything else is not sent to a browser. */
function webUrl(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}

/** Creates the saved-card service (KKI cards; Cards tokens are removed by the Cards flow). */
export function createSavedCardService(deps: ServiceDeps & { doku: DokuClient }): SavedCardService {
  const { store, doku, log } = deps;
  return {
    async remove(card, ctx) {
      if (card.status === 'removed') return { removed: true, card };
      const tokenId = await store.savedCards.revealToken(card.id);
      // Marked before DOKU is asked: its notification names this call, even when the answer is lost,
      // and a card being removed is not charged meanwhile.
      await store.savedCards.beginRemoval(card.id, ctx.externalId);
      let status: string | undefined;
      let redirectUrl: string | undefined;
      try {
        const result = await doku.unbindCard({ tokenId }, { externalId: ctx.externalId });
        status = result.data.additionalInfo?.status;
        redirectUrl = webUrl(result.data.additionalInfo?.redirectUrl);
      } catch (error) {
        if (isDokuDecision(error)) {
          // DOKU has no such card: an earlier unbinding went through (its answer lost).
          if (kkiErrorFromDokuFailure(error) === 'no_card_record') {
            log.warn('kki card already unbound at DOKU', { cardId: card.id });
            return { removed: true, card: await store.savedCards.setStatus(card.id, 'removed') };
          }
          // Refused: the card stays as it was.
          await store.savedCards.setStatus(card.id, card.status);
        }
        throw domainErrorFromDoku(error);
      }
      // A page to visit means the unbinding is not final yet, whatever the status says.
      if (status === 'PENDING' || redirectUrl !== undefined) {
        const removing = await store.savedCards.setStatus(card.id, 'removing');
        log.info('kki card unbinding pending', { cardId: card.id, redirect: redirectUrl !== undefined });
        return { removed: false, card: removing, ...(redirectUrl !== undefined && { redirectUrl }) };
      }
      const removed = await store.savedCards.setStatus(card.id, 'removed');
      return { removed: true, card: removed };
    },
  };
}
