// The contract's modules the browser uses stay free of zod and of the full error catalogue, and say
// the same as the schemas and catalogue they stand in for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CARD_RETURN_MESSAGE_TYPE,
  cardReturnMessageSchema,
  createKkiError,
  createLocalKkiError,
  getErrorCopy,
  isKkiError,
  isKkiErrorShape,
  KKI_ERROR_CATALOGUE,
  KKI_LOCALES,
  KKI_ROUTE_DESCRIPTORS,
  kkiRoutes,
  LOCAL_KKI_ERRORS,
  localErrorCopy,
  readCardReturnMessage,
} from '../src/index.js';
import * as api from '../src/api/index.js';
import * as contract from '../src/index.js';

const srcDir = join(import.meta.dirname, '..', 'src');

/** The modules the browser client and the React kit import values from. */
const BROWSER_MODULES = [
  'api/card-return-message.ts',
  'api/headers.ts',
  'api/ids.ts',
  'api/payment-states.ts',
  'api/results.ts',
  'api/route-descriptors.ts',
  'api/view-enums.ts',
  'errors/error-shape.ts',
  'errors/local-errors.ts',
  'issuers.ts',
  'locale.ts',
  'money.ts',
];

/** Every module `file` loads at run time (type-only imports load nothing), itself included. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(srcDir, file), 'utf8');
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
    const [, , typeOnly, specifier] = m;
    if (typeOnly !== undefined || specifier === undefined) continue;
    if (!specifier.startsWith('.')) {
      seen.add(specifier);
      continue;
    }
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const resolved = join(dir, specifier).replace(/\.js$/, '.ts');
    runtimeImports(resolved, seen);
  }
  return seen;
}

describe("the browser's modules", () => {
  it.each(BROWSER_MODULES)('%s loads neither zod nor the catalogue', (file) => {
    const loaded = [...runtimeImports(file)];
    expect(loaded).toContain(file);
    expect(loaded.filter((m) => m.startsWith('zod') || m === 'errors/catalogue.ts')).toEqual([]);
  });

  it('the walk sees a zod import where there is one', () => {
    expect([...runtimeImports('api/routes.ts')]).toContain('zod/mini');
    expect([...runtimeImports('errors/kki-error.ts')]).toContain('errors/catalogue.ts');
  });
});

describe('local errors', () => {
  const codes = Object.keys(LOCAL_KKI_ERRORS) as (keyof typeof LOCAL_KKI_ERRORS)[];

  it('are the catalogue entries of their codes, and build the errors createKkiError builds', () => {
    for (const code of codes) {
      expect(KKI_ERROR_CATALOGUE[code]).toEqual({ code, ...LOCAL_KKI_ERRORS[code] });
      for (const locale of KKI_LOCALES) {
        const overrides = { [code]: { [locale]: `merchant ${code}` } };
        expect(createLocalKkiError(code, { locale })).toEqual(createKkiError(code, { locale }));
        expect(createLocalKkiError(code, { locale, overrides, field: 'otp' })).toEqual(
          createKkiError(code, { locale, overrides, field: 'otp' }),
        );
        expect(localErrorCopy(code, locale)).toBe(getErrorCopy(code, locale));
      }
    }
    expect(createLocalKkiError('internal_error')).toEqual(createKkiError('internal_error'));
  });
});

describe('isKkiErrorShape', () => {
  it('accepts what isKkiError accepts, and codes the list does not know yet', () => {
    const error = createKkiError('order_payment_open', {
      details: { paymentId: 'pay_test0001', method: 'kki' },
    });
    expect(isKkiErrorShape(error) && isKkiError(error)).toBe(true);
    const newer = { code: 'wallet_frozen', message: 'x', retryable: false, httpStatus: 403 };
    expect(isKkiErrorShape(newer)).toBe(true);
    expect(isKkiError(newer)).toBe(false);
  });

  it('refuses what is not an error', () => {
    const ok = createKkiError('card_declined');
    for (const bad of [
      null,
      'card_declined',
      { ...ok, code: 'Card Declined' },
      { ...ok, message: 1 },
      { ...ok, retryable: 'no' },
      { ...ok, httpStatus: '402' },
      { ...ok, field: 5 },
      { ...ok, details: { paymentId: 'pay_test0001' } },
    ]) {
      expect(isKkiErrorShape(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('readCardReturnMessage', () => {
  it('reads what the schema accepts and nothing else', () => {
    const message = { type: CARD_RETURN_MESSAGE_TYPE, paymentId: 'pay_test0001', status: 'succeeded' };
    const cases: unknown[] = [
      message,
      { ...message, type: 'other' },
      { ...message, paymentId: 'ord_test0001' },
      { ...message, paymentId: 'pay_x' },
      { ...message, status: 'settled' },
      'kki-kit:card-payment-return',
      null,
    ];
    for (const data of cases) {
      const parsed = cardReturnMessageSchema.safeParse(data);
      expect(readCardReturnMessage(data), JSON.stringify(data)).toEqual(parsed.success ? parsed.data : null);
    }
    expect(readCardReturnMessage(message)).toEqual(message);
  });
});

describe('route descriptors', () => {
  it('are the route table without its schemas', () => {
    for (const [id, route] of Object.entries(kkiRoutes)) {
      const { method, path, idempotent, responseType } = route;
      expect(KKI_ROUTE_DESCRIPTORS[id as keyof typeof KKI_ROUTE_DESCRIPTORS]).toEqual({
        method,
        path,
        idempotent,
        responseType,
      });
    }
    expect(Object.keys(KKI_ROUTE_DESCRIPTORS)).toEqual(Object.keys(kkiRoutes));
  });
});

describe('the package entry', () => {
  it('exports every value of the API modules by name (no star re-export a wrapping bundler keeps whole)', () => {
    const missing = Object.keys(api).filter((name) => !Object.hasOwn(contract, name));
    expect(missing).toEqual([]);
    const index = readFileSync(join(srcDir, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/^export \* from/m);
  });
});
