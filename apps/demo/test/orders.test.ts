// The shop's order list on disk: kept across a restart, and a damaged file starts a fresh list
// instead of stopping the demo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openOrderIndex } from '../server/orders.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kki-demo-orders-'));
  dirs.push(dir);
  return join(dir, 'orders.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = { orderId: 'ord_12345678', customerId: 'cust_a', createdAt: '2026-01-01T00:00:00.000Z' };

describe('openOrderIndex', () => {
  it('reads back what an earlier run wrote', () => {
    const file = tempFile();
    openOrderIndex(file).add(entry);
    const reopened = openOrderIndex(file);
    expect(reopened.all()).toEqual([entry]);
    expect(reopened.owner(entry.orderId)).toBe('cust_a');
  });

  it.each([
    ['not JSON', '{"orderId": "ord_1'],
    ['not a list of entries', '{"orders": []}'],
  ])('starts a fresh list when the file is %s', (_what, content) => {
    const file = tempFile();
    writeFileSync(file, content);
    const index = openOrderIndex(file);
    expect(index.all()).toEqual([]);
    index.add(entry);
    expect(openOrderIndex(file).all()).toEqual([entry]);
  });
});
