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
}

/** Everything the KKI side knows. */
export class KkiStore {
  readonly bindings = new Map<string, Binding>();
  readonly payments = new Map<string, Payment>();
  /** OTT value → sandbox-clock ms it was first seen (each OTT is accepted once). */
  readonly usedOtts = new Map<string, number>();

  bindingByToken(token: string): Binding | undefined {
    for (const b of this.bindings.values()) if (b.bankCardToken === token) return b;
    return undefined;
  }

  bindingByAuthCode(authCode: string): Binding | undefined {
    for (const b of this.bindings.values()) if (b.authCode === authCode) return b;
    return undefined;
  }

  bindingByUnbindReference(referenceNo: string): Binding | undefined {
    for (const b of this.bindings.values()) if (b.unbind?.referenceNo === referenceNo) return b;
    return undefined;
  }

  bindingByPartnerReference(ref: string): Binding | undefined {
    for (const b of this.bindings.values()) if (b.partnerReferenceNo === ref) return b;
    return undefined;
  }

  /** The active (bound, not unbinding) binding of this card for this customer. */
  activeBinding(custIdMerchant: string, fingerprint: string): Binding | undefined {
    for (const b of this.bindings.values()) {
      if (
        b.custIdMerchant === custIdMerchant &&
        b.card.fingerprint === fingerprint &&
        b.status === 'SUCCESS' &&
        b.unbind === null
      ) {
        return b;
      }
    }
    return undefined;
  }

  paymentByPartnerReference(ref: string): Payment | undefined {
    for (const p of this.payments.values()) if (p.partnerReferenceNo === ref) return p;
    return undefined;
  }

  paymentByConfirmSession(session: string): Payment | undefined {
    for (const p of this.payments.values()) if (p.confirmSession === session) return p;
    return undefined;
  }

  /** A payment by DOKU `referenceNo` or merchant `partnerReferenceNo`. */
  findPayment(ref: string): Payment | undefined {
    return this.payments.get(ref) ?? this.paymentByPartnerReference(ref);
  }

  refundByPartnerRefundNo(partnerRefundNo: string): Refund | undefined {
    for (const p of this.payments.values()) {
      const r = p.refunds.find((x) => x.partnerRefundNo === partnerRefundNo);
      if (r) return r;
    }
    return undefined;
  }

  clear(): void {
    for (const p of this.payments.values()) for (const cancel of p.cancelTimers) cancel();
    this.bindings.clear();
    this.payments.clear();
    this.usedOtts.clear();
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
