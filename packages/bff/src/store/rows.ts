// Row → record mappers. Drivers differ on int8 (string vs bigint) and both return Date for
// timestamptz and parsed objects for jsonb; these normalise both.
import type { KkiError } from '@kki-kit/contract';
import type {
  BindingRecord,
  DokuFacts,
  ExtraChargeRecord,
  IdempotencyRecord,
  InboxRecord,
  OrderRecord,
  PaymentEventRecord,
  PaymentRecord,
  RefundRecord,
  SavedCardRecord,
} from './records.js';
import type { Row } from './sql.js';

const num = (v: unknown): number => Number(v);
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
/** A jsonb column's value: both drivers parse jsonb; a string means a driver returned text, so parse it. */
export const jsonValue = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const facts = (v: unknown): DokuFacts => (jsonValue(v) ?? {}) as DokuFacts;
const errorOrNull = (v: unknown): KkiError | null => (jsonValue(v) ?? null) as KkiError | null;

export function toOrder(r: Row): OrderRecord {
  return {
    id: str(r.id),
    customerId: str(r.customer_id),
    amount: num(r.amount),
    currency: 'IDR',
    description: strOrNull(r.description),
    lineItems: jsonValue(r.line_items) as OrderRecord['lineItems'],
    cardOptions: (jsonValue(r.card_options) ?? null) as OrderRecord['cardOptions'],
    metadata: (jsonValue(r.metadata) ?? {}) as OrderRecord['metadata'],
    status: str(r.status) as OrderRecord['status'],
    paidPaymentId: strOrNull(r.paid_payment_id),
    paidAt: dateOrNull(r.paid_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toPayment(r: Row): PaymentRecord {
  return {
    id: str(r.id),
    orderId: str(r.order_id),
    customerId: str(r.customer_id),
    method: str(r.method) as PaymentRecord['method'],
    kkiKind: strOrNull(r.kki_kind) as PaymentRecord['kkiKind'],
    cardPaymentType: strOrNull(r.card_payment_type) as PaymentRecord['cardPaymentType'],
    checkoutChannel: strOrNull(r.checkout_channel) as PaymentRecord['checkoutChannel'],
    status: str(r.status) as PaymentRecord['status'],
    amount: num(r.amount),
    currency: 'IDR',
    refundedAmount: num(r.refunded_amount),
    partnerReferenceNo: str(r.partner_reference_no),
    externalId: str(r.external_id),
    dokuReferenceNo: strOrNull(r.doku_reference_no),
    savedCardId: strOrNull(r.saved_card_id),
    maskedCpan: strOrNull(r.masked_cpan),
    issuer: strOrNull(r.issuer),
    nextAction: jsonValue(r.next_action) as PaymentRecord['nextAction'],
    error: errorOrNull(r.error),
    doku: facts(r.doku),
    version: num(r.version),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    lastCheckedAt: dateOrNull(r.last_checked_at),
  };
}

export function toEvent(r: Row): PaymentEventRecord {
  return {
    paymentId: str(r.payment_id),
    version: num(r.version),
    fromStatus: strOrNull(r.from_status) as PaymentEventRecord['fromStatus'],
    toStatus: str(r.to_status) as PaymentEventRecord['toStatus'],
    source: str(r.source) as PaymentEventRecord['source'],
    detail: facts(r.detail),
    createdAt: date(r.created_at),
  };
}

export function toExtraCharge(r: Row): ExtraChargeRecord {
  return {
    paymentId: str(r.payment_id),
    orderId: str(r.order_id),
    keptPaymentId: strOrNull(r.kept_payment_id),
    reason: str(r.reason) as ExtraChargeRecord['reason'],
    status: str(r.status) as ExtraChargeRecord['status'],
    attempt: num(r.attempt),
    refundId: strOrNull(r.refund_id),
    lastError: strOrNull(r.last_error),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toBinding(r: Row): BindingRecord {
  return {
    id: str(r.id),
    customerId: str(r.customer_id),
    mode: str(r.mode) as BindingRecord['mode'],
    status: str(r.status) as BindingRecord['status'],
    maskedCpan: str(r.masked_cpan),
    issuer: strOrNull(r.issuer),
    partnerReferenceNo: str(r.partner_reference_no),
    externalId: str(r.external_id),
    dokuReferenceNo: strOrNull(r.doku_reference_no),
    hasAuthCode: r.auth_code_ciphertext !== null && r.auth_code_ciphertext !== undefined,
    nextAction: jsonValue(r.next_action) as BindingRecord['nextAction'],
    cardId: strOrNull(r.card_id),
    error: errorOrNull(r.error),
    otpAttempts: num(r.otp_attempts),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toSavedCard(r: Row): SavedCardRecord {
  return {
    id: str(r.id),
    customerId: str(r.customer_id),
    method: str(r.method) as SavedCardRecord['method'],
    maskedCpan: str(r.masked_cpan),
    issuer: strOrNull(r.issuer),
    issuerName: strOrNull(r.issuer_name),
    status: str(r.status) as SavedCardRecord['status'],
    bindingId: strOrNull(r.binding_id),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    removedAt: dateOrNull(r.removed_at),
  };
}

export function toRefund(r: Row): RefundRecord {
  return {
    id: str(r.id),
    paymentId: str(r.payment_id),
    amount: num(r.amount),
    currency: 'IDR',
    type: strOrNull(r.type) as RefundRecord['type'],
    status: str(r.status) as RefundRecord['status'],
    reason: strOrNull(r.reason),
    partnerRefundNo: str(r.partner_refund_no),
    externalId: str(r.external_id),
    doku: facts(r.doku),
    error: errorOrNull(r.error),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toIdempotency(r: Row): IdempotencyRecord {
  return {
    scope: str(r.scope),
    key: str(r.key),
    requestHash: str(r.request_hash),
    externalId: str(r.external_id),
    state: str(r.state) as IdempotencyRecord['state'],
    owner: str(r.owner),
    lockedUntil: date(r.locked_until),
    responseStatus:
      r.response_status === null || r.response_status === undefined ? null : num(r.response_status),
    responseBody: jsonValue(r.response_body),
  };
}

export function toInbox(r: Row): InboxRecord {
  return {
    id: num(r.id),
    source: str(r.source) as InboxRecord['source'],
    dedupKey: str(r.dedup_key),
    payload: jsonValue(r.payload),
    status: str(r.status) as InboxRecord['status'],
    subjectId: strOrNull(r.subject_id),
    error: strOrNull(r.error),
    receivedAt: date(r.received_at),
    processedAt: dateOrNull(r.processed_at),
  };
}
