// The search rows of npm run bench: the index as shipped and a synthetic corpus of ten times as many
// records, measured in Node (bytes a first query reads, query latency) and in Chromium against nginx
// (bytes fetched for a first query, keystroke to results shown).
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadTs } from './load-ts.mjs';

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const gz = (text) => gzipSync(text, { level: 9 }).length;
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/** What a reader types first, in the browser runs. */
const FIRST_QUERIES = [
  'etcd',
  '5.10',
  'CAP_NET_RAW',
  'privesc',
  'docker.sock',
  'why is privileged bad',
  '"docker inspect" requires at least 1 argument',
];
/** First queries longer than this are pasted rather than typed. */
const PASTED = 24;
/** Typed key by key for keystroke-to-results. */
const TYPED = ['etcd', 'kubelet 10250', 'CAP_NET_RAW', 'privesc', 'docker.sock', '5.10 memory'];

/**
 * Ten times the records: nine copies of each under new URLs, a third of the longer words of each
 * copy spelt as words no other copy has, so the vocabulary grows as it would with new content.
 */
export function syntheticRecords(records, factor) {
  const out = [...records];
  for (let k = 1; k < factor; k++) {
    const suffix = `${'abcdefghijklmnopqrstuvwxyz'[k % 26]}q`;
    const vary = (text) =>
      text.replace(/[a-z]{5,}/gi, (w) => (hash(`${w}${k}`) % 3 === 0 ? `${w}${suffix}` : w));
    for (const r of records) {
      out.push({
        ...r,
        url: `/synthetic-${k}${r.url}`,
        ...(r.parent ? { parent: `/synthetic-${k}${r.parent}` } : {}),
        title: vary(r.title),
        keywords: vary(r.keywords),
        text: vary(r.text),
        excerpt: vary(r.excerpt),
      });
    }
  }
  return out;
}

function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Builds the 10× corpus's index files from this checkout's content. */
async function syntheticFiles(root, factor) {
  const m = await loadTs(root, [
    'src/lib/search/node.ts',
    'src/lib/search/records.ts',
    'src/lib/search/build.ts',
  ]);
  const source = m.loadSearchSource(root);
  const records = syntheticRecords(m.buildRecords(source), factor);
  return { files: m.buildSearchFiles(records, m.checkSetInfos(source.checkSets)), records };
}

/** The index files of a built site, by path. */
function shippedFiles(dir) {
  const files = new Map();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    if (name.endsWith('.json')) files.set(name, readFileSync(join(dir, name), 'utf8'));
  return files;
}

