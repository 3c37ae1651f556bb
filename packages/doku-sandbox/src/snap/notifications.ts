// The notification bodies DOKU (the sandbox) posts to the merchant's SNAP notification URL.
// Payment: the SNAP direct-debit notify body (doku-api.md §4.4). Binding and unbinding: DOKU documents
// no body for these, so they reuse the same envelope (GUESS, §4.4 pattern) and say which service they
// concern in `additionalInfo.serviceCode` (01 binding, 05 unbinding).
import { toSnapAmount } from '@kki-kit/contract';
import {
  BANK_CARD_TOKEN_AT_TOP_LEVEL,
  KARTU_KREDIT_INDONESIA,
  NOTIFICATION_CHANNEL_KEY,
  SNAP_SERVICE_CODES,
  type SNAP_TRANSACTION_STATUSES,
  snapTimestamp,
} from '@kki-kit/doku';
import type { SandboxContext } from '../context.js';
import type { Binding, Payment } from './store.js';

function isoOrNull(iso: string | null): string | undefined {
  return iso ? snapTimestamp(new Date(iso)) : undefined;
}

/** `latestTransactionStatus` of a payment (00 success, 03 pending, 02 paying, 04 refunded, 06 failed). */
export function paymentTransactionStatus(
  p: Payment,
  refunded: number,
): keyof typeof SNAP_TRANSACTION_STATUSES {
  switch (p.status) {
    case 'SUCCESS':
      return refunded >= p.amount ? '04' : '00';
    case 'FAILED':
      return '06';
    case 'PAYING':
      return '02';
    default:
      return '03';
  }
}

const STATUS_DESC: Record<string, string> = {
  '00': 'Success',
  '01': 'Initiated',
  '02': 'Paying',
  '03': 'Pending',
  '04': 'Refunded',
  '05': 'Canceled',
  '06': 'Failed',
  '07': 'Not Found',
};

/** Human description of a `latestTransactionStatus`. */
export function transactionStatusDesc(code: string): string {
  return STATUS_DESC[code] ?? 'Unknown';
}

/** Sends a SNAP notification when the merchant configured a URL; returns whether one was sent. */
function send(ctx: SandboxContext, topic: string, reference: string, body: Record<string, unknown>): boolean {
  const url = ctx.config.snapNotificationUrl;
  if (!url) return false;
  ctx.notifier.send({ family: 'snap', url, body: JSON.stringify(body), topic, reference });
  return true;
}

/** The debit notification for a payment that reached a final state. */
export function paymentNotificationBody(
  ctx: SandboxContext,
  p: Payment,
  bankCardToken: string | null,
): Record<string, unknown> {
  const status = paymentTransactionStatus(p, 0);
  const additionalInfo: Record<string, unknown> = {
    [NOTIFICATION_CHANNEL_KEY]: KARTU_KREDIT_INDONESIA,
    acquirerId: 'DOKU',
    // Extensions (not in DOKU's samples, left out when minimal): the outcome code, so a failure
    // names its KKI case, and the card.
    ...(!ctx.config.minimal && {
      originalResponseCode: p.responseCode,
      originalResponseMessage: p.responseMessage,
      issuer: p.card.issuerName,
      maskedCardNo: p.card.masked,
    }),
  };
  if (p.custIdMerchant) additionalInfo.custIdMerchant = p.custIdMerchant;
  if (bankCardToken && !BANK_CARD_TOKEN_AT_TOP_LEVEL) additionalInfo.bankCardToken = bankCardToken;
  return {
    ...(bankCardToken && BANK_CARD_TOKEN_AT_TOP_LEVEL && { bankCardToken }),
    originalPartnerReferenceNo: p.partnerReferenceNo,
    originalReferenceNo: p.referenceNo,
    originalExternalId: p.externalId,
    merchantId: ctx.config.clientId,
    amount: { value: toSnapAmount(p.amount), currency: 'IDR' },
    latestTransactionStatus: status,
    transactionStatusDesc: transactionStatusDesc(status),
    createdTime: isoOrNull(p.createdAt),
    finishedTime: isoOrNull(p.finishedAt),
    additionalInfo,
  };
}

/** Notifies the merchant of a payment's final state (topic `kki.payment`). */
export function notifyPayment(ctx: SandboxContext, p: Payment, bankCardToken: string | null): boolean {
  return send(ctx, 'kki.payment', p.partnerReferenceNo, paymentNotificationBody(ctx, p, bankCardToken));
}

/** Notifies the merchant that a binding completed or failed (topic `kki.binding`). */
export function notifyBinding(ctx: SandboxContext, b: Binding): boolean {
  const ok = b.status === 'SUCCESS';
  const status = ok ? '00' : '06';
  const body: Record<string, unknown> = {
    originalPartnerReferenceNo: b.partnerReferenceNo ?? undefined,
    originalReferenceNo: b.referenceNo,
    originalExternalId: b.externalId,
    merchantId: ctx.config.clientId,
    latestTransactionStatus: status,
    transactionStatusDesc: transactionStatusDesc(status),
    createdTime: isoOrNull(b.createdAt),
    finishedTime: isoOrNull(b.finishedAt),
    ...(BANK_CARD_TOKEN_AT_TOP_LEVEL ? { bankCardToken: b.bankCardToken ?? undefined } : {}),
    additionalInfo: {
      ...(BANK_CARD_TOKEN_AT_TOP_LEVEL ? {} : { bankCardToken: b.bankCardToken ?? undefined }),
      [NOTIFICATION_CHANNEL_KEY]: KARTU_KREDIT_INDONESIA,
      serviceCode: SNAP_SERVICE_CODES.cardBind,
      custIdMerchant: b.custIdMerchant,
      status: b.status,
      ...(!ctx.config.minimal && {
        issuer: b.card.issuerName,
        maskedCardNo: b.card.masked,
        originalResponseCode: b.failureCode ?? undefined,
      }),
    },
  };
  return send(ctx, 'kki.binding', b.partnerReferenceNo ?? b.referenceNo, body);
}

/** Notifies the merchant that an unbinding finished (topic `kki.unbinding`). */
export function notifyUnbinding(ctx: SandboxContext, b: Binding): boolean {
  if (!b.unbind) return false;
  const body: Record<string, unknown> = {
    originalReferenceNo: b.unbind.referenceNo,
    originalExternalId: b.unbind.externalId,
    merchantId: ctx.config.clientId,
    latestTransactionStatus: '00',
    transactionStatusDesc: transactionStatusDesc('00'),
    finishedTime: isoOrNull(b.unbind.finishedAt),
    additionalInfo: {
      [NOTIFICATION_CHANNEL_KEY]: KARTU_KREDIT_INDONESIA,
      serviceCode: SNAP_SERVICE_CODES.cardUnbind,
      custIdMerchant: b.custIdMerchant,
      status: b.unbind.status,
      bindingReferenceNo: b.referenceNo,
      ...(!ctx.config.minimal && { issuer: b.card.issuerName, maskedCardNo: b.card.masked }),
    },
  };
  return send(ctx, 'kki.unbinding', b.unbind.referenceNo, body);
}
