import { describe, expect, it } from 'vitest';
import * as sandboxModule from '@kki-kit/doku-sandbox';
import { KkiBffConfigError, resolveConfig } from '../src/config.js';
import { optionsFromEnv } from '../src/config-env.js';
import { credentialsOf } from '../src/doku/index.js';
import { createLog, type KkiLogLine, redact, redactText } from '../src/log.js';
import { createCustomerToken, verifyCustomerToken } from '../src/session-token.js';

const authenticate = () => 'c1';
const SANDBOX = credentialsOf(sandboxModule);
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KkiBffConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('config', () => {
  it('runs the offline sandbox with the sandbox merchant when no credentials are given', () => {
    const c = resolveConfig({ authenticate, publicUrl: 'http://localhost:4020' }, SANDBOX);
    expect(c.doku).toMatchObject({
      environment: 'offline',
      clientId: 'MCH-0001-10791114622547',
      secretKey: 'SK-hCJ42G28TA0MKG9LE2E_1',
    });
    expect(c.allowedOrigins).toEqual(['http://localhost:4020']);
  });

  it('names each missing credential for real DOKU, without echoing secrets', () => {
    const secret = 'SK-SENTINEL-SECRET-VALUE';
    const list = problems(() =>
      resolveConfig(
        {
          environment: 'production',
          secretKey: secret,
          authenticate,
          publicUrl: 'https://x.test',
        },
        SANDBOX,
      ),
    );
    expect(list).toEqual([
      'clientId is required with environment "production"',
      'privateKeyPem is required with environment "production"',
    ]);
    expect(list.join()).not.toContain(secret);
  });

  it('reports every malformed value with its option name', () => {
    const list = problems(() =>
      resolveConfig(
        {
          environment: 'ftp://nope',
          privateKeyPem: 'not a pem SECRETSENTINEL',
          authenticate: 'x' as never,
          publicUrl: 'not a url',
          bodyLimitBytes: 10,
        },
        SANDBOX,
      ),
    );
    expect(list.some((p) => p.startsWith('environment'))).toBe(true);
    expect(list).toContain('privateKeyPem must be a PEM private key');
    expect(list).toContain('authenticate must be a function');
    expect(list).toContain('publicUrl must be an absolute http(s) URL');
    expect(list).toContain('bodyLimitBytes must be at least 1024');
    expect(list.join()).not.toContain('SECRETSENTINEL');
  });

  it('refuses the public sandbox key in production', () => {
    expect(
      problems(() =>
        resolveConfig(
          {
            environment: 'production',
            clientId: 'x',
            secretKey: 'SK-hCJ42G28TA0MKG9LE2E_1',
            privateKeyPem: '-----BEGIN PRIVATE KEY-----\nx',
            authenticate,
            publicUrl: 'https://x.test',
          },
          SANDBOX,
        ),
      ),
    ).toEqual(['secretKey is the public sandbox key; it cannot be used with environment "production"']);
  });

  it('reads the standalone options from the environment', () => {
    const o = optionsFromEnv(
      {
        KKI_DOKU_ENV: 'http://127.0.0.1:4010',
        KKI_PUBLIC_URL: 'http://127.0.0.1:4020',
        KKI_ALLOWED_ORIGINS: 'http://a.test, http://b.test',
        DATABASE_URL: 'postgres://x',
      },
      { authenticate },
    );
    expect(resolveConfig(o, SANDBOX).doku.environment).toBe('url');
    expect(o.allowedOrigins).toEqual(['http://a.test', 'http://b.test']);
    expect(o.store).toEqual({ databaseUrl: 'postgres://x' });
  });
});

describe('log redaction', () => {
  const CPAN = '9360000200000019';
  const sentinels = {
    cpan: CPAN,
    spaced: '9360 0002 0000 0019',
    ott: 'OTT-SENTINEL-481516',
    token: 'BANKCARDTOKEN-SENTINEL',
    secret: 'SK-hCJ42G28TA0MKG9LE2E_1',
    pem: '-----BEGIN PRIVATE KEY-----\nMIIEvSENTINEL\n-----END PRIVATE KEY-----',
    bearer: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SENTINELSIG',
  };

  it('removes card data, tokens, keys and credentials from fields and text', () => {
    const out: KkiLogLine[] = [];
    const log = createLog((l) => out.push(l));
    log.info(`charging ${sentinels.spaced} with ${sentinels.bearer}`, {
      request: { cpan: CPAN, ott: sentinels.ott, source: { bankCardToken: sentinels.token } },
      headers: new Headers({ authorization: sentinels.bearer, 'x-signature': 'SIGSENTINEL' }),
      config: { secretKey: sentinels.secret, privateKeyPem: sentinels.pem },
      body: `{"cpan":"${CPAN}","chargeToken":"${sentinels.ott}"}`,
      note: `key ${sentinels.secret} pem ${sentinels.pem}`,
      error: new Error(`DOKU refused card ${CPAN}`),
      amount: 150000,
    });
    const text = JSON.stringify(out);
    for (const value of [
      CPAN,
      sentinels.spaced,
      sentinels.ott,
      sentinels.token,
      sentinels.secret,
      'MIIEvSENTINEL',
      'SENTINELSIG',
      'SIGSENTINEL',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(out[0]?.amount).toBe(150000);
  });

  it('keeps ordinary text and ids', () => {
    expect(redactText('payment pay_abc123 for order ord_x moved to succeeded')).toBe(
      'payment pay_abc123 for order ord_x moved to succeeded',
    );
    expect(redact({ maskedCpan: '936000******0019', status: 'pending' })).toEqual({
      maskedCpan: '936000******0019',
      status: 'pending',
    });
  });

  it('survives a throwing logger', () => {
    const log = createLog(() => {
      throw new Error('broken');
    });
    expect(() => log.error('x')).not.toThrow();
  });
});

describe('customer tokens (standalone server)', () => {
  const secret = 'x'.repeat(32);
  it('verifies its own tokens and refuses tampered or expired ones', async () => {
    const token = await createCustomerToken(secret, 'cust-1', 60, 1_000_000);
    expect(await verifyCustomerToken(secret, token, 1_000_000)).toBe('cust-1');
    expect(await verifyCustomerToken(secret, token.replace('cust-1', 'cust-2'), 1_000_000)).toBeNull();
    expect(await verifyCustomerToken('y'.repeat(32), token, 1_000_000)).toBeNull();
    expect(await verifyCustomerToken(secret, token, 1_000_000 + 61_000)).toBeNull();
  });
});
