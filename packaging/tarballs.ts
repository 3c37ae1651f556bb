// The kit as a user gets it: every package built (`pnpm build`) and packed (`pnpm pack`, which
// applies publishConfig and turns workspace: ranges into versions). global-setup.ts packs once per
// run; each test file installs the tarballs into apps of its own, outside the workspace.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES = ['contract', 'doku', 'doku-sandbox', 'bff', 'client', 'react'] as const;
export type PackageDir = (typeof PACKAGES)[number];
export type Tarballs = Record<PackageDir, string>;
const PNPM_VERSION = '10.34.9';

declare module 'vitest' {
  export interface ProvidedContext {
    kkiTarballs: Tarballs;
  }
}

export function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
}

/** pnpm 10 as a command and leading arguments: the one `npm test` put on PATH, else from the registry. */
export function pnpmCommand(cwd: string): [string, string[]] {
  const onPath = sh('pnpm', ['--version'], cwd);
  return onPath.status === 0 && onPath.stdout.startsWith('10.')
    ? ['pnpm', []]
    : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

/** Runs pnpm 10 (see {@link pnpmCommand}). */
export function pnpm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const [cmd, pre] = pnpmCommand(cwd);
  return sh(cmd, [...pre, ...args], cwd);
}

export function ok(res: SpawnSyncReturns<string>, what: string): string {
  if (res.status !== 0) throw new Error(`${what} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** Builds every package and packs it into `packs`: the tarball of each. */
export function packKit(packs: string): Tarballs {
  ok(pnpm(['build'], root), 'pnpm build');
  const tarballs = {} as Tarballs;
  for (const dir of PACKAGES) {
    const out = ok(pnpm(['pack', '--pack-destination', packs], join(root, 'packages', dir)), `pack ${dir}`);
    const tarball = out
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack printed no tarball for ${dir}:\n${out}`);
    tarballs[dir] = tarball;
  }
  return tarballs;
}

/** The tarballs global-setup.ts packed for this run. */
export function kitTarballs(): Tarballs {
  return inject('kkiTarballs');
}

/**
 * The `dependencies` naming the tarballs, and the pnpm overrides an app needs besides: the
 * tarballs name each other by version (0.1.0), which the registry does not have yet.
 */
export function kitDependencies(tarballs: Tarballs): {
  dependencies: Record<string, string>;
  overrides: Record<string, string>;
} {
  const entries = PACKAGES.map((d) => [`@kki-kit/${d}`, `file:${tarballs[d]}`] as const);
  return { dependencies: Object.fromEntries(entries), overrides: Object.fromEntries(entries) };
}
