import { createKkiError } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { answer, hang, refuse, unanswered } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import { APPEARANCES, storyLocale } from '../stories-support/provider-decorator.js';
import { payButtonMeta, payWithNewCard } from '../stories-support/steps-pay-button.js';
import { DOKU_OTP_PAGE } from '../stories-support/steps-bind-card.js';
import { secondsFromNow, storyPayment, storySavedCards } from '../stories-support/views.js';
import { KkiPayButton } from './KkiPayButton.js';

// Failures per DOKU case code are in KkiPayButton.errors.stories.tsx and
// KkiPayButton.checkout-errors.stories.tsx, generated from the contract's error flows.
const meta = {
  title: 'KKI/KkiPayButton',
  component: KkiPayButton,
  ...payButtonMeta,
} satisfies Meta<typeof KkiPayButton>;
export default meta;
type Story = StoryObj<typeof meta>;

const issuerApp = (seconds: number) =>
  ({
    type: 'issuer_app',
    url: 'https://app.bri.test/kki/confirm',
    issuer: 'bri',
    expiresAt: secondsFromNow(seconds),
  }) as const;

export const Idle: Story = {
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.payButton(amount) })).toBeEnabled();
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('autocomplete', 'cc-number');
  },
};

/** The toolbar globals at work: English copy and amounts, and a dark --kki-* theme on the root. */
export const IdleInEnglishNightMarket: Story = {
  name: 'Idle (English, "night market" appearance)',
  globals: { locale: 'en', appearance: 'night market' },
  play: async (context) => {
    const { canvas } = playKit(context);
    const button = await canvas.findByRole('button', { name: 'Pay IDR 250,000' });
    const root = (button as HTMLElement).closest('.kki-root') as HTMLElement | null;
    await expect(root?.style.getPropertyValue('--kki-color-primary')).toBe(
      APPEARANCES['night market'].variables.colorPrimary,
    );
    await expect(canvas.getByLabelText('Card number')).toBeInTheDocument();
  },
};

export const FailedInEnglish: Story = {
  name: 'Failed: do_not_honor (English)',
  globals: { locale: 'en', appearance: 'merah putih' },
  beforeEach({ msw }) {
    msw.use(refuse('createKkiPayment', 'do_not_honor', { locale: 'en', dokuResponseCode: '4035405' }));
  },
  play: async (context) => {
    const { canvas } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('heading', { name: 'Payment not completed' })).toBeInTheDocument();
    await expectShown(
      context.canvasElement,
      'Your card was declined by the issuing bank. Try another card or contact your bank.',
    );
  },
};

export const InvalidInput: Story = {
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.payButton(amount) }));
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('aria-invalid', 'true');
    await expectShown(context.canvasElement, copy.cardNumberRequired);
    await expectShown(context.canvasElement, copy.ottRequired);
  },
};

export const WithSavedCards: Story = {
  beforeEach({ msw }) {
    msw.use(answer('listSavedCards', { cards: [...storySavedCards] }));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('radio', { name: copy.payWithSavedCard })).toBeInTheDocument();
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createKkiPayment'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('button', { name: copy.paySubmitting })).toBeInTheDocument();
  },
};

export const WaitingForIssuerApp: Story = {
  name: 'Waiting for the issuer app (countdown, QR code)',
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    const bri = copy.issuerName('bri');
    await expect(await canvas.findByRole('heading', { name: copy.payConfirmInApp(bri) })).toBeInTheDocument();
    // On a desktop pointer the link also says it opens a new tab.
    const opensApp = (name: string) => name.startsWith(copy.payOpenIssuerApp(bri));
    await expect(canvas.getByRole('link', { name: opensApp })).toBeInTheDocument();
    await expect(await canvas.findByRole('timer')).toBeInTheDocument();
    // And the BFF's QR code of the app link, for the phone (a desktop pointer in the stories' Chromium).
    const qr = canvas.getByRole('img', { name: copy.payScanQr(bri) }) as HTMLImageElement;
    await waitFor(() => expect(qr.naturalWidth).toBeGreaterThan(0));
  },
};

export const OtpRedirect: Story = {
  name: "Waiting for the bank's OTP page",
  beforeEach({ msw }) {
    const waiting = storyPayment({
      nextAction: {
        type: 'otp_redirect',
        url: new URL(DOKU_OTP_PAGE, window.location.href).href,
        expiresAt: secondsFromNow(300),
      },
    });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(
      await canvas.findByRole('link', { name: (name: string) => name.startsWith(copy.payOtpRedirectLink) }),
    ).toBeInTheDocument();
  },
};

export const Pending: Story = {
  name: 'Pending at the bank',
  beforeEach({ msw }) {
    msw.use(answer('createKkiPayment', storyPayment()), answer('getPayment', storyPayment()));
  },
  play: async (context) => {
    await payWithNewCard(context);
    await expectShown(context.canvasElement, playKit(context).copy.payPending);
  },
};

/**
 * The payment request's answer is lost (the connection dropped): the BFF may have made the payment, so
 * the shopper is told the result is not known yet, never that it failed. "Check again" sends the same
 * request with its idempotency key, and the answer is that payment's.
 */
export const Unconfirmed: Story = {
  name: 'Unconfirmed (no answer), then checked again',
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    msw.use(unanswered('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('heading', { name: copy.unconfirmedTitle })).toBeInTheDocument();
    await expectShown(context.canvasElement, copy.unconfirmedText);
    await userEvent.click(canvas.getByRole('button', { name: copy.checkAgain }));
    await expect(
      await canvas.findByRole('heading', { name: copy.payConfirmInApp(copy.issuerName('bri')) }),
    ).toBeInTheDocument();
  },
};

/**
 * The shopper confirms in the bank's app and comes back to the page. The mock BFF answers
 * `succeeded` only once the play function has seen the waiting step and the shopper has confirmed;
 * the kit checks the payment at once when the page is shown again, so the story does not wait on
 * the polling backoff.
 */
let confirmedInApp = false;
export const Succeeded: Story = {
  beforeEach({ msw }) {
    confirmedInApp = false;
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    msw.use(
      answer('createKkiPayment', waiting),
      answer('getPayment', () => (confirmedInApp ? storyPayment({ status: 'succeeded' }) : waiting)),
    );
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await payWithNewCard(context);
    await canvas.findByRole('heading', { name: copy.payConfirmInApp(copy.issuerName('bri')) });
    confirmedInApp = true;
    // Back from the bank's app: the page is shown again.
    window.dispatchEvent(new Event('visibilitychange'));
    await expect(await canvas.findByRole('heading', { name: copy.paySucceeded(amount) })).toBeInTheDocument();
  },
};

export const Expired: Story = {
  name: 'Expired (issuer app not confirmed in time)',
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(1) });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(
      await canvas.findByRole('heading', { name: copy.payExpired }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

export const Cancelled: Story = {
  name: 'Cancelled while waiting for the issuer app',
  beforeEach({ msw, globals }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    const error = createKkiError('transaction_cancelled', { locale: storyLocale(globals) });
    msw.use(
      answer('createKkiPayment', waiting),
      answer('getPayment', waiting),
      answer('cancelPayment', storyPayment({ status: 'cancelled', error })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.payCancelButton }));
    await expectShown(context.canvasElement, copy.payCancelled);
  },
};
