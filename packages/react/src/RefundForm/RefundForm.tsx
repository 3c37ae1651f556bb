'use client';
// RefundForm (merchant staff): refund a payment in full or in part, see the refund type, status and history.
import { localizeError } from '@kki-kit/client';
import { formatIdr, type KkiCopyOverrides, type RefundView } from '@kki-kit/contract';
import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import { ID_REFUND } from '../copy/id/refund.js';
import type { KkiRefundCopy, KkiSharedCopy } from '../copy/index.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { TextField } from '../fields/TextField.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useFocusRequest } from '../internal/useFocusRequest.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { type KkiRefundRequest, type UseRefundOptions, useRefund } from './useRefund.js';

/** What RefundForm's parts show. */
type RefundCopy = KkiSharedCopy & KkiRefundCopy;

/** Props of {@link RefundForm}. */
export interface RefundFormProps extends UseRefundOptions {
  /** Ask "Refund Rp X to the customer?" before sending (a staff page should). Default `false`. */
  readonly confirm?: boolean;
  readonly className?: string;
}

/** Full or partial refund (never above what is left), the resulting type and status, and the history. */
export function RefundForm(props: RefundFormProps): ReactElement {
  const ctx = useKkiContext('RefundForm');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_REFUND);
  const flow = useRefund(props);
  const [kind, setKind] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  // The checked request waiting for staff to confirm it (`confirm` prop).
  const [pending, setPending] = useState<KkiRefundRequest | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const focus = useFocusRequest();
  const ids = useId();
  const left = formatIdr(flow.remaining, locale);
  const latest = flow.latest;

  useAnnounce(
    ctx,
    flow.isSubmitting
      ? copy.refundSubmitting
      : flow.result?.status === 'failed'
        ? flow.result.error.message
        : latest !== null
          ? copy.refundCreated(copy.refundType(latest.type), copy.refundStatus(latest.status))
          : null,
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (flow.isSubmitting) return;
    let amount: number | undefined;
    if (kind === 'partial') {
      const digits = amountText.replace(/[.,\s]/g, '');
      const value = Number(digits);
      const problem =
        digits === ''
          ? copy.refundAmountRequired
          : !/^\d+$/.test(digits) || value <= 0 || !Number.isSafeInteger(value)
            ? copy.refundAmountInvalid
            : value > flow.remaining
              ? copy.refundAmountTooHigh(left)
              : null;
      setAmountError(problem);
      if (problem !== null) return focus(amountRef);
      amount = value;
    }
    const request = { ...(amount !== undefined && { amount }), ...(reason.trim() !== '' && { reason }) };
    if (props.confirm) setPending(request);
    else send(request);
  }

  function send(request: KkiRefundRequest) {
    setPending(null);
    void flow.refund(request).then((r) => {
      if (r.status === 'failed' && r.error.field === 'amount') {
        setAmountError(r.error.message);
        focus(amountRef);
      } else if (r.status !== 'failed') {
        setAmountText('');
        setReason('');
      }
    });
  }

  // The button names exactly what would be sent: the typed amount (checked on submit), never a
  // clamped one, and no amount at all before one is typed.
  const requested = kind === 'full' ? flow.remaining : Number(amountText.replace(/[.,\s]/g, '')) || 0;
  const refundedBefore = flow.refunds !== undefined && flow.remaining < props.amount;
  const submitting = flow.isSubmitting;
  // While the question is asked, the form holds what it asks about; while a request's outcome is
  // unknown, it holds what that request sent (only it is sent again, so an edit would mislead).
  const locked = submitting || pending !== null || flow.unconfirmed;
  const failure =
    flow.result?.status === 'failed' && flow.result.error.field !== 'amount' ? flow.result.error : null;

  return (
    <section
      className={`kki-root kki-refund${props.className ? ` ${props.className}` : ''}`}
      style={ctx.style}
      aria-labelledby={`${ids}-title`}
    >
      <h3 id={`${ids}-title`} className="kki-title">
        {copy.refundTitle}
      </h3>
      {flow.refunds !== undefined && flow.remaining === 0 ? (
        // Pending refunds count as taken: "refunded in full" would contradict a "Processing" row.
        <p className="kki-muted">
          {flow.refunds.some((r) => r.status === 'pending') ? copy.refundRestPending : copy.refundNothingLeft}
        </p>
      ) : (
        <form
          className="kki-form"
          aria-labelledby={`${ids}-title`}
          noValidate
          onSubmit={onSubmit}
          aria-busy={submitting}
        >
          <fieldset className="kki-fieldset kki-choice">
            <legend className="kki-legend">{copy.refundKindLabel}</legend>
            <label className="kki-radio">
              <input
                type="radio"
                name={`${ids}-kind`}
                checked={kind === 'full'}
                onChange={() => setKind('full')}
                disabled={locked}
              />
              {refundedBefore ? copy.refundRest : copy.refundFull} ({left})
            </label>
            <label className="kki-radio">
              <input
                type="radio"
                name={`${ids}-kind`}
                checked={kind === 'partial'}
                onChange={() => setKind('partial')}
                disabled={locked}
              />
              {copy.refundPartial}
            </label>
          </fieldset>
          {kind === 'partial' && (
            <TextField
              label={copy.refundAmountLabel}
              value={amountText}
              onValueChange={(v) => setAmountText(v.replace(/[^\d.,\s]/g, ''))}
              hint={copy.refundAmountHint(left)}
              error={amountError}
              inputRef={amountRef}
              inputMode="numeric"
              autoComplete="off"
              required
              disabled={locked}
            />
          )}
          <TextField
            label={copy.refundReasonLabel}
            value={reason}
            onValueChange={setReason}
            maxLength={255}
            autoComplete="off"
            disabled={locked}
          />
          {pending === null ? (
            <button
              type="submit"
              className="kki-button kki-button--primary"
              aria-disabled={submitting || undefined}
            >
              {submitting
                ? copy.refundSubmitting
                : requested > 0
                  ? copy.refundButton(formatIdr(requested, locale))
                  : copy.refundButtonNoAmount}
            </button>
          ) : (
            <ConfirmRefund
              question={copy.refundConfirmQuestion(formatIdr(pending.amount ?? flow.remaining, locale))}
              copy={copy}
              onYes={() => send(pending)}
              onBack={() => setPending(null)}
            />
          )}
        </form>
      )}
      {failure !== null && (
        // An unanswered request is asked again as it was (whatever the form holds now); starting over
        // would still send it, so only "check again" is offered.
        <ErrorPanel
          title={copy.refundFailedTitle}
          error={failure}
          copy={copy}
          focusOnMount
          {...(flow.unconfirmed
            ? { unconfirmed: true, onRetry: () => send({}) }
            : { onStartOver: flow.reset })}
        />
      )}
      {latest !== null && latest.status !== 'failed' && (
        <p className="kki-refund-result">
          {copy.refundCreated(copy.refundType(latest.type), copy.refundStatus(latest.status))}
        </p>
      )}
      <RefundHistory
        refunds={flow.refunds}
        copy={copy}
        locale={locale}
        errorCopy={ctx.errorCopy}
        loadError={flow.loadError?.message ?? null}
        headingId={`${ids}-history`}
      />
    </section>
  );
}

