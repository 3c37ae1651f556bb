// KKI payments (KkiPayButton): a card typed now (CPAN + OTT), the same with saving the card
// (bind-and-pay), or a saved card (DOKU's token). DOKU answers PENDING with the issuer-app page; the
// customer confirms there and the outcome arrives by notification or status check.
import {
  issuerFromCpan,
  issuerById,
  type KkiIssuerId,
  kkiErrorFromSnap,
  maskCpan,
  toSnapAmountObject,
} from '@kki-kit/contract';
import type {
  DebitStatusResponse,
  DokuClient,
  DokuError,
  KkiPaymentInput,
  KkiPaymentResponse,
} from '@kki-kit/doku';
import { KKI_RETURN_URL_QUERY_KEPT } from '@kki-kit/doku';
import { KkiDomainError } from '../errors.js';
import { shopReturnUrl } from '../http/urls.js';
import { type NewPayment, type PaymentRecord, StoreRuleError } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import { custIdMerchantFor } from '../services/customer-ref.js';
import { recheckMark } from '../services/page-expiry.js';
import {
  errorFromResponseCode,
  domainErrorFromDoku,
  dokuFailure,
  isDokuDecision,
  paymentStatusFromSnap,
} from '../services/doku-outcome.js';
import { createKkiPaymentApplier, type KkiPaymentApplier } from './outcome.js';
import type { KkiPaymentService, ServiceDeps } from '../services/types.js';

/**
 * How long the customer has to confirm in the issuer app: the OTT's lifetime, counted from the
 * payment call (DOKU gives none in the response; the offline sandbox's default is 5 minutes).
 */
export const DEFAULT_OTT_LIFETIME_MS = 5 * 60_000;

/**
 * The DOKU fact that records when a retry sent a `created` payment's create call again (same ids): a
 * "Transaction Not Found" means nothing until that call, too, can no longer reach DOKU.
 */
const CALL_RESENT_AT_FACT = 'callResentAt';

/** When `payment`'s create call was last sent: its creation, or the latest resend by a retry. */
function lastCallAt(payment: PaymentRecord): number {
  const resent = payment.doku[CALL_RESENT_AT_FACT];
  const at = typeof resent === 'string' ? Date.parse(resent) : Number.NaN;
  return Number.isFinite(at) ? Math.max(at, payment.createdAt.getTime()) : payment.createdAt.getTime();
}

/**
 * Until when the customer can still confirm `payment` in the issuer app: the deadline it was given,
 * else its creation plus the default OTT lifetime.
 */
function confirmDeadline(payment: PaymentRecord): number {
  const action = payment.nextAction;
  const given =
    action.type === 'issuer_app' && action.expiresAt !== null ? Date.parse(action.expiresAt) : Number.NaN;
  return Number.isFinite(given) ? given : payment.createdAt.getTime() + DEFAULT_OTT_LIFETIME_MS;
}

/** What the KKI payment service is built from. */
export interface KkiPaymentDeps extends ServiceDeps {
  doku: DokuClient;
  /** Issuer-app confirmation window; default {@link DEFAULT_OTT_LIFETIME_MS}. */
  ottLifetimeMs?: number;
  applier?: KkiPaymentApplier;
}

function responseStatus(data: KkiPaymentResponse): 'succeeded' | 'pending' | 'failed' {
  const info = data.additionalInfo ?? {};
  const status = typeof info.status === 'string' ? info.status : undefined;
  if (status === 'SUCCESS' || (status === undefined && data.approvalCode)) return 'succeeded';
  if (status === 'FAILED') return 'failed';
  return 'pending';
}

