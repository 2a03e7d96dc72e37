#!/usr/bin/env node
// Runs every suite (lint, format check, type check, unit/component/corpus, build, reproducible
// build, build under a sub-path, page weight, browser) and prints one "N passed, N failed" line. A
// skipped test counts as failed: skipping hides a missing tool.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pageWeightChecks } from './page-weight.mjs';

const results = [];
const run = (cmd, args, env = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  return r.status === 0;
};
const record = (suite, passed, failed) => {
  results.push({ suite, passed, failed });
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
};
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

/** Every file under dir, as paths relative to it. */
const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());

/** The files that are missing from one tree or differ in a byte between two. */
const differingFiles = (a, b) => {
  const inA = new Set(filesUnder(a));
  const inB = new Set(filesUnder(b));
  const differing = [...inB].filter((f) => !inA.has(f));
  for (const f of inA)
    if (!inB.has(f) || !readFileSync(join(a, f)).equals(readFileSync(join(b, f))))
      differing.push(f);
  return differing.sort();
};

mkdirSync('test-results', { recursive: true });

// Type-aware lint rules need the astro:content types that sync generates.
const linted = run('npx', ['astro', 'sync']) && run('npx', ['eslint', '.']);
record('lint', linted ? 1 : 0, linted ? 0 : 1);

const formatted = run('npx', ['prettier', '--check', '.']);
record('format check', formatted ? 1 : 0, formatted ? 0 : 1);

const checked = run('npx', ['astro', 'check']);
record('astro check', checked ? 1 : 0, checked ? 0 : 1);

rmSync('test-results/unit.json', { force: true });
const unitOk = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
if (unit) {
  const skipped = unit.numPendingTests + unit.numTodoTests;
  record(
    'unit, component and corpus tests',
    unit.numPassedTests,
    unit.numFailedTests + skipped + (unitOk || unit.numFailedTests ? 0 : 1)
  );
} else record('unit, component and corpus tests', 0, 1);

const built = run('npx', ['astro', 'build']);
record('astro build', built ? 1 : 0, built ? 0 : 1);

// A second build of the same sources, its content loaded afresh, must give the same bytes.
if (built) {
  const REBUILD = 'dist-rebuild';
  rmSync(REBUILD, { recursive: true, force: true });
  const differing = run('npx', ['astro', 'build', '--force', '--outDir', REBUILD])
    ? differingFiles('dist', REBUILD)
    : ['(the second build failed)'];
  if (differing.length === 0) rmSync(REBUILD, { recursive: true, force: true });
  else console.log(`Files that differ between dist/ and ${REBUILD}/:\n  ${differing.join('\n  ')}`);
  record('reproducible build', differing.length === 0 ? 1 : 0, differing.length === 0 ? 0 : 1);
} else record('reproducible build (not run: the build failed)', 0, 1);

// The browser tests also serve the site from a folder of the host (test/e2e/subpath.spec.ts).
rmSync('dist-sub', { recursive: true, force: true });
const subBuilt =
  built && run('npx', ['astro', 'build', '--outDir', 'dist-sub'], { BASE_PATH: '/sub/' });
record('astro build under /sub/', subBuilt ? 1 : 0, subBuilt ? 0 : 1);

if (built) {
  // Page weight: one check per budget, measured on the build just made.
  console.log('\n$ page weight budgets (dist/)');
  const weights = pageWeightChecks('dist');
  for (const w of weights)
    console.log(`  ${w.ok ? 'ok  ' : 'OVER'} ${w.what}: ${w.value} KB gzip (budget ${w.budget})`);
  const over = weights.filter((w) => !w.ok).length;
  record('page weight budgets', weights.length - over, over + (weights.length === 0 ? 1 : 0));
} else {
  record('page weight budgets (not measured: the build failed)', 0, 1);
}

if (built) {
  rmSync('test-results/e2e.json', { force: true });
  const e2eOk = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json',
  });
  const e2e = readJson('test-results/e2e.json');
  if (e2e?.stats) {
    const { expected, unexpected, flaky, skipped } = e2e.stats;
    record('browser tests', expected, unexpected + flaky + skipped + (e2eOk || unexpected ? 0 : 1));
  } else record('browser tests', 0, 1);
} else {
  record('browser tests (not run: the build failed)', 0, 1);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('');
for (const r of results) console.log(`  ${r.suite}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && existsSync('dist') ? 0 : 1);
