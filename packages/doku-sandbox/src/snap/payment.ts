// KKI payment (service 54) and refund (58) (doku-api.md §5.6, §5.7); the status (55) is in status.ts.
import { formatSnapResponseCode, parseSnapAmount, toSnapAmount } from '@kki-kit/contract';
import {
  debitRefundRequestSchema,
  KKI_SEND_AUTHORIZATION_CUSTOMER,
  kkiPaymentKind,
  kkiPaymentRequestSchema,
  SNAP_SERVICE_CODES,
} from '@kki-kit/doku';
import { hostedUrl } from '../config.js';
import type { SandboxContext } from '../context.js';
import { isHttpUrl } from '../merchant-url.js';
import { KKI_TEST_AMOUNTS } from '../test-values/kki.js';
import { newBankCardToken } from './binding.js';
import { applyScenario, cardDataKeyOf, type ReadCard, readCardData, useOtt } from './card-data.js';
import { type KkiDeps, newReferenceNo, nowIso, randomChars } from './kki-state.js';
import { iso } from './status.js';
import { notifyPayment } from './notifications.js';
import type { SnapEndpointSpec } from './pipeline.js';
import { kkiCaseFailure, kkiCaseMessage, kkiFieldFailure, SnapFailure, snapSuccess } from './respond.js';
import { type Binding, type CardRef, type Payment, type Refund, refundedAmount } from './store.js';

const PAY = SNAP_SERVICE_CODES.payment;
const REFUND = SNAP_SERVICE_CODES.refund;

/** Path of the hosted issuer-app page of a payment. */
export function issuerAppPath(session: string): string {
  return `/kki/issuer-app/${encodeURIComponent(session)}`;
}

/** Fields no DOKU source documents: left out when the sandbox is minimal (`SANDBOX_MINIMAL`). */
function invented(ctx: SandboxContext, fields: Record<string, unknown>): Record<string, unknown> {
  return ctx.config.minimal ? {} : fields;
}

/** Rupiah from a SNAP amount; case 13 (Invalid Amount) for a fraction, zero or nonsense. */
function rupiah(value: string): number {
  let n: number;
  try {
    n = parseSnapAmount(value);
  } catch {
    throw kkiCaseFailure('13');
  }
  if (n < KKI_TEST_AMOUNTS.minimum) throw kkiCaseFailure('13');
  return n;
}

/** `POST /direct-debit/core/v1/debit/payment-host-to-host`, the four KKI payment types of seed 000. */
export function paymentEndpoint(deps: KkiDeps): SnapEndpointSpec<typeof kkiPaymentRequestSchema> {
  const { ctx, store } = deps;
  return {
    serviceCode: PAY,
    schema: kkiPaymentRequestSchema,
    async handle(req) {
      const { data } = req;
      // Flip KKI_SEND_AUTHORIZATION_CUSTOMER and the sandbox requires the header the kit then sends.
      if (KKI_SEND_AUTHORIZATION_CUSTOMER && !req.header('Authorization-Customer')) {
        throw kkiFieldFailure('mandatory', 'Authorization-Customer');
      }
      const kind = kkiPaymentKind(data);
      // The issuer-app page sends the customer to these: http(s) only, refused before anything starts.
      for (const key of ['successPaymentUrl', 'failedPaymentUrl'] as const) {
        const url = data.additionalInfo[key];
        if (url !== undefined && !isHttpUrl(url)) {
          throw new SnapFailure(400, '01', `Invalid Field Format additionalInfo.${key}`);
        }
      }
      if (store.paymentByPartnerReference(data.partnerReferenceNo)) {
        throw new SnapFailure(409, '01', 'Duplicate partnerReferenceNo');
      }
      let card: CardRef;
      let ott: string | null = null;
      let tokenBinding: Binding | null = null;
      if (data.cardData !== undefined) {
        const read: ReadCard = await readCardData(data.cardData, cardDataKeyOf(ctx.config), ctx.clock.now());
        card = read.card;
        // The OTT travels inside cardData and/or as top-level chargeToken (KKI_PAYMENT_OTT_TOP_LEVEL).
        if (read.ott !== null && data.chargeToken !== undefined && read.ott !== data.chargeToken) {
          throw kkiFieldFailure('format', 'chargeToken');
        }
        ott = read.ott ?? data.chargeToken ?? null;
        if (ott === null) throw kkiFieldFailure('mandatory', 'chargeToken');
      } else {
        const b = store.bindingByToken(data.bankCardToken as string);
        const owner = data.additionalInfo.custIdMerchant;
        if (b?.status !== 'SUCCESS' || b.unbind || (owner !== undefined && owner !== b.custIdMerchant)) {
          throw kkiCaseFailure('08');
        }
        tokenBinding = b;
        card = b.card;
      }

      const payment: Payment = {
        referenceNo: newReferenceNo(deps),
        partnerReferenceNo: data.partnerReferenceNo,
        externalId: req.externalId,
        kind,
        amount: 0,
        status: 'PENDING',
        card,
        custIdMerchant: data.additionalInfo.custIdMerchant ?? tokenBinding?.custIdMerchant ?? null,
        bindingReferenceNo: tokenBinding?.referenceNo ?? null,
        issuedBindingReferenceNo: null,
        confirmSession: null,
        confirmExpiresAtMs: null,
        approvalCode: null,
        responseCode: formatSnapResponseCode(200, PAY, '00'),
        responseMessage: 'Successful',
        successUrl: data.additionalInfo.successPaymentUrl ?? null,
        failedUrl: data.additionalInfo.failedPaymentUrl ?? null,
        createdAt: nowIso(deps),
        finishedAt: null,
        refunds: [],
        cancelTimers: [],
        onSettled: null,
      };
      // From here the issuer has the request: a decline is a payment that failed, kept for status.
      try {
        if (ott !== null) useOtt(store, ott, ctx.clock.nowMs());
        payment.amount = rupiah(data.amount.value);
        applyScenario(card, 'payment');
        if (payment.amount > KKI_TEST_AMOUNTS.creditLimit) throw kkiCaseFailure('14');
      } catch (err) {
        if (err instanceof SnapFailure) {
          const answer = err.answer(PAY);
          payment.status = 'FAILED';
          payment.responseCode = answer.body.responseCode as string;
          payment.responseMessage = err.responseMessage;
          payment.finishedAt = nowIso(deps);
          store.addPayment(payment);
        }
        throw err;
      }
      store.addPayment(payment);

      if (kind === 'no_auth') {
        // Payment without authentication: no issuer-app step, settled in the response (seed 000).
        settleSuccess(deps, payment);
        return snapSuccess(PAY, {
          referenceNo: payment.referenceNo,
          partnerReferenceNo: payment.partnerReferenceNo,
          approvalCode: payment.approvalCode,
          ...invented(ctx, { additionalInfo: { status: 'SUCCESS' } }),
        });
      }

      // Every other type waits for the customer in the issuer app, within the OTT's lifetime.
      const session = awaitConfirmation(deps, payment, ott);
      return snapSuccess(PAY, {
        referenceNo: payment.referenceNo,
        partnerReferenceNo: payment.partnerReferenceNo,
        webRedirectUrl: hostedUrl(ctx.config, req.url, issuerAppPath(session)),
        ...invented(ctx, { additionalInfo: { status: 'PENDING' } }),
      });
    },
  };
}

