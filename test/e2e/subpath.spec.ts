import { expect, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { preview } from 'astro';
import config from '../../astro.config.mjs';
import { pageWeightChecks } from '../../scripts/page-weight.mjs';
import { brokenLinks, builtPages, COURSE_RUN_BEFORE, test } from './helpers';

// The site built for a folder of its host (BASE_PATH=/sub/ into dist-sub/, as npm test does), served there
// by Astro's preview server, which answers nothing outside /sub/. The port is the system's choice.
const BASE = '/sub/';
const DIST_SUB = join(process.cwd(), 'dist-sub');
const SITE = new URL(config.site!).origin;
const KIND_RUN = 'kube-bench/text-cis-1.20-kind-kube-bench-ci.txt';
const LIVE = '2.15 Ensure live restore is Enabled';

let server: Awaited<ReturnType<typeof preview>> | undefined;
let origin: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  if (!existsSync(join(DIST_SUB, 'index.html')))
    throw new Error(
      'dist-sub/ is missing: build it with BASE_PATH=/sub/ npx astro build --outDir dist-sub (npm test does)'
    );
  server = await preview({
    root: process.cwd(),
    outDir: './dist-sub',
    base: BASE,
    server: { host: '127.0.0.1', port: 0 },
    logLevel: 'error',
  });
  const { port } = (
    server as unknown as { server: { address: () => AddressInfo } }
  ).server.address();
  origin = `http://127.0.0.1:${port}`;
});

test.afterAll(() => server?.stop());

/** Every file of the sub-path build, as a path relative to it. */
const builtFiles = (): string[] =>
  (readdirSync(DIST_SUB, { recursive: true }) as string[]).filter((f) => /\.\w+$/.test(f));

/**
 * Records every request of a page: those that leave /sub/ of the origin, those that fail or answer with an
 * error status, and console errors.
 */
