import { createDokuClient, type DokuClientOptions, type DokuLogEvent } from '../../src/index.js';
import { pem } from '../vectors.js';
import { createFakeDoku, type FakeDokuConfig } from './fake-doku.js';

export const CLIENT_ID = 'BRN-0221-1693209567392';
export const SECRET = 'SK-tDzY6MSLBWlNXy3qCsUU';
export const NS_CLIENT_ID = 'MCH-0001-10791114622547';
export const NS_SECRET = 'SK-hCJ42G28TA0MKG9LE2E_1';

/** A client wired to a fresh fake DOKU, with a controllable clock and a captured log. */
export function setup(
  overrides: Partial<DokuClientOptions> = {},
  fakeOverrides: Partial<FakeDokuConfig> = {},
  /** Wraps the fake's fetch, e.g. to inject network errors. */
  wrapFetch: (f: typeof fetch) => typeof fetch = (f) => f,
) {
  const fake = createFakeDoku({
    clientId: CLIENT_ID,
    secretKey: overrides.secretKey ?? SECRET,
    merchantPublicKeyPem: pem('merchant-public.pem'),
    nonSnapClientId: NS_CLIENT_ID,
    nonSnapSecretKey: NS_SECRET,
    ...fakeOverrides,
  });
  const clock = { now: Date.UTC(2024, 2, 26, 9, 1, 41) };
  const logs: DokuLogEvent[] = [];
  const client = createDokuClient({
    baseUrl: 'http://doku.test',
    clientId: CLIENT_ID,
    secretKey: SECRET,
    privateKeyPem: pem('merchant-private.pem'),
    nonSnapClientId: NS_CLIENT_ID,
    nonSnapSecretKey: NS_SECRET,
    fetch: wrapFetch(fake.fetch),
    now: () => clock.now,
    retryDelayMs: 1,
    logger: (e) => logs.push(e),
    ...overrides,
  });
  return { fake, client, clock, logs };
}

export const KKI = 'KARTU_KREDIT_INDONESIA';
export const amount = { value: '150000.00', currency: 'IDR' as const };
