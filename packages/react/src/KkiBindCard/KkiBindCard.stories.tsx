import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { catalogueCopy, expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { bindCard, bindCardMeta, DOKU_OTP_PAGE } from '../stories-support/steps-bind-card.js';
import { secondsFromNow, storyBinding } from '../stories-support/views.js';
import { KkiBindCard } from './KkiBindCard.js';

// Failures per DOKU case code are in KkiBindCard.errors.stories.tsx, generated from the contract's
// error flows.
const meta = {
  title: 'KKI/KkiBindCard',
  component: KkiBindCard,
  ...bindCardMeta,
} satisfies Meta<typeof KkiBindCard>;

export default meta;
type Story = StoryObj<typeof meta>;
const otpStep = (seconds: number, attemptsLeft = 3) =>
  ({ type: 'otp_input', expiresAt: secondsFromNow(seconds), attemptsLeft }) as const;
const otpPageUrl = () => new URL(DOKU_OTP_PAGE, window.location.href).href;
const otpPage = (seconds: number) =>
  ({
    type: 'otp_redirect',
    url: otpPageUrl(),
    expiresAt: secondsFromNow(seconds),
  }) as const;

export const Idle: Story = {
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.bindButton })).toBeEnabled();
  },
};

export const InvalidInput: Story = {
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await userEvent.type(await canvas.findByLabelText(copy.holderEmailLabel), 'not-an-email');
    await userEvent.click(canvas.getByRole('button', { name: copy.bindButton }));
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('aria-invalid', 'true');
    await expectShown(context.canvasElement, copy.cardNumberRequired);
    await expectShown(context.canvasElement, copy.holderEmailInvalid);
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createBinding'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(await canvas.findByRole('button', { name: copy.bindSubmitting })).toBeInTheDocument();
  },
};

export const WaitingForOtp: Story = {
  name: 'Waiting for the SMS OTP (typed here, countdown)',
  args: { mode: 'otp' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ nextAction: otpStep(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context, true);
    await expect(await canvas.findByLabelText(copy.otpLabel)).toHaveAttribute(
      'autocomplete',
      'one-time-code',
    );
    await expectShown(context.canvasElement, copy.bindAttemptsLeft(3));
    await expect(await canvas.findByRole('timer')).toBeInTheDocument();
  },
};

export const WrongOtp: Story = {
  name: 'Wrong OTP (attempts left)',
  args: { mode: 'otp' },
  beforeEach({ msw, globals }) {
    const waiting = storyBinding({ nextAction: otpStep(300, 2) });
    msw.use(
      answer('createBinding', storyBinding({ nextAction: otpStep(300) })),
      answer('getBinding', waiting),
      refuse('verifyBindingOtp', 'invalid_otp', { locale: storyLocale(globals) }),
    );
  },
  play: async (context) => {
    const { canvas, copy, locale } = playKit(context);
    await bindCard(context, true);
    await userEvent.type(await canvas.findByLabelText(copy.otpLabel), '123456');
    await userEvent.click(canvas.getByRole('button', { name: copy.bindVerifyButton }));
    await expectShown(context.canvasElement, catalogueCopy('invalid_otp', locale));
  },
};

export const OtpPageInNewTab: Story = {
  name: "DOKU's OTP page in a new tab",
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    const link = await canvas.findByRole('link', { name: copy.bindOtpPageLink });
    await expect(link).toHaveAttribute('href', otpPageUrl());
    await expect(link).toHaveAttribute('target', '_blank');
  },
};

export const OtpPageByRedirect: Story = {
  name: "DOKU's OTP page by redirect",
  args: { otpPage: 'redirect' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(await canvas.findByRole('link', { name: copy.bindOtpPageLink })).toBeInTheDocument();
  },
};

export const Succeeded: Story = {
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    const active = storyBinding({ mode: 'redirect', status: 'active', cardId: 'card_story0001' });
    msw.use(
      answer('createBinding', waiting),
      answer('getBinding', (n) => (n < 1 ? waiting : active)),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(
      await canvas.findByRole('heading', { name: copy.bindSucceeded('936000******5670') }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

export const Expired: Story = {
  name: 'Expired (OTP not entered in time)',
  args: { mode: 'otp' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ nextAction: otpStep(1) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context, true);
    await expect(
      await canvas.findByRole('heading', { name: copy.bindExpired }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};
