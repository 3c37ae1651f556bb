// The embedding guides (docs/guides/*.md) as a merchant follows them: every code block of a guide
// names its file on its first line, and the blocks are written as they stand into a fresh app on the
// packed packages. The Next.js app is built (`next build`, with a database URL nothing may reach at
// build time) and started (`next start`); the Express and plain Node servers are type-checked and
// run. In each, a customer signs in, an order is created on the server (a Server Action for Next.js)
// and paid through the BFF's route, the offline sandbox approving by the kit's payment id.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitDependencies, kitTarballs, ok, pnpm, root } from './tarballs.js';

const here = dirname(new URL(import.meta.url).pathname);
const SECRET = 'guide-session-secret-0123456789abcdef';
const PASSWORD = 'rahasia-guide';
/** Versions the apps add themselves: the workspace's pins, and the newest Next.js for Node 20 and React 19. */
const VERSIONS = {
  next: '16.5.0',
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@tanstack/react-query': '5.108.0',
  hono: '4.13.19',
  '@hono/node-server': '2.1.8',
  express: '5.3.0',
  'cookie-parser': '1.4.7',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  '@types/express': '5.0.6',
  '@types/cookie-parser': '1.4.10',
};
const pick = (...names: (keyof typeof VERSIONS)[]) => Object.fromEntries(names.map((n) => [n, VERSIONS[n]]));

/** The files of a guide: each code block's first line `// <path>` names it. */
function guideFiles(guide: string): Map<string, string> {
  const markdown = readFileSync(join(root, 'docs', 'guides', guide), 'utf8');
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/^```(\w+)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    const [, lang, code = ''] = m;
    if (lang === 'sh') continue;
    const path = /^\/\/ ([\w./[\]-]+\.(?:tsx?|mjs|js))\n/.exec(code)?.[1];
    // A block that is not a file would be code nobody runs.
    expect(path, `a ${lang} block of ${guide} names no file:\n${code.slice(0, 120)}`).toBeDefined();
    files.set(path as string, code);
  }
  return files;
}

function writeApp(dir: string, files: Map<string, string>, manifest: object): void {
  for (const [path, code] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), code);
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function install(dir: string): void {
  ok(pnpm(['install', '--prefer-offline', '--reporter=append-only'], dir), `pnpm install in ${dir}`);
}

function manifest(
  name: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string>,
) {
  const kit = kitDependencies(kitTarballs());
  return {
    name,
    private: true,
    type: 'module',
    dependencies: { ...kit.dependencies, ...dependencies },
    devDependencies,
    pnpm: { overrides: kit.overrides },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The environment of an app's process: PATH and what the guide asks for, nothing inherited. */
function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/** Runs node with `args` in `cwd`, in `env` only. */
function node(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
}

/** Starts `args` in `cwd` and resolves once `base` answers (any status), with its output so far. */
async function start(cwd: string, args: string[], env: NodeJS.ProcessEnv, base: string) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`))),
  );
  const answering = (async () => {
    for (;;) {
      try {
        await fetch(`${base}/api/kki/healthz`);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();
  await Promise.race([answering, exited]);
  return { child, output: () => output };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The cookie a `Set-Cookie` answer carries, as a browser sends it back. */
function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  expect(header).toMatch(/^customer=/);
  return header.split(';')[0] ?? '';
}

async function signIn(base: string, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'sari@example.com', password: PASSWORD }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const wrong = await fetch(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'sari@example.com', password: 'wrong' }),
    redirect: 'manual',
  });
  expect(wrong.status).toBe(401);
  return cookieOf(res);
}

/**
 * Pays `orderId` as the page's browser does, through the BFF under `base`/api/kki: DOKU Checkout
 * opened, KKI typed on its page and approved in the issuer app (the sandbox's control API, by the
 * kit's payment id), the payment read until it settles. Answers the final payment and order.
 */