/** Creates the KKI payment service. */
export function createKkiPaymentService(deps: KkiPaymentDeps): KkiPaymentService {
  const { store, doku, log } = deps;
  const lifetimeMs = deps.ottLifetimeMs ?? DEFAULT_OTT_LIFETIME_MS;
  const applier = deps.applier ?? createKkiPaymentApplier(deps);

  // The payment this call's reference already has (a retry reuses the first attempt's, with the same
  // DOKU ids), else a new one. The store's refusals (`not_found`, `already_paid`,
  // `order_payment_open`) are the call's definite answer.
  const createPayment = (input: NewPayment) =>
    store.payments.createOrReuse(input).catch((error: unknown) => {
      if (error instanceof StoreRuleError && error.code === 'not_found') {
        throw new KkiDomainError('not_found', { field: 'orderId' });
      }
      throw dokuFailure(error);
    });

  // A retry's answer without a new DOKU payment call, or null when DOKU must still be called (the
  // first attempt stopped before it). When the order is paid, this very call paid it: the payment is
  // the answer as it stands (see payOrder). A retry after an unknown outcome asks DOKU's status.
  const retryAnswer = ({ payment, orderPaid }: { payment: PaymentRecord; orderPaid: boolean }) => {
    if (orderPaid) return Promise.resolve(payment);
    return payment.status === 'created' ? null : refresh(payment);
  };

  async function refused(payment: PaymentRecord, error: DokuError): Promise<never> {
    await applier.apply(
      payment,
      {
        status: 'failed',
        error: errorFromResponseCode(error.responseCode),
        detail: { responseCode: error.responseCode ?? null },
      },
      'doku_response',
    );
    throw domainErrorFromDoku(error);
  }

  /** Applies DOKU's status answer (a status check's, or the client's for a replay) to the payment. */
  async function applyStatus(payment: PaymentRecord, d: DebitStatusResponse): Promise<PaymentRecord> {
    const status = paymentStatusFromSnap(d.latestTransactionStatus);
    // Either place (BANK_CARD_TOKEN_AT_TOP_LEVEL is a guess).
    const token = d.bankCardToken ?? d.additionalInfo?.bankCardToken;
    const current = await store.payments.update(payment.id, { lastCheckedAt: new Date() });
    if (!status) return current;
    return applier.apply(
      current,
      {
        status,
        referenceNo: d.originalReferenceNo,
        approvalCode: d.approvalCode,
        ...(typeof token === 'string' && { bankCardToken: token }),
        ...(status === 'failed' && { error: errorFromResponseCode(d.originalResponseCode) }),
        detail: {
          latestTransactionStatus: d.latestTransactionStatus ?? null,
          originalResponseCode: d.originalResponseCode ?? null,
        },
      },
      'status_check',
    );
  }

  async function refresh(payment: PaymentRecord): Promise<PaymentRecord> {
    if (payment.method !== 'kki') return payment;
    try {
      const result = await doku.debitStatus({ originalPartnerReferenceNo: payment.partnerReferenceNo });
      return await applyStatus(payment, result.data);
    } catch (error) {
      if (
        isDokuDecision(error) &&
        error.responseCode !== undefined &&
        kkiErrorFromSnap(error.responseCode) === 'transaction_not_found'
      ) {
        // DOKU's own "Transaction Not Found" (SNAP 404-01, not any 404: a gateway's page or another
        // refusal says nothing of the payment): the call never got through, so nothing can still be
        // charged. Only once it cannot be on its way any more: a payment still `created` may have its
        // create call (this instance's, another's, or a retry's) still travelling to DOKU until the
        // OTT it carries runs out, and failing it then would drop the answer DOKU is about to give.
        const current = await store.payments.update(payment.id, { lastCheckedAt: new Date() });
        // Counted from the latest send: a retry may have sent the call again long after the first.
        if (payment.status === 'created' && Date.now() < lastCallAt(payment) + lifetimeMs) {
          return current;
        }
        return applier.apply(
          current,
          { status: 'failed', error: errorFromResponseCode(error.responseCode), detail: { notFound: true } },
          'status_check',
        );
      }
      throw domainErrorFromDoku(error);
    }
  }

  return {
    async create({ customerId, orderId, source, savedCard, ctx, noAuth }) {
      const reference = ctx.externalId;
      // The amount is the order's, as the store copied it into the payment under the order's lock.
      const base = (p: PaymentRecord) => ({
        partnerReferenceNo: reference,
        amount: toSnapAmountObject(p.amount),
      });
      // The issuer app sends the customer back to the shop's pages naming this payment, so the shop
      // can show its result (read from the BFF, never from the URL).
      const { success, failure } = deps.config.returnUrls;
      const named = (url: string, paymentId: string) =>
        KKI_RETURN_URL_QUERY_KEPT ? shopReturnUrl(url, paymentId) : url;
      const returnUrlsOf = (paymentId: string) => ({
        ...(success && { successPaymentUrl: named(success, paymentId) }),
        ...(failure && { failedPaymentUrl: named(failure, paymentId) }),
      });
      let issuerId: KkiIssuerId | null;
      let payment: PaymentRecord;
      let input: KkiPaymentInput;
      // A retry that sends the call of a payment an earlier attempt created (and never got through).
      let resend = false;
      if (source.type === 'card') {
        const card = { cpan: source.cpan, ott: source.ott, ...(source.expiry && { expiry: source.expiry }) };
        issuerId = issuerFromCpan(source.cpan)?.id ?? null;
        const created = await createPayment({
          orderId,
          customerId,
          method: 'kki',
          kkiKind: source.saveCard ? 'bind_and_pay' : 'single',
          partnerReferenceNo: reference,
          externalId: reference,
          maskedCpan: maskCpan(source.cpan),
          issuer: issuerId,
        });
        payment = created.payment;
        // A retry reuses the payment of the first attempt (same DOKU ids).
        const retried = retryAnswer(created);
        if (retried) return retried;
        resend = created.reused;
        input = source.saveCard
          ? {
              ...base(payment),
              type: 'bind_and_pay',
              card,
              custIdMerchant: await custIdMerchantFor(customerId),
              additionalInfo: returnUrlsOf(payment.id),
            }
          : { ...base(payment), type: 'single', card, additionalInfo: returnUrlsOf(payment.id) };
      } else {
        if (!savedCard) throw new KkiDomainError('card_not_found', { field: 'cardId' });
        issuerId = issuerById(savedCard.issuer)?.id ?? null;
        const created = await createPayment({
          orderId,
          customerId,
          method: 'kki',
          kkiKind: noAuth ? 'no_auth' : 'token',
          partnerReferenceNo: reference,
          externalId: reference,
          savedCardId: savedCard.id,
          maskedCpan: savedCard.maskedCpan,
          issuer: savedCard.issuer,
        });
        payment = created.payment;
        const retried = retryAnswer(created);
        if (retried) return retried;
        resend = created.reused;
        input = {
          ...base(payment),
          type: noAuth ? 'no_auth' : 'token',
          bankCardToken: await store.savedCards.revealToken(savedCard.id),
          additionalInfo: returnUrlsOf(payment.id),
        };
      }

      // Recorded before the call goes: a status check that meets DOKU's "not found" meanwhile then
      // waits for this call's answer instead of failing the payment under it.
      if (resend) {
        payment = await store.payments.update(payment.id, {
          doku: { [CALL_RESENT_AT_FACT]: new Date().toISOString() },
        });
      }
      let result: Awaited<ReturnType<DokuClient['kkiPayment']>>;
      try {
        result = await doku.kkiPayment(input, { externalId: reference });
      } catch (error) {
        if (isDokuDecision(error)) return refused(payment, error);
        log.warn('kki payment outcome unknown', { paymentId: payment.id, reason: String(error) });
        throw domainErrorFromDoku(error);
      }

      if (result.source === 'status') {
        // A replay the client answered from DOKU's status API: apply that answer as a status check
        // would, without asking DOKU again.
        return applyStatus(payment, result.data).catch((error: unknown) => {
          throw domainErrorFromDoku(error);
        });
      }
      const data = result.data;
      const status = result.pending ? 'pending' : responseStatus(data);
      const url = data.webRedirectUrl ?? data.appRedirectUrl;
      const nextAction =
        status === 'pending' && url
          ? {
              type: 'issuer_app' as const,
              url,
              issuer: issuerId,
              expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
            }
          : ({ type: 'none' } as const);
      return applier.apply(
        payment,
        {
          status,
          referenceNo: data.referenceNo,
          approvalCode: data.approvalCode,
          ...(data.bankCardToken && { bankCardToken: data.bankCardToken }),
          detail: { responseCode: result.responseCode },
          patch: { nextAction },
        },
        'doku_response',
      );
    },

    refresh,

    async cancel(payment) {
      // KKI has no cancel call DOKU confirms for this channel: the payment is checked first (it may
      // have been approved meanwhile), then closed here. A later DOKU success of a cancelled payment
      // is never kept: the store records it as an extra charge and it is refunded automatically.
      const checked = await refresh(payment);
      if (!isOpenPayment(checked.status)) return checked;
      // The issuer app may still confirm until the OTT runs out: asked about again until then
      // (`recheckMark`), so a success whose notification is lost is refunded too.
      return applier.apply(
        checked,
        { status: 'cancelled', detail: { by: 'customer' }, patch: recheckMark(confirmDeadline(checked)) },
        'api',
      );
    },
  };
}
