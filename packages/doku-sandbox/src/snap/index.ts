// The KKI (SNAP) side of the sandbox as one module: DOKU's SNAP endpoints, the hosted OTP and
// issuer-app pages, and the KKI control routes.
import { SNAP_B2B2C_TOKEN_PATH, SNAP_PATHS, SNAP_SERVICE_CODES } from '@kki-kit/doku';
import { Hono } from 'hono';
import type * as z from 'zod';
import type { SandboxContext, SandboxModule } from '../context.js';
import { kkiIssuerAppPage } from '../pages/kki-issuer-app.js';
import { kkiOtpPage } from '../pages/kki-otp.js';
import { KKI_TEST_VALUES } from '../test-values/kki.js';
import { b2b2cTokenEndpoint, type CustomerTokens } from './b2b2c-token-endpoint.js';
import { bindEndpoint, otpVerificationEndpoint, unbindEndpoint } from './binding.js';
import { ExternalIdStore } from './idempotency.js';
import type { KkiDeps } from './kki-state.js';
import {
  approvePayment,
  type ConfirmOutcome,
  declinePayment,
  expirePayment,
  paymentEndpoint,
  refundEndpoint,
} from './payment.js';
import { statusEndpoint } from './status.js';
import { type CheckoutKkiInput, type CheckoutKkiStart, startCheckoutKkiPayment } from './checkout-kki.js';
import { type SnapEndpointSpec, snapEndpoint } from './pipeline.js';
import { KkiStore, type KkiLedger, kkiLedger } from './store.js';
import { tokenEndpoint } from './token-endpoint.js';

/** Fault-injection keys of the KKI endpoints (`SANDBOX_FAULTS`, `PUT /__sandbox/faults`). */
export const KKI_ENDPOINT_KEYS = {
  token: 'kki.token',
  tokenB2b2c: 'kki.tokenB2b2c',
  bind: 'kki.bind',
  otp: 'kki.otp',
  unbind: 'kki.unbind',
  payment: 'kki.payment',
  status: 'kki.status',
  refund: 'kki.refund',
} as const;

/** SNAP service code per KKI endpoint key (what a fault's `500xx01` / `202xx00` body carries). */
export const KKI_FAULT_SERVICE_CODES: Readonly<Record<string, string>> = {
  [KKI_ENDPOINT_KEYS.token]: SNAP_SERVICE_CODES.token,
  [KKI_ENDPOINT_KEYS.tokenB2b2c]: SNAP_SERVICE_CODES.tokenB2b2c,
  [KKI_ENDPOINT_KEYS.bind]: SNAP_SERVICE_CODES.cardBind,
  [KKI_ENDPOINT_KEYS.otp]: SNAP_SERVICE_CODES.otpVerify,
  [KKI_ENDPOINT_KEYS.unbind]: SNAP_SERVICE_CODES.cardUnbind,
  [KKI_ENDPOINT_KEYS.payment]: SNAP_SERVICE_CODES.payment,
  [KKI_ENDPOINT_KEYS.status]: SNAP_SERVICE_CODES.paymentStatus,
  [KKI_ENDPOINT_KEYS.refund]: SNAP_SERVICE_CODES.refund,
};

/** The KKI module: `SandboxModule` plus direct access for `createSandbox` and tests. */
export interface KkiModule extends SandboxModule {
  ledger(): KkiLedger;
  /** Approves a pending payment (by `referenceNo` or `partnerReferenceNo`); `null` when unknown. */
  approve(ref: string): ConfirmOutcome | null;
  /** Declines a pending payment; `null` when unknown. */
  decline(ref: string): ConfirmOutcome | null;
  /** Starts a KKI payment typed on the DOKU Checkout page (the Checkout module's entry). */
  startCheckoutPayment(input: CheckoutKkiInput): Promise<CheckoutKkiStart>;
  /** Ends a pending payment as expired (the Checkout it belongs to lapsed); `null` when unknown. */
  expire(ref: string): ConfirmOutcome | null;
}

/** Creates the KKI module over a sandbox context. */
export function createKkiModule(ctx: SandboxContext): KkiModule {
  const store = new KkiStore();
  const externalIds = new ExternalIdStore();
  const customerTokens: CustomerTokens = new Map();
  const deps: KkiDeps = { ctx, store };
  const k = KKI_ENDPOINT_KEYS;

  const routes = new Hono();
  routes.post(SNAP_PATHS.b2bToken, ctx.faults.middleware(k.token), tokenEndpoint(ctx));
  routes.post(
    SNAP_B2B2C_TOKEN_PATH,
    ctx.faults.middleware(k.tokenB2b2c),
    b2b2cTokenEndpoint(deps, customerTokens),
  );
  // Each SNAP endpoint: its injected faults first, then the SNAP pipeline (signature, token, X-EXTERNAL-ID).
  const snapRoute = <S extends z.ZodType>(path: string, faultKey: string, spec: SnapEndpointSpec<S>) =>
    routes.post(path, ctx.faults.middleware(faultKey), snapEndpoint(ctx, externalIds, spec));
  snapRoute(SNAP_PATHS.cardBind, k.bind, bindEndpoint(deps));
  snapRoute(SNAP_PATHS.otpVerification, k.otp, otpVerificationEndpoint(deps));
  snapRoute(SNAP_PATHS.cardUnbind, k.unbind, unbindEndpoint(deps));
  snapRoute(SNAP_PATHS.payment, k.payment, paymentEndpoint(deps));
  snapRoute(SNAP_PATHS.status, k.status, statusEndpoint(deps));
  snapRoute(SNAP_PATHS.refund, k.refund, refundEndpoint(deps));
  routes.route('/', kkiOtpPage(deps));
  routes.route('/', kkiIssuerAppPage(deps));

  const confirm = (ref: string, how: 'approve' | 'decline'): ConfirmOutcome | null => {
    const p = store.findPayment(ref);
    if (!p) return null;
    return how === 'approve' ? approvePayment(deps, p) : declinePayment(deps, p);
  };

  const control = new Hono();
  control.get('/test-values', (c) => c.json(KKI_TEST_VALUES));
  control.get('/payments/:ref', (c) => {
    const p = store.findPayment(c.req.param('ref'));
    const summary = p && kkiLedger(store).payments.find((x) => x.referenceNo === p.referenceNo);
    return summary ? c.json(summary) : c.json({ error: 'payment not found' }, 404);
  });
  for (const how of ['approve', 'decline'] as const) {
    control.post(`/payments/:ref/${how}`, (c) => {
      const ref = c.req.param('ref');
      const outcome = confirm(ref, how);
      if (outcome === null) return c.json({ error: 'payment not found' }, 404);
      const p = store.findPayment(ref);
      const payment = kkiLedger(store).payments.find((x) => x.referenceNo === p?.referenceNo);
      // 409 when there was nothing left to confirm, so a test notices a double confirmation.
      return c.json({ outcome, payment }, outcome === 'not_pending' ? 409 : 200);
    });
  }

  return {
    routes,
    control,
    ledger: () => kkiLedger(store),
    reset() {
      store.clear();
      externalIds.clear();
      customerTokens.clear();
    },
    approve: (ref) => confirm(ref, 'approve'),
    decline: (ref) => confirm(ref, 'decline'),
    startCheckoutPayment: (input) => startCheckoutKkiPayment(deps, input),
    expire(ref) {
      const p = store.findPayment(ref);
      if (!p) return null;
      if (p.status !== 'PENDING' && p.status !== 'PAYING') return 'not_pending';
      expirePayment(deps, p);
      return 'expired';
    },
  };
}
