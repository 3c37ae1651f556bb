// Bundle size of @kki-kit/react: each per-component entry point, the root entry and the stylesheet,
// bundled by esbuild (ESM, minified, browser) and gzipped with node:zlib. The peers (react, react-dom,
// @tanstack/react-query) are external: the app ships them anyway. @kki-kit/contract and client are the
// kit's own weight and count. `tsx src/bundle-size.ts check` compares with size-budget.json and exits
// non-zero when an entry is over its budget, or ships zod or the full error catalogue, which the
// browser does without (issue 18; see the React README, "Bundle size") — a size check, no timing.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_FILE = join(benchDir, 'size-budget.json');
const PEERS = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query'];

/** One entry's size in bytes. */
export interface BundleSize {
  /** The import specifier, e.g. `@kki-kit/react/KkiPayButton`. */
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

async function bundle(entry: string): Promise<BundleSize> {
  const css = entry.endsWith('.css');
  const result = await build({
    stdin: css
      ? { contents: `@import '${entry}';`, resolveDir: benchDir, loader: 'css' }
      : { contents: `export * from '${entry}';`, resolveDir: benchDir, loader: 'ts' },
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
  });
  const out = result.outputFiles[0]?.contents ?? new Uint8Array();
  let zodMinified = 0;
  const forbidden = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (ZOD_INPUT.test(path)) zodMinified += input.bytesInOutput;
      if (input.bytesInOutput > 0 && FORBIDDEN_INPUTS.some((re) => re.test(path))) {
        forbidden.add(ZOD_INPUT.test(path) ? 'zod' : path.replace(/^.*packages\//, 'packages/'));
      }
    }
  }
  return {
    entry,
    minified: out.byteLength,
    gzipped: gzipSync(out, { level: 9 }).byteLength,
    zodMinified,
    forbidden: [...forbidden],
  };
}

/** Sizes of every entry of @kki-kit/react. */
export async function measureBundleSizes(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const entry of reactEntries()) sizes.push(await bundle(entry));
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
    for (const f of s.forbidden) problems.push(`${s.entry}: ships ${f}, which stays out of browser bundles`);
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
