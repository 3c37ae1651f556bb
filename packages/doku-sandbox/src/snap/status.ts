// KKI debit status (service 55, doku-api.md §5.8): a payment's state, refunds and the saved-card token.
import { toSnapAmount } from '@kki-kit/contract';
import {
  BANK_CARD_TOKEN_AT_TOP_LEVEL,
  debitStatusRequestSchema,
  SNAP_SERVICE_CODES,
  snapTimestamp,
} from '@kki-kit/doku';
import type { KkiDeps } from './kki-state.js';
import { paymentTransactionStatus, transactionStatusDesc } from './notifications.js';
import type { SnapEndpointSpec } from './pipeline.js';
import { SnapFailure, snapSuccess } from './respond.js';
import { refundedAmount } from './store.js';

const STATUS = SNAP_SERVICE_CODES.paymentStatus;

/** An ISO time as a SNAP timestamp, or `undefined` for none. */
export function iso(ts: string | null): string | undefined {
  return ts ? snapTimestamp(new Date(ts)) : undefined;
}

/** `POST /orders/v1.0/debit/status`. */
export function statusEndpoint(deps: KkiDeps): SnapEndpointSpec<typeof debitStatusRequestSchema> {
  const { store } = deps;
  return {
    serviceCode: STATUS,
    schema: debitStatusRequestSchema,
    async handle(req) {
      const { data } = req;
      const p =
        data.originalPartnerReferenceNo !== undefined
          ? store.paymentByPartnerReference(data.originalPartnerReferenceNo)
          : store.payments.get(data.originalReferenceNo as string);
      if (!p || (data.originalReferenceNo !== undefined && p.referenceNo !== data.originalReferenceNo)) {
        // SNAP 404-01, with status 07 "Not found" for readers of the body (doku-api.md §4.4, §5.8).
        throw new SnapFailure(404, '01', 'Transaction Not Found', {
          latestTransactionStatus: '07',
          transactionStatusDesc: transactionStatusDesc('07'),
        });
      }
      const refunded = refundedAmount(p);
      const status = paymentTransactionStatus(p, refunded);
      const additionalInfo: Record<string, unknown> = deps.ctx.config.minimal
        ? {}
        : { channel: 'KARTU_KREDIT_INDONESIA', issuer: p.card.issuerName, maskedCardNo: p.card.masked };
      const issued = p.issuedBindingReferenceNo ? store.bindings.get(p.issuedBindingReferenceNo) : undefined;
      const token =
        issued?.bankCardToken && issued.status === 'SUCCESS' && !issued.unbind ? issued.bankCardToken : null;
      if (token && !BANK_CARD_TOKEN_AT_TOP_LEVEL) additionalInfo.bankCardToken = token;
      return snapSuccess(STATUS, {
        ...(token && BANK_CARD_TOKEN_AT_TOP_LEVEL && { bankCardToken: token }),
        originalPartnerReferenceNo: p.partnerReferenceNo,
        originalReferenceNo: p.referenceNo,
        approvalCode: p.approvalCode ?? undefined,
        originalExternalId: p.externalId,
        serviceCode: data.serviceCode,
        latestTransactionStatus: status,
        transactionStatusDesc: transactionStatusDesc(status),
        originalResponseCode: p.responseCode,
        originalResponseMessage: p.responseMessage,
        refundHistory: p.refunds.map((r) => ({
          refundNo: r.refundNo,
          partnerRefundNo: r.partnerRefundNo,
          refundAmount: { value: toSnapAmount(r.amount), currency: 'IDR' },
          refundStatus: r.status === 'SUCCESS' ? '00' : '06',
          refundDate: iso(r.at),
          reason: r.reason ?? undefined,
        })),
        transAmount: { value: toSnapAmount(p.amount), currency: 'IDR' },
        feeAmount: { value: '0.00', currency: 'IDR' },
        paidTime: p.status === 'SUCCESS' ? iso(p.finishedAt) : undefined,
        additionalInfo,
      });
    },
  };
}
