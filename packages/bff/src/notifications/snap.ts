// DOKU's SNAP notifications (KKI payments, bindings, unbindings). Each is verified (RSA mode with
// DOKU's public key, or HMAC mode with the token this BFF issued), refused when its timestamp is
// stale, de-duplicated through the store's inbox by X-EXTERNAL-ID, applied through the same state
// rules as responses and status checks, and answered at once in DOKU's format (`2005600`).
import { formatSnapResponseCode, SNAP_SERVICE_CODES } from '@kki-kit/contract';
import {
  type DebitNotification,
  debitNotificationSchema,
  type DokuClient,
  type KkiCardNotification,
  kkiCardNotificationSchema,
  NOTIFICATION_REFERENCE_FIELDS,
  parseDokuTimestamp,
  sha256Hex,
  verifyB2bToken,
  verifySnapSymmetric,
} from '@kki-kit/doku';
import type { Context } from 'hono';
import { bffPath } from '../http/urls.js';
import { NOTIFICATION_PATHS } from './paths.js';
import { isPlausibleReference } from './reference.js';
import { applyBindingOutcome } from '../bindings/service.js';
import { CLOSED_RECHECK_GIVE_UP_MS } from '../services/closed-recheck.js';
import { errorFromResponseCode, paymentStatusFromSnap } from '../services/doku-outcome.js';
import { createKkiPaymentApplier, type KkiPaymentApplier } from '../kki-payments/outcome.js';
import { createNotificationTokens } from './token.js';
import { tokenIn, tokensOf, withoutTokens, withTokens } from './card-tokens.js';
import type { PaymentRecord } from '../store/index.js';
import { isOpenPayment, SETTLED_PAYMENT_STATUSES } from '../store/payment-state.js';
import type { ServiceDeps } from '../services/types.js';

/** How far a notification's X-TIMESTAMP may be from this server's clock (DOKU's own window). */
export const NOTIFICATION_MAX_SKEW_MS = 5 * 60_000;

const NOTIFY = SNAP_SERVICE_CODES.paymentNotify;

function answer(c: Context, http: 200 | 400 | 401, caseCode: string, message: string): Response {
  return c.json(
    { responseCode: formatSnapResponseCode(http, NOTIFY, caseCode), responseMessage: message },
    http,
  );
}

/** Reads a notification body: a card (binding / unbinding) one names its service in additionalInfo. */
function parseNotification(json: unknown) {
  const isCard =
    typeof json === 'object' &&
    json !== null &&
    typeof (json as { additionalInfo?: { serviceCode?: unknown } }).additionalInfo?.serviceCode === 'string';
  const parsed = isCard ? kkiCardNotificationSchema.safeParse(json) : debitNotificationSchema.safeParse(json);
  return { isCard, parsed };
}

/**
 * What is kept of a notification of unknown shape: only its recognised reference fields, where they
 * were (top level, `additionalInfo`). An unknown body may hold card data the inbox must not store,
 * or text PostgreSQL refuses (NUL); the references are all a later status check needs.
 */
function referenceFieldsOf(json: unknown): Record<string, unknown> {
  const pick = (layer: unknown): Record<string, string> => {
    const kept: Record<string, string> = {};
    if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) return kept;
    for (const key of [...NOTIFICATION_REFERENCE_FIELDS.partner, ...NOTIFICATION_REFERENCE_FIELDS.doku]) {
      const v = (layer as Record<string, unknown>)[key];
      if (isPlausibleReference(v)) kept[key] = v;
    }
    return kept;
  };
  const top = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const info = pick(top.additionalInfo);
  return { unknownShape: true, ...pick(json), ...(Object.keys(info).length > 0 && { additionalInfo: info }) };
}

/**
 * The references a notification of unknown shape names, per NOTIFICATION_REFERENCE_FIELDS: string
 * values of those keys at the top level or in `additionalInfo`.
 */
