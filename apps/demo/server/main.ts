// `pnpm start` (and the root `npm start`): builds the shop when dist/ is missing or older than its
// sources, starts the demo server and prints the URL to open. PORT, HOST,
// DEMO_STAFF_PASSWORD and DEMO_DATA_DIR override the defaults.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KkiLogLine } from '@kki-kit/bff';
import { DEFAULT_STAFF_PASSWORD, startDemoServer } from './app.js';
import { logSafe } from './log-safe.js';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = join(appDir, 'dist', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  return newestMtime(join(appDir, 'src')) > built || statSync(join(appDir, 'index.html')).mtimeMs > built;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`kki-kit demo: ${name} must be a port number`);
    process.exit(1);
  }
  return value;
}

if (needsBuild()) {
  console.log('kki-kit demo: building the shop…');
  const vite = join(appDir, 'node_modules', '.bin', 'vite');
  const res = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: appDir, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('kki-kit demo: vite build failed');
    process.exit(1);
  }
}

// The BFF's own lines are JSON for log shippers; the demo prints only warnings and errors, briefly.
const logger = (line: KkiLogLine) => {
  if (line.level === 'warn' || line.level === 'error')
    console.error(`[bff ${line.level}] ${logSafe(line.msg)}`);
};

const staffPassword = process.env.DEMO_STAFF_PASSWORD || DEFAULT_STAFF_PASSWORD;
startDemoServer({
  port: port('PORT', 5173),
  host: process.env.HOST || '127.0.0.1',
  dataDir: resolve(process.env.DEMO_DATA_DIR || join(appDir, '.data')),
  staticDir: join(appDir, 'dist'),
  staffPassword,
  logger,
}).then(
  (demo) => {
    console.log(`\n  kki-kit demo shop:   ${demo.url}`);
    console.log(
      `  staff password:      ${staffPassword === DEFAULT_STAFF_PASSWORD ? staffPassword : '(DEMO_STAFF_PASSWORD)'}\n`,
    );
    const stop = () => void demo.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`kki-kit demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
