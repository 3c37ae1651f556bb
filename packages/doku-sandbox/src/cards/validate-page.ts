// The payment-page request rules beyond the wire schema (doku-api.md §7.1 [SEED-002]): amounts and
// line items, conditional fields, the Mandiri invoice limit, installments, promo, tokens, URLs.
import {
  type CardAcquirer,
  INVOICE_NUMBER_MAX_MANDIRI,
  lineItemsMatchAmount,
  type PaymentPageRequest,
} from '@kki-kit/doku';
import { isHttpUrl } from '../merchant-url.js';
import { invalidParameter } from './respond.js';
import { INSTALLMENT_PLANS, offeredTenors } from './rules.js';
import type { CardsState } from './state.js';

const mandatory = (field: string) => invalidParameter(`Invalid Mandatory Field ${field}`);
const format = (field: string) => invalidParameter(`Invalid Field Format ${field}`);

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/**
 * Throws the `INVALID_PARAMETER` DOKU would answer for the first rule `req` breaks. `state` is read
 * for `card.token` (it must exist and belong to `customer.id`).
 */
export function validatePaymentPage(req: PaymentPageRequest, state: CardsState): void {
  const { order, customer, payment, card } = req;
  if (order.amount < 1) throw format('order.amount');
  if (!lineItemsMatchAmount(order)) throw invalidParameter('Invalid Total Amount And Line Items');
  if (payment?.acquirer === 'BANK_MANDIRI' && order.invoice_number.length > INVOICE_NUMBER_MAX_MANDIRI) {
    throw format('order.invoice_number');
  }
  // "Mandatory if merchant set order.auto_redirect to true"; blank counts as missing.
  if (order.auto_redirect && blank(order.callback_url)) throw mandatory('order.callback_url');
  for (const key of ['callback_url', 'failed_url'] as const) {
    const v = order[key];
    if (v !== undefined && !isHttpUrl(v)) throw format(`order.${key}`);
  }
  const notify = req.additional_info?.override_notification_url;
  if (notify !== undefined && !isHttpUrl(notify)) throw format('additional_info.override_notification_url');

  // "One of them must be filled in between customer email and customer phone."
  if (blank(customer?.email) && blank(customer?.phone)) throw mandatory('customer.email');
  const tokenization = card?.save === true || card?.token !== undefined || payment?.type === 'RECURRING';
  // customer.id: "Mandatory if merchant wants to use tokenization feature"; RECURRING saves the card.
  if (tokenization && blank(customer?.id)) throw mandatory('customer.id');
  if (card?.token !== undefined) {
    const saved = state.tokens.get(card.token);
    if (!saved || saved.customerId !== customer?.id) throw invalidParameter('Invalid Card Token');
  }

  if (payment?.type === 'INSTALLMENT') {
    // The schema already requires acquirer and tenor for INSTALLMENT.
    const acquirer = payment.acquirer as CardAcquirer;
    const plan = INSTALLMENT_PLANS[acquirer];
    const tenor = payment.tenor as number;
    if (!offeredTenors(plan, req.override_configuration?.allow_tenor).includes(tenor) || tenor === 0) {
      throw invalidParameter('Invalid Installment Tenor');
    }
    if (order.amount < plan.minAmount) {
      throw invalidParameter(`Amount Below Minimum Installment Amount (${plan.minAmount})`);
    }
  }

  for (const [i, promo] of (req.override_configuration?.promo ?? []).entries()) {
    if (promo.discount_amount < 1 || promo.discount_amount >= order.amount) {
      throw format(`override_configuration.promo[${i}].discount_amount`);
    }
  }
}
