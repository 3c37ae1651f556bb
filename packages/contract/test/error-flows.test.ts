// Each DOKU flow's codes come with copy written for the flow's reader, and no flow shows copy
// written for another: staff read refunds, the card's owner reads card removals, shoppers the rest.
import { describe, expect, it } from 'vitest';
import {
  createKkiError,
  KKI_ERROR_CATALOGUE,
  KKI_ERROR_CODES,
  KKI_ERROR_FLOW_NAMES,
  KKI_ERROR_FLOWS,
  KKI_FLOW_CASES,
  KKI_LOCALES,
  type KkiCopyFlow,
  kkiErrorTitle,
  kkiFlowCase,
  kkiFlowCopy,
} from '../src/index.js';

/** Words that mark copy as written for another flow's reader. */
const FOREIGN_WORDS: { readonly [F in KkiCopyFlow]: RegExp } = {
  payment: /refund|pengembalian dana|remove this card|dihapus/i,
  binding: /payment|pembayaran|refund|pengembalian dana/i,
  refund: /your card|kartu anda|try another card|coba kartu lain|gunakan kartu lain/i,
  card_removal: /payment|pembayaran|refund|pengembalian dana/i,
};
/** Words the copy of a staff or account flow must carry. */
const OWN_WORDS: { readonly [F in KkiCopyFlow]?: RegExp } = {
  refund: /refund|pengembalian dana/i,
  card_removal: /card|kartu/i,
};

const everyFlowCode = KKI_ERROR_FLOW_NAMES.flatMap((flow) =>
  KKI_FLOW_CASES[flow].map((c) => ({ flow, code: c.code, copyFlow: KKI_ERROR_FLOWS[flow].copy })),
);

describe('error flows', () => {
  it('derive codes for every flow from DOKU’s tables, with the DOKU codes behind each', () => {
    for (const flow of KKI_ERROR_FLOW_NAMES) {
      expect(KKI_FLOW_CASES[flow].length, flow).toBeGreaterThan(0);
      for (const c of KKI_FLOW_CASES[flow]) {
        expect(KKI_ERROR_CODES).toContain(c.code);
        expect(c.dokuCodes.length, `${flow}:${c.code}`).toBeGreaterThan(0);
        expect(c.shownCodes.length, `${flow}:${c.code}`).toBeGreaterThan(0);
        for (const shown of c.shownCodes)
          expect(c.dokuCodes.some((d) => d === shown || d.startsWith(`${shown}: `))).toBe(true);
      }
    }
    // Per-service readings apply: a duplicate token on binding means the card is already bound.
    expect(kkiFlowCase('kki_binding', 'card_already_bound')).toBeDefined();
    expect(kkiFlowCase('kki_payment', 'card_already_bound')).toBeUndefined();
    expect(kkiFlowCase('kki_refund', 'transaction_not_found')?.caseCodes).toEqual(['08']);
    // The code shown for a KKI case is the one the sandbox answers with (case 14 at 403).
    expect(kkiFlowCase('kki_payment', 'insufficient_funds')).toMatchObject({
      caseCodes: ['14'],
      shownCodes: ['4035414'],
    });
    // Each Non-SNAP operation reports its own failure status, and only its own.
    expect(kkiFlowCase('card_refund', 'refund_failed')).toBeDefined();
    expect(kkiFlowCase('checkout_payment', 'refund_failed')).toBeUndefined();
    expect(kkiFlowCase('checkout_payment', 'card_removal_failed')).toBeUndefined();
    expect(kkiFlowCase('card_removal', 'card_removal_failed')).toBeDefined();
    expect(kkiFlowCase('card_payment', 'card_declined')?.shownCodes).toContain('FAILED');
  });

  it('has copy written for the reader of every code each flow can return', () => {
    for (const { flow, code, copyFlow } of everyFlowCode) {
      const copy = kkiFlowCopy(copyFlow, code);
      expect(copy, `${flow}:${code}`).toBeDefined();
      for (const locale of KKI_LOCALES) {
        const text = copy?.[locale] ?? '';
        expect(text, `${flow}:${code}:${locale}`).not.toMatch(FOREIGN_WORDS[copyFlow]);
        const own = OWN_WORDS[copyFlow];
        if (own) expect(text, `${flow}:${code}:${locale}`).toMatch(own);
      }
    }
  });

  it('never gives a staff or account flow the copy of another reader', () => {
    for (const { flow, code, copyFlow } of everyFlowCode) {
      const reader = KKI_ERROR_FLOWS[flow].reader;
      const mine = kkiFlowCopy(copyFlow, code);
      for (const other of KKI_ERROR_FLOW_NAMES) {
        if (KKI_ERROR_FLOWS[other].reader === reader) continue;
        const theirs = kkiFlowCopy(KKI_ERROR_FLOWS[other].copy, code);
        if (theirs === undefined) continue;
        expect(mine?.en, `${flow} vs ${other}: ${code}`).not.toBe(theirs.en);
        expect(mine?.id, `${flow} vs ${other}: ${code}`).not.toBe(theirs.id);
      }
    }
  });

  it('words a created error for its flow, and keeps the catalogue copy without one', () => {
    const refund = createKkiError('insufficient_funds', { locale: 'id', flow: 'refund' });
    expect(refund.message).toBe(kkiFlowCopy('refund', 'insufficient_funds')?.id);
    expect(refund.message).not.toBe(KKI_ERROR_CATALOGUE.insufficient_funds.copy.id);
    expect(createKkiError('insufficient_funds', { locale: 'en' }).message).toBe(
      KKI_ERROR_CATALOGUE.insufficient_funds.copy.en,
    );
    // A merchant's override still wins over the flow's copy.
    const overridden = createKkiError('do_not_honor', {
      locale: 'en',
      flow: 'card_removal',
      overrides: { do_not_honor: { en: 'Mine' } },
    });
    expect(overridden.message).toBe('Mine');
  });

  it('names codes for developers', () => {
    expect(kkiErrorTitle('insufficient_funds')).toBe('Insufficient funds');
    expect(kkiErrorTitle('ott_expired_or_not_permitted')).toBe('OTT expired or not permitted');
  });
});