/**
 * Opens the issuer-app confirmation of a payment: a page session, the window that closes with the
 * OTT's lifetime (counted from when the OTT was first seen), and auto-approval when configured.
 * Returns the page session (part of the issuer-app URL).
 */
export function awaitConfirmation(deps: KkiDeps, payment: Payment, ott: string | null): string {
  const { ctx, store } = deps;
  const firstSeen = ott !== null ? (store.usedOtts.get(ott) ?? ctx.clock.nowMs()) : ctx.clock.nowMs();
  const session = randomChars(deps, 32);
  store.setConfirmSession(payment, session);
  payment.confirmExpiresAtMs = firstSeen + ctx.config.ottTtlSeconds * 1000;
  payment.cancelTimers.push(
    ctx.clock.schedule(payment.confirmExpiresAtMs, () => expirePayment(deps, payment)),
  );
  if (ctx.config.autoApproveMs !== null) {
    const at = ctx.clock.nowMs() + ctx.config.autoApproveMs;
    payment.cancelTimers.push(ctx.clock.schedule(at, () => void approvePayment(deps, payment)));
  }
  return session;
}

/** Tells whoever waits for a payment's end: the Checkout it belongs to, or the merchant (SNAP). */
function announce(deps: KkiDeps, p: Payment, token: string | null): void {
  if (p.onSettled) p.onSettled(p);
  else notifyPayment(deps.ctx, p, token);
}

/** What approving or declining did. */
export type ConfirmOutcome = 'succeeded' | 'failed' | 'expired' | 'not_pending';

function isOpen(p: Payment): boolean {
  return p.status === 'PENDING' || p.status === 'PAYING';
}

function finish(deps: KkiDeps, p: Payment): void {
  p.finishedAt = nowIso(deps);
  for (const cancel of p.cancelTimers.splice(0)) cancel();
}

function settleSuccess(deps: KkiDeps, p: Payment): string | null {
  p.status = 'SUCCESS';
  p.approvalCode = deps.ctx.random.digits(6);
  p.responseCode = formatSnapResponseCode(200, PAY, '00');
  p.responseMessage = 'Successful';
  finish(deps, p);
  let token: string | null = null;
  if (p.kind === 'bind_and_pay' && p.custIdMerchant) {
    // Payment with binding tokenizes the CPAN afterwards (seed 000); a card already bound to this
    // customer keeps its token.
    const existing = deps.store.activeBinding(p.custIdMerchant, p.card.fingerprint);
    const binding: Binding = existing ?? {
      referenceNo: newReferenceNo(deps),
      partnerReferenceNo: null,
      externalId: p.externalId,
      custIdMerchant: p.custIdMerchant,
      channel: 'PAYMENT',
      status: 'SUCCESS',
      card: p.card,
      authCode: randomChars(deps, 32),
      otpAttempts: 0,
      otpExpiresAtMs: 0,
      bankCardToken: newBankCardToken(deps),
      failureCode: null,
      successUrl: null,
      failedUrl: null,
      createdAt: p.finishedAt ?? nowIso(deps),
      finishedAt: p.finishedAt,
      unbind: null,
    };
    if (!existing) deps.store.addBinding(binding);
    p.issuedBindingReferenceNo = binding.referenceNo;
    token = binding.bankCardToken;
  }
  announce(deps, p, token);
  return token;
}

