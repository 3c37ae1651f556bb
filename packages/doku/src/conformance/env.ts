// The conformance run's settings from the environment: the variables `kki-bff` reads, plus the
// test card and the report path.
import { resolve } from 'node:path';

/** Default test card: a Luhn-valid BRI-prefixed CPAN (the offline sandbox's ordinary test card). */
export const DEFAULT_CONFORMANCE_CPAN = '9360000200000011';

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v.replace(/\\n/g, '\n') : undefined;
}

/** Reads the run's options from the environment; throws a message naming the variable. */
export function conformanceOptionsFromEnv(env: Env) {
  const target = read(env, 'KKI_DOKU_ENV') ?? 'sandbox';
  if (target === 'production') {
    throw new Error(
      "KKI_DOKU_ENV=production: the conformance run is for DOKU's sandbox only (it uses test cards)",
    );
  }
  if (target === 'offline') {
    throw new Error('KKI_DOKU_ENV=offline has no DOKU to call: start `pnpm sandbox` and pass its URL');
  }
  if (target !== 'sandbox' && !/^https?:\/\//.test(target)) {
    throw new Error('KKI_DOKU_ENV must be "sandbox" or an http(s) URL');
  }
  const need = (name: string) => {
    const v = read(env, name);
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const publicKey = read(env, 'KKI_DOKU_PUBLIC_KEY');
  const nonSnapClientId = read(env, 'KKI_DOKU_NONSNAP_CLIENT_ID');
  const nonSnapSecretKey = read(env, 'KKI_DOKU_NONSNAP_SECRET_KEY');
  const cardDataKey = read(env, 'KKI_DOKU_CARD_DATA_KEY');
  return {
    client: {
      baseUrl: target,
      clientId: need('KKI_DOKU_CLIENT_ID'),
      secretKey: need('KKI_DOKU_SECRET_KEY'),
      privateKeyPem: need('KKI_DOKU_PRIVATE_KEY'),
      ...(publicKey && { dokuPublicKeyPem: publicKey }),
      ...(nonSnapClientId && { nonSnapClientId }),
      ...(nonSnapSecretKey && { nonSnapSecretKey }),
      ...(cardDataKey && { cardDataKey }),
    },
    testCpan: read(env, 'KKI_CONFORMANCE_CPAN') ?? DEFAULT_CONFORMANCE_CPAN,
    reportPath: resolve(read(env, 'KKI_CONFORMANCE_REPORT') ?? 'kki-doku-conformance.json'),
  };
}
