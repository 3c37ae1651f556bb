// The Cards calls after the page: capture of an authorization (doku-api.md §7.2), refund / void
// (§7.3), token deletion (§7.4) and order status (§7.5).
import {
  type CaptureRequest,
  CHECKOUT_REFUND_API,
  type CardRefundRequest,
  type CardRefundType,
  type DeleteTokenizationRequest,
} from '@kki-kit/doku';
import type { SandboxContext } from '../context.js';
import type { Checkout } from './checkout.js';
import type { CardsIds } from './ids.js';
import { isSettled, orderStatusBody, refreshOrder, refundableBase, refundedAmount } from './order-view.js';
import type { CardsRequest } from './pipeline.js';
import { type CardsAnswer, CardsFailure, invalidParameter } from './respond.js';
import { nextSettlementMs } from './rules.js';
import type { CardOrder, CardRefund, CardsState } from './state.js';

/** Terminal and merchant ids the sandbox acquirer reports in `payment.identifier` (§7.2 sample shape). */
export const SANDBOX_MID = '71000000001';
export const SANDBOX_TID = '73000001';

/** Operations over the Cards state. */
export function createOperations(deps: {
  ctx: SandboxContext;
  state: CardsState;
  ids: CardsIds;
  checkout: Checkout;
  settlementHourWib: () => number;
}) {
  const { ctx, state, ids } = deps;

  function order(invoice: string): CardOrder {
    const o = state.orders.get(invoice);
    if (!o) throw new CardsFailure(404, 'NOT_FOUND', 'Transaction Not Found');
    refreshOrder(o, ctx.clock.nowMs());
    return o;
  }

  return {
    /** `POST /credit-card/capture`: full (no amount) or partial, once, within the 7-day hold. */
    capture(req: CardsRequest<CaptureRequest>): CardsAnswer {
      const { authorize_id: authorizeId, capture_amount: requested } = req.data.payment;
      const invoice = state.authorizations.get(authorizeId);
      if (!invoice) throw new CardsFailure(404, 'NOT_FOUND', 'Authorization Not Found');
      const o = order(invoice);
      const auth = o.authorization;
      if (auth?.status !== 'AUTHORIZED') {
        throw new CardsFailure(
          400,
          'INVALID_TRANSACTION_STATUS',
          `Authorization is ${auth?.status ?? 'missing'}`,
        );
      }
      const amount = requested ?? auth.amount;
      if (amount < 1) throw invalidParameter('Invalid Field Format payment.capture_amount');
      if (amount > auth.amount) throw invalidParameter('Capture Amount Exceeds Authorized Amount');
      const nowMs = ctx.clock.nowMs();
      auth.status = 'CAPTURED';
      auth.capturedAmount = amount;
      auth.captureRequestId = req.requestId;
      auth.capturedAtMs = nowMs;
      o.settleAtMs = nextSettlementMs(nowMs, deps.settlementHourWib());
      deps.checkout.notify(o, 'CAPTURE', nowMs);
      const card = o.card;
      return {
        status: 200,
        body: {
          order: { invoice_number: o.invoiceNumber, amount },
          ...(o.customer?.id ? { customer: { id: o.customer.id } } : {}),
          payment: {
            type: 'CAPTURE',
            identifier: [
              { name: 'Acquirer', value: o.acquirer },
              { name: 'MID', value: SANDBOX_MID },
              { name: 'TID', value: SANDBOX_TID },
            ],
            request_id: req.requestId,
            authorize_id: authorizeId,
            // DOKU's sample shows "01"/"sukses transaksi"; the sandbox answers ISO 8583 approval.
            response_code: '00',
            response_message: 'CAPTURE APPROVED',
            eci: o.eci ?? '07',
            status: 'SUCCESS',
            approval_code: ids.approvalCode(),
          },
          three_dsecure: { authentication_id: o.authenticationId ?? '' },
          ...(card
            ? {
                card: {
                  masked: card.masked,
                  type: card.type,
                  issuer: card.issuer,
                  brand: card.brand,
                  ...(o.token ? { token: o.token } : {}),
                },
              }
            : {}),
        },
      };
    },

    /**
     * `POST /cancellation/credit-card/refund` (§7.3 [SEED-003]): before settlement only a VOID of the
     * full amount; after it FULL_REFUND (= paid amount) or PARTIAL_REFUND (less), MANUAL_* for
     * installments (GUESS: the issuer's ops handle those); refunds never add up above the amount
     * paid. A refused refund answers 200 with `refund.status: FAILED`, as DOKU documents.
     */
    refund(req: CardsRequest<CardRefundRequest>): CardsAnswer {
      const o = order(req.data.order.invoice_number);
      if (o.originalRequestId !== req.data.payment.original_request_id) {
        throw new CardsFailure(404, 'NOT_FOUND', 'Transaction Not Found');
      }
      // A Checkout payment takes the refund API CHECKOUT_REFUND_API names for its path; this one
      // does not know a payment that decision sends elsewhere.
      const path = o.checkout?.channel;
      if (path && CHECKOUT_REFUND_API[path] !== 'card-refund') {
        throw new CardsFailure(404, 'NOT_FOUND', 'Transaction Not Found');
      }
      if (o.status !== 'SUCCESS')
        throw new CardsFailure(400, 'INVALID_TRANSACTION_STATUS', `Transaction is ${o.status}`);
      const amount = req.data.refund.amount;
      if (amount < 1) throw invalidParameter('Invalid Field Format refund.amount');
      const nowMs = ctx.clock.nowMs();
      const auth = o.authorization;
      const base = refundableBase(o);
      const remaining = base - refundedAmount(o);
      const settled = isSettled(o, nowMs);
      let type: CardRefundType;
      let failure: string | null = null;
      if (auth?.status === 'AUTHORIZED' || auth?.status === 'VOIDED' || !settled) {
        // Not settled (or never captured): only a void, and only of the whole amount.
        type = 'VOID';
        if (auth?.status === 'VOIDED' || remaining < base) failure = 'Transaction Already Voided Or Refunded';
        else if (amount !== base) failure = 'Void Amount Must Equal The Transaction Amount';
      } else {
        const manual = o.installment !== null;
        const full = amount === base;
        type = full
          ? manual
            ? 'MANUAL_FULL_REFUND'
            : 'FULL_REFUND'
          : manual
            ? 'MANUAL_PARTIAL_REFUND'
            : 'PARTIAL_REFUND';
        if (remaining <= 0) failure = 'Transaction Already Fully Refunded';
        else if (amount > remaining) failure = 'Refund Amount Exceeds Remaining Amount';
        else if (full && remaining < base) failure = 'Refund Amount Exceeds Remaining Amount';
      }
      const refund: CardRefund = {
        requestId: req.requestId,
        amount,
        type,
        status: failure ? 'FAILED' : 'SUCCESS',
        message: failure ?? (type.startsWith('MANUAL') ? 'Refund Will Be Processed Manually' : 'Approved'),
        approvalCode: failure ? null : ids.approvalCode(),
        atMs: nowMs,
      };
      o.refunds.push(refund);
      if (!failure && type === 'VOID') {
        if (auth) auth.status = 'VOIDED';
        // A voided sale never settles.
        o.settleAtMs = null;
      }
      return {
        status: 200,
        body: {
          order: { invoice_number: o.invoiceNumber },
          payment: { original_request_id: o.originalRequestId },
          refund: {
            amount,
            type,
            status: refund.status,
            message: refund.message,
            ...(refund.approvalCode ? { approval_code: refund.approvalCode } : {}),
          },
        },
      };
    },

    /** `POST /credit-card/delete-tokenization` (§7.4): `DELETE FAILED` for an unknown or foreign token. */
    deleteToken(req: CardsRequest<DeleteTokenizationRequest>): CardsAnswer {
      const saved = state.tokens.get(req.data.token_id);
      const mine = saved && (req.data.customer_id === undefined || req.data.customer_id === saved.customerId);
      if (mine) state.tokens.delete(req.data.token_id);
      return { status: 200, body: { status: mine ? 'DELETE SUCCESS' : 'DELETE FAILED' } };
    },

    /** `GET /orders/v1/status/{invoice_number}` (§7.5). */
    status(req: CardsRequest<unknown>): CardsAnswer {
      const o = order(req.param('invoice') ?? '');
      return { status: 200, body: orderStatusBody(o, ctx.clock.nowMs()) };
    },
  };
}
