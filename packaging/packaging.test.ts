// The packages as a user installs them from the registry: each one built (`pnpm build`), packed
// (`pnpm pack`, which applies publishConfig and turns workspace: ranges into versions), and the
// tarballs installed into fresh apps outside the workspace (on the workspace's versions, on React 18,
// on hono 4.9). Nothing here reads the workspace's sources: the apps see only what the tarballs carry
// (and the READMEs' code blocks, compiled against them).
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitTarballs, ok, PACKAGES, type PackageDir, pnpmCommand, root, sh } from './tarballs.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The workspace's pinned versions of what the app adds itself (so the install comes from the store). */
const APP_DEPENDENCIES = {
  '@hono/node-server': '2.1.8',
  '@tanstack/react-query': '5.108.0',
  '@types/node': '20.19.43',
  '@types/express': '5.0.6',
  '@types/react': '19.3.0',
  express: '5.3.0',
  hono: '4.13.19',
  react: '19.3.1',
  'react-dom': '19.3.1',
};

/**
 * The apps the tarballs are installed into: one on the workspace's versions, and one on each oldest
 * peer the packages support (React 18 with its types, an older hono 4 minor), each run and
 * type-checked by the same tests.
 */
const APPS = {
  latest: {},
  'react-18': { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.32' },
  'hono-4.9': { hono: '4.9.12' },
} as const satisfies Record<string, Partial<Record<keyof typeof APP_DEPENDENCIES, string>>>;
type AppName = keyof typeof APPS;
const APP_NAMES = Object.keys(APPS) as AppName[];

/** `sh` without blocking, so that the apps install side by side. */
function shAsync(cmd: string, args: string[], cwd: string): Promise<SpawnSyncReturns<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ pid: child.pid ?? 0, output: [null, stdout, stderr], stdout, stderr, status, signal }),
    );
  });
}

