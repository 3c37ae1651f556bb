// Builds the demo shop once and runs it as its own Node process (`server/main.ts`, as `npm start`
// does) on a free port with a fresh data directory, so every run starts with no orders or cards.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo app's directory. */
export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'demo');

/** Builds the shop's browser bundle (`pnpm --filter @kki-kit/demo build`; Vite directly without pnpm on PATH). */
export function buildDemo(): void {
  const root = resolve(DEMO_DIR, '..', '..');
  let res = spawnSync('pnpm', ['--filter', '@kki-kit/demo', 'build'], { cwd: root, stdio: 'inherit' });
  if (res.error) {
    // pnpm is on PATH under scripts/kki.mjs; a bare `vitest run` may not have it.
    res = spawnSync(join(DEMO_DIR, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: DEMO_DIR,
      stdio: 'inherit',
    });
  }
  if (res.status !== 0) throw new Error('the demo build failed');
}

/** A running demo process. */
export interface RunningDemo {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `tsx server/main.ts` with PORT=0, a temporary DEMO_DATA_DIR and `env` (e.g. the KKI path);
 * resolves with the printed URL.
 */
export async function startDemo(
  staffPassword: string,
  env: Readonly<Record<string, string>> = {},
): Promise<RunningDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kki-e2e-'));
  const child: ChildProcess = spawn(join(DEMO_DIR, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: DEMO_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA_DIR: dataDir,
      DEMO_STAFF_PASSWORD: staffPassword,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /kki-kit demo shop:\s+(http:\/\/\S+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolvePromise(found[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${output}`));
    });
  });
  // The BFF's warnings stay visible in the test output.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
