// Generated from @kki-kit/contract's error flows (flow card_refund) by
// `pnpm --filter @kki-kit/react storybook:errors`; do not edit.
import type { Meta, StoryObj } from '@storybook/react-vite';
import { refundFormMeta as base, cardRefundErrors as errors } from '../stories-support/steps-refund-form.js';
import { RefundForm } from './RefundForm.js';

// No docs page: a failure shows only once its play function has run, which docs pages do not do.
const meta = {
  title: 'KKI/RefundForm/Cards errors',
  component: RefundForm,
  tags: ['!autodocs'],
  ...base,
} satisfies Meta<typeof RefundForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const DuplicateRequest: Story = {
  name: 'DUPLICATE_REQUEST_ID · Duplicate request',
  ...errors.story('duplicate_request'),
  play: errors.play('duplicate_request'),
};

export const RefundFailed: Story = {
  name: 'FAILED · Refund failed',
  ...errors.story('refund_failed'),
  play: errors.play('refund_failed'),
};

export const DokuServerError: Story = {
  name: 'INTERNAL_SERVER_ERROR · DOKU server error',
  ...errors.story('doku_server_error'),
  play: errors.play('doku_server_error'),
};

export const InvalidMerchant: Story = {
  name: 'INVALID_CLIENT_ID · Invalid merchant',
  ...errors.story('invalid_merchant'),
  play: errors.play('invalid_merchant'),
};

export const BadRequest: Story = {
  name: 'INVALID_HEADER · Bad request',
  ...errors.story('bad_request'),
  play: errors.play('bad_request'),
};

export const InvalidAmount: Story = {
  name: 'INVALID_PARAMETER · Invalid amount',
  ...errors.story('invalid_amount'),
  play: errors.play('invalid_amount'),
};

export const InvalidFieldFormat: Story = {
  name: 'INVALID_PARAMETER · Invalid field format',
  ...errors.story('invalid_field_format'),
  play: errors.play('invalid_field_format'),
};

export const UnauthorizedSignature: Story = {
  name: 'INVALID_SIGNATURE, INVALID_TIMESTAMP · Unauthorized signature',
  ...errors.story('unauthorized_signature'),
  play: errors.play('unauthorized_signature'),
};

export const InvalidTransactionStatus: Story = {
  name: 'INVALID_TRANSACTION_STATUS · Invalid transaction status',
  ...errors.story('invalid_transaction_status'),
  play: errors.play('invalid_transaction_status'),
};

export const TransactionNotFound: Story = {
  name: 'NOT_FOUND · Transaction not found',
  ...errors.story('transaction_not_found'),
  play: errors.play('transaction_not_found'),
};
