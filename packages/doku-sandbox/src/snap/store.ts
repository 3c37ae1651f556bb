// In-memory state of the KKI side: bindings, payments, refunds, used OTTs. Card numbers are never
// kept: a card is its issuer, masked number, test scenario and a fingerprint for duplicate checks.
import type { KkiPaymentKind } from '@kki-kit/doku';
import type { KkiCpanScenario } from '../test-values/kki.js';

/** A card as the sandbox remembers it. */
export interface CardRef {
  issuerId: string;
  issuerName: string;
  /** First 6 and last 4 digits. */
  masked: string;
  /** SHA-256 of the CPAN, only to spot the same card twice; never leaves the sandbox. */
  fingerprint: string;
  scenario: KkiCpanScenario | null;
}

/** Binding states (doku-api.md §5.4). */
export type BindingStatus = 'PENDING' | 'SUCCESS' | 'FAILED';

/** One card binding (registration-card-bind, or the token a bind-and-pay created). */
export interface Binding {
  referenceNo: string;
  partnerReferenceNo: string | null;
  externalId: string;
  custIdMerchant: string;
  /** How it was created: `DH` hosted OTP page, `H2H` OTP API, `PAYMENT` a bind-and-pay. */
  channel: 'DH' | 'H2H' | 'PAYMENT';
  status: BindingStatus;
  card: CardRef;
  /** The OTP session: in the DH page URL, or returned for H2H. */
  authCode: string;
  otpAttempts: number;
  otpExpiresAtMs: number;
  bankCardToken: string | null;
  /** `responseCode` of the failure that ended the binding. */
  failureCode: string | null;
  successUrl: string | null;
  failedUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
  unbind: {
    referenceNo: string;
    externalId: string;
    status: 'PENDING' | 'SUCCESS';
    requestedAt: string;
    finishedAt: string | null;
  } | null;
}

/** Payment states; `PAYING` once the customer has opened the issuer-app page. */
export type PaymentStatus = 'PENDING' | 'PAYING' | 'SUCCESS' | 'FAILED';

/** One refund of a payment. */
export interface Refund {
  refundNo: string;
  partnerRefundNo: string;
  externalId: string;
  /** Rupiah. */
  amount: number;
  status: 'SUCCESS' | 'FAILED';
  responseCode: string;
  reason: string | null;
  at: string;
}

/** One KKI payment. */
export interface Payment {
  referenceNo: string;
  partnerReferenceNo: string;
  externalId: string;
  kind: KkiPaymentKind;
  /** Rupiah. */
  amount: number;
  status: PaymentStatus;
  card: CardRef;
  custIdMerchant: string | null;
  /** The binding a token payment used. */
  bindingReferenceNo: string | null;
  /** The binding a successful bind-and-pay created (or reused). */
  issuedBindingReferenceNo: string | null;
  /** The issuer-app page session (part of `webRedirectUrl`). */
  confirmSession: string | null;
  /** When the confirmation window closes (OTT lifetime), sandbox-clock ms. */
  confirmExpiresAtMs: number | null;
  approvalCode: string | null;
  /** The payment's own outcome code (`2005400`, `4035405`, ...): status API's `originalResponseCode`. */
  responseCode: string;
  responseMessage: string;
  successUrl: string | null;
  failedUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
  refunds: Refund[];
  /** Cancels scheduled auto-approval / expiry. */
  cancelTimers: Array<() => void>;
  /**
   * Set for a payment made on the sandbox's DOKU Checkout page: called once the payment ends, in
   * place of the SNAP notification (the merchant hears of it as a Checkout, Non-SNAP).
   */
  onSettled: ((p: Payment) => void) | null;
}

/**
 * Everything the KKI side knows. Reads go through the lookups (indexed, so a long benchmark run stays
 * fast); writes that add a record or a looked-up key go through the `add*` / `set*` methods.
 */
export class KkiStore {
  /** By `referenceNo`, in creation order. */
  readonly bindings = new Map<string, Binding>();
  /** By `referenceNo`, in creation order. */
  readonly payments = new Map<string, Payment>();
  /** OTT value → sandbox-clock ms it was first seen (each OTT is accepted once). */
  readonly usedOtts = new Map<string, number>();

  private readonly byToken = new Map<string, Binding>();
  private readonly byAuthCode = new Map<string, Binding>();
  private readonly byUnbindRef = new Map<string, Binding>();
  private readonly byBindingPartnerRef = new Map<string, Binding>();
  private readonly byCustomerCard = new Map<string, Binding[]>();
  private readonly byPaymentPartnerRef = new Map<string, Payment>();
  private readonly byConfirmSession = new Map<string, Payment>();
  private readonly byPartnerRefundNo = new Map<string, Refund>();

  addBinding(b: Binding): void {
    this.bindings.set(b.referenceNo, b);
    this.byAuthCode.set(b.authCode, b);
    if (b.partnerReferenceNo !== null) this.byBindingPartnerRef.set(b.partnerReferenceNo, b);
    if (b.bankCardToken !== null) this.byToken.set(b.bankCardToken, b);
    const key = `${b.custIdMerchant}|${b.card.fingerprint}`;
    this.byCustomerCard.set(key, [...(this.byCustomerCard.get(key) ?? []), b]);
  }