async function pay(app: string, base: string, cookie: string, orderId: string) {
  const browser = { cookie, origin: base, 'x-kki-request': '1', 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/kki/checkout/payments`, {
    method: 'POST',
    headers: { ...browser, 'idempotency-key': `guide-${orderId}` },
    body: JSON.stringify({ orderId }),
  });
  const payment = (await created.json()) as { id: string; status: string; nextAction: { type: string } };
  expect(created.status, JSON.stringify(payment)).toBe(201);
  expect(payment.nextAction.type).toBe('checkout_page');

  const sandbox = (await import(
    join(app, 'node_modules', '@kki-kit', 'doku-sandbox', 'dist', 'index.js')
  )) as {
    kkiTestCpan(issuer: string): string;
  };
  const control = (path: string, body?: unknown) =>
    fetch(`${base}/api/kki/__doku/__sandbox/checkout/${payment.id}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  expect((await control('kki', { cpan: sandbox.kkiTestCpan('bri'), ott: '271828' })).status).toBe(200);
  expect((await control('approve')).status).toBe(200);

  let view = payment;
  for (let i = 0; i < 100 && view.status !== 'succeeded' && view.status !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = (await (
      await fetch(`${base}/api/kki/payments/${payment.id}`, { headers: { cookie } })
    ).json()) as typeof view;
  }
  const order = (await (
    await fetch(`${base}/api/kki/orders/${orderId}`, { headers: { cookie } })
  ).json()) as {
    status: string;
    paidPaymentId: string | null;
  };
  return { payment: view, order };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kki-guides-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Next.js App Router guide (docs/guides/nextjs.md)', () => {
  let app: string;
  let server: ChildProcess | undefined;
  afterAll(() => stop(server));

  it('builds with next build, touching no database at build time', () => {
    app = join(work, 'nextjs');
    mkdirSync(app);
    writeApp(
      app,
      guideFiles('nextjs.md'),
      manifest(
        'guide-nextjs',
        pick('next', 'react', 'react-dom', '@tanstack/react-query', 'hono'),
        pick('typescript', '@types/node', '@types/react'),
      ),
    );
    // Strict, as many merchants' apps are (next build fills in the options it needs).
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          lib: ['dom', 'dom.iterable', 'esnext'],
          module: 'esnext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          noEmit: true,
          isolatedModules: true,
          plugins: [{ name: 'next' }],
        },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
        exclude: ['node_modules'],
      }),
    );
    install(app);
    // Nothing may create the BFF while building: it would fail on this database (nothing listens on
    // port 1) and on the missing session secret.
    const built = node(
      [join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
      app,
      appEnv({ DATABASE_URL: 'postgres://kki@127.0.0.1:1/unreachable' }),
    );
    expect(built.status, built.stdout + built.stderr).toBe(0);
    // The pages that read the session, and the route handler, run per request (ƒ), never at build.
    expect(built.stdout).toMatch(/ƒ \/checkout\/\[orderId\]/);
    expect(built.stdout).toMatch(/ƒ \/api\/kki\/\[\.\.\.path\]/);
    expect(built.stdout).toMatch(/Finished TypeScript/);
  }, 600_000);

  it('starts with next start; an order created by the page is paid through the route handler', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = await start(
      app,
      [join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
      appEnv({
        SESSION_SECRET: SECRET,
        DEMO_PASSWORD: PASSWORD,
        APP_URL: base,
        KKI_DOKU_ENV: 'offline',
        KKI_SANDBOX_CONTROL: '1',
      }),
      base,
    );
    server = started.child;
    const cookie = await signIn(base, '/api/login');

    // The shop page's form posts its Server Action as a browser without JavaScript does.
    const shop = await (await fetch(`${base}/shop`, { headers: { cookie } })).text();
    const action = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(shop)?.[1];
    expect(action, shop).toBeDefined();
    const form = new FormData();
    form.set(action as string, '');
    const bought = await fetch(`${base}/shop`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: form,
      redirect: 'manual',
    });
    expect(bought.status, started.output()).toBe(303);
    const orderId = /\/checkout\/(ord_[A-Za-z0-9]+)$/.exec(bought.headers.get('location') ?? '')?.[1];
    expect(orderId, bought.headers.get('location') ?? '').toBeDefined();

    // The Server Component reads the order from the same BFF, and renders the pay button.
    const page = await fetch(`${base}/checkout/${orderId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-order-status="open"');
    // KkiPayButton's first state on the server (it asks the BFF which KKI path is on in the browser).
    expect(html).toMatch(/class="kki-spinner" role="status"/);
    // Signed out, the page sends the customer to the login.
    expect((await fetch(`${base}/checkout/${orderId}`, { redirect: 'manual' })).status).toBe(307);

    const { payment, order } = await pay(app, base, cookie, orderId as string);
    expect(payment.status).toBe('succeeded');
    expect(order).toMatchObject({ status: 'paid', paidPaymentId: payment.id });
    // And the page sees it paid: one BFF for route handlers, Server Components and Server Actions.
    const after = await (await fetch(`${base}/checkout/${orderId}`, { headers: { cookie } })).text();
    expect(after).toContain('data-order-status="paid"');
  }, 180_000);
});

describe('the Express 5 and plain Node guide (docs/guides/express.md)', () => {
  let app: string;
  beforeAll(() => {
    app = join(work, 'express');
    mkdirSync(app);
    writeApp(
      app,
      guideFiles('express.md'),
      manifest(
        'guide-express',
        pick('hono', '@hono/node-server', 'express', 'cookie-parser'),
        pick('typescript', '@types/node', '@types/express', '@types/cookie-parser'),
      ),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          outDir: 'dist',
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    install(app);
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = node([tsc, '-p', 'tsconfig.json'], app, appEnv({}));
    expect(compiled.stdout + compiled.stderr).toBe('');
  }, 300_000);

  it.each([
    ['Express 5 (cookie-parser signed cookies)', 'server.js'],
    ['plain Node (createCustomerSession)', 'plain-server.js'],
  ])(
    '%s: signs in, creates an order and pays it through /api/kki',
    async (_name, entry) => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const started = await start(
        app,
        [join('dist', entry)],
        appEnv({
          SESSION_SECRET: SECRET,
          DEMO_PASSWORD: PASSWORD,
          APP_URL: base,
          KKI_SANDBOX_CONTROL: '1',
          PORT: String(port),
        }),
        base,
      );
      try {
        const cookie = await signIn(base, '/login');
        expect((await fetch(`${base}/orders`, { method: 'POST' })).status).toBe(401);
        const created = await fetch(`${base}/orders`, { method: 'POST', headers: { cookie } });
        expect(created.status).toBe(201);
        const { orderId } = (await created.json()) as { orderId: string };
        const { payment, order } = await pay(app, base, cookie, orderId);
        expect(payment.status).toBe('succeeded');
        expect(order).toMatchObject({ status: 'paid', paidPaymentId: payment.id });
      } finally {
        await stop(started.child);
      }
    },
    120_000,
  );

  it('refuses to start without the session secret, naming the option and not the value', () => {
    for (const [secret, problem] of [
      ['', 'customerSession.secret is required'],
      ['too-short-secret', 'customerSession.secret must be at least 32 characters'],
    ] as const) {
      const res = node([join('dist', 'server.js')], app, appEnv({ SESSION_SECRET: secret, PORT: '0' }));
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain('KkiBffConfigError');
      expect(res.stderr).toContain(problem);
      if (secret) expect(res.stderr).not.toContain(secret);
    }
  });
});
