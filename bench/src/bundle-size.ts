// Bundle size of @kki-kit/react: each per-component entry point, the root entry and the stylesheet,
// bundled by esbuild (ESM, minified, browser) and gzipped with node:zlib. The peers (react, react-dom,
// @tanstack/react-query) are external: the app ships them anyway. @kki-kit/contract and client are the
// kit's own weight and count. `tsx src/bundle-size.ts check` compares with size-budget.json and exits
// non-zero when an entry is over its budget, or ships zod or the full error catalogue, which the
// browser does without, or (a component's entry or page) a language's whole UI copy (issue 18; see the
// React README, "Bundle size") — a size check, no timing.
// Code the kit loads with `import()` (KkiPayButton's two KKI paths) is split as an app's bundler
// splits it: an entry's row is what a page loads up front, and a `+lazy` row adds the largest part it
// may load later (a merchant uses one path), so no byte goes unbudgeted.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_FILE = join(benchDir, 'size-budget.json');
const PEERS = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query'];

/** One entry's size in bytes. */
export interface BundleSize {
  /**
   * The import specifier, e.g. `@kki-kit/react/KkiPayButton`; with ` +lazy` when the row adds the
   * largest lazily loaded part to what loads up front.
   */
  entry: string;
  minified: number;
  gzipped: number;
  /** Minified bytes that come from zod (before gzip); 0 since the browser checks answers without it. */
  zodMinified: number;
  /** Modules in the bundle that must stay out of it ({@link FORBIDDEN_INPUTS}). */
  forbidden: string[];
}

/** An esbuild input path inside the zod package. */
const ZOD_INPUT = /(^|\/)node_modules\/(\.pnpm\/zod@[^/]+\/node_modules\/)?zod\//;

/**
 * Modules no browser bundle may hold: zod (the BFF validates; the browser checks the few fields the UI
 * relies on) and the full error catalogue (the BFF words errors; the browser keeps its own few).
 */
const FORBIDDEN_INPUTS: readonly RegExp[] = [ZOD_INPUT, /packages\/contract\/src\/errors\/catalogue\.ts$/];

/**
 * Modules a component's entry and its page may not hold either: the whole UI copy of a language. Each
 * component brings its own section of the built-in Bahasa Indonesia, so a page never ships the text
 * of components it does not render (`useKkiCopy`, `resolveCopy` and `locale/*` bring it all, on purpose).
 */
const WHOLE_COPY_INPUTS: readonly RegExp[] = [/packages\/react\/src\/copy\/(id\/index|en)\.ts$/];

/** Budget per entry: the largest allowed gzipped size in bytes. */
export type SizeBudget = Record<string, number>;

/** The import specifiers of @kki-kit/react, from its package.json `exports` (the source of truth). */
export function reactEntries(): string[] {
  // The workspace link in bench's node_modules (the package exports no ./package.json to resolve).
  const pkgPath = join(benchDir, 'node_modules', '@kki-kit', 'react', 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, unknown> };
  return Object.keys(pkg.exports).map((sub) =>
    sub === '.' ? '@kki-kit/react' : `@kki-kit/react/${sub.slice(2)}`,
  );
}

/** How every entry is built: minified ESM for browsers, peers external, production defines. */
const BUILD_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  external: PEERS,
  write: false,
  legalComments: 'none',
  logLevel: 'silent',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
} as const satisfies BuildOptions;

/** Suffix of the row that adds an entry's largest lazily loaded part. */
export const LAZY_SUFFIX = ' +lazy';

const gzipLength = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).byteLength;

/** Suffix of a component entry's row with `KkiProvider`, which every page using it renders too. */
export const PAGE_SUFFIX = ' + KkiProvider';

// The entry, bundled as an app's bundler does: `import()` targets in chunks of their own.
// `contents` is the module that imports it (default: everything the entry exports).
async function bundle(
  entry: string,
  contents = `export * from '${entry}';`,
  forbiddenInputs: readonly RegExp[] = FORBIDDEN_INPUTS,
): Promise<BundleSize[]> {
  const css = entry.endsWith('.css');
  if (css) return [await bundleCss(entry)];
  const result = await build({
    entryPoints: ['kki-entry'],
    plugins: [
      {
        name: 'kki-entry',
        setup(b) {
          b.onResolve({ filter: /^kki-entry$/ }, () => ({ path: 'kki-entry', namespace: 'kki-entry' }));
          b.onLoad({ filter: /.*/, namespace: 'kki-entry' }, () => ({
            contents,
            resolveDir: benchDir,
            loader: 'ts',
          }));
        },
      },
    ],
    outdir: join(benchDir, 'out'),
    splitting: true,
    chunkNames: 'chunk-[hash]',
    ...BUILD_OPTIONS,
  });
  const files = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  const outputs = result.metafile.outputs;
  const abs = (rel: string) => join(benchDir, rel);
  // A chunk and every chunk it imports statically: what loads together with it.
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (rel: string) => {
      if (seen.has(rel)) return;
      seen.add(rel);
      for (const imp of outputs[rel]?.imports ?? [])
        if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    };
    visit(start);
    return seen;
  };
  // Gzipped as one file: an app's bundler puts the kit's up-front modules in the page's bundle, and
  // each lazy part in one chunk, not in esbuild's many small shared chunks.
  const sizeOf = (chunks: Iterable<string>) => {
    const parts = [...chunks].map((rel) => files.get(abs(rel)) ?? new Uint8Array());
    const bytes = Buffer.concat(parts);
    return { minified: bytes.byteLength, gzipped: gzipLength(bytes) };
  };
  const main = Object.keys(outputs).find(
    (rel) => outputs[rel]?.entryPoint !== undefined && rel.endsWith('.js'),
  );
  if (main === undefined) throw new Error(`${entry}: esbuild wrote no entry chunk`);
  const upFront = closure(main);
  // Each lazily loaded chunk with what it brings that is not loaded already.
  const lazy = Object.values(outputs)
    .flatMap((o) =>
      o.imports.filter((imp) => imp.kind === 'dynamic-import' && !imp.external).map((imp) => imp.path),
    )
    .map((rel) => sizeOf([...closure(rel)].filter((c) => !upFront.has(c))));
  const { zodMinified, forbidden } = scan(result.metafile, forbiddenInputs);
  const rows: BundleSize[] = [{ entry, ...sizeOf(upFront), zodMinified, forbidden }];
  if (lazy.length > 0) {
    const largest = lazy.reduce((a, b) => (b.gzipped > a.gzipped ? b : a));
    const front = rows[0] as BundleSize;
    rows.push({
      entry: `${entry}${LAZY_SUFFIX}`,
      minified: front.minified + largest.minified,
      gzipped: front.gzipped + largest.gzipped,
      zodMinified,
      forbidden,
    });
  }
  return rows;
}