function tarList(tarball: string): string[] {
  return ok(sh('tar', ['tzf', tarball], root), `tar tzf ${tarball}`)
    .split('\n')
    .filter(Boolean)
    .map((p) => p.replace(/^package\//, ''));
}

function tarManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(ok(sh('tar', ['xzf', tarball, '-O', 'package/package.json'], root), 'tar xzf'));
}

let work: string;
/** The app the current tests run in (the latest one, or the peers variant of a `describe.each`). */
let app: string;
const apps = {} as Record<AppName, string>;
const tarballs = {} as Record<PackageDir, string>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kki-packaging-'));
  Object.assign(tarballs, kitTarballs());
  // Side by side: pnpm's store takes concurrent installs, and most of the time is waiting on it.
  const dirs = await Promise.all(APP_NAMES.map((name) => installApp(name, APPS[name])));
  APP_NAMES.forEach((name, i) => {
    apps[name] = dirs[i] as string;
  });
  app = apps.latest;
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Copies the consumer files into a fresh app, with `versions` over the workspace's, and installs the tarballs. */
async function installApp(name: AppName, versions: Partial<typeof APP_DEPENDENCIES>): Promise<string> {
  const dir = join(work, `app-${name}`);
  cpSync(join(here, 'consumer'), dir, { recursive: true });
  const file = (pkg: PackageDir) => `file:${tarballs[pkg]}`;
  const manifest = {
    name: 'merchant-app',
    private: true,
    type: 'module',
    dependencies: {
      ...APP_DEPENDENCIES,
      ...versions,
      '@kki-kit/bff': file('bff'),
      '@kki-kit/client': file('client'),
      '@kki-kit/contract': file('contract'),
      '@kki-kit/doku': file('doku'),
      '@kki-kit/doku-sandbox': file('doku-sandbox'),
      '@kki-kit/react': file('react'),
    },
    // The tarballs name each other by version (0.1.0), which the registry does not have yet.
    pnpm: { overrides: Object.fromEntries(PACKAGES.map((d) => [`@kki-kit/${d}`, file(d)])) },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const [cmd, pre] = pnpmCommand(dir);
  ok(
    await shAsync(cmd, [...pre, 'install', '--prefer-offline', '--reporter=append-only'], dir),
    `pnpm install in the ${name} app`,
  );
  return dir;
}

/** The READMEs whose TypeScript blocks a merchant may paste: each one must compile as it stands. */
const READMES = {
  root: 'README.md',
  react: 'packages/react/README.md',
  client: 'packages/client/README.md',
  bff: 'packages/bff/README.md',
} as const;

/** Every ```ts / ```tsx block of a markdown file, in order (shell and other blocks are not code to paste). */
function codeBlocks(markdown: string): { lang: 'ts' | 'tsx'; code: string }[] {
  const blocks: { lang: 'ts' | 'tsx'; code: string }[] = [];
  for (const m of markdown.matchAll(/^```(ts|tsx)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    blocks.push({ lang: m[1] as 'ts' | 'tsx', code: m[2] ?? '' });
  }
  return blocks;
}

function runInApp(script: string): Record<string, unknown> {
  const out = ok(sh(process.execPath, [script], app), `node ${script}`);
  const last = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

/** A local port nothing listens on: a PostgreSQL URL there fails to connect. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the packed packages', () => {
  it.each(PACKAGES)(
    '%s: built ESM, types and maps from dist, sources for the maps, no tests or stories',
    (dir) => {
      const files = tarList(tarballs[dir]);
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      expect(files).toContain('dist/index.js.map');
      expect(files).toContain('src/index.ts');
      expect(files.filter((f) => /\.test\.tsx?$|\.stories\.tsx$|stories-support|\/test\//.test(f))).toEqual(
        [],
      );
      const manifest = tarManifest(tarballs[dir]);
      const exports = JSON.stringify(manifest.exports);
      expect(exports).toContain('./dist/index.js');
      expect(exports).not.toContain('./src/');
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
      // Every export the manifest names is in the tarball.
      for (const target of exports.match(/\.\/dist\/[^"]+/g) ?? []) expect(files).toContain(target.slice(2));
    },
  );

  it('publishes @kki-kit/doku with no kit dependency, and the sandbox only as an optional peer of the BFF', () => {
    type Manifest = {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const doku = tarManifest(tarballs.doku) as Manifest;
    expect(
      Object.keys({ ...doku.dependencies, ...doku.peerDependencies }).filter((d) =>
        d.startsWith('@kki-kit/'),
      ),
    ).toEqual([]);
    const dokuExports = JSON.stringify((doku as { exports?: unknown }).exports);
    expect(dokuExports).toContain('./dist/codes.js');
    expect(dokuExports).toContain('./dist/open-questions.js');
    const bff = tarManifest(tarballs.bff) as Manifest;
    expect(Object.keys(bff.dependencies ?? {})).not.toContain('@kki-kit/doku-sandbox');
    expect(bff.peerDependencies?.['@kki-kit/doku-sandbox']).toBe('0.1.0');
    expect(bff.peerDependenciesMeta?.['@kki-kit/doku-sandbox']?.optional).toBe(true);
  });

  it('names hono a peer of the BFF and the sandbox, and gives zod, pg and PGlite caret ranges', () => {
    type Manifest = { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    for (const dir of ['bff', 'doku-sandbox'] as const) {
      const manifest = tarManifest(tarballs[dir]) as Manifest;
      expect(manifest.peerDependencies?.hono, dir).toMatch(/^\^4\./);
      expect(Object.keys(manifest.dependencies ?? {}), dir).not.toContain('hono');
    }
    const bff = (tarManifest(tarballs.bff) as Manifest).dependencies ?? {};
    for (const dep of ['zod', 'pg', '@electric-sql/pglite']) expect(bff[dep], dep).toMatch(/^\^/);
  });

  it("keeps 'use client' on every module of @kki-kit/react that has it in its source", () => {
    const installed = realpathSync(join(app, 'node_modules', '@kki-kit', 'react'));
    const src = join(installed, 'src');
    const clientModules = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => readFileSync(join(src, f), 'utf8').startsWith("'use client'"));
    expect(clientModules.length).toBeGreaterThan(5);
    for (const f of clientModules) {
      const built = join(installed, 'dist', f.replace(/\.tsx?$/, '.js'));
      expect(readFileSync(built, 'utf8').startsWith("'use client'"), relative(installed, built)).toBe(true);
    }
  });
});

describe('a merchant app on the installed packages', () => {
  beforeAll(() => {
    app = apps.latest;
  });

  it('runs the conformance check from its bin (kki-doku-conformance) against a sandbox, and names a missing variable', async () => {
    const bin = join(app, 'node_modules', '.bin', 'kki-doku-conformance');
    const bare = spawnSync(bin, [], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('KKI_DOKU_CLIENT_ID is required');

    // The installed sandbox package, on a real port; the bin runs as a separate process.
    const sandboxPkg = join(app, 'node_modules', '@kki-kit', 'doku-sandbox', 'dist', 'index.js');
    const sb = (await import(sandboxPkg)) as {
      startSandboxServer(): Promise<{ url: string; close(): Promise<void> }>;
      DEFAULT_CLIENT_ID: string;
      DEFAULT_SECRET_KEY: string;
      SANDBOX_MERCHANT_PRIVATE_KEY: string;
    };
    const server = await sb.startSandboxServer();
    try {
      const report = join(app, 'conformance.json');
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(bin, [], {
          cwd: app,
          env: {
            PATH: process.env.PATH ?? '',
            KKI_DOKU_ENV: server.url,
            KKI_DOKU_CLIENT_ID: sb.DEFAULT_CLIENT_ID,
            KKI_DOKU_SECRET_KEY: sb.DEFAULT_SECRET_KEY,
            KKI_DOKU_PRIVATE_KEY: sb.SANDBOX_MERCHANT_PRIVATE_KEY,
            KKI_CONFORMANCE_REPORT: report,
          },
          stdio: 'ignore',
        });
        child.on('error', reject);
        child.on('close', resolve);
      });
      expect(code).toBe(0);
      expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ ok: true, summary: { FAIL: 0 } });
    } finally {
      await server.close();
    }
  });

  it('bundles a component and the stylesheet for the browser with no Node built-ins', async () => {
    const result = await build({
      absWorkingDir: app,
      entryPoints: ['browser.js'],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      outdir: 'out',
      write: false,
      logLevel: 'silent',
      external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query'],
    });
    expect(result.errors).toEqual([]);
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
    expect(js.length).toBeGreaterThan(1000);
    expect(js).not.toMatch(/["']node:/);
    expect(css).toContain('--kki-');
  });

  it('bundles @kki-kit/client for the browser on its own: no React, no Node built-ins', async () => {
    const result = await build({
      absWorkingDir: app,
      stdin: {
        contents: "export { createKkiClient, createPaymentFlow } from '@kki-kit/client';",
        resolveDir: app,
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('@kki-kit/client') || f.includes('kki-kit-client'))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/(react|react-dom|@tanstack)\//.test(f))).toEqual([]);
    expect(result.outputFiles[0]?.text ?? '').not.toMatch(/["']node:/);
    const manifest = JSON.parse(
      readFileSync(
        join(realpathSync(join(app, 'node_modules', '@kki-kit', 'client')), 'package.json'),
        'utf8',
      ),
    ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })).toEqual([
      '@kki-kit/contract',
    ]);
  });

  it('loads neither PGlite nor the sandbox on PostgreSQL with DOKU credentials (what Node resolved)', async () => {
    // On a machine without PostgreSQL the start gets as far as connecting, and fails there.
    const databaseUrl =
      process.env.TEST_DATABASE_URL ?? `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
    for (const environment of ['sandbox', 'production']) {
      const log = join(app, `resolved-${environment}.log`);
      writeFileSync(log, '');
      const res = spawnSync(process.execPath, ['--import', './resolve-log.mjs', 'postgres-server.mjs'], {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: databaseUrl, KKI_DOKU_ENV: environment, KKI_RESOLVE_LOG: log },
      });
      const seen = JSON.parse(ok(res, 'node postgres-server.mjs').trim().split('\n').at(-1) ?? '');
      expect(seen).toEqual(
        process.env.TEST_DATABASE_URL ? { store: 'postgres', ready: 200 } : { error: 'ECONNREFUSED' },
      );
      const resolved = readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [specifier: string, url: string]);
      // The log saw the BFF and its PostgreSQL driver load …
      expect(resolved.map(([specifier]) => specifier)).toEqual(
        expect.arrayContaining(['@kki-kit/bff', 'pg']),
      );
      // … and no module of PGlite or the sandbox (by name, or by a file of the package).
      const lazy =
        /^(@electric-sql\/pglite|@kki-kit\/doku-sandbox)(\/|$)|\/node_modules\/(@electric-sql\/pglite|@kki-kit\/doku-sandbox)\//;
      expect(resolved.filter(([specifier, url]) => lazy.test(specifier) || lazy.test(url))).toEqual([]);
    }
  });
});

