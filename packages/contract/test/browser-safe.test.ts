import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The package ships to browsers: guard its source against Node and React creeping in.
const srcDir = join(import.meta.dirname, '..', 'src');
const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
/** The @kki-kit/doku subpaths the contract may import: subpath → [entry module, wire module]. */
const DOKU_SUBPATHS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['@kki-kit/doku/codes', ['codes', 'response-code']],
  ['@kki-kit/doku/open-questions', ['open-questions', 'open-questions']],
]);

describe('browser safety of src/', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  // zod only as zod/mini: its functional API lets a bundle keep just the checks it uses, where one
  // schema on classic zod brings ~89 kB minified into every React entry that touches the contract.
  // Of @kki-kit/doku only its `codes` and `open-questions` subpaths, modules with no imports (checked
  // below).
  it.each(files)(
    '%s imports only zod/mini, doku codes and open questions and its own modules, and uses no Node globals',
    (file) => {
      const text = readFileSync(join(srcDir, file), 'utf8');
      const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
      for (const s of specifiers) {
        expect(
          s === 'zod/mini' || (s !== undefined && DOKU_SUBPATHS.has(s)) || s?.startsWith('.'),
          `${file} imports ${s}`,
        ).toBe(true);
      }
      expect(text).not.toMatch(/\b(process|Buffer|require|__dirname|globalThis\.process)\b/);
      expect(text).not.toMatch(/(:\s*any\b|\bas\s+any\b|<any>|\bany\[\])/);
    },
  );

  it.each([...DOKU_SUBPATHS])(
    'reads from @kki-kit/doku %s, a module that imports at most the open questions (which import nothing) and uses no Node globals',
    (subpath) => {
      const [entry, module] = DOKU_SUBPATHS.get(subpath) ?? [];
      const dokuSrc = join(srcDir, '..', '..', 'doku', 'src');
      const text = readFileSync(join(dokuSrc, 'wire', `${module}.ts`), 'utf8');
      const imports = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
      expect(module === 'open-questions' ? [] : ['./open-questions.js']).toEqual(
        expect.arrayContaining(imports),
      );
      expect(text.replace(/^import \{[^}]*\} from '\.\/open-questions\.js';$/m, '')).not.toMatch(
        /\b(import|require)\b/,
      );
      expect(text).not.toMatch(/\b(process|Buffer|__dirname|globalThis\.process)\b/);
      const entryText = readFileSync(join(dokuSrc, `${entry}.ts`), 'utf8');
      expect([...entryText.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1])).toEqual([
        `./wire/${module}.js`,
      ]);
    },
  );

  it('uses named exports only', () => {
    for (const file of files) expect(readFileSync(join(srcDir, file), 'utf8')).not.toMatch(/export default/);
  });
});