/** The confirm step: the question, focused so a screen reader reads it, and the two answers. */
function ConfirmRefund(props: {
  readonly question: string;
  readonly copy: RefundCopy;
  readonly onYes: () => void;
  readonly onBack: () => void;
}): ReactElement {
  const { copy } = props;
  return (
    <fieldset className="kki-fieldset kki-confirm">
      <legend className="kki-panel-text">{props.question}</legend>
      <div className="kki-actions">
        {/* Focus moves to the answer, inside the group the question labels: it is read out. */}
        {/* biome-ignore lint/a11y/noAutofocus: the step replaces the button staff just pressed */}
        <button type="button" className="kki-button kki-button--primary" onClick={props.onYes} autoFocus>
          {copy.refundConfirmYes}
        </button>
        <button type="button" className="kki-button kki-button--secondary" onClick={props.onBack}>
          {copy.refundConfirmBack}
        </button>
      </div>
    </fieldset>
  );
}

interface RefundHistoryProps {
  readonly refunds: readonly RefundView[] | undefined;
  readonly copy: RefundCopy;
  readonly locale: 'id' | 'en';
  readonly errorCopy: KkiCopyOverrides | undefined;
  /** Why the history could not be read (e.g. refunds not authorised for this user). */
  readonly loadError: string | null;
  readonly headingId: string;
}

function RefundHistory({
  refunds,
  copy,
  locale,
  errorCopy,
  loadError,
  headingId,
}: RefundHistoryProps): ReactElement {
  const date = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  return (
    <div className="kki-refund-history">
      <h4 id={headingId} className="kki-subtitle">
        {copy.refundHistoryTitle}
      </h4>
      {refunds === undefined && loadError !== null ? (
        <p className="kki-field-error">{loadError}</p>
      ) : refunds === undefined ? (
        <p className="kki-muted" aria-busy="true">
          {copy.refundHistoryLoading}
        </p>
      ) : refunds.length === 0 ? (
        <p className="kki-muted">{copy.refundHistoryEmpty}</p>
      ) : (
        <table className="kki-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{copy.refundColumnDate}</th>
              <th scope="col">{copy.refundColumnAmount}</th>
              <th scope="col">{copy.refundColumnType}</th>
              <th scope="col">{copy.refundColumnStatus}</th>
              <th scope="col">{copy.refundColumnReason}</th>
            </tr>
          </thead>
          <tbody>
            {refunds.map((r) => (
              <tr key={r.id} data-status={r.status}>
                <td>{date.format(new Date(r.createdAt))}</td>
                <td>{formatIdr(r.amount, locale)}</td>
                <td>{copy.refundType(r.type)}</td>
                <td>
                  {copy.refundStatus(r.status)}
                  {r.status === 'failed' && r.error !== null && (
                    <span className="kki-muted"> · {localizeError(r.error, locale, errorCopy).message}</span>
                  )}
                </td>
                <td>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
