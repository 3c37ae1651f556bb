// Which payment states are an open attempt. Plain data, no zod: the React kit's components read it,
// and a schema module here would pull the API's schemas into their bundles.
import type { PaymentStatus } from './views.js';

/**
 * States of an open attempt: DOKU or the customer may still change its outcome. An order has at most
 * one open attempt; the BFF refuses another with `order_payment_open`.
 */
export const OPEN_PAYMENT_STATUSES = ['created', 'pending'] as const satisfies readonly PaymentStatus[];

/** Whether a payment in `status` is an open attempt (see {@link OPEN_PAYMENT_STATUSES}). */
export function isOpenPaymentStatus(status: PaymentStatus): boolean {
  return (OPEN_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}
