// An existing database upgraded in place: migration 9 gives paid orders their paid moment from the
// row's last change (the only change a paid order had), open orders none.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openPglite } from '../src/store/index.js';

describe('upgrading a database with orders in it', () => {
  it('backfills paid_at of paid orders from updated_at (migration 9)', async () => {
    const db = await openPglite();
    try {
      const before = MIGRATIONS.filter((m) => m.version < 9);
      expect(await migrate(db, before)).toEqual(before.map((m) => m.version));
      await db.query(
        `INSERT INTO orders (id, customer_id, amount, status, paid_payment_id, updated_at) VALUES
         ('ord_paidBefore0001', 'c1', 10000, 'paid', 'pay_x0000001', '2026-11-30T08:00:00Z'),
         ('ord_openBefore0001', 'c1', 10000, 'open', NULL, '2026-11-30T09:00:00Z')`,
      );
      expect(await migrate(db)).toContain(9);
      const rows = await db.query<{ id: string; paid_at: Date | null }>(
        'SELECT id, paid_at FROM orders ORDER BY id',
      );
      expect(rows.map((r) => [r.id, r.paid_at && new Date(r.paid_at).toISOString()])).toEqual([
        ['ord_openBefore0001', null],
        ['ord_paidBefore0001', '2026-11-30T08:00:00.000Z'],
      ]);
    } finally {
      await db.close();
    }
  });
});
