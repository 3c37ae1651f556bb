// `open-questions.ts` is the single home of the kit's guesses about DOKU, and each guess is wired:
// every constant it exports is used by code outside it (the client, the sandbox, the schemas, the
// BFF), so changing one changes what the kit does. Tests and the file itself do not count.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExternalId, isExternalId, kkiPaymentRequestSchema } from '../src/index.js';
import * as openQuestions from '../src/wire/open-questions.js';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = join(packagesDir, 'doku', 'src', 'wire', 'open-questions.ts');

/** Every `.ts` / `.tsx` file under `packages/<name>/src`. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
    }
  };
  for (const pkg of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    const src = join(packagesDir, pkg.name, 'src');
    try {
      walk(src);
    } catch {
      // A package without src.
    }
  }
  return out.filter((f) => f !== FILE);
}

/** Source text without comments: a constant named only in a comment is not wired. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** Exported names of open-questions.ts that no code in `texts` uses. */
function unused(names: readonly string[], texts: readonly string[]): string[] {
  const codes = texts.map(code);
  return names.filter((name) => !codes.some((t) => new RegExp(`\\b${name}\\b`).test(t)));
}

describe('open-questions.ts', () => {
  const names = Object.keys(openQuestions);
  const files = sourceFiles();
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  it('exports the guesses (and scans the packages’ sources)', () => {
    expect(names.length).toBeGreaterThan(10);
    expect(files.map((f) => relative(packagesDir, f))).toEqual(
      expect.arrayContaining([
        'doku/src/client/client.ts',
        'doku-sandbox/src/snap/pipeline.ts',
        'bff/src/app.ts',
        'contract/src/index.ts',
        'contract/src/errors/doku-mapping.ts',
      ]),
    );
  });

  it('has every exported constant used outside the file', () => {
    expect(unused(names, texts)).toEqual([]);
  });

  it('reports a constant nobody uses, or one named only in a comment', () => {
    const wired = "import { KKI_CARD_DATA_FORMAT } from './open-questions.js';";
    expect(unused(['KKI_CARD_DATA_FORMAT'], [wired])).toEqual([]);
    expect(unused(['KKI_CARD_DATA_FORMAT'], ['const url = "https://x"; // KKI_CARD_DATA_FORMAT'])).toEqual([
      'KKI_CARD_DATA_FORMAT',
    ]);
    expect(unused(['KKI_CARD_DATA_FORMAT'], ['/** see KKI_CARD_DATA_FORMAT */ export {};'])).toEqual([
      'KKI_CARD_DATA_FORMAT',
    ]);
    expect(unused(['KKI_CARD_DATA_FORMAT'], texts)).toEqual([]);
  });

  it('cites a source or says it is a guess for every constant', () => {
    const text = readFileSync(FILE, 'utf8');
    for (const name of names) {
      const at = text.indexOf(`export const ${name}`);
      expect(at, name).toBeGreaterThan(-1);
      const doc = text.slice(text.lastIndexOf('/**', at), at);
      expect(doc, name).toMatch(/SEED-\d{3}|seed \d{3}|§\d|GUESS|no source|DOC-|SDK/);
    }
  });
});

describe('guesses as the schemas apply them', () => {
  it('KKI_PAYMENT_RETURN_URLS_OPTIONAL: a token payment without return URLs is a valid body', () => {
    const body = {
      partnerReferenceNo: 'INV-1',
      bankCardToken: 'BCT-1',
      amount: { value: '10000.00', currency: 'IDR' },
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    };
    expect(openQuestions.KKI_PAYMENT_RETURN_URLS_OPTIONAL).toBe(true);
    expect(kkiPaymentRequestSchema.safeParse(body).success).toBe(true);
  });

  it('EXTERNAL_ID_PATTERN: the client makes ids it accepts, and digits only', () => {
    expect(isExternalId(createExternalId(new Date(0)))).toBe(true);
    expect(isExternalId('abc-123')).toBe(false);
    expect(isExternalId('1'.repeat(37))).toBe(false);
  });
});
