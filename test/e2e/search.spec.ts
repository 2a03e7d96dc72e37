import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, builtHtml, DIST, watch } from './helpers';
import type { SearchManifest } from '../../src/lib/search/format';
import { SearchEngine } from '../../src/lib/search/query';
import { folderLoader } from '../../src/lib/search/node';
import { SEARCH_CONTEXT_KEY } from '../../src/lib/search/reader';

const INDEX = '/search-index/';
const INDEX_DIR = join(DIST, 'search-index');
const manifest = () =>
  JSON.parse(readFileSync(join(INDEX_DIR, 'manifest.json'), 'utf8')) as SearchManifest;

const results = (page: Page) =>
  page.getByRole('listbox', { name: 'Search results' }).getByRole('option');

/** Waits until the dialog shows the results of everything typed so far. */
const settled = (page: Page) =>
  expect(page.locator('#search-dialog-results')).toHaveAttribute('aria-busy', 'false');

async function openWithShortcut(page: Page, key = '/') {
  await page.locator('body').press(key);
  const input = page.getByRole('combobox', { name: /search threats/i });
  await expect(input).toBeFocused();
  return input;
}

test('the index is not requested before first use, and / opens the dialog and loads it', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/docker/');
  await page.waitForLoadState('networkidle');
  expect(seen.requests.filter((u) => u.includes(INDEX))).toEqual([]);
  expect(seen.requests.filter((u) => /query\.[\w-]+\.js/.test(u))).toEqual([]);

  const input = await openWithShortcut(page);
  await expect(page.locator('dialog.search-dialog')).toHaveAttribute('open', '');
  await input.fill('etcd');
  await expect(results(page).first()).toBeVisible();
  // The manifest once, then only the shards of the words typed and the text of what is shown.
  const index = seen.requests.filter((u) => u.includes(INDEX));
  expect(index.filter((u) => u.endsWith('/manifest.json'))).toHaveLength(1);
  expect(new Set(index).size).toBe(index.length);
  const { dir } = manifest();
  expect(index.filter((u) => u.includes(`/${dir}/w`))).toEqual([]);
  const files = readdirSync(join(INDEX_DIR, dir)).filter((f) => f.endsWith('.json'));
  expect(index.length).toBeLessThan(files.length / 3);
  await expect(page.locator('#search-dialog-status')).toHaveText(/^\d+ results?/);
});

test('Ctrl+K opens the dialog, Esc closes it and gives focus back; / typed in a field does not open it', async ({
  page,
}) => {
  await page.goto('/about/');
  const opener = page.locator('[data-search-open]');
  await opener.focus();
  await page.keyboard.press('Control+k');
  const dialog = page.locator('dialog.search-dialog');
  await expect(dialog).toHaveAttribute('open', '');
  await page.keyboard.press('Escape');
  await expect(dialog).not.toHaveAttribute('open', '');
  await expect(opener).toBeFocused();

  await page.goto('/search/');
  await page.locator('#search-page-input').fill('a/b');
  await expect(dialog).not.toHaveAttribute('open', '');
});

