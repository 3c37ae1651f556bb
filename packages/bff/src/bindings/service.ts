// Card binding (KkiBindCard): DOKU's hosted OTP page (DH, finished by notification or a refresh) or
// the OTP typed in the component (H2H, finished by verifyOtp). A successful binding's
// `bankCardToken` becomes a saved card; the token is sealed by the store and never leaves the server.
import { issuerById, issuerFromCpan, kkiErrorFromDokuFailure, maskCpan } from '@kki-kit/contract';
import type { DokuClient } from '@kki-kit/doku';
import { KkiDomainError } from '../errors.js';
import type { Log } from '../log.js';
import type { BindingRecord, Store } from '../store/index.js';
import { custIdMerchantFor } from '../services/customer-ref.js';
import { errorFromResponseCode, domainErrorFromDoku, isDokuDecision } from '../services/doku-outcome.js';
import type { BindingService, ServiceDeps } from '../services/types.js';

/** Wrong OTPs DOKU allows before it fails the binding (the sandbox's and the issuers' usual 3). */
export const OTP_MAX_ATTEMPTS = 3;
/** How long an H2H OTP stays valid (the SMS OTP window the issuers use). */
export const OTP_LIFETIME_MS = 5 * 60_000;

/** What DOKU said about a binding. */
export interface BindingOutcome {
  status: 'active' | 'failed' | 'pending';
  bankCardToken?: string | undefined;
  responseCode?: string | undefined;
  referenceNo?: string | undefined;
}

/** Applies a binding outcome: saves the card on success (once), records the error on failure. */
export async function applyBindingOutcome(
  deps: { store: Store; log: Log },
  binding: BindingRecord,
  outcome: BindingOutcome,
): Promise<BindingRecord> {
  const { store, log } = deps;
  const reference =
    outcome.referenceNo && !binding.dokuReferenceNo ? { dokuReferenceNo: outcome.referenceNo } : {};
  // DOKU's success with a token wins over what the BFF concluded without it (an OTP answer lost and
  // a retry DOKU refused as no longer pending, a hosted page past the BFF's clock): the card is bound
  // at DOKU, so it is saved, never left bound there with no way to use or remove it.
  const lateSuccess =
    outcome.status === 'active' &&
    outcome.bankCardToken !== undefined &&
    (binding.status === 'failed' || binding.status === 'expired');
  if ((binding.status !== 'pending' && !lateSuccess) || outcome.status === 'pending') {
    if (Object.keys(reference).length === 0) return binding;
    return (await store.bindings.update(binding.id, reference)).record;
  }
  if (outcome.status === 'failed') {
    const result = await store.bindings.update(binding.id, {
      ...reference,
      status: 'failed',
      nextAction: { type: 'none' },
      error: errorFromResponseCode(outcome.responseCode),
    });
    return result.record;
  }
  if (!outcome.bankCardToken) return binding;
  const issuer = issuerById(binding.issuer);
  const card = await store.savedCards.create({
    customerId: binding.customerId,
    method: 'kki',
    token: outcome.bankCardToken,
    maskedCpan: binding.maskedCpan,
    issuer: issuer?.id ?? null,
    issuerName: issuer?.name ?? null,
    bindingId: binding.id,
  });
  const result = await store.bindings.update(binding.id, {
    ...reference,
    status: 'active',
    cardId: card.id,
    nextAction: { type: 'none' },
    error: null,
  });
  log[lateSuccess ? 'warn' : 'info']('kki card bound', {
    bindingId: binding.id,
    cardId: card.id,
    ...(lateSuccess && { after: binding.status }),
  });
  return result.record;
}

