// What happens when a customer submits the hosted card form: the form checks DOKU's page makes
// (card number, expiry, CVV, allowed BINs, installment eligibility), the promo discount, the
// issuer's answer from the test card table, the 3-D Secure step, and the result: order state,
// token, authorization hold, settlement time and the Non-SNAP notification.
import { luhnValid } from '@kki-kit/contract';
import { CARD_PAGE_TENOR_FIXED_BY_REQUEST, type CardAcquirer } from '@kki-kit/doku';
import type { SandboxContext } from '../context.js';
import {
  APPROVED,
  brandOf,
  cvvLength,
  findTestCard,
  THREE_DS_FAILED,
  THREE_DS_MAX_ATTEMPTS,
  THREE_DS_OTP,
  testCard,
  UNKNOWN_CARD_DECLINE,
} from '../test-values/cards.js';
import type { CardsIds } from './ids.js';
import { cardNotificationBody, refreshOrder } from './order-view.js';
import { AUTHORIZATION_HOLD_MS, INSTALLMENT_PLANS, nextSettlementMs, offeredTenors } from './rules.js';
import type { CardOrder, CardSummary, CardsState, PaymentPageSession, PendingCharge } from './state.js';

/**
 * The card number as DOKU's card page reports it: the first 6 and the last 4 digits, `*` between, for
 * every length (a 15-digit Amex too: `378282*****0005`). The kit's own `maskCpan` hides more of a
 * short number; this is DOKU's format, which the BFF must take as it comes.
 */