/** Node rows: size, bytes a first query reads (index data, gzip), and query latency with warm shards. */
async function nodeRows(add, root, label, files, documents) {
  const { SearchEngine, search, memoryLoader, TABLE } = await loadTs(root, [
    'src/lib/search/query.ts',
    'src/lib/search/node.ts',
    'test/unit/search/query-table.ts',
  ]);
  const sizes = new Map([...files].map(([n, t]) => [n, gz(t)]));
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  add(
    'search',
    `${label}: ${documents} records, ${files.size} files, all of them`,
    kb(total),
    'KB gzip',
    '',
    undefined
  );
  add(
    'search',
    `${label}: manifest`,
    kb(sizes.get('manifest.json') ?? 0),
    'KB gzip',
    '',
    undefined
  );
  const reads = [];
  for (const c of TABLE) {
    const read = new Set();
    const engine = await SearchEngine.open(memoryLoader(files, (n) => read.add(n)));
    await search(engine, c.query, {}, c.context ? { context: c.context } : {});
    reads.push([...read].reduce((sum, n) => sum + (sizes.get(n) ?? 0), 0));
  }
  add(
    'search',
    `${label}: index data a first query reads, median (${TABLE.length} reader queries)`,
    kb(pct(reads, 50)),
    'KB gzip',
    '',
    undefined
  );
  add(
    'search',
    `${label}: index data a first query reads, largest`,
    kb(Math.max(...reads)),
    'KB gzip',
    '',
    undefined
  );
  // Latency with every file loaded, as after the first few queries: the ranking, not the network.
  const engine = await SearchEngine.open(memoryLoader(files));
  for (const c of TABLE) await search(engine, c.query, {}, c.context ? { context: c.context } : {});
  // The budget holds the processor time a query takes: on a machine busier than its cores, the wall
  // time of one in twenty queries also holds a wait for a core, which the wall-time row shows.
  const times = [];
  const cpuTimes = [];
  for (let round = 0; round < 20; round++) {
    for (const c of TABLE) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await search(engine, c.query, {}, c.context ? { context: c.context } : {});
      const used = process.cpuUsage(cpu);
      times.push(performance.now() - t);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  const ms = (x) => Math.round(x * 100) / 100;
  add(
    'search',
    `${label}: query latency in Node p50 (${TABLE.length} reader queries x 20), wall time`,
    ms(pct(times, 50)),
    'ms',
    '',
    undefined
  );
  add(
    'search',
    `${label}: query latency in Node p95, wall time`,
    ms(pct(times, 95)),
    'ms',
    '',
    undefined
  );
  add(
    'search',
    `${label}: query latency in Node p95, processor time`,
    ms(pct(cpuTimes, 95)),
    'ms',
    '≤ 2',
    pct(cpuTimes, 95) <= 2
  );
}

/** Bytes fetched from pressing / to the results of a first query, in a fresh browser, over the wire. */
async function firstQueryBytes(browser, origin) {
  const out = [];
  for (const q of FIRST_QUERIES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForLoadState('networkidle');
    const requests = [];
    page.on('requestfinished', (r) => requests.push(r));
    await page.keyboard.press('/');
    // Words are typed; a line copied from a run is pasted whole.
    const input = page.locator('#search-dialog-input');
    if (q.length <= PASTED) await input.pressSequentially(q, { delay: 60 });
    else await input.fill(q);
    await page.locator('#search-dialog-results [role="option"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    for (const r of requests) bytes += (await r.sizes()).responseBodySize;
    out.push({ q, bytes });
    await context.close();
  }
  return out;
}

/** Keystroke to results shown, p95 over the keystrokes of a few typed queries. */
async function keystrokeP95(browser, origin) {
  const page = await browser.newPage();
  await page.goto(`${origin}/docker/`);
  await page.keyboard.press('/');
  await page.locator('#search-dialog-input').waitFor();
  await page.evaluate(() => {
    const list = document.querySelector('#search-dialog-results');
    const status = document.querySelector('#search-dialog-status');
    window.__keyLatency = [];
    let pressed;
    document.addEventListener('keydown', () => (pressed = performance.now()), true);
    const done = () => {
      if (pressed === undefined) return;
      const t = pressed;
      pressed = undefined;
      requestAnimationFrame(() => window.__keyLatency.push(performance.now() - t));
    };
    new MutationObserver(done).observe(list, { childList: true, subtree: true, attributes: true });
    new MutationObserver(done).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.locator('#search-dialog-input').pressSequentially('e', { delay: 200 });
  await page.waitForTimeout(500);
  await page.evaluate(() => (window.__keyLatency = []));
  for (const q of TYPED) {
    await page.locator('#search-dialog-input').fill('');
    await page.locator('#search-dialog-input').pressSequentially(q, { delay: 120 });
  }
  await page.waitForTimeout(300);
  const latencies = await page.evaluate(() => window.__keyLatency);
  await page.close();
  return { p95: latencies.length ? pct(latencies, 95) : Infinity, count: latencies.length };
}

/**
 * Adds the search rows. `browser` and `serve(dist, n) → { origin, stop }` (n picks one of two ports)
 * are given when Chromium and nginx are there; the Node rows need neither.
 */
export async function benchSearch({ add, root, dist, browser, serve }) {
  const factor = 10;
  const shipped = shippedFiles(join(dist, 'search-index'));
  const manifest = JSON.parse(shipped.get('manifest.json'));
  const today = `today`;
  await nodeRows(add, root, today, shipped, manifest.docs.length / 4);
  const synthetic = await syntheticFiles(root, factor);
  const tenfold = `${factor}x corpus`;
  await nodeRows(add, root, tenfold, synthetic.files, synthetic.records.length);
  if (!browser || !serve) return;

  // The 10x corpus served in a copy of the site, with its pre-compressed files as the build makes them.
  const copy = mkdtempSync(join(tmpdir(), 'stride-bench-search-'));
  // nginx's workers may run as another user than the one that made the folder.
  chmodSync(copy, 0o755);
  try {
    const shippedIndex = join(dist, 'search-index');
    cpSync(dist, copy, { recursive: true, filter: (src) => !src.startsWith(shippedIndex) });
    const dir = join(copy, 'search-index');
    mkdirSync(dir);
    for (const [name, text] of synthetic.files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, `${name}.gz`), gzipSync(text, { level: 9 }));
    }
    for (const [label, site, port] of [
      [today, dist, 0],
      [tenfold, copy, 1],
    ]) {
      const server = await serve(site, port);
      try {
        const bytes = await firstQueryBytes(browser, server.origin);
        const worst = bytes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
        const budget = label === today ? 40 : 80;
        add(
          'search',
          `${label}: bytes fetched for a first query in Chromium via nginx, JS and index, largest of ${bytes.length} ("${worst.q}")`,
          kb(worst.bytes),
          'KB gzip',
          `≤ ${budget}`,
          kb(worst.bytes) <= budget
        );
        const keys = await keystrokeP95(browser, server.origin);
        add(
          'search',
          `${label}: keystroke to results shown in Chromium, p95 over ${keys.count} keystrokes`,
          Math.round(keys.p95),
          'ms',
          '≤ 50',
          keys.p95 <= 50
        );
      } finally {
        server.stop();
      }
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
