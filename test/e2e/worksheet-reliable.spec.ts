import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { singleFindingRun } from '../fixtures/single-finding-run';
import { COURSE_RUN_BEFORE, test } from './helpers';

const KEY = 'container-stride:worksheet';
const ASIDE = 'container-stride:worksheet:set-aside:';
const count = (n: number) => n.toLocaleString('en-US');

const pick = (findingId: string, title: string, extra: Record<string, unknown> = {}) => ({
  findingId,
  title,
  threat: '',
  ownThreat: '',
  why: '',
  steps: '',
  verify: '',
  status: 'planned',
  ...extra,
});
const worksheetFile = (worksheet: Record<string, unknown>) =>
  JSON.stringify({
    format: 'container-stride-worksheet',
    version: 2,
    exportedAt: '2026-03-01T10:00:00.000Z',
    worksheet: {
      input: { text: '' },
      after: { text: '' },
      picks: [],
      shelved: [],
      threatModel: { docker: [], kubernetes: [] },
      ...worksheet,
    },
  });

async function importFile(page: Page, text: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import JSON' }).click(),
  ]);
  await chooser.setFiles({
    name: 'worksheet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

const asideKeys = (page: Page) =>
  page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)), ASIDE);

test('a 10 MB run of one repeated failed finding: the right counts, and its findings a hundred at a time', async ({
  page,
  paste,
}) => {
  test.setTimeout(120_000);
  const shared = process.env.STRIDE_SHARED ?? join(process.cwd(), '../shared');
  const { text, findings, id } = singleFindingRun(shared);
  await page.goto('/worksheet/');
  await paste('Benchmark output', text);
  const list = page.locator('finding-list');
  await expect(
    list.getByText(`Showing ${count(findings)} of ${count(findings)} findings.`)
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('run-summary')).toContainText(`${findings} in all: ${findings} failed`);
  const boxes = list.getByRole('checkbox', { name: new RegExp(`^${id.replace('.', '\\.')} `) });
  await expect(boxes).toHaveCount(100);

  // Keyboard: the button shows the next hundred and focus lands on the first of them.
  const more = list.getByRole('button', { name: /^Show 100 more findings of / });
  await expect(more).toHaveText(new RegExp(`\\(${count(findings - 100)} not shown yet\\)$`));
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(boxes).toHaveCount(200);
  await expect(boxes.nth(100)).toBeFocused();
  await expect(more).toHaveText(new RegExp(`\\(${count(findings - 200)} not shown yet\\)$`));
  await page.keyboard.press('Space');
  await expect(boxes.nth(100)).toBeChecked();
  await expect(
    page.getByRole('link', { name: /Go to your picks \(1 of 3 chosen\)/ })
  ).toBeVisible();
});

test('a malformed kube-bench --junit paste shows what was read and where it stops', async ({
  page,
  paste,
  benchOutputs,
}) => {
  const junit = benchOutputs.read('kube-bench/synthetic-junit-structure.xml');
  // Cut inside the first suite, then 600 KB of tags that never close.
  const text = `${junit.slice(0, junit.indexOf('</testsuite>'))}\n${'<testcase '.repeat(60_000)}`;
  await page.goto('/worksheet/');
  await paste('Benchmark output', text);
  const summary = page.locator('run-summary');
  await expect(summary).toContainText('stops after check 1.1.12');
  await expect(summary).toContainText('2 in all: 1 failed');
  await expect(page.locator('finding-list').getByRole('checkbox')).toHaveCount(1);
});

test('imports beyond the limits are refused with the limit named, and nothing changes', async ({
  page,
  paste,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE));
  await expect(page.getByText('Showing 36 of 118 findings.')).toBeVisible();
  const threats = Array.from({ length: 10_000 }, (_, i) => ({
    id: `t${i}`,
    stride: 'tampering',
    component: 'registry',
    description: `Threat ${i}`,
  }));
  await importFile(page, worksheetFile({ threatModel: { docker: threats, kubernetes: [] } }));
  const status = page.locator('export-panel [role=status]');
  await expect(status).toHaveText(
    'This file holds more than a worksheet keeps, so it was not imported. It has 10,000 Docker threats; a worksheet holds at most 100 threats per platform. Nothing was changed.'
  );
  const picks = Array.from({ length: 10_000 }, (_, i) => pick(`5.${i}`, `Check ${i}`));
  await importFile(page, worksheetFile({ picks }));
  await expect(status).toContainText('It has 10,000 picks; a worksheet holds at most 200 picks.');
  await expect(page.getByText('Showing 36 of 118 findings.')).toBeVisible();
});