function dokuMasked(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(Math.max(0, digits.length - 10))}${digits.slice(-4)}`;
}

/** What the customer typed (form fields as strings; absent when the page did not show the field). */
export interface CardSubmission {
  /** `saved` pays with the pre-filled `card.token`; `new` (default) with the typed card. */
  cardChoice?: string;
  cardNumber?: string;
  expiry?: string;
  cvv?: string;
  name?: string;
  tenor?: string;
  saveCard?: boolean;
  disclaimer?: boolean;
}

/** Form fields that can be wrong. */
export type CardField = 'cardNumber' | 'expiry' | 'cvv' | 'name' | 'tenor' | 'disclaimer';

/** Why a field is wrong (keys of the page copy). */
export type CardFieldError =
  | 'required'
  | 'invalid'
  | 'expired'
  | 'binNotAllowed'
  | 'unsupportedBrand'
  | 'installmentNotEligible'
  | 'belowInstallmentMinimum';

/** Result of a submission. */
export type CheckoutResult =
  | { kind: 'invalid'; errors: Partial<Record<CardField, CardFieldError>> }
  | { kind: 'threeDs'; challengeId: string }
  | { kind: 'completed'; order: CardOrder }
  | { kind: 'closed'; reason: 'expired' | 'completed' };

/** Result of an OTP on the 3-D Secure page. */
export type OtpResult =
  | { kind: 'wrongOtp'; attemptsLeft: number }
  | { kind: 'completed'; order: CardOrder }
  | { kind: 'closed' };

/** Payment types that never ask for CVV or OTP (doku-api.md §7.1 [SEED-002] MOTO/RECURRING hint). */
function skipsCustomerAuth(session: PaymentPageSession, usedToken: string | null): boolean {
  return session.type === 'MOTO' || (session.type === 'RECURRING' && usedToken !== null);
}

/** Whether the page asks for a CVV for this choice. */
export function needsCvv(session: PaymentPageSession, paysWithToken: boolean): boolean {
  if (session.type === 'MOTO') return false;
  return !(session.type === 'RECURRING' && paysWithToken);
}

/** Parses `MM/YY`, `MMYY` or `MM/YYYY`; `null` when malformed. */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const m = /^\s*(\d{2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/**
 * Tenors the page offers for an INSTALLMENT session (empty otherwise): the tenor the request chose
 * (`CARD_PAGE_TENOR_FIXED_BY_REQUEST`), with 0 (pay in full) only when `allow_tenor` has it; else
 * the plan's tenors narrowed by `allow_tenor`.
 */
export function sessionTenors(session: PaymentPageSession): number[] {
  const p = session.request.payment;
  if (session.type !== 'INSTALLMENT' || !p?.acquirer) return [];
  const offered = offeredTenors(
    INSTALLMENT_PLANS[p.acquirer],
    session.request.override_configuration?.allow_tenor,
  );
  const chosen = p.tenor;
  if (!CARD_PAGE_TENOR_FIXED_BY_REQUEST || chosen === undefined || !offered.includes(chosen)) return offered;
  return offered.includes(0) && chosen !== 0 ? [0, chosen] : [chosen];
}

/** The promo that applies to a card number (first listed BIN that prefixes it). */
export function promoFor(
  session: PaymentPageSession,
  digits: string,
): { bin: string; discountAmount: number } | null {
  const promo = session.request.override_configuration?.promo?.find((p) => digits.startsWith(p.bin));
  return promo ? { bin: promo.bin, discountAmount: promo.discount_amount } : null;
}

/** The checkout engine over the Cards state. */
export function createCheckout(deps: {
  ctx: SandboxContext;
  state: CardsState;
  ids: CardsIds;
  settlementHourWib: () => number;
}) {
  const { ctx, state, ids } = deps;

  /** The session and its order, with clock transitions applied; `null` when gone. */
  function live(session: PaymentPageSession): CardOrder | null {
    const order = state.orders.get(session.invoiceNumber);
    if (!order || order.pageRef !== session.ref) return null;
    refreshOrder(order, ctx.clock.nowMs());
    return order;
  }

  /** Why a page no longer takes a card, or `null` while it does. */
  function closedReason(session: PaymentPageSession): 'expired' | 'completed' | null {
    const order = live(session);
    if (session.state === 'completed' || !order || order.status === 'SUCCESS' || order.status === 'FAILED') {
      return 'completed';
    }
    if (order.status === 'EXPIRED' || ctx.clock.nowMs() >= session.expiresAtMs) return 'expired';
    return null;
  }

  function checkCard(
    session: PaymentPageSession,
    s: CardSubmission,
  ):
    | { ok: true; charge: PendingCharge; digits: string | null }
    | { ok: false; errors: Partial<Record<CardField, CardFieldError>> } {
    const errors: Partial<Record<CardField, CardFieldError>> = {};
    const savedToken = session.request.card?.token;
    const useSaved = savedToken !== undefined && s.cardChoice !== 'new';
    let card: CardSummary | null = null;
    let digits: string | null = null;

    if (useSaved) {
      const saved = state.tokens.get(savedToken);
      // The token was checked at page creation; it may have been deleted since.
      if (!saved) errors.cardNumber = 'invalid';
      else card = saved.card;
    } else {
      digits = (s.cardNumber ?? '').replace(/[\s-]/g, '');
      const brand = brandOf(digits);
      if (digits === '') errors.cardNumber = 'required';
      else if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) errors.cardNumber = 'invalid';
      else if (!brand) errors.cardNumber = 'unsupportedBrand';
      else {
        const allow = session.request.override_configuration?.allow_bin;
        if (allow && !allow.some((bin) => digits!.startsWith(bin))) errors.cardNumber = 'binNotAllowed';
        const tc = findTestCard(digits);
        card = {
          masked: dokuMasked(digits),
          brand: tc?.brand ?? brand,
          type: tc?.type ?? 'CREDIT',
          issuer: tc?.issuerName ?? 'Unknown Issuer',
          testCardId: tc?.id ?? 'unknown',
        };
      }
      const expiry = (s.expiry ?? '').trim();
      const parsed = parseExpiry(expiry);
      const now = ctx.clock.now();
      if (expiry === '') errors.expiry = 'required';
      else if (!parsed) errors.expiry = 'invalid';
      else if (parsed.year * 12 + parsed.month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
        errors.expiry = 'expired';
      }
      const name = (s.name ?? '').trim();
      if (name === '') errors.name = 'required';
      else if (name.length > 64 || !/^[\p{L} .'-]+$/u.test(name)) errors.name = 'invalid';
    }

    if (needsCvv(session, useSaved)) {
      const cvv = (s.cvv ?? '').trim();
      const want = cvvLength(card?.brand ?? null);
      if (cvv === '') errors.cvv = 'required';
      else if (!new RegExp(`^\\d{${want}}$`).test(cvv)) errors.cvv = 'invalid';
    }
    if (session.request.additional_info?.disclaimer && !s.disclaimer) errors.disclaimer = 'required';

    let tenor: number | null = null;
    const promo = digits ? promoFor(session, digits) : null;
    if (session.type === 'INSTALLMENT') {
      const offered = sessionTenors(session);
      const picked = Number(s.tenor ?? session.request.payment?.tenor);
      if (!Number.isInteger(picked) || !offered.includes(picked)) errors.tenor = 'invalid';
      else tenor = picked;
      if (tenor !== null && tenor > 0 && card && !errors.cardNumber) {
        const acquirer = session.request.payment?.acquirer as CardAcquirer;
        const plan = INSTALLMENT_PLANS[acquirer];
        const issuer = card.testCardId === 'unknown' ? null : testCard(card.testCardId).issuer;
        // ON US: only the acquirer's own cards; OFF US: any credit card (doku-api.md §7.1).
        const eligible = card.type === 'CREDIT' && (plan.kind === 'OFF_US' || issuer === acquirer);
        if (!eligible) errors.cardNumber = 'installmentNotEligible';
        const amount = session.request.order.amount - (promo?.discountAmount ?? 0);
        if (amount < plan.minAmount) errors.tenor = 'belowInstallmentMinimum';
      }
    }
    if (Object.keys(errors).length > 0 || !card) return { ok: false, errors };
    const saveCard =
      !useSaved &&
      session.request.customer?.id !== undefined &&
      (session.request.card?.save === true || session.type === 'RECURRING' || s.saveCard === true);
    return {
      ok: true,
      digits,
      charge: { card, tenor, saveCard, usedToken: useSaved ? (savedToken ?? null) : null, promo },
    };
  }

  function savedTokenFor(customerId: string, card: CardSummary): string {
    for (const saved of state.tokens.values()) {
      if (
        saved.customerId === customerId &&
        saved.card.testCardId === card.testCardId &&
        saved.card.masked === card.masked
      ) {
        return saved.token;
      }
    }
    const token = ids.cardToken();
    state.tokens.set(token, { token, customerId, card, createdAtMs: ctx.clock.nowMs() });
    return token;
  }

  function eci(card: CardSummary, threeDs: boolean): string {
    if (!threeDs) return '07';
    return card.brand === 'MASTER' ? '02' : '05';
  }

  /** Records the issuer's answer, saves the card, starts the hold or settlement, notifies. */
  function finish(
    session: PaymentPageSession,
    order: CardOrder,
    charge: PendingCharge,
    outcome:
      | { ok: true; threeDs: boolean }
      | { ok: false; responseCode: string; responseMessage: string; threeDs: boolean },
  ): CardOrder {
    const nowMs = ctx.clock.nowMs();
    const req = session.request;
    order.card = charge.card;
    // Without `payment.acquirer` the card's own bank acquires it in the sandbox.
    if (!req.payment?.acquirer && charge.card.testCardId !== 'unknown') {
      order.acquirer = testCard(charge.card.testCardId).issuer;
    }
    order.promo = charge.promo;
    order.amount = req.order.amount - (charge.promo?.discountAmount ?? 0);
    order.completedAtMs = nowMs;
    order.eci = eci(charge.card, outcome.threeDs);
    order.authenticationId = outcome.threeDs ? ids.authenticationId() : null;
    if (session.type === 'INSTALLMENT') {
      const acquirer = req.payment?.acquirer as CardAcquirer;
      // Tenor 0 is "pay in full" on an installment page: a plain sale.
      if (charge.tenor && charge.tenor > 0) {
        order.installment = { tenor: charge.tenor, kind: INSTALLMENT_PLANS[acquirer].kind, acquirer };
      } else {
        order.type = 'SALE';
      }
    }
    let notificationType: string = order.type;
    if (outcome.ok) {
      order.status = 'SUCCESS';
      order.responseCode = APPROVED.responseCode;
      order.responseMessage = APPROVED.responseMessage;
      order.approvalCode = ids.approvalCode();
      const customerId = req.customer?.id;
      if (charge.usedToken) order.token = charge.usedToken;
      else if (charge.saveCard && customerId) order.token = savedTokenFor(customerId, charge.card);
      if (session.type === 'AUTHORIZE' && !session.autoCapture) {
        const authorizeId = ids.authorizeId();
        order.authorization = {
          authorizeId,
          amount: order.amount,
          status: 'AUTHORIZED',
          capturedAmount: null,
          captureRequestId: null,
          capturedAtMs: null,
          releaseAtMs: nowMs + AUTHORIZATION_HOLD_MS,
        };
        state.authorizations.set(authorizeId, order.invoiceNumber);
        const cancel = ctx.clock.schedule(nowMs + AUTHORIZATION_HOLD_MS, () => {
          state.timers.delete(cancel);
          refreshOrder(order, ctx.clock.nowMs());
        });
        state.timers.add(cancel);
        notificationType = 'AUTHORIZE';
      } else {
        order.settleAtMs = nextSettlementMs(nowMs, deps.settlementHourWib());
      }
    } else {
      order.status = 'FAILED';
      order.responseCode = outcome.responseCode;
      order.responseMessage = outcome.responseMessage;
      order.approvalCode = null;
    }
    session.state = 'completed';
    if (session.challengeId) state.challenges.delete(session.challengeId);
    session.challengeId = null;
    notify(order, notificationType, nowMs);
    return order;
  }

  function notify(order: CardOrder, transactionType: string, atMs: number): void {
    if (!order.notificationUrl) return;
    ctx.notifier.send({
      family: 'nonsnap',
      url: order.notificationUrl,
      body: JSON.stringify(cardNotificationBody(order, transactionType, atMs)),
      topic: 'cards.payment',
      reference: order.invoiceNumber,
    });
  }

  function issuerAnswer(
    session: PaymentPageSession,
    order: CardOrder,
    charge: PendingCharge,
  ): CheckoutResult {
    const tc = charge.card.testCardId === 'unknown' ? null : testCard(charge.card.testCardId);
    if (!tc) {
      return {
        kind: 'completed',
        order: finish(session, order, charge, { ok: false, ...UNKNOWN_CARD_DECLINE, threeDs: false }),
      };
    }
    const outcome = tc.outcome;
    if (outcome.kind === 'decline') {
      return {
        kind: 'completed',
        order: finish(session, order, charge, { ok: false, ...outcome, threeDs: false }),
      };
    }
    if (outcome.kind === 'threeDs' && !skipsCustomerAuth(session, charge.usedToken)) {
      const id = ids.challengeId();
      state.challenges.set(id, {
        id,
        pageRef: session.ref,
        attemptsLeft: THREE_DS_MAX_ATTEMPTS,
        pending: charge,
      });
      session.state = 'three_ds';
      session.challengeId = id;
      return { kind: 'threeDs', challengeId: id };
    }
    return { kind: 'completed', order: finish(session, order, charge, { ok: true, threeDs: false }) };
  }

  return {
    closedReason,
    /** Processes a card form submission for `session`. */
    submit(session: PaymentPageSession, s: CardSubmission): CheckoutResult {
      const closed = closedReason(session);
      if (closed) return { kind: 'closed', reason: closed };
      if (session.state === 'three_ds' && session.challengeId)
        return { kind: 'threeDs', challengeId: session.challengeId };
      const order = live(session) as CardOrder;
      const checked = checkCard(session, s);
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
      return issuerAnswer(session, order, checked.charge);
    },
    /** Checks an OTP on the 3-D Secure page. */
    verifyOtp(challengeId: string, otp: string): OtpResult {
      const challenge = state.challenges.get(challengeId);
      const session = challenge ? state.pages.get(challenge.pageRef) : undefined;
      if (!challenge || !session || closedReason(session)) return { kind: 'closed' };
      const order = live(session) as CardOrder;
      if (otp.trim() === THREE_DS_OTP) {
        return {
          kind: 'completed',
          order: finish(session, order, challenge.pending, { ok: true, threeDs: true }),
        };
      }
      challenge.attemptsLeft -= 1;
      if (challenge.attemptsLeft > 0) return { kind: 'wrongOtp', attemptsLeft: challenge.attemptsLeft };
      return {
        kind: 'completed',
        order: finish(session, order, challenge.pending, { ok: false, ...THREE_DS_FAILED, threeDs: true }),
      };
    },
    /** The customer gave up on the 3-D Secure step: the payment fails. */
    cancelChallenge(challengeId: string): OtpResult {
      const challenge = state.challenges.get(challengeId);
      const session = challenge ? state.pages.get(challenge.pageRef) : undefined;
      if (!challenge || !session || closedReason(session)) return { kind: 'closed' };
      const order = live(session) as CardOrder;
      return {
        kind: 'completed',
        order: finish(session, order, challenge.pending, { ok: false, ...THREE_DS_FAILED, threeDs: true }),
      };
    },
    notify,
  };
}

/** The checkout engine `createCheckout` returns. */
export type Checkout = ReturnType<typeof createCheckout>;
