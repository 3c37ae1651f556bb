'use client';
// KkiBindCard: register a KKI card, then prove it with an OTP (DOKU's page or typed here).
import { type FormEvent, type ReactElement, useRef, useState } from 'react';
import { CpanInput } from '../fields/CpanInput.js';
import { Countdown } from '../fields/Countdown.js';
import { cpanProblem } from '../fields/cpan.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { OtpInput, otpProblem } from '../fields/OtpInput.js';
import { StatusPanel } from '../fields/StatusPanel.js';
import { TextField } from '../fields/TextField.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useFocusRequest } from '../internal/useFocusRequest.js';
import { useKitConfigQuery } from '../internal/useKitConfig.js';
import { ID_BIND_CARD } from '../copy/id/bind-card.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { type KkiBindingInput, type UseCardBindingOptions, useCardBinding } from './useCardBinding.js';

/** Props of {@link KkiBindCard}. */
export interface KkiBindCardProps extends UseCardBindingOptions {
  /**
   * `redirect` (default): DOKU's hosted OTP page (DH). `otp`: the customer types the SMS OTP here (H2H).
   */
  readonly mode?: 'redirect' | 'otp';
  /**
   * How DOKU's OTP page opens in `redirect` mode: in a new tab while this component follows the
   * binding (`popup`, default), or by leaving the page (`redirect`; come back with `resumeBindingId`).
   * Never in a frame: DOKU's OTP page is one the merchant redirects to, and it refuses framing.
   */
  readonly otpPage?: 'popup' | 'redirect';
  readonly className?: string;
}

type Errors = { cpan?: string; email?: string; phone?: string; otp?: string };

// Local patterns, not the contract's cardHolderSchema: importing a schema brings zod into this entry
// (about 12 kB gzipped, over its size budget). The BFF still checks the body with the schema.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\d{8,16}$/;

