// The offline sandbox is an optional peer of the BFF: a merchant talking to real DOKU never installs
// or loads it. It is imported here only, on first need (the offline environment, or a sandbox on its
// own port without credentials).
import { KkiBffConfigError, type SandboxCredentials } from '../config.js';

/** The `@kki-kit/doku-sandbox` module, as loaded. */
export type SandboxModule = typeof import('@kki-kit/doku-sandbox');

/** The package to install for the offline environment. */
export const SANDBOX_PACKAGE = '@kki-kit/doku-sandbox';

/** The sandbox is not installed: names the package and why the BFF wants it. */
export class SandboxNotInstalledError extends KkiBffConfigError {
  override name = 'SandboxNotInstalledError';
  constructor(why: string, cause: unknown) {
    super([
      `${why} needs ${SANDBOX_PACKAGE}, which is not installed: install it (npm install -D ${SANDBOX_PACKAGE}), or configure real DOKU credentials`,
    ]);
    this.cause = cause;
  }
}

/** Node's loader says ERR_MODULE_NOT_FOUND naming the package; loaders that wrap it keep it as `cause`. */
function isSandboxMissing(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  if (notFound && typeof message === 'string' && message.includes(SANDBOX_PACKAGE)) return true;
  return isSandboxMissing(cause, depth + 1);
}

/**
 * Loads the sandbox. `why` names what needs it (for the error).
 *
 * @throws SandboxNotInstalledError when the package is not installed; any other load failure as is.
 */
export async function loadSandbox(why: string): Promise<SandboxModule> {
  try {
    return await import('@kki-kit/doku-sandbox');
  } catch (error) {
    if (isSandboxMissing(error)) throw new SandboxNotInstalledError(why, error);
    throw error;
  }
}

/** The sandbox's published merchant credentials and DOKU key (it is loaded for them). */
export async function sandboxCredentials(why: string): Promise<SandboxCredentials> {
  return credentialsOf(await loadSandbox(why));
}

/** The credentials a loaded sandbox publishes. */
export function credentialsOf(sandbox: SandboxModule): SandboxCredentials {
  return {
    clientId: sandbox.DEFAULT_CLIENT_ID,
    secretKey: sandbox.DEFAULT_SECRET_KEY,
    privateKeyPem: sandbox.SANDBOX_MERCHANT_PRIVATE_KEY,
    dokuPublicKeyPem: sandbox.SANDBOX_DOKU_PUBLIC_KEY,
  };
}
