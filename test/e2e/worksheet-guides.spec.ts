import { expect, type Page } from '@playwright/test';
import { COURSE_RUN_BEFORE, test, watch } from './helpers';

const MICROK8S = 'kube-bench/text-cis-1.6-microk8s-2023-04-11.txt';
const DOCKER_BENCH_161 = 'docker-bench/synthetic-v1.6.1-ansi-with-p.log';

const notes = (page: Page) => page.locator('run-summary');
const fixFirst = (page: Page) =>
  page.locator('finding-list').getByRole('link', { name: /^Fix first on a/ });

/** Opens the search dialog with its shortcut and types a query. */
async function searchFor(page: Page, query: string) {
  await page.locator('body').press('/');
  await expect(page.getByRole('combobox', { name: /search threats/i })).toBeFocused();
  await page.keyboard.type(query);
  await expect(page.locator('#search-dialog-results')).toHaveAttribute('aria-busy', 'false');
  return page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
}

test('a Docker run whose audits could not run links each kind to the guide section that explains it, and its findings to Fix first', async ({
  page,
  paste,
  benchOutputs,
}) => {
  const seen = watch(page);
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE));
  await expect(notes(page)).toContainText('could not run');
  const links = notes(page).getByRole('link');
  // auditctl was missing and no container was running: both kinds are linked, the more frequent first.
  await expect(links).toHaveText(['Missing program', 'Nothing to inspect']);
  await expect(links.last()).toHaveAttribute('href', '/guides/reading-a-run/#nothing-to-inspect');
  await expect(fixFirst(page)).toHaveText('Fix first on a Docker host');

  await links.first().click();
  await page.waitForURL(/\/guides\/reading-a-run\/#missing-program$/);
  await expect(page.getByRole('heading', { name: 'Missing program' })).toBeInViewport();

  await page.goBack();
  await fixFirst(page).click();
  await page.waitForURL(/\/guides\/fix-first-docker\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fix first on a Docker host');
  await expect(
    page.getByRole('heading', { name: 'How the worksheet orders findings' })
  ).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test('a kube-bench run links to Fix first on a Kubernetes cluster and to the section on audits that did not run', async ({
  page,
  paste,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(MICROK8S));
  await expect(fixFirst(page)).toHaveText('Fix first on a Kubernetes cluster');
  await expect(fixFirst(page)).toHaveAttribute('href', '/guides/fix-first-kubernetes/');
  await expect(notes(page).getByRole('link', { name: 'Audit did not run' })).toHaveAttribute(
    'href',
    '/guides/reading-a-run/#audit-did-not-run'
  );
});

test("search puts the loaded run's numbering first, on any page, and forgets it when the run is cleared", async ({
  page,
  paste,
  benchOutputs,
}) => {
  // Without a run, 5.10 is first the memory limit of CIS Docker 1.2.0, the course exercise's numbering.
  await page.goto('/about/');
  await expect(await searchFor(page, '5.10')).toContainText('memory');

  // A docker-bench-security v1.6.1 run numbers CIS Docker 1.6.0, where 5.10 is the host network namespace.
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(DOCKER_BENCH_161));
  await expect(notes(page)).toContainText('docker-bench-security');
  await page.goto('/about/');
  const first = await searchFor(page, '5.10');
  await expect(first.locator('.search-label')).toHaveText(
    /^5\.10 \(CIS Docker 1\.6\.0, docker-bench-security v1\.6\.1\)/
  );
  await expect(first).toContainText('network');

  await page.goto('/worksheet/');
  await page.getByRole('textbox', { name: 'Benchmark output', exact: true }).fill('');
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  await expect(notes(page).getByText('No run analyzed yet.')).toBeVisible();
  await page.goto('/about/');
  await expect(await searchFor(page, '5.10')).toContainText('memory');
});
