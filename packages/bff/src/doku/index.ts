// The BFF's DOKU connection (client + optional in-process sandbox).
export {
  createDokuConnection,
  type DokuConnection,
  type DokuConnectionOptions,
  OFFLINE_SANDBOX_PATH,
} from './connection.js';
export {
  credentialsOf,
  loadSandbox,
  SANDBOX_PACKAGE,
  type SandboxModule,
  SandboxNotInstalledError,
  sandboxCredentials,
} from './sandbox-loader.js';
export { loggablePath, paymentIdsForControl } from './offline-control.js';