async function bundleCss(entry: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: `@import '${entry}';`, resolveDir: benchDir, loader: 'css' },
    ...BUILD_OPTIONS,
  });
  const out = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { entry, minified: out.byteLength, gzipped: gzipLength(out), ...scan(result.metafile) };
}

// zod's bytes and the forbidden modules in every output of a build.
function scan(
  metafile: Metafile,
  forbiddenInputs: readonly RegExp[] = FORBIDDEN_INPUTS,
): Pick<BundleSize, 'zodMinified' | 'forbidden'> {
  let zodMinified = 0;
  const forbidden = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (ZOD_INPUT.test(path)) zodMinified += input.bytesInOutput;
      if (input.bytesInOutput > 0 && forbiddenInputs.some((re) => re.test(path))) {
        forbidden.add(ZOD_INPUT.test(path) ? 'zod' : path.replace(/^.*packages\//, 'packages/'));
      }
    }
  }
  return { zodMinified, forbidden: [...forbidden] };
}

/** The provider's own entry, which a page imports it from (the React README's usage). */
const PROVIDER_ENTRY = '@kki-kit/react/KkiProvider';

/** The component entries (`@kki-kit/react/<Component>`): not the root, the provider, a locale or the stylesheet. */
const isComponentEntry = (entry: string) =>
  entry !== PROVIDER_ENTRY && /^@kki-kit\/react\/[A-Z]\w*$/.test(entry);

/**
 * Sizes of every entry of @kki-kit/react, and of each component entry with `KkiProvider` from its own
 * entry (the provider, with the shared copy and the BFF client, is on every page that renders a
 * component, so that row is what such a page ships).
 */
export async function measureBundleSizes(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const entry of reactEntries()) {
    if (!isComponentEntry(entry) && entry !== PROVIDER_ENTRY) {
      sizes.push(...(await bundle(entry)));
      continue;
    }
    const forbidden = [...FORBIDDEN_INPUTS, ...WHOLE_COPY_INPUTS];
    sizes.push(...(await bundle(entry, undefined, forbidden)));
    if (entry === PROVIDER_ENTRY) continue;
    const page = await bundle(
      entry,
      `export * from '${entry}';\nexport { KkiProvider } from '${PROVIDER_ENTRY}';`,
      forbidden,
    );
    sizes.push(...page.map((row) => ({ ...row, entry: row.entry.replace(entry, `${entry}${PAGE_SUFFIX}`) })));
  }
  return sizes;
}

/** The budget file's contents. */
export function readBudget(): SizeBudget {
  return JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as SizeBudget;
}

/** Entries over budget, with no budget, or shipping a forbidden module (all fail the check). */
export function overBudget(sizes: readonly BundleSize[], budget: SizeBudget): string[] {
  const problems: string[] = [];
  for (const s of sizes) {
    const limit = budget[s.entry];
    if (limit === undefined) problems.push(`${s.entry}: no budget in size-budget.json`);
    else if (s.gzipped > limit) problems.push(`${s.entry}: ${s.gzipped} B gzipped > budget ${limit} B`);
    for (const f of s.forbidden) problems.push(`${s.entry}: ships ${f}, which this entry must leave out`);
  }
  return problems;
}

/** kB with one decimal. */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const sizes = await measureBundleSizes();
  const budget = readBudget();
  for (const s of sizes) {
    const limit = budget[s.entry];
    console.log(
      `${s.entry.padEnd(34)} ${kb(s.minified).padStart(9)} min ${kb(s.gzipped).padStart(9)} gzip (zod ${kb(s.zodMinified)} min)  budget ${limit === undefined ? '–' : kb(limit)}`,
    );
  }
  if (process.argv[2] === 'check') {
    const problems = overBudget(sizes, budget);
    for (const p of problems) console.error(`size check: ${p}`);
    console.log(problems.length ? 'bundle size budget: FAILED' : 'bundle size budget: ok');
    process.exitCode = problems.length ? 1 : 0;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
