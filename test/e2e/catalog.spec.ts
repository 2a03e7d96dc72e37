import { expect, test } from '@playwright/test';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogExportSchema } from '../../src/lib/content/export';
import { axeViolations, DIST } from './helpers';

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(DIST, file), 'utf8'));
const published = readJson('threats.json');
const catalog = catalogExportSchema.parse(published);

test('/threats.json validates against the published /threats.schema.json', () => {
  const schema = readJson('threats.schema.json');
  if (typeof schema !== 'object' || schema === null) throw new Error('the schema is not an object');
  const validate = new Ajv({ strict: false, formats: { uri: true } }).compile(schema);
  expect(validate(published), JSON.stringify(validate.errors)).toBe(true);
  expect(catalog.threats.length).toBeGreaterThanOrEqual(24);
});

test('the threats table filters by platform, category, severity and component, and keeps the filters in the URL', async ({
  page,
}) => {
  await page.goto('/threats/');
  const rows = page.locator('table.threat-table tbody tr');
  await expect(rows).toHaveCount(catalog.threats.length);

  await page.getByRole('main').getByLabel('Platform').selectOption('kubernetes');
  const k8s = catalog.threats.filter((t) => t.platform === 'kubernetes');
  await expect(rows).toHaveCount(k8s.length);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `${k8s.length} of ${catalog.threats.length} threats shown`
  );
  await page.getByRole('main').getByLabel('STRIDE category').selectOption('repudiation');
  const expected = k8s
    .filter((t) => t.stride === 'repudiation')
    .map((t) => t.id)
    .sort();
  await expect(rows.locator('td:first-child')).toHaveText(expected);
  await expect(page).toHaveURL(/platform=kubernetes&stride=repudiation/);

  await page.reload();
  await expect(rows.locator('td:first-child')).toHaveText(expected);

  await page.getByRole('main').getByLabel('STRIDE category').selectOption('');
  await page.getByRole('main').getByLabel('Platform').selectOption('');
  await page.getByRole('main').getByLabel('Component').selectOption('docker:dockerd');
  const onDockerd = catalog.threats.filter(
    (t) => t.platform === 'docker' && t.components.some((c) => c.id === 'dockerd')
  );
  await expect(rows).toHaveCount(onDockerd.length);
});

test('sorting by severity puts the most severe threats first', async ({ page }) => {
  await page.goto('/threats/');
  await page.getByRole('button', { name: 'Severity' }).click();
  await expect(page.locator('th', { hasText: 'Severity' })).toHaveAttribute(
    'aria-sort',
    'descending'
  );
  const order = ['critical', 'high', 'medium', 'low'];
  const shown = await page
    .locator('table.threat-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.severity ?? ''));
  expect(shown).toEqual([...shown].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  expect(shown[0]).toBe(
    catalog.threats
      .map((t) => t.severity.rating)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b))[0]
  );
});

test('the crosswalk filters and downloads as CSV with one row per threat', async ({ page }) => {
  await page.goto('/crosswalk/');
  await page.getByRole('main').getByLabel('STRIDE category').selectOption('spoofing');
  await expect(page.locator('tbody tr')).toHaveCount(
    catalog.threats.filter((t) => t.stride === 'spoofing').length
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the crosswalk as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('container-stride-crosswalk.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'id,title,platform,stride,cis_controls,cis_control_pages,attack,ms_threat_matrix'
  );
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort()
  ).toEqual(catalog.threats.map((t) => t.id).sort());
  expect(csv).toMatch(/\b5\.\d+ \(CIS Docker 1\.6\.0\)/);
  expect(csv).toMatch(/\b1\.2\.\d+ \(CIS Kubernetes 1\.12\)/);
  expect(csv).toMatch(/\/checks\/kubernetes\/[a-z-]+\//);
});

test('the crosswalk shows each CIS id in its numbering, linked to its check page', async ({
  page,
}) => {
  await page.goto('/crosswalk/');
  const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'K8S-R-01' }) });
  const control = row.getByRole('link', { name: /^[\d.]+ \(CIS Kubernetes 1\.12\)$/ }).first();
  const id = ((await control.textContent()) ?? '').split(' ')[0]!;
  await control.click();
  await expect(page).toHaveURL(/\/checks\/kubernetes\/[a-z0-9-]+\/$/);
  // kube-bench's cis-1.12 config is the reference numbering of CIS Kubernetes 1.12.
  const version = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'cis-1.12', exact: true }) });
  await expect(version.getByRole('cell', { name: id, exact: true })).toHaveCount(1);
});

test('a threat page shows each control in its numbering and links it to its check page', async ({
  page,
}) => {
  await page.goto('/threats/docker-d-01/');
  const controls = page.locator('ul.controls li');
  expect(await controls.count()).toBeGreaterThan(0);
  for (const text of await controls.allTextContents())
    expect(text).toMatch(/^\S+ \(CIS (Docker|Kubernetes) [\d.]+\)/);
  const link = controls.getByRole('link', { name: /^[\d.]+ \(CIS Docker 1\.6\.0\)$/ }).first();
  const id = ((await link.textContent()) ?? '').split(' ')[0]!;
  await link.click();
  await expect(page).toHaveURL(/\/checks\/docker\/[a-z0-9-]+\/$/);
  // docker-bench-security v1.6.1 is the reference numbering of CIS Docker 1.6.0.
  const version = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'v1.6.1', exact: true }) });
  await expect(version.getByRole('cell', { name: id, exact: true })).toHaveCount(1);
});

test('every matrix cell links to threats of its category that name its component', async ({
  page,
}) => {
  for (const platform of ['docker', 'kubernetes']) {
    await page.goto(`/${platform}/`);
    const cells = await page.locator('table.matrix tbody tr').evaluateAll((trs) =>
      trs.flatMap((tr) => {
        const component = (tr.querySelector('th a') as HTMLAnchorElement).hash.replace(
          '#component-',
          ''
        );
        return [...tr.querySelectorAll('td')].map((td, col) => ({
          component,
          col,
          links: [...td.querySelectorAll('a')].map((a) => (a.textContent ?? '').trim()),
        }));
      })
    );
    const letters = 'STRIDE';
    let linked = 0;
    for (const cell of cells) {
      for (const id of cell.links) {
        const threat = catalog.threats.find((t) => t.id === id)!;
        expect(threat.components.map((c) => c.id)).toContain(cell.component);
        expect(id.split('-')[1]).toBe(letters[cell.col]);
        linked++;
      }
    }
    expect(linked).toBeGreaterThanOrEqual(
      catalog.threats.filter((t) => t.platform === platform).length
    );
    const first = page.locator('table.matrix tbody td a').first();
    const id = await first.textContent();
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(id!);
  }
});

for (const path of ['/threats/', '/crosswalk/', '/checks/docker/']) {
  test(`axe finds nothing on ${path} with its filters in use`, async ({ page }) => {
    await page.goto(path);
    const platform = page.getByRole('main').getByLabel('Platform');
    if (await platform.count()) await platform.selectOption('docker');
    expect(await axeViolations(page)).toEqual([]);
  });
}