test('keyboard only: type, arrow to a result, Enter lands on it with the term highlighted; Esc clears it', async ({
  page,
}) => {
  await page.goto('/');
  await openWithShortcut(page);
  await page.keyboard.type('kubelet 10250');
  await settled(page);
  const options = results(page);
  await expect(options.first()).toBeVisible();
  const input = page.getByRole('combobox', { name: /search threats/i });
  await expect(input).toHaveAttribute('aria-activedescendant', 'search-option-0');
  await page.keyboard.press('ArrowDown');
  await expect(input).toHaveAttribute('aria-activedescendant', 'search-option-1');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  // The model page heads the result; the kubelet component is the part beneath it.
  await expect(options.first()).toContainText('Kubernetes model');
  await expect(options.nth(1).locator('mark').first()).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(input).toHaveAttribute('aria-activedescendant', 'search-option-0');
  // Enter on a page that did not match itself leads to its best part.
  await page.keyboard.press('Enter');
  await page.waitForURL(/highlight=/);
  const hits = page.locator('main mark.search-hit');
  await expect(hits.first()).toBeVisible();
  expect((await hits.allTextContents()).map((t) => t.toLowerCase())).toEqual(
    expect.arrayContaining(['kubelet'])
  );
  // The page scrolls to the first hit inside the section the result points at.
  const first = page.locator('main mark.search-hit-first');
  await expect(first).toBeInViewport();
  expect(await first.evaluate((m) => Boolean(m.closest('#component-kubelet')))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(hits).toHaveCount(0);
  expect(page.url()).not.toContain('highlight=');
});

test('a shared /search/?q= URL renders an ordered list of links, best first, with its filters applied', async ({
  page,
}) => {
  await page.goto('/search/?q=CAP_NET_RAW&platform=kubernetes');
  const list = page.locator('ol#search-page-results');
  await expect(list.locator('li').first()).toBeVisible();
  await expect(page.locator('#search-page-input')).toHaveValue('CAP_NET_RAW');
  await expect(page.locator('select[name="platform"]').first()).toHaveValue('kubernetes');
  const first = list.locator('li a').first();
  await expect(first).toHaveAttribute('href', /^\/threats\/k8s-s-01\/\?highlight=/);
  await expect(
    list.locator('li', { hasText: 'Docker' }).locator('.search-platform', { hasText: 'Docker' })
  ).toHaveCount(0);
  await expect(page.locator('#search-page-nojs')).toBeHidden();

  await page.locator('select[name="kind"]').first().selectOption('check');
  await page.locator('#search-page-input').fill('5.10');
  await expect(page).toHaveURL(/\?q=5.10&platform=kubernetes&kind=check$|kind=check/);
});

test('without JavaScript the search page says it needs it and links to the threats', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/search/?q=etcd');
  await expect(page.getByText('needs JavaScript')).toBeVisible();
  await expect(page.getByRole('link', { name: 'all threats' })).toHaveAttribute(
    'href',
    '/threats/'
  );
  await context.close();
});

test('hostile queries log no error and still answer', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/threats/');
  await openWithShortcut(page);
  const input = page.getByRole('combobox', { name: /search threats/i });
  for (const q of [
    'title:etcd',
    '+etcd -kubelet',
    'etcd~2',
    'etcd^10',
    '*',
    '"etcd',
    '\\',
    '(((',
    '🐳 docker',
    'x'.repeat(10_000),
    ':+-~^*"',
  ]) {
    await input.fill(q);
    await expect(page.locator('#search-dialog-status')).not.toHaveText('Loading search index…');
  }
  await input.fill('🐳 etcd');
  await expect(results(page).first()).toBeVisible();
  await page.goto('/search/?q=%2B%2B%3A%3A~~%5E%5E');
  await expect(page.locator('#search-page-status')).toHaveText(/No results|results/);
  expect(seen.errors).toEqual([]);
});

