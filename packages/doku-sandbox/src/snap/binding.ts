// Card binding (service 01), OTP verification (04) and unbinding (05) (doku-api.md §5.3-§5.5).
import { formatSnapResponseCode } from '@kki-kit/contract';
import {
  bindingChannelIdSchema,
  cardBindRequestSchema,
  cardUnbindRequestSchema,
  otpVerificationRequestSchema,
  SNAP_SERVICE_CODES,
} from '@kki-kit/doku';
import { hostedUrl } from '../config.js';
import { isHttpUrl } from '../merchant-url.js';
import { KKI_TEST_OTP } from '../test-values/kki.js';
import { applyScenario, cardDataKeyOf, readCardData, useOtt } from './card-data.js';
import { type KkiDeps, newReferenceNo, nowIso, randomChars } from './kki-state.js';
import { notifyBinding, notifyUnbinding } from './notifications.js';
import type { SnapEndpointSpec, SnapRequest } from './pipeline.js';
import { kkiCaseFailure, kkiFieldFailure, SnapFailure, snapSuccess } from './respond.js';
import type { Binding } from './store.js';

const BIND = SNAP_SERVICE_CODES.cardBind;
const OTP = SNAP_SERVICE_CODES.otpVerify;
const UNBIND = SNAP_SERVICE_CODES.cardUnbind;

/** Path of the hosted OTP page of a binding session. */
export function otpPagePath(authCode: string): string {
  return `/kki/otp/${encodeURIComponent(authCode)}`;
}

/** A fresh opaque `bankCardToken` (DOKU's KKI token is used raw, doku-api.md §5.5). */
export function newBankCardToken(deps: KkiDeps): string {
  return randomChars(deps, 40);
}

function channelId(req: SnapRequest<unknown>): 'DH' | 'H2H' {
  const raw = req.header('CHANNEL-ID');
  if (raw === undefined || raw === '') return 'DH';
  const parsed = bindingChannelIdSchema.safeParse(raw);
  if (!parsed.success) throw kkiFieldFailure('format', 'CHANNEL-ID');
  return parsed.data;
}

/** `POST /direct-debit/core/v1/registration-card-bind`. */
export function bindEndpoint(deps: KkiDeps): SnapEndpointSpec<typeof cardBindRequestSchema> {
  const { ctx, store } = deps;
  return {
    serviceCode: BIND,
    schema: cardBindRequestSchema,
    async handle(req) {
      const channel = channelId(req);
      const { data } = req;
      // The OTP page sends the customer to these: http(s) only, refused before anything starts.
      for (const key of ['successRegistrationUrl', 'failedRegistrationUrl'] as const) {
        const url = data.additionalInfo[key];
        if (url !== undefined && !isHttpUrl(url)) {
          throw new SnapFailure(400, '01', `Invalid Field Format additionalInfo.${key}`);
        }
      }
      if (data.partnerReferenceNo && store.bindingByPartnerReference(data.partnerReferenceNo)) {
        throw new SnapFailure(409, '01', 'Duplicate partnerReferenceNo');
      }
      const { card, ott } = await readCardData(data.cardData, cardDataKeyOf(ctx.config), ctx.clock.now());
      if (ott !== null) useOtt(store, ott, ctx.clock.nowMs());
      applyScenario(card, 'bind');
      if (store.activeBinding(data.custIdMerchant, card.fingerprint)) throw kkiCaseFailure('01');

      const otpExpiresAtMs = ctx.clock.nowMs() + ctx.config.ottTtlSeconds * 1000;
      const binding: Binding = {
        referenceNo: newReferenceNo(deps),
        partnerReferenceNo: data.partnerReferenceNo ?? null,
        externalId: req.externalId,
        custIdMerchant: data.custIdMerchant,
        channel,
        status: 'PENDING',
        card,
        authCode: randomChars(deps, 32),
        otpAttempts: 0,
        otpExpiresAtMs,
        bankCardToken: null,
        failureCode: null,
        successUrl: data.additionalInfo.successRegistrationUrl ?? null,
        failedUrl: data.additionalInfo.failedRegistrationUrl ?? null,
        createdAt: nowIso(deps),
        finishedAt: null,
        unbind: null,
      };
      store.addBinding(binding);
      // An OTP session nobody finishes fails when it expires, with a notification like any end.
      ctx.clock.schedule(otpExpiresAtMs, () => {
        if (binding.status === 'PENDING') failBinding(deps, binding, formatSnapResponseCode(403, OTP, '12'));
      });

      const additionalInfo: Record<string, unknown> = {
        custIdMerchant: binding.custIdMerchant,
        status: 'PENDING',
      };
      const fields: Record<string, unknown> = { referenceNo: binding.referenceNo };
      if (channel === 'DH')
        fields.redirectUrl = hostedUrl(ctx.config, req.url, otpPagePath(binding.authCode));
      else additionalInfo.authCode = binding.authCode;
      fields.additionalInfo = additionalInfo;
      return snapSuccess(BIND, fields);
    },
  };
}

/** Ends a pending binding in failure and tells the merchant. */
export function failBinding(deps: KkiDeps, binding: Binding, failureCode: string): void {
  if (binding.status !== 'PENDING') return;
  binding.status = 'FAILED';
  binding.failureCode = failureCode;
  binding.finishedAt = nowIso(deps);
  notifyBinding(deps.ctx, binding);
}

