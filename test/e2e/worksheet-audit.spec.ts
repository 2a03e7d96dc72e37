import { expect } from '@playwright/test';
import { axeViolations, COURSE_RUN_AFTER, COURSE_RUN_BEFORE, test, watch } from './helpers';

// Real course runs made where the audits could not all run: auditctl and ausearch were missing and no
// container was running, so the memory limit (5.11 in CIS Docker 1.6.0) failed without being looked at.
const BARHOME = 'aquasec-docker-bench/Barhome-microSecurity-run3-18.09.txt';

const LIVE = '2.15 Ensure live restore is Enabled';
const PROXY = '2.16 Ensure Userland Proxy is Disabled';
const MEMORY = '5.11 Ensure that the memory usage for container is limited';
const NOT_EVIDENCE =
  'Audit could not run: there was no container or image to inspect. This result is not evidence: it says nothing about the host.';

test('a run with audits that could not run: the summary warns, findings are labelled, a pick of one is weak, and every export says it is not evidence', async ({
  page,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(COURSE_RUN_BEFORE));
  await expect(page.getByRole('checkbox', { name: LIVE })).toBeVisible();

  // The summary says how many results are not meaningful, why by kind, and how to run again.
  const summary = page.locator('run-summary');
  const warning = summary.locator('[data-audit-errors]');
  await expect(warning).toContainText(
    '22 of 118 results are not meaningful: the audit could not run, so they say nothing about this host. 21 of the 36 failed findings are among them'
  );
  await expect(warning).toContainText(
    '16 because a program the audit runs is not installed (auditctl is not installed; ausearch is not installed)'
  );
  await expect(warning).toContainText('6 because nothing to inspect');
  await expect(warning).toContainText('install auditd, which provides auditctl and ausearch');
  await expect(warning).toContainText('start the containers you want checked');
  await expect(warning.getByRole('link', { name: 'Missing program' })).toHaveAttribute(
    'href',
    '/guides/reading-a-run/#missing-program'
  );
  await expect(summary).not.toContainText('Nothing unusual');
  await expect(summary).toContainText('22 results (21 failed): not evidence');

  // Each affected finding carries the label beside its status and explains itself; others do not.
  const memory = page.locator('li.finding', { has: page.getByRole('checkbox', { name: MEMORY }) });
  await expect(memory.locator('.finding-head')).toContainText('Failed (FAIL) Audit could not run');
  await memory.locator('summary').click();
  await expect(memory).toContainText(
    'The audit of 5.11 could not run: there was no container or image to inspect. Its result "Failed (FAIL)" says nothing about this host'
  );
  await expect(
    memory.getByRole('heading', {
      name: 'What the benchmark printed (not evidence: the audit could not run)',
    })
  ).toBeVisible();
  await expect(memory.getByRole('link', { name: 'What to do about it' })).toHaveAttribute(
    'href',
    '/guides/reading-a-run/#nothing-to-inspect'
  );
  const live = page.locator('li.finding', { has: page.getByRole('checkbox', { name: LIVE }) });
  await expect(live).not.toContainText('Audit could not run');
  await expect(page.locator('finding-list .badge.audit-error')).toHaveCount(21);

  // Picking it is allowed; the rules call it a weak pick.
  for (const name of [MEMORY, LIVE, PROXY]) await page.getByRole('checkbox', { name }).check();
  const rules = page.locator('pick-list [data-rules]');
  await expect(rules).toContainText('1 weak pick:');
  await expect(rules).toContainText(
    '5.11 Ensure that the memory usage for container is limited is a weak pick: its audit could not run (there was no container or image to inspect), so its failed result is not evidence'
  );
  await expect(
    page.getByRole('article', { name: MEMORY }).locator('.badge.audit-error')
  ).toHaveText('Audit could not run');
  await expect(page.getByRole('checkbox', { name: MEMORY })).toBeChecked();
  for (const [id, threat] of [
    ['5.11', 'DOCKER-D-01'],
    ['2.15', 'DOCKER-D-01'],
    ['2.16', 'DOCKER-E-01'],
  ] as const) {
    await page.getByRole('combobox', { name: `Threat for ${id}` }).selectOption(threat);
    await page.getByRole('textbox', { name: `Why harden ${id}` }).fill(`Why ${id}.`);
  }
  // The weak pick stays weak when every other rule is met.
  await expect(page.getByRole('status').filter({ hasText: 'All rules are met' })).toBeVisible();
  await expect(rules).toContainText('1 weak pick:');

  // In the run after hardening the memory limit still could not be audited: no verify button for it.
  await paste('Benchmark output after hardening', benchOutputs.read(COURSE_RUN_AFTER));
  const verify = page.locator('verify-panel');
  await expect(verify.getByRole('button', { name: 'Mark 2.15 verified' })).toBeVisible();
  await expect(verify).toContainText(
    'Not verified: the audit could not run in the run after hardening (there was no container or image to inspect)'
  );
  await expect(verify.getByRole('button', { name: 'Mark 5.11 verified' })).toHaveCount(0);

  // Every export says the pick's result is not evidence.
  const markdown = await download('Export the run analysis only');
  expect(markdown).toContain(`- **Audit could not run:** ${NOT_EVIDENCE}`);
  expect(markdown).toContain('Weak picks:');
  expect(markdown).toContain('| Audit could not run | 22 results (21 failed): not evidence');
  expect(markdown).toContain(
    '#### What the benchmark printed (not evidence: the audit could not run)'
  );

  const writeup = await download('Export write-up');
  expect(writeup).toContain(`- **Audit could not run:** ${NOT_EVIDENCE}`);
  const plain = await download('Download plain text');
  expect(plain).toContain(`Audit could not run: ${NOT_EVIDENCE}`);
  expect(plain).toContain('Weak picks:');

  const json = JSON.parse(await download('Export JSON')) as {
    run: { auditErrors: unknown; picksNotEvidence: { findingId: string; note: string }[] };
  };
  expect(json.run.auditErrors).toEqual({
    results: 22,
    failed: 21,
    byCode: { 'missing-program': 16, 'nothing-to-inspect': 6 },
  });
  expect(json.run.picksNotEvidence.map((p) => [p.findingId, p.note])).toEqual([
    ['5.11', NOT_EVIDENCE],
  ]);

  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const print = page.locator('print-writeup');
  await expect(print).toBeVisible();
  await expect(print).toContainText(NOT_EVIDENCE);
  await page.emulateMedia({ media: 'screen' });

  expect(await axeViolations(page)).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('sub-checks are distinct when verifying: 2.17.a passes while 2.17.b still fails, and both are said', async ({
  page,
  paste,
  benchOutputs,
}) => {
  const text = benchOutputs.read(BARHOME);
  await page.goto('/worksheet/');
  await paste('Benchmark output', text);
  const a = '2.17.a Ensure containers are restricted from acquiring new privileges';
  const b = '2.17.b Ensure containers are restricted from acquiring new privileges';
  await page.getByRole('checkbox', { name: a }).check();
  await page.getByRole('checkbox', { name: b }).check();
  // The daemon now runs with --no-new-privileges; the containers' own setting is unchanged.
  await paste('Benchmark output after hardening', text.replace(`[FAIL] ${a}`, `[PASS] ${a}`));
  const verify = page.locator('verify-panel');
  const rowA = verify.getByRole('row', { name: new RegExp(`^${a.replace(/\./g, '\\.')}`) });
  const rowB = verify.getByRole('row', { name: new RegExp(`^${b.replace(/\./g, '\\.')}`) });
  await expect(rowA.getByRole('button', { name: 'Mark 2.17.a verified' })).toBeVisible();
  await expect(rowA).toContainText(
    `${b} is a separate check of the same concept: Failed (FAIL) in the run after hardening.`
  );
  await expect(rowB).toContainText('Not passing yet');
  await expect(rowB).toContainText(
    `${a} is a separate check of the same concept: Passed (PASS) in the run after hardening.`
  );
  await rowA.getByRole('button', { name: 'Mark 2.17.a verified' }).click();
  await expect(rowA).toContainText('Verified: PASS 2.17.a');
  await expect(page.getByRole('combobox', { name: 'Status of 2.17.b' })).toHaveValue('planned');
});
