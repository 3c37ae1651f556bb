// Generated from @kki-kit/contract's error flows (flow kki_unbinding) by
// `pnpm --filter @kki-kit/react storybook:errors`; do not edit.
import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  savedCardsMeta as base,
  kkiUnbindingErrors as errors,
} from '../stories-support/steps-saved-cards.js';
import { SavedCardsList } from './SavedCardsList.js';

// No docs page: a failure shows only once its play function has run, which docs pages do not do.
const meta = {
  title: 'KKI/SavedCardsList/Errors',
  component: SavedCardsList,
  tags: ['!autodocs'],
  ...base,
} satisfies Meta<typeof SavedCardsList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const BadRequest: Story = {
  name: '00 · Bad request (4000500)',
  ...errors.story('bad_request'),
  play: errors.play('bad_request'),
};

export const InvalidFieldFormat: Story = {
  name: '00 · Invalid field format (4000500)',
  ...errors.story('invalid_field_format'),
  play: errors.play('invalid_field_format'),
};

export const MissingMandatoryField: Story = {
  name: '00 · Missing mandatory field (4000500)',
  ...errors.story('missing_mandatory_field'),
  play: errors.play('missing_mandatory_field'),
};

export const DuplicateRequest: Story = {
  name: '00, 01 · Duplicate request (4090500, 4090501)',
  ...errors.story('duplicate_request'),
  play: errors.play('duplicate_request'),
};

export const RateLimited: Story = {
  name: '00 · Rate limited (4290500)',
  ...errors.story('rate_limited'),
  play: errors.play('rate_limited'),
};

export const DokuServerError: Story = {
  name: '00 · DOKU server error (5000500)',
  ...errors.story('doku_server_error'),
  play: errors.play('doku_server_error'),
};

export const DokuTimeout: Story = {
  name: '00 · DOKU timeout (5040500)',
  ...errors.story('doku_timeout'),
  play: errors.play('doku_timeout'),
};

export const InvalidAccessToken: Story = {
  name: '01, 03 · Invalid access token (4010501, 4010503)',
  ...errors.story('invalid_access_token'),
  play: errors.play('invalid_access_token'),
};

export const IssuerUnavailable: Story = {
  name: '02 · Issuer unavailable (4010502)',
  ...errors.story('issuer_unavailable'),
  play: errors.play('issuer_unavailable'),
};

export const SuspectedFraud: Story = {
  name: '03 · Suspected fraud (4030503)',
  ...errors.story('suspected_fraud'),
  play: errors.play('suspected_fraud'),
};

export const FrequencyLimitExceeded: Story = {
  name: '04 · Frequency limit exceeded (4030504)',
  ...errors.story('frequency_limit_exceeded'),
  play: errors.play('frequency_limit_exceeded'),
};

export const DoNotHonor: Story = {
  name: '05 · Do not honor (4030505)',
  ...errors.story('do_not_honor'),
  play: errors.play('do_not_honor'),
};

export const FeatureUnavailableNow: Story = {
  name: '06 · Feature unavailable now (4030506)',
  ...errors.story('feature_unavailable_now'),
  play: errors.play('feature_unavailable_now'),
};

export const OtpNotRequested: Story = {
  name: '06 · OTP not requested (4040506)',
  ...errors.story('otp_not_requested'),
  play: errors.play('otp_not_requested'),
};

export const CardBlocked: Story = {
  name: '07 · Card blocked (4030507)',
  ...errors.story('card_blocked'),
  play: errors.play('card_blocked'),
};

export const JourneyNotFound: Story = {
  name: '07 · Journey not found (4040507)',
  ...errors.story('journey_not_found'),
  play: errors.play('journey_not_found'),
};

export const NoCardRecord: Story = {
  name: '08 · No card record (4040508)',
  ...errors.story('no_card_record'),
  play: errors.play('no_card_record'),
};

