// Card bindings (KKI account binding); the OTP session's authCode sealed at rest.
import { newId } from '../ids.js';
import { json, one } from './query.js';
import type { BindingPatch, BindingRecord, NewBinding, TransitionResult } from './records.js';
import { toBinding } from './rows.js';
import type { SqlDatabase } from './sql.js';
import type { TokenCipher } from './token-cipher.js';

/** Card bindings. */
export interface BindingRepository {
  create(input: NewBinding): Promise<BindingRecord>;
  get(id: string): Promise<BindingRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<BindingRecord | null>;
  findByPartnerReference(partnerReferenceNo: string): Promise<BindingRecord | null>;
  findByDokuReference(dokuReferenceNo: string): Promise<BindingRecord | null>;
  /** Sets fields; `status` only moves out of `pending` (a finished binding never changes state). */
  update(
    id: string,
    patch: BindingPatch & { status?: BindingRecord['status'] },
  ): Promise<TransitionResult<BindingRecord>>;
  /** The OTP session's `authCode`, decrypted, or null. */
  revealAuthCode(id: string): Promise<string | null>;
}

/** The binding repository on `db`, sealing with `cipher`. */
export function createBindingRepository(db: SqlDatabase, cipher: TokenCipher): BindingRepository {
  return {
    async create(input) {
      const rows = await db.query(
        `INSERT INTO bindings (id, customer_id, mode, status, masked_cpan, issuer, partner_reference_no, external_id)
         VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7) RETURNING *`,
        [
          newId('binding'),
          input.customerId,
          input.mode,
          input.maskedCpan,
          input.issuer,
          input.partnerReferenceNo,
          input.externalId,
        ],
      );
      return one(rows, toBinding, 'binding');
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM bindings WHERE id = $1', [id]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query('SELECT * FROM bindings WHERE id = $1 AND customer_id = $2', [
        id,
        customerId,
      ]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async findByPartnerReference(ref) {
      const rows = await db.query('SELECT * FROM bindings WHERE partner_reference_no = $1', [ref]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async findByDokuReference(ref) {
      const rows = await db.query('SELECT * FROM bindings WHERE doku_reference_no = $1', [ref]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async update(id, patch) {
      const sealed =
        patch.authCode === undefined
          ? undefined
          : patch.authCode === null
            ? null
            : await cipher.encrypt(patch.authCode);
      return db.transaction(async (tx) => {
        const current = await one(
          await tx.query('SELECT * FROM bindings WHERE id = $1 FOR UPDATE', [id]),
          toBinding,
          'binding',
        );
        const moving = patch.status !== undefined && patch.status !== current.status;
        // Finished bindings stay finished, but for DOKU's late success (`applyBindingOutcome`).
        const late =
          patch.status === 'active' && (current.status === 'failed' || current.status === 'expired');
        if (moving && current.status !== 'pending' && !late) return { applied: false, record: current };
        const rows = await tx.query(
          `UPDATE bindings SET
             status = COALESCE($2, status),
             doku_reference_no = CASE WHEN $3 THEN $4 ELSE doku_reference_no END,
             auth_code_ciphertext = CASE WHEN $5 THEN $6 ELSE auth_code_ciphertext END,
             next_action = CASE
               WHEN $13 AND next_action ->> 'type' = 'otp_input' THEN jsonb_set(next_action, '{attemptsLeft}',
                 to_jsonb(GREATEST(0, $14::int - otp_attempts - 1)))
               ELSE COALESCE($7::jsonb, next_action) END,
             card_id = CASE WHEN $8 THEN $9 ELSE card_id END,
             error = CASE WHEN $10 THEN $11::jsonb ELSE error END,
             otp_attempts = CASE WHEN $13 THEN otp_attempts + 1 ELSE COALESCE($12, otp_attempts) END,
             updated_at = now()
           WHERE id = $1 RETURNING *`,
          [
            id,
            patch.status ?? null,
            'dokuReferenceNo' in patch,
            patch.dokuReferenceNo ?? null,
            sealed !== undefined,
            sealed ?? null,
            patch.nextAction ? json(patch.nextAction) : null,
            'cardId' in patch,
            patch.cardId ?? null,
            'error' in patch,
            patch.error ? json(patch.error) : null,
            patch.otpAttempts ?? null,
            patch.addOtpAttempt !== undefined,
            patch.addOtpAttempt?.allowed ?? 0,
          ],
        );
        return { applied: true, record: await one(rows, toBinding, 'binding') };
      });
    },
    async revealAuthCode(id) {
      const rows = await db.query<{ auth_code_ciphertext: string | null }>(
        'SELECT auth_code_ciphertext FROM bindings WHERE id = $1',
        [id],
      );
      const sealed = rows[0]?.auth_code_ciphertext;
      return sealed ? cipher.decrypt(sealed) : null;
    },
  };
}
