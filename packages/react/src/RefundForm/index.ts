'use client';
// `@kki-kit/react/RefundForm`: the staff refund form and its headless hook.
export { RefundForm, type RefundFormProps } from './RefundForm.js';
export {
  type KkiRefundRequest,
  type RefundResult,
  type UseRefundOptions,
  type UseRefundResult,
  useRefund,
} from './useRefund.js';
