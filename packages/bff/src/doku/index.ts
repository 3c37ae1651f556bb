// The BFF's DOKU connection (client + optional in-process sandbox).
export {
  createDokuConnection,
  type DokuConnection,
  type DokuConnectionOptions,
  OFFLINE_SANDBOX_PATH,
} from './connection.js';