/** Card registration with every state: form, OTP (here or on DOKU's page), waiting, done, failed, expired. */
export function KkiBindCard(props: KkiBindCardProps): ReactElement {
  const ctx = useKkiContext('KkiBindCard');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_BIND_CARD);
  const { mode = 'redirect', otpPage = 'popup' } = props;
  const flow = useCardBinding(props);
  const config = useKitConfigQuery(ctx).data;
  const [cpan, setCpan] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [otp, setOtp] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [acted, setActed] = useState(false);
  const cpanRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const otpRef = useRef<HTMLInputElement>(null);
  const focus = useFocusRequest();
  const { phase, binding } = flow;

  useAnnounce(
    ctx,
    phase === 'submitting'
      ? copy.bindSubmitting
      : phase === 'otp_input'
        ? copy.bindOtpSent
        : phase === 'verifying'
          ? copy.bindVerifying
          : phase === 'otp_redirect'
            ? copy.bindOtpPageIntro
            : phase === 'succeeded' && binding !== null
              ? copy.bindSucceeded(binding.maskedCpan)
              : phase === 'expired'
                ? copy.bindExpired
                : phase === 'failed'
                  ? (flow.error?.message ?? null)
                  : flow.otpError !== null
                    ? flow.otpError.message
                    : null,
  );

  function onBind(event: FormEvent) {
    event.preventDefault();
    if (phase === 'submitting') return;
    setActed(true);
    const next: Errors = {};
    const c = cpanProblem(cpan, copy, locale);
    if (c !== null) next.cpan = c;
    if (email.trim() !== '' && !EMAIL.test(email.trim())) next.email = copy.holderEmailInvalid;
    if (phone.trim() !== '' && !PHONE.test(phone.trim())) next.phone = copy.holderPhoneInvalid;
    setErrors(next);
    if (next.cpan) return focus(cpanRef);
    if (next.email) return focus(emailRef);
    if (next.phone) return focus(phoneRef);
    const input: KkiBindingInput = {
      cpan,
      mode,
      holder: {
        ...(name.trim() !== '' && { name: name.trim() }),
        ...(email.trim() !== '' && { email: email.trim() }),
        ...(phone.trim() !== '' && { phone: phone.trim() }),
      },
    };
    void flow.bind(input).then((r) => {
      if (r.status === 'failed' && r.error.field === 'cardNumber') focus(cpanRef);
    });
  }

  function onVerify(event: FormEvent) {
    event.preventDefault();
    if (phase === 'verifying') return;
    const problem = otpProblem(otp, copy);
    setErrors({ ...(problem !== null && { otp: problem }) });
    if (problem !== null) return focus(otpRef);
    void flow.verifyOtp(otp).then((r) => {
      if (r.status === 'failed') {
        setOtp('');
        focus(otpRef);
      }
    });
  }

  function backToForm(clear: boolean) {
    flow.reset();
    setOtp('');
    setErrors({});
    if (clear) setCpan('');
    focus(cpanRef);
  }

  const root = (body: ReactElement) => (
    <div className={`kki-root kki-bind${props.className ? ` ${props.className}` : ''}`} style={ctx.style}>
      {body}
    </div>
  );

  // On the Checkout path the BFF takes no card number: cards are saved on DOKU's page when paying.
  if (phase === 'idle' && config?.kki.integration === 'checkout') {
    return root(
      <StatusPanel tone="info" title={copy.bindTitle}>
        <p className="kki-panel-text">{copy.bindCheckoutNote}</p>
      </StatusPanel>,
    );
  }

  if ((phase === 'otp_input' || phase === 'verifying') && binding !== null) {
    const action = binding.nextAction.type === 'otp_input' ? binding.nextAction : null;
    const verifying = phase === 'verifying';
    return root(
      <form
        className="kki-form"
        aria-label={copy.bindTitle}
        noValidate
        onSubmit={onVerify}
        aria-busy={verifying}
      >
        <StatusPanel tone="info" title={copy.bindOtpSent} focusOnMount={acted}>
          {action?.expiresAt != null && <Countdown expiresAt={action.expiresAt} copy={copy} />}
        </StatusPanel>
        <OtpInput
          value={otp}
          onChange={setOtp}
          copy={copy}
          error={errors.otp ?? flow.otpError?.message ?? null}
          inputRef={otpRef}
          disabled={verifying}
        />
        {action?.attemptsLeft != null && (
          <p className="kki-hint">{copy.bindAttemptsLeft(action.attemptsLeft)}</p>
        )}
        <button
          type="submit"
          className="kki-button kki-button--primary"
          aria-disabled={verifying || undefined}
        >
          {verifying ? copy.bindVerifying : copy.bindVerifyButton}
        </button>
      </form>,
    );
  }
  if (phase === 'otp_redirect' && flow.nextAction?.type === 'otp_redirect') {
    const action = flow.nextAction;
    return root(
      <StatusPanel tone="waiting" title={copy.bindOtpPageIntro} focusOnMount={acted}>
        {action.expiresAt !== null && <Countdown expiresAt={action.expiresAt} copy={copy} />}
        {otpPage === 'popup' && <p className="kki-panel-text">{copy.bindOtpPageNewTab}</p>}
        <a
          className="kki-button kki-button--primary"
          href={action.url}
          rel="noopener noreferrer"
          {...(otpPage === 'popup' && { target: '_blank' })}
        >
          {copy.bindOtpPageLink}
        </a>
      </StatusPanel>,
    );
  }
  if (phase === 'pending') {
    return root(
      <StatusPanel tone="waiting" title={copy.bindSubmitting} focusOnMount={acted}>
        <div className="kki-spinner" aria-hidden="true" />
      </StatusPanel>,
    );
  }
  if (phase === 'succeeded' && binding !== null) {
    return root(
      <StatusPanel tone="success" title={copy.bindSucceeded(binding.maskedCpan)} focusOnMount={acted} />,
    );
  }
  if ((phase === 'failed' || phase === 'expired') && flow.error !== null) {
    return root(
      <ErrorPanel
        title={phase === 'expired' ? copy.bindExpired : copy.bindFailedTitle}
        error={flow.error}
        copy={copy}
        focusOnMount={acted}
        onRetry={phase === 'failed' ? () => backToForm(false) : undefined}
        onStartOver={() => backToForm(true)}
      />,
    );
  }

  const submitting = phase === 'submitting';
  return root(
    <form
      className="kki-form"
      aria-label={copy.bindTitle}
      noValidate
      onSubmit={onBind}
      aria-busy={submitting}
    >
      <CpanInput
        value={cpan}
        onChange={setCpan}
        copy={copy}
        error={errors.cpan ?? null}
        inputRef={cpanRef}
        disabled={submitting}
      />
      <TextField
        label={copy.holderNameLabel}
        value={name}
        onValueChange={setName}
        autoComplete="cc-name"
        maxLength={70}
        disabled={submitting}
      />
      <TextField
        label={copy.holderEmailLabel}
        value={email}
        onValueChange={setEmail}
        error={errors.email ?? null}
        inputRef={emailRef}
        type="email"
        autoComplete="email"
        maxLength={254}
        disabled={submitting}
      />
      <TextField
        label={copy.holderPhoneLabel}
        value={phone}
        onValueChange={(v) => setPhone(v.replace(/[^\d]/g, ''))}
        hint={copy.holderPhoneHint}
        error={errors.phone ?? null}
        inputRef={phoneRef}
        type="tel"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={16}
        disabled={submitting}
      />
      <button
        type="submit"
        className="kki-button kki-button--primary"
        aria-disabled={submitting || undefined}
      >
        {submitting ? copy.bindSubmitting : copy.bindButton}
      </button>
    </form>,
  );
}