function settleFailure(
  deps: KkiDeps,
  p: Payment,
  httpStatus: number,
  caseCode: string,
  message: string,
): void {
  p.status = 'FAILED';
  p.responseCode = formatSnapResponseCode(httpStatus, PAY, caseCode);
  p.responseMessage = message;
  finish(deps, p);
  announce(deps, p, null);
}

/** Ends an unconfirmed payment when its window closes: OTT expired (case 12), or Transaction Expired. */
export function expirePayment(deps: KkiDeps, p: Payment): void {
  if (!isOpen(p)) return;
  if (p.kind === 'single' || p.kind === 'bind_and_pay')
    settleFailure(deps, p, 403, '12', kkiCaseMessage('12'));
  else settleFailure(deps, p, 403, '00', 'Transaction Expired');
}

/** The customer approved in the issuer app (page, control API or auto-approval). */
export function approvePayment(deps: KkiDeps, p: Payment): ConfirmOutcome {
  if (!isOpen(p)) return 'not_pending';
  if (p.confirmExpiresAtMs !== null && deps.ctx.clock.nowMs() >= p.confirmExpiresAtMs) {
    expirePayment(deps, p);
    return 'expired';
  }
  settleSuccess(deps, p);
  return 'succeeded';
}

/** The customer declined in the issuer app: Do Not Honor (case 05). */
export function declinePayment(deps: KkiDeps, p: Payment): ConfirmOutcome {
  if (!isOpen(p)) return 'not_pending';
  if (p.confirmExpiresAtMs !== null && deps.ctx.clock.nowMs() >= p.confirmExpiresAtMs) {
    expirePayment(deps, p);
    return 'expired';
  }
  settleFailure(deps, p, 403, '05', kkiCaseMessage('05'));
  return 'failed';
}

/** The customer opened the issuer-app page: PENDING becomes PAYING (`latestTransactionStatus` 02). */
export function markPaying(deps: KkiDeps, p: Payment): void {
  if (p.confirmExpiresAtMs !== null && deps.ctx.clock.nowMs() >= p.confirmExpiresAtMs) expirePayment(deps, p);
  else if (p.status === 'PENDING') p.status = 'PAYING';
}

/** `POST /direct-debit/core/v1/debit/refund`: full or partial, never more than was paid. */
export function refundEndpoint(deps: KkiDeps): SnapEndpointSpec<typeof debitRefundRequestSchema> {
  const { store } = deps;
  return {
    serviceCode: REFUND,
    schema: debitRefundRequestSchema,
    async handle(req) {
      const { data } = req;
      const p = store.paymentByPartnerReference(data.originalPartnerReferenceNo);
      if (!p || (data.originalReferenceNo !== undefined && p.referenceNo !== data.originalReferenceNo)) {
        // KKI case 08 ("… No Card Record"; seed 001's 404: "merchant, card, or transaction record not
        // found"); SNAP's 404-01 would read as case 01, a duplicate.
        throw new SnapFailure(404, '08', 'Transaction Not Found');
      }
      if (store.refundByPartnerRefundNo(data.partnerRefundNo)) {
        throw new SnapFailure(409, '01', 'Duplicate partnerRefundNo');
      }
      if (p.status !== 'SUCCESS') throw new SnapFailure(404, '00', 'Invalid Transaction Status');
      const amount = rupiah(data.refundAmount.value);
      const remaining = p.amount - refundedAmount(p);
      if (amount > remaining) throw kkiCaseFailure('13');

      const refund: Refund = {
        refundNo: newReferenceNo(deps),
        partnerRefundNo: data.partnerRefundNo,
        externalId: req.externalId,
        amount,
        status: 'SUCCESS',
        responseCode: formatSnapResponseCode(200, REFUND, '00'),
        reason: data.reason ?? null,
        at: nowIso(deps),
      };
      try {
        applyScenario(p.card, 'refund');
      } catch (err) {
        if (err instanceof SnapFailure) {
          refund.status = 'FAILED';
          refund.responseCode = err.answer(REFUND).body.responseCode as string;
          store.addRefund(p, refund);
        }
        throw err;
      }
      store.addRefund(p, refund);
      return snapSuccess(REFUND, {
        originalPartnerReferenceNo: p.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        originalExternalId: p.externalId,
        refundNo: refund.refundNo,
        partnerRefundNo: refund.partnerRefundNo,
        refundAmount: { value: toSnapAmount(amount), currency: 'IDR' },
        refundTime: iso(refund.at),
        ...invented(deps.ctx, { additionalInfo: { refundType: amount === p.amount ? 'FULL' : 'PARTIAL' } }),
      });
    },
  };
}
