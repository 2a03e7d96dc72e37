#!/usr/bin/env node
// Measures the project's figures against its budgets and prints one table; exits 1 when a budget is missed.
// Figures are also written to bench-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const rows = [];
const add = (area, what, value, unit, budget, ok) => rows.push({ area, what, value, unit, budget, verdict: ok === undefined ? '' : ok ? 'ok' : 'OVER' });
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// Build time, from clean, as a reader of the README would run it.
const start = performance.now();
const build = spawnSync('npx', ['astro', 'build'], { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
const buildSeconds = (performance.now() - start) / 1000;
if (build.status !== 0 || !existsSync(DIST)) {
  console.error('astro build failed; nothing to measure');
  process.exit(1);
}
add('build', 'npm run build (2 cores)', Math.round(buildSeconds * 10) / 10, 's', '≤ 30', buildSeconds <= 30);

/** Files a page loads on first visit: its HTML, stylesheets, scripts and their static imports. */
function pageAssets(pagePath) {
  const html = readFileSync(join(DIST, pagePath, 'index.html'));
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const js = new Set();
  const queue = [...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  while (queue.length) {
    const src = queue.shift();
    if (js.has(src)) continue;
    js.add(src);
    const code = readFileSync(join(DIST, src), 'utf8');
    // Static imports only; dynamic import() loads on demand and is not part of the first visit.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+)["']/g)) {
      queue.push(new URL(m[1], `http://x${src}`).pathname);
    }
  }
  const sum = (files) => files.reduce((acc, f) => {
    const buf = readFileSync(join(DIST, f));
    return { raw: acc.raw + buf.length, gzip: acc.gzip + gz(buf) };
  }, { raw: 0, gzip: 0 });
  return { html: { raw: html.length, gzip: gz(html) }, css: sum(css), js: sum([...js]), jsFiles: [...js] };
}

const firstThreat = (() => {
  const m = readFileSync(join(DIST, 'threats/index.html'), 'utf8').match(/href="(\/threats\/[a-z0-9-]+\/)"/);
  return m ? m[1] : undefined;
})();
const pageTypes = [
  ['home', '/'],
  ['model page', '/docker/'],
  ['model page', '/kubernetes/'],
  ['threat page', firstThreat],
  ['threats table', '/threats/'],
  ['about', '/about/'],
].filter(([, p]) => p && existsSync(join(DIST, p, 'index.html')));

const budget = 40;
const figures = [];
for (const [type, path] of pageTypes) {
  const a = pageAssets(path);
  const total = a.html.gzip + a.css.gzip + a.js.gzip;
  figures.push({ type, path, ...a });
  add('page weight', `${type} ${path}: HTML ${kb(a.html.gzip)} + CSS ${kb(a.css.gzip)} + JS ${kb(a.js.gzip)} KB gzip`, kb(total), 'KB gzip', `≤ ${budget}`, kb(total) <= budget);
  const diagramJs = a.jsFiles.filter((f) => /mermaid/i.test(readFileSync(join(DIST, f), 'utf8'))).length;
  if (type === 'model page') add('diagrams', `diagram JavaScript on ${path}`, diagramJs, 'files', '0', diagramJs === 0);
}

const width = (k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
const cols = ['area', 'what', 'value', 'unit', 'budget', 'verdict'];
const line = (r) => `| ${cols.map((c) => String(r[c]).padEnd(width(c))).join(' | ')} |`;
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(`|${cols.map((c) => '-'.repeat(width(c) + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
writeFileSync('bench-results.json', JSON.stringify({ measuredAt: new Date().toISOString(), rows, pages: figures }, null, 2));
const missed = rows.filter((r) => r.verdict === 'OVER');
if (missed.length) {
  console.error(`\n${missed.length} budget(s) missed`);
  process.exit(1);
}
