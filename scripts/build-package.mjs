#!/usr/bin/env node
// Builds the package in the current directory for publishing: a clean dist/ from tsconfig.build.json
// (ESM + .d.ts + maps), then the non-TypeScript assets of src/ (stylesheets) copied beside the JS.
// Each publishable package's `build` script runs this; package.json's publishConfig points at dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const pkgDir = process.cwd();
rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
const tsc = createRequire(join(pkgDir, 'package.json')).resolve('typescript/bin/tsc');
const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: pkgDir,
  stdio: 'inherit',
});
if (res.status !== 0) process.exit(res.status ?? 1);

const ASSETS = /\.css$/;
for (const entry of readdirSync(join(pkgDir, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !ASSETS.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(pkgDir, 'dist', relative(join(pkgDir, 'src'), from)));
}
