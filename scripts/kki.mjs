#!/usr/bin/env node
// The project's one entry point for a fresh machine: `npm test` and `npm start` both come here.
// Only Node built-ins are used, because nothing is installed yet when this runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const ci = process.env.CI === 'true' || process.env.CI === '1';

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  return res.status ?? 1;
}

function capture(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: process.env });
  return res.status === 0 ? res.stdout.trim() : '';
}

/** pnpm 10 from the npm registry, kept inside the project (corepack's signature check fails here). */
function ensurePnpm() {
  if (capture('pnpm', ['--version']).startsWith('10.')) return;
  const toolDir = join(root, '.tools');
  const bin = join(toolDir, 'node_modules', '.bin');
  if (!existsSync(join(bin, 'pnpm'))) {
    mkdirSync(toolDir, { recursive: true });
    console.log(`kki-kit: installing pnpm ${PNPM_VERSION} into .tools/`);
    const code = run('npm', [
      'install',
      '--prefix',
      toolDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      `pnpm@${PNPM_VERSION}`,
    ]);
    if (code !== 0) fail('could not install pnpm from the npm registry');
  }
  process.env.PATH = `${bin}:${process.env.PATH}`;
}

function fail(msg) {
  console.error(`kki-kit: ${msg}`);
  process.exit(1);
}

function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  const code = run('pnpm', ['install', ...frozen, '--reporter=append-only'], {
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
  });
  if (code !== 0) fail('pnpm install failed');
}

/** Runs a check that has no test count of its own; it counts as one test. */
function check(name, cmd, args) {
  console.log(`\n── ${name} ──`);
  const code = run(cmd, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

/** Runs vitest with a JSON report and reads the counts from it; `env` adds environment variables. */
function vitest(name, args, env = {}) {
  console.log(`\n── ${name} ──`);
  const out = join(root, 'node_modules', '.cache', `vitest-${name.replace(/\W+/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const code = run(
    'pnpm',
    ['exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { env: { ...process.env, ...env } },
  );
  if (!existsSync(out)) return { name, passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load has no tests but is still a failure.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  const failed =
    report.numFailedTests + brokenFiles + (code !== 0 && report.numFailedTests + brokenFiles === 0 ? 1 : 0);
  return { name, passed: report.numPassedTests, failed, failures: failuresOf(report) };
}

/**
 * The failed tests of a Vitest JSON report, one line each (file, test, the first line of its error):
 * the summary repeats them, so the last lines of a CI log name what failed.
 */
function failuresOf(report) {
  const lines = [];
  for (const file of report.testResults) {
    const where = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const failedTests = file.assertionResults.filter((a) => a.status === 'failed');
    if (file.status === 'failed' && failedTests.length === 0) {
      lines.push(`${where}: ${firstLine(file.message)}`);
    }
    for (const a of failedTests) {
      lines.push(`${where} > ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    }
  }
  return lines;
}

function firstLine(text) {
  const lines = stripVTControlCharacters(String(text ?? '')).split('\n');
  return (lines.find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);
}

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium for the browser suites; test tools cannot download their own browser here. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  console.log('kki-kit: installing Debian chromium for the browser tests');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const args = sudo.length ? [...pre, 'apt-get'] : pre;
  if (run(cmd, [...args, 'update', '-qq'], { env }) !== 0) return false;
  if (run(cmd, [...args, 'install', '-y', '-qq', 'chromium'], { env }) !== 0) return false;
  return existsSync(CHROMIUM);
}

/** True when something accepts TCP connections on host:port within a second. */
function reachable(host, port) {
  const probe = `const s=require('net').connect(${port},'${host}');s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1000);`;
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
}

