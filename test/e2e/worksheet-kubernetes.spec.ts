import { expect } from '@playwright/test';
import { axeViolations, test, watch, watchCsp } from './helpers';

// kube-bench's own CI expected output: a real run of CIS Kubernetes 1.20 on kind, five node types.
const KIND_RUN = 'kube-bench/text-cis-1.20-kind-kube-bench-ci.txt';

const ETCD_DIR = '1.1.12 Ensure that the etcd data directory ownership is set to etcd:etcd';
const AUDIT_LOG = '1.2.21 Ensure that the --audit-log-path argument is set';
const KERNEL = '4.2.6 Ensure that the --protect-kernel-defaults argument is set to true';

test('the whole Kubernetes flow on a real kube-bench run: summary by node type, picks tied to Kubernetes threats, verify, export, import', async ({
  page,
  baseURL,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  const csp = await watchCsp(page);
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(KIND_RUN));
  await expect(page.getByRole('checkbox', { name: ETCD_DIR })).toBeVisible();

  const summary = page.locator('run-summary');
  await expect(summary).toContainText('kube-bench (text output)');
  await expect(summary).toContainText('CIS Kubernetes 1.20Recognised from');
  await expect(summary).toContainText(
    '123 in all: 11 failed, 45 manual check, 0 information, 67 passed, 0 not checked'
  );
  for (const label of [
    'master (control plane node)',
    'etcd',
    'controlplane (control plane configuration)',
    'node (worker node)',
    'policies (cluster policies)',
  ]) {
    await expect(summary.getByText(`Node type ${label}`, { exact: true })).toBeVisible();
  }
  await expect(summary).toContainText(
    'section 1 Master Node Security Configuration: 64 in all: 10 failed'
  );

  // Fix first by default; in benchmark order, failed findings are grouped by node type, then section, each naming its node type.
  const findings = page.locator('finding-list');
  await expect(
    findings.getByRole('heading', { name: /^Fix first: critical and high severity \(\d+\)$/ })
  ).toBeVisible();
  await findings.getByRole('combobox', { name: 'Sort findings' }).selectOption('benchmark');
  await expect(
    findings.getByRole('heading', { name: 'Node type master (control plane node)' })
  ).toBeVisible();
  await expect(
    findings.getByRole('heading', { name: 'Node type node (worker node)' })
  ).toBeVisible();
  await expect(
    findings.getByRole('heading', { name: '4 Worker Node Security Configuration' })
  ).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: `${KERNEL} [node (worker node)]` })
  ).toBeVisible();

  // The explanation comes from the Kubernetes concept.
  await page
    .locator('li', { has: page.getByRole('checkbox', { name: AUDIT_LOG }) })
    .locator('summary')
    .click();
  await expect(findings.getByRole('link', { name: 'API audit log written' })).toHaveAttribute(
    'href',
    '/checks/kubernetes/audit-log-path/'
  );
  await expect(findings).toContainText('K8S-R-01');

  for (const name of [ETCD_DIR, AUDIT_LOG, KERNEL])
    await page.getByRole('checkbox', { name }).check();
  const rules = page.locator('pick-list [data-rules]');
  await expect(rules).toContainText('Choose the threat that hardening 1.1.12 works against.');
  await expect(rules).toContainText(
    'belongs to the Docker exercise, so it does not apply to this kube-bench run.'
  );
  await expect(rules).not.toContainText('already hardened');
  await expect(
    page.getByRole('heading', { name: `${ETCD_DIR} [master (control plane node)]` })
  ).toBeVisible();

  // Kubernetes threats only, the concept's first, the brief's five marked.
  const threat = page.getByRole('combobox', { name: 'Threat for 1.1.12' });
  await expect(
    threat.locator('optgroup[label="Suggested for this check"] option').first()
  ).toHaveText(/^K8S-I-01 .*: suggested for this check, in the course brief$/);
  await expect(
    threat.locator('optgroup[label="Other threats of the Kubernetes model"]')
  ).toBeAttached();
  await expect(threat.locator('option[value^="DOCKER-"]')).toHaveCount(0);
  await expect(
    threat.locator('option[value^="K8S-"]', { hasText: 'in the course brief' })
  ).toHaveCount(5);
  await threat.selectOption('K8S-I-01');
  await page.getByRole('combobox', { name: 'Threat for 1.2.21' }).selectOption('K8S-R-01');
  await page.getByRole('combobox', { name: 'Threat for 4.2.6' }).selectOption('K8S-T-01');
  await page
    .getByRole('textbox', { name: 'Why harden 1.1.12' })
    .fill('Whoever owns the etcd data directory can read every Secret.');
  await page
    .getByRole('textbox', { name: 'Why harden 1.2.21' })
    .fill('Without an audit log no API action can be traced.');
  await page
    .getByRole('textbox', { name: 'Why harden 4.2.6' })
    .fill('The kubelet must not change kernel settings behind our back.');
  await expect(page.getByRole('textbox', { name: 'How to verify 4.2.6' })).toHaveValue(
    /\(node \(worker node\)\) should now pass/
  );
  await expect(page.getByRole('status').filter({ hasText: 'All rules are met' })).toHaveText(
    /All rules are met: three failed findings, each tied to a threat and explained\.The rule that one pick must differ from 5\.10, 5\.14 and 5\.22/
  );

  // Verify: the same run with the etcd directory fixed.
  await paste(
    'Benchmark output after hardening',
    benchOutputs.read(KIND_RUN).replace('[FAIL] 1.1.12', '[PASS] 1.1.12')
  );
  await page.getByRole('button', { name: 'Mark 1.1.12 verified' }).click();
  await expect(page.locator('verify-panel')).toContainText('Verified: PASS 1.1.12');
  await expect(page.locator('verify-panel')).toContainText(
    `${AUDIT_LOG} [master (control plane node)], line 45`
  );

  const markdown = await download('Export the run analysis only');
  expect(markdown).toContain('## kube-bench Run Results and Analysis');
  expect(markdown).not.toMatch(/docker-bench/i);
  expect(markdown).toContain('| Tool | kube-bench (text output) |');
  expect(markdown).toContain('| Node type etcd | section 2 Etcd Node Configuration: 7 in all');
  expect(markdown).toContain(
    '### 1. 1.1.12 (CIS Kubernetes 1.20, kube-bench cis-1.20) Ensure that the etcd data directory ownership is set to etcd:etcd\n\n```text\n[FAIL] 1.1.12'
  );
  expect(markdown.match(/- \*\*Node type:\*\* master \(control plane node\)/g)).toHaveLength(2);
  expect(markdown).toContain('- **Node type:** node (worker node)');
  expect(markdown).toContain(
    '- **Threat:** K8S-I-01 Secrets readable from etcd or its backups (Information disclosure, one of the five Step 1 threats)'
  );
  expect(markdown).toContain('- **Threat:** K8S-R-01 ');
  expect(markdown).toContain('- **Threat:** K8S-T-01 ');
  expect(markdown).toContain(
    'under node type master (control plane node) (line 14, matched by check number)'
  );

  const json = await download('Export JSON');
  const doc = JSON.parse(json) as {
    exportedAt: string;
    run: unknown;
    worksheet: { picks: { findingId: string; nodeType?: string; threat: string }[] };
  };
  expect(doc.run).toEqual({
    tool: 'kube-bench',
    format: 'text',
    benchmark: 'cis-kubernetes-1.20',
    checkSet: 'kube-bench-cis-1.20',
    nodeTypes: ['master', 'etcd', 'controlplane', 'node', 'policies'],
  });
  expect(doc.worksheet.picks.map((p) => [p.findingId, p.nodeType, p.threat])).toEqual([
    ['1.1.12', 'master', 'K8S-I-01'],
    ['1.2.21', 'master', 'K8S-R-01'],
    ['4.2.6', 'node', 'K8S-T-01'],
  ]);

  // Start over, then import the export back.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('checkbox', { name: ETCD_DIR })).toHaveCount(0);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import JSON' }).click(),
  ]);
  await chooser.setFiles({
    name: 'kube-worksheet.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await expect(page.getByRole('checkbox', { name: ETCD_DIR })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Threat for 1.2.21' })).toHaveValue('K8S-R-01');
  await expect(page.getByRole('textbox', { name: 'Why harden 4.2.6' })).toHaveValue(
    'The kubelet must not change kernel settings behind our back.'
  );
  await expect(page.getByRole('combobox', { name: 'Status of 1.1.12' })).toHaveValue('verified');
  const again = JSON.parse(await download('Export JSON')) as { exportedAt?: string };
  expect({ ...again, exportedAt: doc.exportedAt }).toEqual(doc);

  expect(await axeViolations(page)).toEqual([]);
  const origin = new URL(baseURL!).origin;
  expect(
    seen.requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== origin)
  ).toEqual([]);
  expect(seen.requests.filter((u) => u.endsWith('/worksheet-data-kubernetes.json'))).toHaveLength(
    1
  );
  expect(await csp.violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a Docker run never fetches the Kubernetes data', async ({ page, paste, benchOutputs }) => {
  const seen = watch(page);
  await page.goto('/worksheet/');
  await paste(
    'Benchmark output',
    benchOutputs.read('docker-bench/synthetic-v1.3.4-201908-nocolor.stdout.txt')
  );
  await expect(page.locator('run-summary')).toContainText('docker-bench-security (text output)');
  await expect(page.locator('pick-list')).toContainText(
    'which CIS Docker 1.2.0 numbers 5.10, 5.14 and 5.22'
  );
  expect(seen.requests.filter((u) => u.includes('worksheet-data'))).toEqual([
    expect.stringMatching(/\/worksheet-data\.json$/),
  ]);
});
