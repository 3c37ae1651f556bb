import { describe, expect, it } from 'vitest';
import {
  canPaymentTransition,
  isOpenPaymentStatus,
  OPEN_PAYMENT_STATUSES,
  PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
  REOPENABLE_PAYMENT_STATUSES,
} from '../src/index.js';

const doku = { dokuConfirmed: true };
const kit = { dokuConfirmed: false };

describe('payment state machine', () => {
  it('has a row for every status, naming only statuses', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
    for (const next of Object.values(PAYMENT_TRANSITIONS)) {
      for (const to of next) expect(PAYMENT_STATUSES).toContain(to);
    }
  });

  it('never moves back to an open state once a payment has left it', () => {
    for (const from of PAYMENT_STATUSES.filter((s) => !isOpenPaymentStatus(s))) {
      for (const to of OPEN_PAYMENT_STATUSES) {
        expect(canPaymentTransition(from, to, doku)).toBe(false);
      }
    }
    expect(canPaymentTransition('pending', 'created', doku)).toBe(false);
  });

  it('lets an open attempt end in every outcome', () => {
    for (const from of OPEN_PAYMENT_STATUSES) {
      for (const to of ['succeeded', 'failed', 'expired', 'cancelled'] as const) {
        expect(canPaymentTransition(from, to, kit)).toBe(true);
      }
    }
  });

  it('reopens a closed payment to money taken only when DOKU confirms it', () => {
    for (const from of REOPENABLE_PAYMENT_STATUSES) {
      expect(PAYMENT_TRANSITIONS[from]).toEqual([]);
      expect(canPaymentTransition(from, 'succeeded', doku)).toBe(true);
      expect(canPaymentTransition(from, 'authorized', doku)).toBe(true);
      expect(canPaymentTransition(from, 'succeeded', kit)).toBe(false);
      expect(canPaymentTransition(from, 'refunded', doku)).toBe(false);
    }
    // A refunded payment stays refunded, whoever speaks.
    expect(canPaymentTransition('refunded', 'succeeded', doku)).toBe(false);
  });
});
