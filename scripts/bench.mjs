#!/usr/bin/env node
// Measures the project's figures against its budgets and prints one table; exits 1 when a budget is missed.
// Figures are also written to bench-results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTs } from './load-ts.mjs';
import { pageTypes, pageWeightChecks } from './page-weight.mjs';
import { NGINX, startNginx } from './nginx-server.mjs';
import { courseJourney } from './worksheet-journey.mjs';
import { benchSearch } from './search-bench.mjs';
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const DIST = 'dist';
const rows = [];
const add = (area, what, value, unit, budget, ok) =>
  rows.push({
    area,
    what,
    value,
    unit,
    budget,
    verdict: ok === undefined ? '' : ok ? 'ok' : 'OVER',
  });

// Build time, from clean, as a reader of the README would run it.
const start = performance.now();
const build = spawnSync('npx', ['astro', 'build'], {
  stdio: 'ignore',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
const buildSeconds = (performance.now() - start) / 1000;
if (build.status !== 0 || !existsSync(DIST)) {
  console.error('astro build failed; nothing to measure');
  process.exit(1);
}
add(
  'build',
  'npm run build (2 cores)',
  Math.round(buildSeconds * 10) / 10,
  's',
  '≤ 30',
  buildSeconds <= 30
);

const pageOfType = (type) => pageTypes(DIST).find(([t]) => t === type)?.[1];
const firstThreat = pageOfType('threat page');
const firstCheck = pageOfType('check page');

const figures = [];
for (const check of pageWeightChecks(DIST)) {
  const { type, path, assets } = check;
  if (!figures.some((f) => f.path === path)) figures.push({ type, path, ...assets });
  add('page weight', check.what, check.value, 'KB gzip', `≤ ${check.budget}`, check.ok);
  const diagramJs = assets.jsFiles.filter((f) =>
    /mermaid/i.test(readFileSync(join(DIST, f), 'utf8'))
  ).length;
  if (type === 'model page')
    add('diagrams', `diagram JavaScript on ${path}`, diagramJs, 'files', '0', diagramJs === 0);
}

// Parsing throughput: real outputs scaled up to 10 MB, median of several runs.
const shared = process.env.STRIDE_SHARED ?? join('..', 'shared');
const fixtures = join(shared, 'fixtures');
const TARGET = 10 * 1024 * 1024;
const read = (f) => readFileSync(join(fixtures, f), 'utf8');
const repeat = (text) => text.repeat(Math.ceil(TARGET / Buffer.byteLength(text)));
if (existsSync(fixtures)) {
  const { parseBenchRun } = await loadTs(process.cwd(), ['src/lib/bench/index.ts']);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // One warm-up parse, then the median of five.
  const parseMs = (text) => {
    parseBenchRun(text);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      parseBenchRun(text);
      times.push(performance.now() - t);
    }
    return median(times);
  };
  const throughput = (text) => {
    const bytes = Buffer.byteLength(text);
    return { mbps: bytes / 1024 / 1024 / (parseMs(text) / 1000), bytes };
  };

  // One run whose result lines repeat: every line is a finding, the heaviest case.
  const singleRun = (text) => {
    const lines = text.split('\n');
    const a = lines.findIndex((l) => /Section A/.test(l));
    const c = lines.findIndex((l) => /Section C/.test(l));
    const body = lines.slice(a + 1, c).join('\n');
    const times = Math.ceil(TARGET / Buffer.byteLength(body));
    return [...lines.slice(0, a + 1), ...Array(times).fill(body), ...lines.slice(c)].join('\n');
  };
  const cases = [
    [
      'docker-bench-security text, one run, result lines repeated',
      () => singleRun(read('docker-bench/repo-danielambda-DevSecOps-Intro-v1.6.0-2026-ansi.txt')),
      50,
    ],
    [
      'docker-bench-security text, whole runs appended',
      () => repeat(read('docker-bench/repo-danielambda-DevSecOps-Intro-v1.6.0-2026-ansi.txt')),
      50,
    ],
    [
      'aquasecurity/docker-bench text, whole runs appended',
      () =>
        repeat(
          read(
            'aquasec-docker-bench/uweTelco-nd064-c3-microservices-security-project-starter-before-hardening.txt'
          )
        ),
      50,
    ],
    [
      'docker-bench-security JSON, whole logs appended',
      () => repeat(read('docker-bench/synthetic-v1.6.1-with-p.log.json')),
      undefined,
    ],
    [
      'kube-bench text (cis-1.20, all node types), whole runs appended',
      () => repeat(read('kube-bench/text-cis-1.20-kind-kube-bench-ci.txt')),
      undefined,
    ],
    [
      'kube-bench JSON, whole runs appended',
      () => repeat(read('kube-bench/json-cis-1.20-node-pretty-sorted-oakleysecurity.json')),
      undefined,
    ],
  ];
  for (const [what, make, budget] of cases) {
    const { mbps, bytes } = throughput(make());
    const value = Math.round(mbps);
    add(
      'parsing',
      `${what} (${(bytes / 1024 / 1024).toFixed(1)} MB)`,
      value,
      'MB/s',
      budget ? `≥ ${budget}` : '',
      budget ? value >= budget : undefined
    );
  }
  // Compliance reports are read whole, as one document: the time for one real report, median of 5.
  const reports = [
    [
      'kubescape JSON, cis-v1.23-t1.0.1 and allcontrols',
      'trivy-kubescape/kubescape-v3.0.1-json_cis-v1.23-t1.0.1+allcontrols_petskratt-k3d.json',
    ],
    [
      'Trivy --report all JSON, k8s-cis-1.23',
      'trivy-kubescape/trivy-k8s-cis-1.23-all-json_chilcano-microk8s.json',
    ],
    [
      'trivy-operator ClusterComplianceReport JSON',
      'trivy-kubescape/trivy-operator-clustercompliancereport-summary_chilcano-microk8s.json',
    ],
  ];
  for (const [what, file] of reports) {
    const text = read(file);
    const ms = parseMs(text);
    add(
      'parsing',
      `${what} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB), one report`,
      Math.round(ms * 10) / 10,
      'ms',
      '≤ 100',
      ms <= 100
    );
  }
} else {
  add('parsing', `no benchmark outputs at ${fixtures}; set STRIDE_SHARED`, 0, '', '', false);
}
if (!(existsSync(NGINX) && existsSync(CHROMIUM) && existsSync(fixtures)))
  await benchSearch({ add, root: process.cwd(), dist: DIST });

// Inputs shaped to make the readers slow (test/unit/bench/adversarial.ts, one or more per pattern), at
// 200 KB and at 1.6 MB: the fastest of 5 runs each, in Node.
{
  const { parseBenchRun } = await loadTs(process.cwd(), ['src/lib/bench/index.ts']);
  const { ADVERSARIAL_SHAPES } = await loadTs(process.cwd(), ['test/unit/bench/adversarial.ts']);
  const fastest = (text) => {
    parseBenchRun(text);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      parseBenchRun(text);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  for (const shape of ADVERSARIAL_SHAPES) {
    const small = shape.make(8);
    const large = shape.make(64);
    const ms = fastest(small);
    const largeMs = fastest(large);
    add(
      'parsing',
      `adversarial input "${shape.name}": ${Math.round(Buffer.byteLength(small) / 1024)} KB (${Math.round(Buffer.byteLength(large) / 1024)} KB: ${Math.round(largeMs)} ms)`,
      Math.round(ms * 10) / 10,
      'ms',
      '≤ 100',
      ms <= 100
    );
  }
}

// In Chromium: paste to findings shown on the worksheet, the longest main-thread task while a 10 MB paste is
// parsed, and the search rows (bytes of a first query, keystroke to results shown).
if (existsSync(NGINX) && existsSync(CHROMIUM) && existsSync(fixtures)) {
  const { chromium } = await import('playwright-core');
  const server = await startNginx({ port: Number(process.env.BENCH_PORT ?? 4390) + 1, dist: DIST });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const pasteToFindings = async (text) => {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/worksheet/`);
      await page.waitForLoadState('networkidle');
      // The clipboard contents exist before the paste, as they do when a person pastes.
      await page.evaluate((run) => {
        window.__clipboard = new DataTransfer();
        window.__clipboard.setData('text/plain', run);
      }, text);
      await page.waitForTimeout(200);
      const result = await page.evaluate(async () => {
        const tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push(e.duration);
        }).observe({ type: 'longtask' });
        const box = document.querySelector('#run-input-text');
        const t0 = performance.now();
        const pasted = box.dispatchEvent(
          new ClipboardEvent('paste', {
            clipboardData: window.__clipboard,
            cancelable: true,
            bubbles: true,
          })
        );
        if (pasted) {
          box.value = window.__clipboard.getData('text/plain');
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await new Promise((resolve) => {
          const seen = () =>
            document.querySelector('finding-list input[type=checkbox]')
              ? resolve()
              : requestAnimationFrame(seen);
          seen();
        });
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        const ms = performance.now() - t0;
        await new Promise((r) => setTimeout(r, 300));
        return { ms, longest: Math.max(0, ...tasks), tasks };
      });
      await page.close();
      return result;
    };
    const real = read('docker-bench/repo-danielambda-DevSecOps-Intro-v1.6.0-2026-ansi.txt');
    const times = [];
    for (let i = 0; i < 5; i++) times.push((await pasteToFindings(real)).ms);
    const realMs = Math.round(times.sort((a, b) => a - b)[2]);
    add(
      'worksheet',
      `paste to findings shown, real ${Math.round(Buffer.byteLength(real) / 1024)} KB docker-bench-security run (median of 5)`,
      realMs,
      'ms',
      '≤ 100',
      realMs <= 100
    );
    const kube = read('kube-bench/text-cis-1.20-kind-kube-bench-ci.txt');
    const kubeTimes = [];
    for (let i = 0; i < 5; i++) kubeTimes.push((await pasteToFindings(kube)).ms);
    const kubeMs = Math.round(kubeTimes.sort((a, b) => a - b)[2]);
    add(
      'worksheet',
      `paste to findings shown, real ${Math.round(Buffer.byteLength(kube) / 1024)} KB kube-bench run, Kubernetes data fetched meanwhile (median of 5)`,
      kubeMs,
      'ms',
      '≤ 100',
      kubeMs <= 100
    );
    const big = await pasteToFindings(repeat(real));
    add(
      'worksheet',
      'paste to findings shown, 10 MB paste',
      Math.round(big.ms),
      'ms',
      '',
      undefined
    );
    add(
      'worksheet',
      'longest main-thread task while the 10 MB paste is parsed',
      Math.round(big.longest),
      'ms',
      '≤ 200',
      big.longest <= 200
    );

    // The findings list under the most it has to show: some 180,000 failed findings of one check.
    const { singleFindingRun } = await loadTs(process.cwd(), [
      'test/fixtures/single-finding-run.ts',
    ]);
    const single = singleFindingRun(shared);
    const one = await pasteToFindings(single.text);
    add(
      'worksheet',
      `paste to findings shown, 10 MB run of one repeated failed finding (${single.findings} findings)`,
      Math.round(one.ms),
      'ms',
      '',
      undefined
    );
    add(
      'worksheet',
      'longest main-thread task while that run is parsed and shown',
      Math.round(one.longest),
      'ms',
      '≤ 200',
      one.longest <= 200
    );

    // The page at the end of the course journey, on a laptop and on a phone, against its height before the
    // worksheet was shortened (measured with the same journey).
    const HEIGHT_BEFORE = { 1280: 17240, 390: 28372 };
    for (const width of [1280, 390]) {
      const journey = await browser.newPage({ viewport: { width, height: 900 } });
      await journey.goto(`${server.origin}/worksheet/`);
      await courseJourney(journey, read);
      const { height, wide } = await journey.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        wide: document.documentElement.scrollWidth,
      }));
      add(
        'worksheet',
        `page height at the end of the course journey at ${width} px (${HEIGHT_BEFORE[width].toLocaleString('en')} px before)${wide > width ? `; ${wide} px wide` : ''}`,
        height,
        'px',
        `≤ ${HEIGHT_BEFORE[width] / 2}`,
        height <= HEIGHT_BEFORE[width] / 2 && wide <= width
      );
      await journey.close();
    }

    // Search at today's size and at ten times the records, each served by nginx on a port of its own
    // (the worksheet's server above is still on +1, the diagrams' comes on +2).
    await benchSearch({
      add,
      root: process.cwd(),
      dist: DIST,
      browser,
      serve: (dist, n) =>
        startNginx({ port: Number(process.env.BENCH_PORT ?? 4390) + 3 + n, dist }),
    });
  } finally {
    await browser.close();
    server.stop();
  }
}

// Diagrams: natural width, and the smallest label as drawn in the model page's column at 1280 px.
// The natural widths of the left-to-right layout this one replaced, for comparison.
const DIAGRAM_WIDTH_BEFORE = { docker: 1742, kubernetes: 2303 };
if (existsSync(NGINX) && existsSync(CHROMIUM)) {
  const { chromium } = await import('playwright-core');
  const { MIN_LABEL_PX, FONT_PX } = await loadTs(process.cwd(), ['src/lib/model/render-config.ts']);
  const server = await startNginx({ port: Number(process.env.BENCH_PORT ?? 4390) + 2, dist: DIST });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [name, before] of Object.entries(DIAGRAM_WIDTH_BEFORE)) {
      await page.goto(`${server.origin}/${name}/`);
      const m = await page.evaluate((name) => {
        const svg = document.getElementById(`dg-${name}`);
        const sizes = [...svg.querySelectorAll('text')]
          .filter((t) => t.textContent.trim())
          .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
        return {
          natural: svg.viewBox.baseVal.width,
          column: svg.closest('.diagram-frame').clientWidth,
          smallest: Math.min(...sizes),
        };
      }, name);
      const widest = Math.floor((m.column * FONT_PX) / MIN_LABEL_PX);
      add(
        'diagrams',
        `${name}: natural width (${before.toLocaleString('en')} px before); budget: labels ≥ ${MIN_LABEL_PX} px in the ${m.column} px column at 1280 px`,
        Math.round(m.natural),
        'px',
        `≤ ${widest}`,
        m.natural <= widest
      );
      add(
        'diagrams',
        `${name}: smallest label drawn on /${name}/ at 1280 px`,
        Math.round(m.smallest * 10) / 10,
        'px',
        `≥ ${MIN_LABEL_PX}`,
        m.smallest >= MIN_LABEL_PX
      );
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

// Lighthouse, mobile, against the built site served by nginx with the shipped headers (as deployed).
if (existsSync(NGINX) && existsSync(CHROMIUM)) {
  const lighthousePages = [
    ['home', '/'],
    ['model page', '/docker/'],
    ['threat page', firstThreat],
    ['check page', firstCheck],
    ['search page', '/search/'],
    ['worksheet', '/worksheet/'],
  ].filter(([, p]) => p && existsSync(join(DIST, p, 'index.html')));
  const server = await startNginx({ port: Number(process.env.BENCH_PORT ?? 4390), dist: DIST });
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    for (const [type, path] of lighthousePages) {
      // A category without a score means Lighthouse itself failed an audit (a timeout under load, say),
      // which says nothing about the page: such a run is repeated once and the row names what failed.
      const run = () =>
        lighthouse(`${server.origin}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
        });
      const unscored = (lhr) =>
        Object.values(lhr.categories).some((c) => c.score === null) || !!lhr.runtimeError;
      let { lhr } = await run();
      let retried = '';
      if (unscored(lhr)) {
        retried = Object.values(lhr.audits)
          .filter((a) => a.scoreDisplayMode === 'error')
          .map((a) => `${a.id}: ${a.errorMessage ?? 'error'}`)
          .concat(lhr.runtimeError ? [lhr.runtimeError.code] : [])
          .join('; ');
        ({ lhr } = await run());
      }
      const scores = ['performance', 'accessibility', 'best-practices', 'seo'].map((c) =>
        Math.round((lhr.categories[c]?.score ?? 0) * 100)
      );
      const failing = Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 1 &&
            a.scoreDisplayMode !== 'informative' &&
            a.scoreDisplayMode !== 'manual'
        )
        .map((a) => a.id);
      const perfect = scores.every((x) => x === 100);
      add(
        'lighthouse',
        `${type} ${path} (perf / a11y / best practices / SEO)${perfect ? '' : `; audits below 1: ${failing.slice(0, 5).join(', ')}`}${retried ? `; second run, the first failed (${retried})` : ''}`,
        scores.join(' / '),
        'score',
        '100 each',
        perfect
      );
    }
  } finally {
    chrome.kill();
    server.stop();
  }
} else {
  add('lighthouse', `needs ${NGINX} and ${CHROMIUM}`, '', '', '100 each', false);
}

const width = (k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
const cols = ['area', 'what', 'value', 'unit', 'budget', 'verdict'];
const line = (r) => `| ${cols.map((c) => String(r[c]).padEnd(width(c))).join(' | ')} |`;
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(`|${cols.map((c) => '-'.repeat(width(c) + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
writeFileSync(
  'bench-results.json',
  JSON.stringify({ measuredAt: new Date().toISOString(), rows, pages: figures }, null, 2)
);
const missed = rows.filter((r) => r.verdict === 'OVER');
if (missed.length) {
  console.error(`\n${missed.length} budget(s) missed`);
  process.exit(1);
}