test('axe finds no violation with the dialog open, in both themes', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/kubernetes/');
    await openWithShortcut(page);
    await page.keyboard.type('etcd');
    await expect(results(page).first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.goto('/search/?q=privesc');
  await expect(page.locator('#search-page-results li').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('every request of a search journey stays on the origin', async ({ page, baseURL }) => {
  const seen = watch(page);
  await page.goto('/');
  await openWithShortcut(page);
  await page.keyboard.type('privesc');
  await expect(results(page).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.waitForURL(/highlight=/);
  await page.waitForLoadState('networkidle');
  const origin = new URL(baseURL!).origin;
  expect(seen.requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('every search record links to a built page and an anchor that exists', async () => {
  const engine = await SearchEngine.open(folderLoader(INDEX_DIR));
  const docs = await Promise.all(
    Array.from({ length: engine.documents }, (_, doc) => engine.display(doc))
  );
  expect(docs.length).toBeGreaterThan(100);
  const broken: string[] = [];
  for (const { u } of docs) {
    const [path = '/', hash] = u.split('#');
    if (!existsSync(join(DIST, path, 'index.html'))) broken.push(u);
    else if (hash && !builtHtml(path).includes(`id="${hash}"`)) broken.push(`${u} (no #${hash})`);
  }
  expect(broken).toEqual([]);
});

test('hits from one page are one result, with its matching parts beneath it', async ({ page }) => {
  await page.goto('/kubernetes/');
  await openWithShortcut(page);
  await page.keyboard.type('etcd');
  await settled(page);
  const groups = page.getByRole('listbox', { name: 'Search results' }).getByRole('group');
  await expect(groups.first()).toBeVisible();
  const names = await groups.evaluateAll((els) =>
    els.map((g) => document.getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent)
  );
  expect(new Set(names).size).toBe(names.length);
  // The threat about etcd is one result, its sections beneath it, not three results of their own.
  const threat = groups.filter({ hasText: 'Secrets readable from etcd' });
  await expect(threat).toHaveCount(1);
  await expect(threat.getByRole('option')).toHaveCount(3);
  await expect(threat.getByRole('option').nth(1)).toHaveClass(/search-part/);
});

test("a check number shows its numbering, and the reader's platform and run come first", async ({
  page,
}) => {
  const firstLabel = () => results(page).first().locator('.search-label');
  await page.goto('/');
  await openWithShortcut(page);
  await page.keyboard.type('5.10');
  await expect(firstLabel()).toHaveText(
    /^5\.10 \(CIS Docker 1\.2\.0, aquasecurity\/docker-bench cis-1\.2\)/
  );
  await expect(results(page).first()).toContainText('memory');

  // On a Kubernetes page, 1.2.3 means a Kubernetes check; on a Docker page, a Docker one.
  await page.goto('/kubernetes/');
  await openWithShortcut(page);
  await page.keyboard.type('1.2.3');
  await expect(firstLabel()).toHaveText(/^1\.2\.3 \(CIS Kubernetes/);
  await page.goto('/checks/docker/');
  await openWithShortcut(page);
  await page.keyboard.type('1.2.3');
  await expect(firstLabel()).toHaveText(/^1\.2\.3 \(CIS Docker/);

  // With a docker-bench-security v1.6.1 run loaded, 5.10 is the host network namespace.
  await page.evaluate(
    ([key]) =>
      localStorage.setItem(
        key!,
        JSON.stringify({ platform: 'docker', checkSet: 'docker-bench-security-1.6.1' })
      ),
    [SEARCH_CONTEXT_KEY]
  );
  await page.goto('/');
  await openWithShortcut(page);
  await page.keyboard.type('5.10');
  await expect(firstLabel()).toHaveText(
    /^5\.10 \(CIS Docker 1\.6\.0, docker-bench-security v1\.6\.1\)/
  );
  await expect(results(page).first()).toContainText('network');
});

test('a malformed stored run context is ignored without an error', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  for (const value of ['{not json', '{"platform":"windows","checkSet":"x"}', '"docker"', 'null']) {
    await page.evaluate(([key, v]) => localStorage.setItem(key!, v!), [SEARCH_CONTEXT_KEY, value]);
    await page.reload();
    await openWithShortcut(page);
    await page.keyboard.type('5.10');
    await expect(results(page).first().locator('.search-label')).toHaveText(
      /^5\.10 \(CIS Docker 1\.2\.0,/
    );
  }
  expect(seen.errors).toEqual([]);
});

test('an error line pasted from a run leads to the guide section that explains it', async ({
  page,
}) => {
  await page.goto('/worksheet/');
  const input = await openWithShortcut(page);
  await input.fill('"docker inspect" requires at least 1 argument.');
  await settled(page);
  const group = page.getByRole('listbox', { name: 'Search results' }).getByRole('group').first();
  await expect(group).toContainText('Reading a benchmark run');
  await expect(group.getByRole('option').nth(1)).toContainText('Nothing to inspect');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/guides\/reading-a-run\/\?highlight=.*#nothing-to-inspect$/);
  await expect(page.locator('#nothing-to-inspect')).toBeInViewport();
  await expect(page.locator('main mark.search-hit').first()).toBeVisible();
});

test('a cut-off or malformed #fragment still highlights without an error', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/threats/docker-e-01/?highlight=docker#%E0%A4%A');
  await expect(page.locator('main mark.search-hit').first()).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test('a part of the index that fails to load is reported, and the next keystroke tries again', async ({
  page,
}) => {
  let failing = true;
  await page.route(/\/search-index\/[a-z0-9]+\/t\d+\.json$/, (route) =>
    failing ? route.abort() : route.continue()
  );
  await page.goto('/');
  const input = await openWithShortcut(page);
  await input.fill('etcd');
  await expect(page.locator('#search-dialog-status')).toHaveText(/could not be loaded/);
  await expect(page.locator('#search-dialog-results')).toHaveAttribute('aria-busy', 'false');
  failing = false;
  await page.keyboard.type(' ');
  await expect(results(page).first()).toContainText('Kubernetes model');
});
