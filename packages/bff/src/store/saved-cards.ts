// Saved cards; tokens sealed at rest and found by a keyed fingerprint.
import { newId } from '../ids.js';
import { emitEvent } from './events.js';
import { one } from './query.js';
import { type NewSavedCard, type SavedCardRecord, StoreRuleError } from './records.js';
import { toSavedCard } from './rows.js';
import type { SqlDatabase } from './sql.js';
import type { TokenCipher } from './token-cipher.js';

/** Saved cards; tokens sealed at rest. */
export interface SavedCardRepository {
  /** Saves a card; the same token for the same customer returns the existing card. */
  create(input: NewSavedCard): Promise<SavedCardRecord>;
  get(id: string): Promise<SavedCardRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<SavedCardRecord | null>;
  /** The customer's cards that are `active` or `removing`, newest first. */
  listForCustomer(customerId: string): Promise<SavedCardRecord[]>;
  findByToken(token: string): Promise<SavedCardRecord | null>;
  /** DOKU's token, decrypted, for a DOKU call. Never send it to a browser or a log. */
  revealToken(id: string): Promise<string>;
  /** Moves `active -> removing -> removed` (or back to `active` when DOKU refuses the unbinding). */
  setStatus(id: string, status: SavedCardRecord['status']): Promise<SavedCardRecord>;
  /**
   * Marks a card `removing` under the X-EXTERNAL-ID of the unbinding call about to be made, before
   * DOKU is asked (a removed card stays removed).
   */
  beginRemoval(id: string, externalId: string): Promise<SavedCardRecord>;
  /** The card whose latest unbinding call had this X-EXTERNAL-ID. */
  findByRemoval(externalId: string): Promise<SavedCardRecord | null>;
}

/** The saved-card repository on `db`, sealing with `cipher`. */
export function createSavedCardRepository(db: SqlDatabase, cipher: TokenCipher): SavedCardRepository {
  return {
    async create(input) {
      const hash = await cipher.fingerprint(input.token);
      const sealed = await cipher.encrypt(input.token);
      const rows = await db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO saved_cards (id, customer_id, method, token_ciphertext, token_hash, masked_cpan, issuer,
           issuer_name, status, binding_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9)
         ON CONFLICT (token_hash) DO NOTHING RETURNING *`,
          [
            newId('card'),
            input.customerId,
            input.method,
            sealed,
            hash,
            input.maskedCpan,
            input.issuer,
            input.issuerName,
            input.bindingId ?? null,
          ],
        );
        if (inserted[0])
          await emitEvent(tx, { type: 'card.saved', subject: 'card', card: toSavedCard(inserted[0]) });
        return inserted;
      });
      if (rows[0]) return toSavedCard(rows[0]);
      const existing = await db.query('SELECT * FROM saved_cards WHERE token_hash = $1', [hash]);
      const card = await one(existing, toSavedCard, 'saved card');
      // A token DOKU issued for one customer is never attached to another.
      if (card.customerId !== input.customerId) {
        throw new StoreRuleError('card_already_bound', 'the token belongs to another customer');
      }
      return card;
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM saved_cards WHERE id = $1', [id]);
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query(
        `SELECT * FROM saved_cards WHERE id = $1 AND customer_id = $2 AND status <> 'removed'`,
        [id, customerId],
      );
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async listForCustomer(customerId) {
      const rows = await db.query(
        `SELECT * FROM saved_cards WHERE customer_id = $1 AND status <> 'removed' ORDER BY created_at DESC, id`,
        [customerId],
      );
      return rows.map(toSavedCard);
    },
    async findByToken(token) {
      const rows = await db.query('SELECT * FROM saved_cards WHERE token_hash = $1', [
        await cipher.fingerprint(token),
      ]);
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async revealToken(id) {
      const rows = await db.query<{ token_ciphertext: string }>(
        'SELECT token_ciphertext FROM saved_cards WHERE id = $1',
        [id],
      );
      const sealed = rows[0]?.token_ciphertext;
      if (!sealed) throw new StoreRuleError('card_not_found', 'saved card not found');
      return cipher.decrypt(sealed);
    },
    async beginRemoval(id, externalId) {
      const rows = await db.query(
        `UPDATE saved_cards SET status = 'removing', removal_external_id = $2, updated_at = now()
         WHERE id = $1 AND status <> 'removed' RETURNING *`,
        [id, externalId],
      );
      if (rows[0]) return toSavedCard(rows[0]);
      return one(await db.query('SELECT * FROM saved_cards WHERE id = $1', [id]), toSavedCard, 'saved card');
    },
    async findByRemoval(externalId) {
      const rows = await db.query('SELECT * FROM saved_cards WHERE removal_external_id = $1', [externalId]);
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async setStatus(id, status) {
      const rows = await db.transaction(async (tx) => {
        const updated = await tx.query(
          `UPDATE saved_cards SET status = $2, updated_at = now(),
             removed_at = CASE WHEN $2 = 'removed' THEN now() ELSE NULL END
           WHERE id = $1 AND status <> 'removed' RETURNING *`,
          [id, status],
        );
        const card = updated[0] ? toSavedCard(updated[0]) : null;
        if (card?.status === 'removed') await emitEvent(tx, { type: 'card.removed', subject: 'card', card });
        return updated;
      });
      if (rows[0]) return toSavedCard(rows[0]);
      // Already removed: removal is final, report the card as it is.
      return one(await db.query('SELECT * FROM saved_cards WHERE id = $1', [id]), toSavedCard, 'saved card');
    },
  };
}