  setBindingToken(b: Binding, token: string): void {
    b.bankCardToken = token;
    this.byToken.set(token, b);
  }

  setUnbind(b: Binding, unbind: NonNullable<Binding['unbind']>): void {
    b.unbind = unbind;
    this.byUnbindRef.set(unbind.referenceNo, b);
  }

  addPayment(p: Payment): void {
    this.payments.set(p.referenceNo, p);
    this.byPaymentPartnerRef.set(p.partnerReferenceNo, p);
    if (p.confirmSession !== null) this.byConfirmSession.set(p.confirmSession, p);
  }

  setConfirmSession(p: Payment, session: string): void {
    p.confirmSession = session;
    this.byConfirmSession.set(session, p);
  }

  addRefund(p: Payment, r: Refund): void {
    p.refunds.push(r);
    this.byPartnerRefundNo.set(r.partnerRefundNo, r);
  }

  bindingByToken(token: string): Binding | undefined {
    return this.byToken.get(token);
  }

  bindingByAuthCode(authCode: string): Binding | undefined {
    return this.byAuthCode.get(authCode);
  }

  bindingByUnbindReference(referenceNo: string): Binding | undefined {
    return this.byUnbindRef.get(referenceNo);
  }

  bindingByPartnerReference(ref: string): Binding | undefined {
    return this.byBindingPartnerRef.get(ref);
  }

  /** The active (bound, not unbinding) binding of this card for this customer. */
  activeBinding(custIdMerchant: string, fingerprint: string): Binding | undefined {
    return this.byCustomerCard
      .get(`${custIdMerchant}|${fingerprint}`)
      ?.find((b) => b.status === 'SUCCESS' && b.unbind === null);
  }

  paymentByPartnerReference(ref: string): Payment | undefined {
    return this.byPaymentPartnerRef.get(ref);
  }

  paymentByConfirmSession(session: string): Payment | undefined {
    return this.byConfirmSession.get(session);
  }

  /** A payment by DOKU `referenceNo` or merchant `partnerReferenceNo`. */
  findPayment(ref: string): Payment | undefined {
    return this.payments.get(ref) ?? this.paymentByPartnerReference(ref);
  }

  refundByPartnerRefundNo(partnerRefundNo: string): Refund | undefined {
    return this.byPartnerRefundNo.get(partnerRefundNo);
  }

  clear(): void {
    for (const p of this.payments.values()) for (const cancel of p.cancelTimers) cancel();
    for (const m of [
      this.bindings,
      this.payments,
      this.usedOtts,
      this.byToken,
      this.byAuthCode,
      this.byUnbindRef,
      this.byBindingPartnerRef,
      this.byCustomerCard,
      this.byPaymentPartnerRef,
      this.byConfirmSession,
      this.byPartnerRefundNo,
    ] as Map<string, unknown>[]) {
      m.clear();
    }
  }
}

/** Rupiah refunded successfully so far. */
export function refundedAmount(p: Payment): number {
  return p.refunds.filter((r) => r.status === 'SUCCESS').reduce((sum, r) => sum + r.amount, 0);
}

/** Token-less ledger view of the KKI state. */
export function kkiLedger(store: KkiStore) {
  return {
    bindings: [...store.bindings.values()].map((b) => ({
      referenceNo: b.referenceNo,
      partnerReferenceNo: b.partnerReferenceNo,
      custIdMerchant: b.custIdMerchant,
      channel: b.channel,
      status: b.status,
      issuer: b.card.issuerName,
      maskedCardNo: b.card.masked,
      hasToken: b.bankCardToken !== null,
      failureCode: b.failureCode,
      createdAt: b.createdAt,
      finishedAt: b.finishedAt,
      unbinding: b.unbind
        ? {
            referenceNo: b.unbind.referenceNo,
            status: b.unbind.status,
            requestedAt: b.unbind.requestedAt,
            finishedAt: b.unbind.finishedAt,
          }
        : null,
    })),
    payments: [...store.payments.values()].map((p) => ({
      referenceNo: p.referenceNo,
      partnerReferenceNo: p.partnerReferenceNo,
      kind: p.kind,
      amount: p.amount,
      status: p.status,
      responseCode: p.responseCode,
      issuer: p.card.issuerName,
      maskedCardNo: p.card.masked,
      custIdMerchant: p.custIdMerchant,
      issuedBindingReferenceNo: p.issuedBindingReferenceNo,
      refundedAmount: refundedAmount(p),
      createdAt: p.createdAt,
      finishedAt: p.finishedAt,
      refunds: p.refunds.map((r) => ({
        refundNo: r.refundNo,
        partnerRefundNo: r.partnerRefundNo,
        amount: r.amount,
        status: r.status,
        responseCode: r.responseCode,
        at: r.at,
      })),
    })),
    refunds: [...store.payments.values()].flatMap((p) =>
      p.refunds.map((r) => ({
        paymentReferenceNo: p.referenceNo,
        partnerReferenceNo: p.partnerReferenceNo,
        refundNo: r.refundNo,
        partnerRefundNo: r.partnerRefundNo,
        amount: r.amount,
        status: r.status,
        responseCode: r.responseCode,
        at: r.at,
      })),
    ),
  };
}

/** The KKI part of `GET /__sandbox/ledger`. */
export type KkiLedger = ReturnType<typeof kkiLedger>;
