// A KKI payment made on the sandbox's DOKU Checkout page (doku-api.md §7.7): the shopper types the
// CPAN and the OTT on DOKU's page and confirms in the issuer app, exactly as in a host-to-host
// payment, but DOKU reports the end to the Checkout (`onSettled`), not as a SNAP notification.
import { formatSnapResponseCode, type KkiCaseCode } from '@kki-kit/contract';
import { SNAP_SERVICE_CODES } from '@kki-kit/doku';
import { KKI_TEST_AMOUNTS } from '../test-values/kki.js';
import { applyScenario, cardFromCpan, useOtt } from './card-data.js';
import { type KkiDeps, newReferenceNo, nowIso } from './kki-state.js';
import { awaitConfirmation, issuerAppPath } from './payment.js';
import { kkiCaseFailure, SnapFailure } from './respond.js';
import type { CardRef, Payment } from './store.js';

const PAY = SNAP_SERVICE_CODES.payment;

/** What the shopper typed and what the Checkout needs back. */
export interface CheckoutKkiInput {
  cpan: string;
  ott: string;
  /** Rupiah. */
  amount: number;
  /** DOKU's own reference of this attempt (unique): the payment's `partnerReferenceNo`. */
  reference: string;
  /** Called once, when the payment ends (approved, declined, expired, or refused by the issuer). */
  onSettled(p: Payment): void;
}

/** How a Checkout KKI attempt started. */
export type CheckoutKkiStart =
  /** A field the shopper can correct; nothing was recorded. `caseCode` is the KKI case (§5.10). */
  | { kind: 'invalid'; field: 'cpan' | 'ott'; caseCode: KkiCaseCode }
  /** Waiting for the issuer app: `issuerAppPath` is its page. */
  | { kind: 'confirm'; payment: Payment; issuerAppPath: string }
  /** The issuer refused at once (test card scenario, credit limit); `onSettled` has run. */
  | { kind: 'settled'; payment: Payment };

function caseOf(err: unknown): KkiCaseCode {
  if (err instanceof SnapFailure) return err.caseCode as KkiCaseCode;
  throw err;
}

/** Starts a Checkout KKI payment; never puts the CPAN or OTT anywhere but the checks. */
export async function startCheckoutKkiPayment(
  deps: KkiDeps,
  input: CheckoutKkiInput,
): Promise<CheckoutKkiStart> {
  const { ctx, store } = deps;
  const cpan = input.cpan.replace(/[\s-]/g, '');
  let card: CardRef;
  try {
    if (!/^\d{12,19}$/.test(cpan)) throw kkiCaseFailure('11');
    card = await cardFromCpan(cpan);
  } catch (err) {
    return { kind: 'invalid', field: 'cpan', caseCode: caseOf(err) };
  }
  const ott = input.ott.trim();
  try {
    if (ott === '' || ott.length > 40) throw kkiCaseFailure('02');
    useOtt(store, ott, ctx.clock.nowMs());
  } catch (err) {
    return { kind: 'invalid', field: 'ott', caseCode: caseOf(err) };
  }
  const payment: Payment = {
    referenceNo: newReferenceNo(deps),
    partnerReferenceNo: input.reference,
    externalId: input.reference,
    kind: 'single',
    amount: input.amount,
    status: 'PENDING',
    card,
    custIdMerchant: null,
    bindingReferenceNo: null,
    issuedBindingReferenceNo: null,
    confirmSession: null,
    confirmExpiresAtMs: null,
    approvalCode: null,
    responseCode: formatSnapResponseCode(200, PAY, '00'),
    responseMessage: 'Successful',
    // The issuer app stands in for the shopper's phone: it shows its own result, the Checkout page
    // (waiting in the browser) moves on by itself.
    successUrl: null,
    failedUrl: null,
    createdAt: nowIso(deps),
    finishedAt: null,
    refunds: [],
    cancelTimers: [],
    onSettled: input.onSettled,
  };
  try {
    applyScenario(card, 'payment');
    if (input.amount > KKI_TEST_AMOUNTS.creditLimit) throw kkiCaseFailure('14');
  } catch (err) {
    const failure = err instanceof SnapFailure ? err : null;
    if (!failure) throw err;
    payment.status = 'FAILED';
    payment.responseCode = formatSnapResponseCode(failure.httpStatus, PAY, failure.caseCode);
    payment.responseMessage = failure.responseMessage;
    payment.finishedAt = nowIso(deps);
    store.addPayment(payment);
    input.onSettled(payment);
    return { kind: 'settled', payment };
  }
  store.addPayment(payment);
  const session = awaitConfirmation(deps, payment, ott);
  return { kind: 'confirm', payment, issuerAppPath: issuerAppPath(session) };
}