test('a saved pick with one invalid value keeps its text, is set aside once and saved recovered', async ({
  page,
}) => {
  await page.goto('/worksheet/');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    KEY,
    JSON.stringify({
      format: 'container-stride-worksheet',
      version: 2,
      savedAt: '2026-03-01T10:00:00.000Z',
      worksheet: {
        picks: [
          pick('2.15', 'Ensure live restore is Enabled', {
            why: 'Restarts of the daemon must not stop the service.',
            status: 'done',
          }),
        ],
      },
    }),
  ] as const);
  for (let visit = 0; visit < 3; visit++) {
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Why harden 2.15' })).toHaveValue(
      'Restarts of the daemon must not stop the service.'
    );
    await expect(page.getByRole('combobox', { name: 'Status of 2.15' })).toHaveValue('planned');
    if (visit === 0)
      await expect(page.getByRole('alert')).toContainText(
        'reset to their defaults, the rest of each pick kept: 2.15 (status)'
      );
    else await expect(page.getByRole('alert')).not.toContainText('could not be read');
    expect(await asideKeys(page)).toHaveLength(1);
  }
});

test('storage cleared in another tab: this tab saves its worksheet again and says so', async ({
  context,
  paste,
  benchOutputs,
}) => {
  const a = await context.newPage();
  await a.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE), a);
  await a.getByRole('checkbox', { name: '2.15 Ensure live restore is Enabled' }).check();
  await expect(a.getByText(/^Saved in this browser at/)).toBeVisible();
  const b = await context.newPage();
  await b.goto('/worksheet/');
  await b.evaluate(() => localStorage.clear());
  await expect(a.getByRole('alert')).toContainText(
    "This site's storage was cleared in another tab or window. The worksheet in this tab was saved again"
  );
  await b.reload();
  await expect(
    b.getByRole('checkbox', { name: '2.15 Ensure live restore is Enabled' })
  ).toBeChecked();
});

test('two picks of one finding in an imported file: two cards, named apart, each edited alone', async ({
  page,
  benchOutputs,
}) => {
  await page.goto('/worksheet/');
  const cpu = pick('5.12', 'Ensure that CPU priority is set appropriately on container', {
    why: 'first',
  });
  await importFile(
    page,
    worksheetFile({
      input: { text: benchOutputs.read(COURSE_RUN_BEFORE) },
      picks: [
        cpu,
        { ...cpu, why: 'second' },
        pick('5.12', "Ensure that the container's root filesystem is mounted as read only", {
          concept: 'read-only-root-filesystem',
        }),
      ],
    })
  );
  await expect(
    page.getByRole('textbox', { name: 'Why harden 5.12 (read-only root filesystem)' })
  ).toBeVisible();
  // In the run too, the two checks numbered 5.12 have controls of distinct names.
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('all');
  const details = page.locator('finding-list summary[aria-label*=" for 5.12 "]');
  await expect(details).toHaveCount(2);
  const detailNames = await details.evaluateAll((els) =>
    els.map((e) => e.getAttribute('aria-label'))
  );
  expect(new Set(detailNames).size).toBe(2);
  const whys = page.getByRole('textbox', { name: /^Why harden 5\.12 / });
  await expect(whys).toHaveCount(3);
  const names = await whys.evaluateAll((els) =>
    els.map((e) => document.querySelector(`label[for="${e.id}"]`)?.textContent)
  );
  expect(new Set(names).size).toBe(3);
  await whys.nth(1).fill('second, edited');
  await page.reload();
  await expect(whys.nth(0)).toHaveValue('first');
  await expect(whys.nth(1)).toHaveValue('second, edited');
});