function suites() {
  // CI machines run PostgreSQL locally: the store's tests then run on it as well as on PGlite.
  if (ci && !process.env.TEST_DATABASE_URL && reachable('127.0.0.1', 5432)) {
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
  }
  const results = [];
  results.push(check('lint (biome)', 'pnpm', ['exec', 'biome', 'ci', '--colors=off', '.']));
  results.push(check('typecheck', 'node', ['scripts/typecheck.mjs']));
  results.push(vitest('unit and integration', []));
  // The BFF once more against a sandbox that answers only with fields DOKU documents (no 409 body,
  // no additionalInfo.status, no outcome codes in notifications): nothing invented is relied upon.
  // (The conformance run against the offline sandbox, and DOKU's own SDK against it, are in the unit suite.)
  // The store's own suites and the source-layout checks talk to no sandbox: they would only run again
  // (the globs are relative to the package, Vitest's project root).
  results.push(
    vitest(
      'bff against SANDBOX_MINIMAL=1',
      [
        'packages/bff/test',
        '--exclude=test/store*.test.ts',
        '--exclude=test/layers.test.ts',
        '--exclude=test/webhook-snippets.test.ts',
      ],
      { SANDBOX_MINIMAL: '1' },
    ),
  );
  // The packages as users get them: built, packed, installed into a fresh app, run, rendered, bundled, type-checked.
  results.push(vitest('packaging', ['--config', 'packaging/vitest.config.ts']));
  // A size check against bench/size-budget.json (esbuild + gzip), not a timing: the benchmarks stay out of the tests.
  results.push(check('bundle size budget', 'pnpm', ['--filter', '@kki-kit/bench', 'size:check']));
  if (ensureChromium()) {
    results.push(vitest('browser (chromium)', ['--config', 'vitest.browser.config.ts']));
  } else {
    console.error(`kki-kit: no Chromium at ${CHROMIUM} and it could not be installed (apt-get chromium)`);
    results.push({ name: 'browser (chromium)', passed: 0, failed: 1 });
  }
  // Storybook: the static build must succeed, and every story runs as a test in Chromium (play functions enforced).
  // CI=true keeps Storybook non-interactive (no prompts, no telemetry notice).
  results.push(
    check('storybook build', 'env', [
      'CI=true',
      'pnpm',
      'exec',
      'storybook',
      'build',
      '-o',
      'storybook-static',
      '--quiet',
    ]),
  );
  // The built index: every code each DOKU flow can return has a story named by its codes, and the docs pages exist.
  results.push(vitest('storybook index', ['--config', 'vitest.storybook-index.config.ts']));
  if (existsSync(CHROMIUM)) {
    results.push(vitest('stories (chromium)', ['--config', 'vitest.storybook.config.ts']));
  } else {
    results.push({ name: 'stories (chromium)', passed: 0, failed: 1 });
  }
  // Reliability (after the Storybook build, whose output it scans for secrets): fault soak, crash,
  // fuzzing and secrets; prints payments, faults injected and mismatches.
  results.push(vitest('reliability', ['--config', 'bench/reliability/vitest.config.ts']));
  return results;
}

const [command = 'test'] = process.argv.slice(2);
// Check the command before installing anything, so a typo changes nothing on the machine.
if (!['test', 'demo', 'setup'].includes(command)) {
  console.log('usage: node scripts/kki.mjs [test|demo|setup]  (npm test, npm start)');
  process.exit(command === '--help' || command === '-h' ? 0 : 1);
}
ensurePnpm();
install();

if (command === 'test') {
  const results = suites();
  let passed = 0;
  let failed = 0;
  console.log('\n── summary ──');
  for (const r of results) {
    console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
    for (const line of r.failures ?? []) console.log(`  ✗ ${line}`);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
} else if (command === 'setup') {
  console.log('kki-kit: dependencies installed');
} else {
  // `demo` (the usage check above let nothing else through). `npm start`: build the demo shop, then
  // run its server (it prints the URL to open; PORT overrides 5173).
  if (run('pnpm', ['--filter', '@kki-kit/demo', 'build']) !== 0) fail('the demo did not build');
  process.exit(run(process.execPath, ['--import', 'tsx', 'apps/demo/server/main.ts']));
}