function watchRequests(page: Page) {
  const seen = { requests: [] as string[], outside: [] as string[], failed: [] as string[] };
  const errors: string[] = [];
  page.on('request', (r) => {
    seen.requests.push(r.url());
    const url = new URL(r.url());
    if (url.origin !== origin || !url.pathname.startsWith(BASE)) seen.outside.push(r.url());
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    // Leaving a page cancels what it was still loading; that is not a missing file.
    if (error !== 'net::ERR_ABORTED') seen.failed.push(`${r.url()}: ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { ...seen, errors };
}

/** The links in the page that point at this origin but outside /sub/. */
const linksOutside = (page: Page): Promise<string[]> =>
  page.evaluate(
    (base) =>
      [...document.querySelectorAll<HTMLAnchorElement | SVGAElement>('a[href]')]
        .map((a) => new URL(a.getAttribute('href')!, location.href))
        .filter((u) => u.origin === location.origin && !u.pathname.startsWith(base))
        .map((u) => u.href),
    BASE
  );

test('no page, stylesheet or feed of the sub-path build names an address outside /sub/', () => {
  const outside: string[] = [];
  for (const file of builtFiles()) {
    const text = readFileSync(join(DIST_SUB, file), 'utf8');
    // Site paths in the search index are resolved under the base by the page that shows them.
    if (file.endsWith('.html')) {
      for (const [, attr, value] of text.matchAll(
        /\s(href|src|action|srcset|poster|formaction|xlink:href)="([^"]*)"/g
      ))
        if (value!.startsWith('/') && !value!.startsWith(BASE))
          outside.push(`${file}: ${attr}="${value}"`);
    }
    if (file.endsWith('.css'))
      for (const [, value] of text.matchAll(/url\(\s*["']?(\/[^)"']*)/g))
        if (!value!.startsWith(BASE)) outside.push(`${file}: url(${value})`);
    for (const [address] of text.matchAll(new RegExp(`${SITE}/[^"'<>\\s]*`, 'g')))
      if (!address.startsWith(`${SITE}${BASE}`)) outside.push(`${file}: ${address}`);
  }
  expect(outside).toEqual([]);
  expect(builtPages(DIST_SUB).length).toBeGreaterThan(100);
});

test('every internal link and fragment of the sub-path build resolves under /sub/', () => {
  expect(brokenLinks(DIST_SUB, BASE)).toEqual([]);
});

test('a reader browses the site under /sub/: pages, theme, diagram links; nothing is asked of the host root', async ({
  page,
}) => {
  const seen = watchRequests(page);
  await page.addInitScript(() => localStorage.setItem('container-stride:theme', 'dark'));
  const home = await page.goto(`${origin}${BASE}`);
  expect(home?.status()).toBe(200);
  // The theme script ran: it was found under /sub/.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE}${BASE}`);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Docker' })
    .click();
  await expect(page).toHaveURL(`${origin}${BASE}docker/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Docker threat model');
  await page.locator('figure.diagram svg a[href*="#component-dockerd"]').click();
  await expect(page).toHaveURL(`${origin}${BASE}docker/#component-dockerd`);
  await expect(page.locator('#component-dockerd')).toBeInViewport();
  const threatLink = page.locator('#component-dockerd').getByRole('link').first();
  const threatId = (await threatLink.textContent())!.trim();
  await threatLink.click();
  await expect(page).toHaveURL(`${origin}${BASE}threats/${threatId.toLowerCase()}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(threatId);
  // A mitigation's control links to its check page.
  await page.locator('ul.controls a').first().click();
  await expect(page).toHaveURL(new RegExp(`^${origin}${BASE}checks/docker/[\\w-]+/$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  for (const path of ['kubernetes/', 'threats/', 'crosswalk/', 'about/', 'checks/kubernetes/']) {
    const response = await page.goto(`${origin}${BASE}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(await linksOutside(page), path).toEqual([]);
  }
  const missing = await page.goto(`${origin}${BASE}threats/docker-x-99/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'All threats' }).click();
  await expect(page).toHaveURL(`${origin}${BASE}threats/`);

  expect(seen.outside).toEqual([]);
  expect(seen.failed.filter((f) => !f.includes('/docker-x-99/'))).toEqual([]);
  expect(seen.errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('search under /sub/ finds a threat and leads to it with the term highlighted', async ({
  page,
}) => {
  const seen = watchRequests(page);
  await page.goto(`${origin}${BASE}`);
  await page.locator('body').press('/');
  const input = page.getByRole('combobox', { name: /search threats/i });
  await expect(input).toBeFocused();
  await input.fill('etcd');
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  await expect(page.locator('[data-search-all]')).toHaveAttribute('href', `${BASE}search/?q=etcd`);
  await page.keyboard.press('Enter');
  await page.waitForURL(/highlight=etcd/);
  expect(new URL(page.url()).pathname.startsWith(BASE)).toBe(true);
  await expect(page.locator('main mark.search-hit').first()).toBeVisible();

  await page.goto(`${origin}${BASE}search/?q=CAP_NET_RAW`);
  const first = page.locator('ol#search-page-results li a').first();
  await expect(first).toHaveAttribute('href', new RegExp(`^${BASE}threats/.+\\?highlight=`));
  await first.click();
  await expect(page.locator('main mark.search-hit').first()).toBeVisible();

  expect(seen.requests.some((u) => u.endsWith(`${BASE}search-index/manifest.json`))).toBe(true);
  expect(seen.outside).toEqual([]);
  expect(seen.failed).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the worksheet under /sub/ loads its data lazily and parses pasted runs, in the page and in its worker', async ({
  page,
  paste,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watchRequests(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${origin}${BASE}worksheet/`);
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE));
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();
  await expect(page.locator('run-summary')).toContainText('aquasecurity/docker-bench');

  // A finding's explanation comes from the Docker data and links to its check page under /sub/.
  const finding = page.locator('li', { has: page.getByRole('checkbox', { name: LIVE }) });
  await finding.locator('summary').click();
  const explanation = finding.getByRole('link').first();
  await expect(explanation).toHaveAttribute('href', new RegExp(`^${BASE}checks/docker/`));
  expect(await linksOutside(page)).toEqual([]);

  // The threat-model catalog arrives from /sub/; a threat started from it links to its page there.
  const docker = page.getByRole('region', { name: 'Docker threats', exact: true });
  await docker.getByText(/^Start from a threat of the/).click();
  const start = docker.getByRole('button', { name: /^Start from DOCKER-/ }).first();
  const threatId = (await start.textContent())!.replace('Start from ', '').trim();
  await start.click();
  const threatLink = docker.getByRole('link', { name: new RegExp(`^${threatId} `) }).first();
  await expect(threatLink).toHaveAttribute('href', `${BASE}threats/${threatId.toLowerCase()}/`);

  // A kube-bench run brings the Kubernetes data; a run this large is parsed in the worker.
  const kind = benchOutputs.read(KIND_RUN);
  const big = kind.repeat(Math.ceil((300 * 1024) / kind.length));
  await page
    .getByLabel('Open a file (.txt, .log, .json, .xml)')
    .setInputFiles({ name: 'kube.txt', mimeType: 'text/plain', buffer: Buffer.from(big) });
  await expect(page.locator('run-summary')).toContainText('kube-bench (text output)');
  expect(await linksOutside(page)).toEqual([]);

  const data = seen.requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith('.json'));
  expect(data).toEqual(
    expect.arrayContaining([
      `${BASE}worksheet-data.json`,
      `${BASE}worksheet-data-kubernetes.json`,
      `${BASE}worksheet-threat-model.json`,
    ])
  );
  expect(workers.length).toBe(1);
  expect(new URL(workers[0]!).pathname).toMatch(new RegExp(`^${BASE}_astro/`));
  expect(seen.outside).toEqual([]);
  expect(seen.failed).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the full-size diagrams under /sub/ open from the model pages, zoom, and lead back to components', async ({
  page,
}) => {
  const seen = watchRequests(page);
  for (const name of ['docker', 'kubernetes']) {
    await page.goto(`${origin}${BASE}${name}/`);
    await page.getByRole('link', { name: 'Open full size' }).click();
    await expect(page).toHaveURL(`${origin}${BASE}${name}/diagram/`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('component diagram');
    // The viewer's script was found under /sub/: it shows its zoom tools and answers them.
    const level = page.locator('.zoom-tools output');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(level).toHaveText('125%');
    expect(await linksOutside(page)).toEqual([]);
    const component = page.locator(`#dg-${name} a[href*="#component-"]`).first();
    const href = (await component.getAttribute('href'))!;
    expect(href.startsWith(`${BASE}${name}/#component-`)).toBe(true);
    await page.goto(`${origin}${href}`);
    await expect(page.locator(href.slice(href.indexOf('#')))).toBeInViewport();
    await page.goto(`${origin}${BASE}${name}/diagram/`);
    await page
      .getByRole('link', { name: /threat model$/ })
      .first()
      .click();
    await expect(page).toHaveURL(`${origin}${BASE}${name}/`);
  }
  expect(seen.outside).toEqual([]);
  expect(seen.failed).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the sub-path build weighs what the root build does, page type by page type', () => {
  // The budgets themselves are the page-weight suite's, on the root build; this checks that the
  // sub-path build measures the same pages and assets, its longer addresses costing under 1 KB.
  const weigh = (dist: string, base: string) =>
    pageWeightChecks(dist, base).map((c) => ({ type: c.type, path: c.path, value: c.value }));
  const sub = weigh(DIST_SUB, BASE);
  const root = weigh(join(process.cwd(), 'dist'), '/');
  expect(sub.map(({ type, path }) => ({ type, path }))).toEqual(
    root.map(({ type, path }) => ({ type, path }))
  );
  sub.forEach((c, i) =>
    expect(Math.abs(c.value - root[i]!.value), `${c.type} ${c.path}`).toBeLessThan(1)
  );
  expect(new Set(sub.map((c) => c.type)).size).toBeGreaterThanOrEqual(10);
});