function referencesIn(json: unknown): { partner: string[]; doku: string[] } {
  const found = { partner: [] as string[], doku: [] as string[] };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return found;
  const top = json as Record<string, unknown>;
  const info = top.additionalInfo;
  const layers = [
    top,
    ...(typeof info === 'object' && info !== null ? [info as Record<string, unknown>] : []),
  ];
  for (const kind of ['partner', 'doku'] as const) {
    for (const layer of layers) {
      for (const key of NOTIFICATION_REFERENCE_FIELDS[kind]) {
        const v = layer[key];
        if (isPlausibleReference(v) && !found[kind].includes(v)) found[kind].push(v);
      }
    }
  }
  return found;
}

/** The SNAP half of the notification service, plus DOKU's token endpoint for HMAC mode. */
export interface SnapNotificationHandlers {
  snap(c: Context): Promise<Response>;
  snapToken(c: Context): Promise<Response>;
  /** Applies notifications received but never applied (a crash in between); returns how many. */
  replayReceived(): Promise<number>;
}

/** Creates the SNAP notification handlers. */
export function createSnapNotificationHandlers(
  deps: ServiceDeps & {
    doku: DokuClient;
    applier?: KkiPaymentApplier;
    now?: () => number;
    /**
     * Settles a KKI payment through DOKU's status API (the KKI payment service's `refresh`): used
     * when a verified notification has a shape the schemas do not expect.
     */
    checkPayment?: (payment: PaymentRecord) => Promise<PaymentRecord>;
  },
): SnapNotificationHandlers {
  const { store, log, config, doku } = deps;
  const now = deps.now ?? Date.now;
  const applier = deps.applier ?? createKkiPaymentApplier(deps);
  const tokens = createNotificationTokens(config.doku.secretKey, now);
  // DOKU signs the path of the URL it posts to: the public mount path plus the route's own.
  const signedPath = bffPath(config, NOTIFICATION_PATHS.snap);

  function fresh(timestamp: string | undefined): boolean {
    const at = timestamp ? parseDokuTimestamp(timestamp) : null;
    return at !== null && Math.abs(now() - at.getTime()) <= NOTIFICATION_MAX_SKEW_MS;
  }

  async function verified(c: Context, body: string): Promise<boolean> {
    const timestamp = c.req.header('x-timestamp') ?? '';
    const signature = c.req.header('x-signature') ?? '';
    if (!signature) return false;
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      if (!(await tokens.valid(bearer))) return false;
      return verifySnapSymmetric({
        method: 'POST',
        path: signedPath,
        accessToken: bearer,
        body,
        timestamp,
        secretKey: config.doku.secretKey,
        signature,
      });
    }
    if (!config.doku.dokuPublicKeyPem) return false;
    return doku.verifyNotificationRsa({ path: signedPath, body, timestamp, signature });
  }

  async function applyPayment(n: DebitNotification): Promise<string | null> {
    const payment =
      (n.originalPartnerReferenceNo
        ? await store.payments.findByPartnerReference(n.originalPartnerReferenceNo)
        : null) ?? (await store.payments.findByDokuReference(n.originalReferenceNo));
    if (payment?.method !== 'kki') return null;
    const status = paymentStatusFromSnap(n.latestTransactionStatus);
    if (!status) return payment.id;
    const code = n.additionalInfo?.originalResponseCode;
    const responseCode = typeof code === 'string' ? code : undefined;
    // DOKU's documented notification names no reason for a failure (`originalResponseCode` is the
    // sandbox's extension): the status API, which documents it, says why.
    // If the status API does not (yet) show the end, the notification's failure still applies.
    let current = payment;
    if (status === 'failed' && responseCode === undefined && deps.checkPayment) {
      current = await deps.checkPayment(payment);
      if (!isOpenPayment(current.status)) return payment.id;
    }
    await applier.apply(
      current,
      {
        status,
        referenceNo: n.originalReferenceNo,
        // Either place (BANK_CARD_TOKEN_AT_TOP_LEVEL is a guess).
        bankCardToken: n.bankCardToken ?? n.additionalInfo?.bankCardToken,
        ...(status === 'failed' && { error: errorFromResponseCode(responseCode) }),
        detail: { latestTransactionStatus: n.latestTransactionStatus },
      },
      'notification',
    );
    return payment.id;
  }

  async function applyCard(n: KkiCardNotification): Promise<string | null> {
    const info = n.additionalInfo;
    if (info.serviceCode === SNAP_SERVICE_CODES.cardBind) {
      const binding =
        (n.originalPartnerReferenceNo
          ? await store.bindings.findByPartnerReference(n.originalPartnerReferenceNo)
          : null) ?? (await store.bindings.findByDokuReference(n.originalReferenceNo));
      if (!binding) return null;
      await applyBindingOutcome(deps, binding, {
        status: info.status === 'SUCCESS' ? 'active' : info.status === 'FAILED' ? 'failed' : 'pending',
        bankCardToken: n.bankCardToken ?? tokenIn(info),
        responseCode: info.originalResponseCode,
        referenceNo: n.originalReferenceNo,
      });
      return binding.id;
    }
    // Unbinding: the card is found through the binding it ended, or (a card saved by bind-and-pay
    // has no binding here) through the removal call whose X-EXTERNAL-ID DOKU echoes.
    const binding = info.bindingReferenceNo
      ? await store.bindings.findByDokuReference(info.bindingReferenceNo)
      : null;
    const byCall = n.originalExternalId
      ? ((await store.savedCards.findByRemoval(n.originalExternalId))?.id ??
        (await removedCardOf(n.originalExternalId)))
      : null;
    const cardId = binding?.cardId ?? byCall;
    if (!cardId) return null;
    const card = await store.savedCards.get(cardId);
    if (info.status === 'SUCCESS' && card && card.status !== 'removed') {
      await store.savedCards.setStatus(card.id, 'removed');
    } else if (info.status === 'FAILED' && card?.status === 'removing') {
      // DOKU refused the unbinding: the card is still bound, and usable again.
      await store.savedCards.setStatus(card.id, 'active');
    }
    return cardId;
  }

  /**
   * A verified notification whose shape is unknown: still DOKU's word that something changed, so the
   * payment it names (by any reference field recognised) is checked with the status API now.
   */
  async function checkUnknown(json: unknown): Promise<string | null> {
    const refs = referencesIn(json);
    let payment: PaymentRecord | null = null;
    for (const ref of refs.partner) payment ??= await store.payments.findByPartnerReference(ref);
    for (const ref of refs.doku) payment ??= await store.payments.findByDokuReference(ref);
    if (payment?.method !== 'kki' || !deps.checkPayment) return null;
    if (SETTLED_PAYMENT_STATUSES.includes(payment.status)) return payment.id;
    await deps.checkPayment(payment);
    return payment.id;
  }

  async function applyParsed(isCard: boolean, data: DebitNotification | KkiCardNotification) {
    return isCard ? applyCard(data as KkiCardNotification) : applyPayment(data as DebitNotification);
  }

  /** The card a removal answered about, found by the removal's DOKU id (its idempotency record). */
  async function removedCardOf(externalId: string): Promise<string | null> {
    const rows = await store.db.query(
      `SELECT response_body FROM idempotency_records WHERE external_id = $1 AND scope LIKE 'removeSavedCard:%'`,
      [externalId],
    );
    const body = rows[0]?.response_body as { card?: { id?: unknown } } | null | undefined;
    return typeof body?.card?.id === 'string' ? body.card.id : null;
  }

  return {
    async replayReceived() {
      let applied = 0;
      for (const record of await store.inbox.listReceived('snap')) {
        try {
          // As DOKU sent it: with the token (a binding's, a bind-and-pay's) the inbox kept sealed.
          const secret = await store.inbox.secretOf(record.id);
          const payload = secret === null ? record.payload : withTokens(record.payload, secret);
          const { isCard, parsed } = parseNotification(payload);
          const subject = parsed.success
            ? await applyParsed(isCard, parsed.data)
            : await checkUnknown(payload);
          await store.inbox.finish(record.id, subject ? 'applied' : 'ignored', subject);
          if (subject) applied++;
        } catch (error) {
          log.warn('stored snap notification not applied', { inboxId: record.id, error });
          // Best effort: the store may be what failed.
          await store.inbox
            .noteFailure(record.id, error instanceof Error ? error.name : 'error')
            .catch(() => {});
          // Failing for a day: set aside, so it cannot crowd out the rows after it.
          if (Date.now() - record.receivedAt.getTime() > CLOSED_RECHECK_GIVE_UP_MS) {
            await store.inbox.finish(record.id, 'failed', null, 'not applied for a day');
          }
        }
      }
      return applied;
    },

    async snap(c) {
      const body = await c.req.text();
      if (!fresh(c.req.header('x-timestamp')) || !(await verified(c, body))) {
        log.warn('snap notification refused', { reason: 'signature or timestamp' });
        return answer(c, 401, '00', 'Unauthorized. Invalid Signature');
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return answer(c, 400, '00', 'Bad Request');
      }
      const { isCard, parsed } = parseNotification(json);
      // A signed body of a shape the schemas do not expect is still kept and acknowledged: DOKU
      // would retry a 4xx and then give up, leaving the payment to reconciliation.
      if (!parsed.success)
        log.warn('snap notification of unknown shape', { issues: parsed.error.issues.length });
      const payload = parsed.success ? parsed.data : referenceFieldsOf(json);
      // A retry of this very notification is a duplicate; any other body is a notification of its own.
      // X-EXTERNAL-ID alone is not enough: DOKU keeps it unique per day only (doku-api.md §2.3), so a
      // later day's id may name another payment's news, and a body without one must not be taken for
      // another body of the same length. Applying a notification twice changes nothing (the state
      // table), so keying on the body can only re-apply, never drop one.
      const dedupKey = `${c.req.header('x-external-id') ?? '-'}:${await sha256Hex(body)}`;
      const { record, duplicate } = await store.inbox.record(
        'snap',
        dedupKey,
        withoutTokens(payload),
        tokensOf(payload),
      );
      // A duplicate of one already settled is acknowledged; one not applied yet is applied again.
      if (duplicate && (record.status === 'applied' || record.status === 'ignored'))
        return answer(c, 200, '00', 'Successful');
      try {
        const subject = parsed.success ? await applyParsed(isCard, parsed.data) : await checkUnknown(json);
        await store.inbox.finish(record.id, subject ? 'applied' : 'ignored', subject);
      } catch (error) {
        log.error('snap notification not applied', { inboxId: record.id, error });
        // Best effort: the store may be what failed.
        await store.inbox
          .noteFailure(record.id, error instanceof Error ? error.name : 'error')
          .catch(() => {});
        // Left `received`: DOKU retries on a non-2xx answer, and the inbox replay tries it again too
        // (a binding has no status API to recover it from once DOKU stops retrying).
        return c.json(
          { responseCode: formatSnapResponseCode(500, NOTIFY, '00'), responseMessage: 'General Error' },
          500,
        );
      }
      return answer(c, 200, '00', 'Successful');
    },

    async snapToken(c) {
      const clientId = c.req.header('x-client-key') ?? '';
      const timestamp = c.req.header('x-timestamp') ?? '';
      const signature = c.req.header('x-signature') ?? '';
      const publicKeyPem = config.doku.dokuPublicKeyPem;
      const ok =
        publicKeyPem !== null &&
        clientId === config.doku.clientId &&
        fresh(timestamp) &&
        (await verifyB2bToken({ clientId, timestamp, signature, publicKeyPem }));
      if (!ok) {
        return c.json(
          {
            responseCode: formatSnapResponseCode(401, SNAP_SERVICE_CODES.token, '00'),
            responseMessage: 'Unauthorized. Signature',
          },
          401,
        );
      }
      const issued = await tokens.issue();
      return c.json({
        responseCode: formatSnapResponseCode(200, SNAP_SERVICE_CODES.token, '00'),
        responseMessage: 'Successful',
        accessToken: issued.token,
        tokenType: 'Bearer',
        expiresIn: String(issued.expiresInS),
      });
    },
  };
}
