// The README's Cards tables say what the code does: every test card with its brand, type, issuer and
// outcome, and the installment minimums.
import { readFileSync } from 'node:fs';
import { formatIdr } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import { INSTALLMENT_PLANS } from '../src/cards/index.js';
import { DOKU_RETRY_OFFSETS_MS } from '../src/notify/index.js';
import { TEST_CARDS, THREE_DS_OTP } from '../src/test-values/cards.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

describe('README', () => {
  it('lists every test card as the code defines it', () => {
    const cards = section('Cards');
    const rows = cards.split('\n').filter((l) => /^\| `\d{15,16}`/.test(l));
    expect(rows).toHaveLength(TEST_CARDS.length);
    for (const card of TEST_CARDS) {
      const row = rows.find((r) => r.includes(`\`${card.number}\``));
      expect(row, card.id).toBeDefined();
      const cells = (row as string).split('|').map((c) => c.trim());
      expect(cells.slice(2, 5), card.id).toEqual([card.brand, card.type, card.issuerName]);
      const outcome = cells[5] as string;
      if (card.outcome.kind === 'decline') {
        expect(outcome).toBe(`declined \`${card.outcome.responseCode}\` ${card.outcome.responseMessage}`);
      } else if (card.outcome.kind === 'threeDs') {
        expect(outcome).toContain(`\`${THREE_DS_OTP}\``);
      } else {
        expect(outcome.startsWith('approved')).toBe(true);
      }
    }
  });

  it('states the installment minimums and the retry schedule the code uses', () => {
    const cards = section('Cards');
    for (const plan of Object.values(INSTALLMENT_PLANS)) {
      expect(cards).toContain(formatIdr(plan.minAmount, 'en'));
      expect(cards).toContain(plan.tenors.join(', '));
    }
    expect(DOKU_RETRY_OFFSETS_MS).toEqual([30 * 60_000, 6 * 3600_000, 12 * 3600_000]);
    expect(section('Notifications')).toContain('+30 min, +6 h and +12 h');
  });
});