/** Creates the binding service. */
export function createBindingService(deps: ServiceDeps & { doku: DokuClient }): BindingService {
  const { store, doku, config } = deps;

  return {
    async create({ customerId, request, ctx }) {
      const reference = ctx.externalId;
      const existing = await store.bindings.findByPartnerReference(reference);
      if (existing) return existing;
      const mode = request.mode;
      const issuer = issuerFromCpan(request.cpan);
      const custIdMerchant = await custIdMerchantFor(customerId);
      const h = request.holder;
      let result: Awaited<ReturnType<DokuClient['bindCard']>>;
      try {
        result = await doku.bindCard(
          {
            card: { cpan: request.cpan, ...(request.expiry && { expiry: request.expiry }) },
            custIdMerchant,
            partnerReferenceNo: reference,
            ...(h.phone && { phoneNo: h.phone }),
            ...(h.name && { accountName: h.name }),
            additionalInfo: {
              ...(h.name && { customerName: h.name }),
              ...(h.email && { email: h.email }),
              ...(h.address && { address: h.address }),
              ...(h.dateOfBirth && { dateOfBirth: h.dateOfBirth }),
              ...(h.country && { country: h.country }),
              ...(config.returnUrls.success && { successRegistrationUrl: config.returnUrls.success }),
              ...(config.returnUrls.failure && { failedRegistrationUrl: config.returnUrls.failure }),
            },
          },
          { externalId: reference, channelId: mode === 'otp' ? 'H2H' : 'DH' },
        );
      } catch (error) {
        // A refused binding is answered as the error; nothing is stored (no card, no session).
        throw domainErrorFromDoku(error);
      }
      const data = result.data;
      let binding = await store.bindings.create({
        customerId,
        mode,
        maskedCpan: maskCpan(request.cpan),
        issuer: issuer?.id ?? null,
        partnerReferenceNo: reference,
        externalId: reference,
      });
      const expiresAt = new Date(Date.now() + OTP_LIFETIME_MS).toISOString();
      const authCode = data.additionalInfo?.authCode;
      const nextAction =
        mode === 'redirect' && data.redirectUrl
          ? { type: 'otp_redirect' as const, url: data.redirectUrl, expiresAt }
          : { type: 'otp_input' as const, expiresAt, attemptsLeft: OTP_MAX_ATTEMPTS };
      binding = (
        await store.bindings.update(binding.id, {
          ...(data.referenceNo && { dokuReferenceNo: data.referenceNo }),
          ...(authCode && { authCode }),
          nextAction,
        })
      ).record;
      if (data.additionalInfo?.status === 'SUCCESS' || data.bankCardToken) {
        binding = await applyBindingOutcome(deps, binding, {
          status: 'active',
          bankCardToken: data.bankCardToken,
        });
      }
      return binding;
    },

    async verifyOtp(binding, otp, ctx) {
      if (binding.status !== 'pending') return binding;
      if (binding.mode !== 'otp' || !binding.dokuReferenceNo) {
        throw new KkiDomainError('validation_failed', {
          field: 'otp',
          internal: 'binding takes no OTP here',
        });
      }
      const authCode = await store.bindings.revealAuthCode(binding.id);
      if (!authCode) throw new KkiDomainError('otp_expired');
      try {
        const result = await doku.verifyOtp(
          {
            originalReferenceNo: binding.dokuReferenceNo,
            originalPartnerReferenceNo: binding.partnerReferenceNo,
            authCode,
            otp,
            custIdMerchant: await custIdMerchantFor(binding.customerId),
          },
          { externalId: ctx.externalId },
        );
        const d = result.data;
        const status = d.additionalInfo?.status;
        return applyBindingOutcome(deps, binding, {
          status: status === 'FAILED' ? 'failed' : d.bankCardToken ? 'active' : 'pending',
          bankCardToken: d.bankCardToken,
          responseCode: result.responseCode,
        });
      } catch (error) {
        if (!isDokuDecision(error)) throw domainErrorFromDoku(error);
        // DOKU no longer has the binding pending: an earlier attempt whose answer was lost may have
        // bound the card. Left pending, so DOKU's notification settles it (a success wins).
        if (kkiErrorFromDokuFailure(error) === 'invalid_transaction_status') throw domainErrorFromDoku(error);
        // Counted in the store: two wrong OTPs sent at once are two of DOKU's attempts.
        const counted = (
          await store.bindings.update(binding.id, { addOtpAttempt: { allowed: OTP_MAX_ATTEMPTS } })
        ).record;
        const left = OTP_MAX_ATTEMPTS - counted.otpAttempts;
        if (kkiErrorFromDokuFailure(error) !== 'invalid_otp' || left <= 0) {
          await applyBindingOutcome(deps, counted, { status: 'failed', responseCode: error.responseCode });
        }
        throw domainErrorFromDoku(error);
      }
    },

    async refresh(binding) {
      // DOKU has no binding status call: a DH binding completes by its notification. A pending
      // binding past its OTP window is closed as expired.
      if (binding.status !== 'pending') return binding;
      const action = binding.nextAction;
      const expiresAt = action.type !== 'none' && action.expiresAt ? Date.parse(action.expiresAt) : null;
      // The hosted page may still be finishing: allow the notification a grace period past expiry.
      if (expiresAt !== null && Date.now() > expiresAt + 60_000) {
        const result = await store.bindings.update(binding.id, {
          status: 'expired',
          nextAction: { type: 'none' },
        });
        return result.record;
      }
      return (await store.bindings.get(binding.id)) ?? binding;
    },
  };
}