/** What submitting an OTP did. */
export type OtpOutcome =
  | { kind: 'success' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'blocked' }
  | { kind: 'expired' }
  | { kind: 'not_pending' };

/**
 * Checks an OTP for a pending binding (hosted page and H2H API alike): the right one completes the
 * binding and issues its `bankCardToken`; `KKI_TEST_OTP.maxAttempts` wrong ones, or an expired
 * session, fail it. Every end is notified.
 */
export function submitOtp(deps: KkiDeps, binding: Binding, otp: string): OtpOutcome {
  if (binding.status !== 'PENDING') {
    // A session that ended by expiry or by too many wrong codes keeps saying so.
    if (binding.failureCode === formatSnapResponseCode(403, OTP, '12')) return { kind: 'expired' };
    if (binding.failureCode === formatSnapResponseCode(403, OTP, '11')) return { kind: 'blocked' };
    return { kind: 'not_pending' };
  }
  if (deps.ctx.clock.nowMs() >= binding.otpExpiresAtMs) {
    failBinding(deps, binding, formatSnapResponseCode(403, OTP, '12'));
    return { kind: 'expired' };
  }
  if (otp === KKI_TEST_OTP.correct) {
    binding.status = 'SUCCESS';
    deps.store.setBindingToken(binding, newBankCardToken(deps));
    binding.finishedAt = nowIso(deps);
    notifyBinding(deps.ctx, binding);
    return { kind: 'success' };
  }
  binding.otpAttempts += 1;
  const attemptsLeft = KKI_TEST_OTP.maxAttempts - binding.otpAttempts;
  if (attemptsLeft <= 0) {
    failBinding(deps, binding, formatSnapResponseCode(403, OTP, '11'));
    return { kind: 'blocked' };
  }
  return { kind: 'wrong', attemptsLeft };
}

/** The customer gave up on the hosted OTP page. */
export function cancelBinding(deps: KkiDeps, binding: Binding): void {
  failBinding(deps, binding, formatSnapResponseCode(404, BIND, '04'));
}

/** `POST /direct-debit/core/v1/otp-verification` (H2H binding). */
export function otpVerificationEndpoint(
  deps: KkiDeps,
): SnapEndpointSpec<typeof otpVerificationRequestSchema> {
  return {
    serviceCode: OTP,
    schema: otpVerificationRequestSchema,
    async handle(req) {
      const { data } = req;
      const binding = deps.store.bindings.get(data.originalReferenceNo);
      if (!binding) throw new SnapFailure(404, '01', 'Transaction Not Found');
      if (binding.authCode !== data.additionalInfo.authCode)
        throw new SnapFailure(404, '07', 'Journey Not Found');
      const outcome = submitOtp(deps, binding, data.otp);
      switch (outcome.kind) {
        case 'success':
          return snapSuccess(OTP, {
            originalReferenceNo: binding.referenceNo,
            originalPartnerReferenceNo: binding.partnerReferenceNo ?? undefined,
            bankCardToken: binding.bankCardToken,
            additionalInfo: {
              custIdMerchant: binding.custIdMerchant,
              status: 'SUCCESS',
              maskedCardNo: binding.card.masked,
            },
          });
        case 'wrong':
          // SNAP 404-15 Invalid OTP: OTP verification is read by the SNAP table, not the KKI one.
          throw new SnapFailure(404, '15', 'Invalid OTP', {
            additionalInfo: { attemptsLeft: outcome.attemptsLeft },
          });
        case 'blocked':
          throw new SnapFailure(403, '11', 'OTP Blocked');
        case 'expired':
          throw new SnapFailure(403, '12', 'OTP Lifetime Expired');
        default:
          throw new SnapFailure(404, '00', 'Invalid Transaction Status');
      }
    },
  };
}

/** `POST /direct-debit/core/v1/registration-card-unbind`: PENDING now, SUCCESS later (on the clock). */
export function unbindEndpoint(deps: KkiDeps): SnapEndpointSpec<typeof cardUnbindRequestSchema> {
  const { ctx, store } = deps;
  return {
    serviceCode: UNBIND,
    schema: cardUnbindRequestSchema,
    async handle(req) {
      channelId(req);
      const binding = store.bindingByToken(req.data.tokenId);
      // "Active token not found" (seed 001, 404) is the KKI case 08, No Card Record.
      if (binding?.status !== 'SUCCESS' || binding.unbind) throw kkiCaseFailure('08');
      applyScenario(binding.card, 'unbind');
      const unbind: NonNullable<Binding['unbind']> = {
        referenceNo: newReferenceNo(deps),
        externalId: req.externalId,
        status: 'PENDING',
        requestedAt: nowIso(deps),
        finishedAt: null,
      };
      // The token stops working at once; DOKU finishes the deactivation asynchronously (seed 001).
      store.setUnbind(binding, unbind);
      ctx.clock.schedule(ctx.clock.nowMs() + ctx.config.unbindDelayMs, () => {
        unbind.status = 'SUCCESS';
        unbind.finishedAt = nowIso(deps);
        notifyUnbinding(ctx, binding);
      });
      return snapSuccess(UNBIND, {
        referenceNo: unbind.referenceNo,
        additionalInfo: { custIdMerchant: binding.custIdMerchant, status: 'PENDING' },
      });
    },
  };
}