describe.each(APP_NAMES)('a merchant app on the installed packages, %s peers', (name) => {
  beforeAll(() => {
    app = apps[name];
  });

  it("has one copy of hono, react and its types, the app's own", () => {
    const installed = readdirSync(join(app, 'node_modules', '.pnpm'));
    const versions: Partial<Record<string, string>> = { ...APP_DEPENDENCIES, ...APPS[name] };
    for (const pkg of ['hono', 'react', '@types/react']) {
      const dir = `${pkg.replace('/', '+')}@`;
      expect(installed.filter((d) => d.startsWith(dir))).toEqual([`${dir}${versions[pkg]}`]);
    }
  });

  it('runs the BFF README quick start and a KKI payment through it (offline sandbox)', () => {
    const seen = runInApp('server.mjs');
    expect(seen).toMatchObject({
      createdStatus: 201,
      firstStatus: 'pending',
      nextAction: 'issuer_app',
      finalStatus: 'succeeded',
      amount: 150_000,
      cpanInLogs: false,
    });
    expect(seen.openapi).toMatch(/^3\.1\./);
    expect(seen.routes).toBeGreaterThanOrEqual(10);
    expect(seen.logLines).toBeGreaterThan(0);
  });

  it('starts the standalone server from its bin (kki-bff), and refuses to start without its secret', async () => {
    const bin = join(app, 'node_modules', '.bin', 'kki-bff');
    const refused = sh(bin, [], app);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('KKI_SESSION_SECRET is required');

    const child = spawn(bin, [], {
      cwd: app,
      env: { ...process.env, PORT: '0', KKI_SESSION_SECRET: 's'.repeat(32) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /"url":"(http:[^"]+)"/.exec(out);
          if (found?.[1]) resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`kki-bff exited (${code}): ${out}`)));
      });
      const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string };
      expect(spec.openapi).toMatch(/^3\.1\./);
      // Customer routes need the signed customer token.
      expect((await fetch(`${url}/kki/cards`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('renders every component on the server (a streaming render, as Next.js does; no window)', () => {
    const seen = runInApp('ssr.mjs') as { hasWindow: boolean; html: Record<string, string> };
    expect(seen.hasWindow).toBe(false);
    expect(seen.html.KkiPayButton).toContain('Nomor kartu');
    expect(seen.html.KkiBindCard).toContain('Tambah kartu');
    expect(seen.html.SavedCardsList).toContain('Memuat kartu tersimpan');
    expect(seen.html.CardPaymentFrame).toContain('Bayar dengan kartu');
    expect(seen.html.RefundForm).toContain('Riwayat pengembalian dana');
  });

  it('type-checks a merchant TypeScript file under nodenext, with wrong usage rejected', () => {
    // types.tsx marks each wrong use with @ts-expect-error: a type that accepted it would fail here.
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    const res = sh(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('type-checks every ts / tsx block of the READMEs, each as its own file, under nodenext', () => {
    // Each block is written as it stands into readme/<readme>-<n>.<ts|tsx> and compiled as its own ES
    // module (top-level await allowed). Only what the docs call "yours" (e.g. `sessionOf`) is declared,
    // in readme-ambient.d.ts.
    const dir = join(app, 'readme');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const written: string[] = [];
    for (const [name, path] of Object.entries(READMES)) {
      const blocks = codeBlocks(readFileSync(join(root, path), 'utf8'));
      expect(blocks.length, `${path} has TypeScript blocks`).toBeGreaterThan(0);
      blocks.forEach((block, i) => {
        const file = `${name}-${i + 1}.${block.lang}`;
        writeFileSync(join(dir, file), `${block.code}\nexport {};\n`);
        written.push(file);
      });
    }
    expect(written.length).toBeGreaterThanOrEqual(15);
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    const res = sh(process.execPath, [tsc, '-p', 'tsconfig.readme.json'], app);
    // tsc names the file and line of each error, e.g. readme/react-4.tsx(12,7): the README's 4th block.
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});
