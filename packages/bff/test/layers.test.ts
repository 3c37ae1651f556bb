// The BFF's shape, checked on its import graph: dependencies point one way (a file imports only
// from its own layer or the ones below), there are no import cycles, and no source file grows past
// 400 lines. The graph comes from a small parser of relative `import`/`export … from` statements,
// type-only ones included: a type import is still a dependency of the module's meaning.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/**
 * The layers, lowest first. A file may import from its own layer and any layer listed before it,
 * never from a later one. A pattern is a path relative to src (`config.ts`), a folder (`store/`),
 * or a file name in any feature folder (`* /routes.ts`, written without the space).
 */
const LAYERS: ReadonlyArray<{ name: string; files: readonly string[] }> = [
  {
    name: 'leaf helpers (import nothing of the BFF)',
    files: [
      'ids.ts',
      'errors.ts',
      'log.ts',
      'session-token.ts',
      'http/urls.ts',
      'notifications/paths.ts',
      'notifications/reference.ts',
      'notifications/card-tokens.ts',
      'webhook-signature.ts',
      'card-payments/return-page.ts',
      'kki-payments/app-link-qr.ts',
    ],
  },
  { name: 'store', files: ['store/'] },
  {
    name: 'config',
    files: [
      'config-events.ts',
      'config-integration.ts',
      'config-options.ts',
      'config.ts',
      'config-env.ts',
      'customer-session.ts',
    ],
  },
  { name: 'DOKU connection', files: ['doku/'] },
  {
    name: 'shared support',
    files: ['idempotency.ts', 'views.ts', 'security/', 'operations/', 'card-payments/return-token.ts'],
  },
  {
    name: 'services (shared and per feature)',
    files: [
      'services/types.ts',
      'services/customer-ref.ts',
      'services/doku-outcome.ts',
      'services/page-expiry.ts',
      'services/closed-recheck.ts',
      'services/payment-refresh.ts',
      'services/reconciliation.ts',
      'orders/pay-order.ts',
      'kki-payments/service.ts',
      'kki-payments/outcome.ts',
      'card-payments/card-status.ts',
      'card-payments/service.ts',
      'card-payments/reconciliation.ts',
      'checkout/outcome.ts',
      'checkout/service.ts',
      'checkout/reconciliation.ts',
      'bindings/service.ts',
      'saved-cards/service.ts',
      'refunds/service.ts',
      'refunds/extra-charges.ts',
      'refunds/pending-refunds.ts',
      'notifications/snap.ts',
      'notifications/non-snap.ts',
      'notifications/non-snap-replay.ts',
      'notifications/token.ts',
      'events/event-view.ts',
      'events/dispatcher.ts',
      'events/webhook-sender.ts',
      'events/setup.ts',
    ],
  },
  { name: 'service assembly', files: ['services/index.ts'] },
  { name: 'HTTP route definition', files: ['http/define.ts'] },
  { name: 'routes', files: ['*/routes.ts'] },
  {
    name: 'edge (app, merchant API, OpenAPI, entry points)',
    files: [
      'app.ts',
      'merchant.ts',
      'merchant-api/',
      'openapi.ts',
      'index.ts',
      'server-help.ts',
      'server.ts',
    ],
  },
];

function matches(file: string, pattern: string): boolean {
  if (pattern.startsWith('*/')) return posix.basename(file) === pattern.slice(2) && file.includes('/');
  if (pattern.endsWith('/')) return file.startsWith(pattern);
  return file === pattern;
}

/** The layer index of `file` (relative to src, `/`-separated), or -1 when no layer claims it. */
function layerOf(file: string): number {
  return LAYERS.findIndex((layer) => layer.files.some((pattern) => matches(file, pattern)));
}

const STATEMENTS = [
  // import x from './a.js'; import type { X } from './a.js'; export { x } from './a.js'; export * from …
  /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
  // import './a.js';
  /^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
  // await import('./a.js')
  /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
];

/** The relative specifiers `source` imports or re-exports from. */
function relativeImports(source: string): string[] {
  return STATEMENTS.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] as string));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|stories)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const toKey = (path: string) => relative(SRC, path).split(sep).join('/');

/** `file` → the src files it imports (keys relative to src). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles(SRC)) {
    const targets = relativeImports(readFileSync(path, 'utf8')).map((spec) =>
      toKey(join(dirname(path), spec.replace(/\.js$/, '.ts'))),
    );
    graph.set(toKey(path), targets);
  }
  return graph;
}

/** Every import cycle of `graph` (each once, as the files along it). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the import parser', () => {
  it('reads value, type, re-export, side-effect and dynamic imports, multi-line ones included', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c,',
      '  type C,',
      "} from './c/index.js';",
      "export * from './d.js';",
      "export { e } from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "import { z } from 'zod';",
      "export function h() { return 'not from here'; }",
    ].join('\n');
    expect(relativeImports(source).sort()).toEqual(
      ['./a.js', '../b.js', './c/index.js', './d.js', './e.js', './f.js', './g.js'].sort(),
    );
  });

  it('finds a cycle, and none in a graph without one', () => {
    const cyclic = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(findCycles(cyclic)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(
      findCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('BFF layers', () => {
  const graph = importGraph();

  it('sees the real graph (app.ts imports the route definition and the store)', () => {
    expect(graph.get('app.ts')).toEqual(expect.arrayContaining(['http/define.ts', 'store/index.ts']));
    expect(graph.size).toBeGreaterThan(40);
  });

  it('places every source file in exactly one layer', () => {
    const unplaced = [...graph.keys()].filter((file) => layerOf(file) === -1);
    expect(unplaced).toEqual([]);
  });

  it('imports only from the same or a lower layer (nothing below the routes imports a route)', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => layerOf(target) > layerOf(file))
        .map(
          (target) =>
            `${file} (${LAYERS[layerOf(file)]?.name}) imports ${target} (${LAYERS[layerOf(target)]?.name})`,
        ),
    );
    expect(upward).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps every source file at 400 lines or fewer', () => {
    const long = [...graph.keys()]
      .map((file) => ({ file, lines: readFileSync(join(SRC, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 400);
    expect(long).toEqual([]);
  });
});
