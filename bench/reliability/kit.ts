// What the reliability suite uses from the workspace, imported from the packages' sources (the suite
// is run by the root vitest and is not a workspace package, so it names the sources directly).
export {
  apiErrorBodySchema,
  buildKkiPath,
  KKI_ROUTE_IDS,
  type KkiRouteId,
  kkiRoutes,
} from '../../packages/contract/src/index.js';
export {
  createKkiBff,
  type KkiBff,
  type KkiBffOptions,
  type KkiLogLine,
  NOTIFICATION_PATHS,
  openStore,
  type Store,
} from '../../packages/bff/src/index.js';
export {
  DEFAULT_SECRET_KEY,
  KKI_TEST_OTP,
  kkiTestCpan,
  SANDBOX_DOKU_PRIVATE_KEY,
  type Sandbox,
  type SandboxLedger,
  type SandboxServer,
  startSandboxServer,
} from '../../packages/doku-sandbox/src/index.js';
export { signSnapAsymmetric, snapTimestamp } from '../../packages/doku/src/index.js';
// @hono/node-server is the BFF's own dependency (not hoisted to the root).
export { serve } from '../../packages/bff/node_modules/@hono/node-server/dist/index.mjs';