export const DormantAccount: Story = {
  name: '09 · Dormant account (4030509)',
  ...errors.story('dormant_account'),
  play: errors.play('dormant_account'),
};

export const NoIssuer: Story = {
  name: '09 · No issuer (4040509)',
  ...errors.story('no_issuer'),
  play: errors.play('no_issuer'),
};

export const TokenLimitRequired: Story = {
  name: '10 · Token limit required (4030510)',
  ...errors.story('token_limit_required'),
  play: errors.play('token_limit_required'),
};

export const InvalidApiTransition: Story = {
  name: '10 · Invalid API transition (4040510)',
  ...errors.story('invalid_api_transition'),
  play: errors.play('invalid_api_transition'),
};

export const InvalidCpan: Story = {
  name: '11 · Invalid CPAN (4040511)',
  ...errors.story('invalid_cpan'),
  play: errors.play('invalid_cpan'),
};

export const RequestNotPermitted: Story = {
  name: '12 · Request not permitted (4030512)',
  ...errors.story('request_not_permitted'),
  play: errors.play('request_not_permitted'),
};

export const InvalidAmount: Story = {
  name: '13 · Invalid amount (4040513)',
  ...errors.story('invalid_amount'),
  play: errors.play('invalid_amount'),
};

export const InsufficientFunds: Story = {
  name: '14 · Insufficient funds (4030514)',
  ...errors.story('insufficient_funds'),
  play: errors.play('insufficient_funds'),
};

export const TransactionNotPermitted: Story = {
  name: '15 · Transaction not permitted (4030515)',
  ...errors.story('transaction_not_permitted'),
  play: errors.play('transaction_not_permitted'),
};

export const TransactionSuspended: Story = {
  name: '16 · Transaction suspended (4030516)',
  ...errors.story('transaction_suspended'),
  play: errors.play('transaction_suspended'),
};

export const PartnerNotFound: Story = {
  name: '16 · Partner not found (4040516)',
  ...errors.story('partner_not_found'),
  play: errors.play('partner_not_found'),
};

export const TokenLimitExceeded: Story = {
  name: '17 · Token limit exceeded (4030517)',
  ...errors.story('token_limit_exceeded'),
  play: errors.play('token_limit_exceeded'),
};

export const InvalidTerminal: Story = {
  name: '17 · Invalid terminal (4040517)',
  ...errors.story('invalid_terminal'),
  play: errors.play('invalid_terminal'),
};

export const CardInactive: Story = {
  name: '18 · Card inactive (4030518)',
  ...errors.story('card_inactive'),
  play: errors.play('card_inactive'),
};

export const InconsistentRequest: Story = {
  name: '18 · Inconsistent request (4040518)',
  ...errors.story('inconsistent_request'),
  play: errors.play('inconsistent_request'),
};

export const MerchantBlacklisted: Story = {
  name: '19 · Merchant blacklisted (4030519)',
  ...errors.story('merchant_blacklisted'),
  play: errors.play('merchant_blacklisted'),
};

export const PaymentExpired: Story = {
  name: '19 · Payment expired (4040519)',
  ...errors.story('payment_expired'),
  play: errors.play('payment_expired'),
};

export const MerchantLimitExceeded: Story = {
  name: '20 · Merchant limit exceeded (4030520)',
  ...errors.story('merchant_limit_exceeded'),
  play: errors.play('merchant_limit_exceeded'),
};

export const SetLimitNotAllowed: Story = {
  name: '21 · Set limit not allowed (4030521)',
  ...errors.story('set_limit_not_allowed'),
  play: errors.play('set_limit_not_allowed'),
};

export const TokenLimitInvalid: Story = {
  name: '22 · Token limit invalid (4030522)',
  ...errors.story('token_limit_invalid'),
  play: errors.play('token_limit_invalid'),
};

export const AccountLimitExceeded: Story = {
  name: '23 · Account limit exceeded (4030523)',
  ...errors.story('account_limit_exceeded'),
  play: errors.play('account_limit_exceeded'),
};
