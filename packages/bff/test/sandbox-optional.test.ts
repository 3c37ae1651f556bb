// @kki-kit/doku-sandbox is an optional peer of the BFF: here it is "not installed" (its import fails
// as Node's loader fails for a missing package), and a BFF with real credentials still starts, while
// the offline environment names the package to install.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createKkiBff } from '../src/app.js';
import { KkiBffConfigError, resolveConfig, sandboxCredentialsNeed } from '../src/config.js';
import { SandboxNotInstalledError } from '../src/doku/index.js';

vi.mock('@kki-kit/doku-sandbox', () => {
  throw Object.assign(new Error("Cannot find package '@kki-kit/doku-sandbox' imported from app.ts"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

const authenticate = () => 'c1';
const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const real = {
  environment: 'sandbox',
  clientId: 'MCH-REAL-0001',
  secretKey: 'SK-real-merchant-secret',
  privateKeyPem,
  authenticate,
  publicUrl: 'https://shop.test/api/kki',
  store: { dataDir: 'memory://' },
  reconciliation: { enabled: false },
} as const;

describe('the sandbox is not a runtime dependency', () => {
  it('starts a BFF with real credentials without the sandbox installed', async () => {
    expect(sandboxCredentialsNeed(real)).toBe('none');
    const bff = await createKkiBff(real);
    try {
      expect(bff.config.doku.environment).toBe('sandbox');
      expect(bff.doku.sandbox).toBeUndefined();
    } finally {
      await bff.close();
    }
  });

  it('names the package to install when the offline environment is used without it', async () => {
    const offline = { authenticate, publicUrl: 'http://localhost:4020', store: { dataDir: 'memory://' } };
    expect(sandboxCredentialsNeed(offline)).toBe('required');
    const error = await createKkiBff(offline).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SandboxNotInstalledError);
    expect(error).toBeInstanceOf(KkiBffConfigError);
    expect((error as Error).message).toContain('install it (npm install -D @kki-kit/doku-sandbox)');
    // Resolved without the sandbox's credentials, the same options name it too.
    expect(() => resolveConfig(offline, null)).toThrow(/install @kki-kit\/doku-sandbox/);
  });

  it('in production without credentials names the credentials, not the sandbox', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const error = await createKkiBff({
        authenticate,
        publicUrl: 'https://shop.test/api/kki',
        store: { dataDir: 'memory://' },
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KkiBffConfigError);
      expect(error).not.toBeInstanceOf(SandboxNotInstalledError);
      expect((error as KkiBffConfigError).problems[0]).toMatch(
        /clientId, secretKey and privateKeyPem are required/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
