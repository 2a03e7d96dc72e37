import { expect, type Page } from '@playwright/test';
import { axeViolations, test, watch, watchCsp } from './helpers';

// Real reports: trivy-operator's ClusterComplianceReport and kubescape's JSON of a fresh k3d cluster.
const OPERATOR_REPORT =
  'trivy-kubescape/trivy-operator-clustercompliancereport-summary_chilcano-microk8s.json';
const KUBESCAPE_REPORT =
  'trivy-kubescape/kubescape-v3.0.1-json_cis-v1.23-t1.0.1+allcontrols_petskratt-k3d.json';
const TRIVY_ALL_REPORT = 'trivy-kubescape/trivy-k8s-cis-1.23-all-json_chilcano-microk8s.json';

const SECRETS = '5.1.2 Minimize access to secrets';
const WILDCARDS = '5.1.3 Minimize wildcard use in Roles and ClusterRoles';
const SECURITY_CONTEXT = '5.7.3 Apply Security Context to Your Pods and Containers';
const CLUSTER_ADMIN = '5.1.1 Ensure that the cluster-admin role is only used where required';

/** Ticks three failed findings and ties each to a threat with a reason, as a user does. */
async function pickThree(page: Page, picks: [name: string, id: string, threat: string][]) {
  for (const [name] of picks) await page.getByRole('checkbox', { name, exact: true }).check();
  for (const [, id, threat] of picks) {
    await page.getByRole('combobox', { name: `Threat for ${id}` }).selectOption(threat);
    await page
      .getByRole('textbox', { name: `Why harden ${id}` })
      .fill(`Hardening ${id} narrows what a stolen token can do.`);
  }
  await expect(page.getByRole('status').filter({ hasText: 'All rules are met' })).toBeVisible();
}

test('a trivy-operator report: control-plane passes not verified, findings explained, three picks, exports naming Trivy and its spec', async ({
  page,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  const csp = await watchCsp(page);
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(OPERATOR_REPORT));
  await expect(page.getByRole('checkbox', { name: SECRETS, exact: true })).toBeVisible();

  const summary = page.locator('run-summary');
  await expect(summary).toContainText('Trivy (JSON report)');
  await expect(summary).toContainText('CIS Kubernetes 1.23Recognised from');
  await expect(summary).toContainText(
    'Trivy compliance spec k8s-cis-1.23 (CIS Kubernetes Benchmarks v1.23), trivy-operator ClusterComplianceReport, report type summary (counts failures only)'
  );
  await expect(summary).toContainText(
    '116 in all: 14 failed, 8 manual check, 0 information, 30 passed, 64 not checked'
  );
  await expect(summary).toContainText(
    '64 control-plane checks (sections 1, 2) that Trivy reports as passing, though nothing in the report shows it could see the control plane (as on managed clusters): not verified by Trivy and not counted as passes'
  );

  // A control-plane pass is listed as not verified, with the reason, never among the passes.
  const findings = page.locator('finding-list');
  const outcome = findings.getByRole('combobox', { name: 'Outcome' });
  await outcome.selectOption({ label: 'Passed (30)' });
  await expect(findings.getByText(/^1\.2\.1 /)).toHaveCount(0);
  await outcome.selectOption({ label: 'Not checked (64)' });
  const anonymous = findings
    .getByRole('listitem')
    .filter({ hasText: '1.2.1 Ensure that the --anonymous-auth argument is set to false' });
  await expect(anonymous.locator('.badge')).toHaveText('Not verified (PASS)');
  await anonymous.locator('summary').click();
  await expect(anonymous).toContainText(
    'Why it was not checkedTrivy reports a control-plane check as passing when it cannot read the control plane'
  );
  await outcome.selectOption({ label: 'Failed (14)' });

  // Findings are explained from the Kubernetes concepts.
  const secrets = findings
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: SECRETS, exact: true }) });
  await secrets.locator('summary').click();
  await expect(secrets.getByRole('link', { name: 'Access to Secrets minimised' })).toHaveAttribute(
    'href',
    '/checks/kubernetes/secrets-access/'
  );
  await expect(secrets).toContainText('K8S-I-01');
  expect(await axeViolations(page)).toEqual([]);

  await pickThree(page, [
    [SECRETS, '5.1.2', 'K8S-I-01'],
    [WILDCARDS, '5.1.3', 'K8S-E-02'],
    [SECURITY_CONTEXT, '5.7.3', 'K8S-E-01'],
  ]);
  await expect(page.locator('pick-list [data-rules]')).toContainText(
    'so it does not apply to this Trivy run.'
  );

  const markdown = await download('Export the run analysis only');
  expect(markdown).toContain('## Trivy Run Results and Analysis');
  expect(markdown).toContain('| Tool | Trivy (JSON report) |');
  expect(markdown).toContain(
    '| Spec | Trivy compliance spec k8s-cis-1.23 (CIS Kubernetes Benchmarks v1.23), trivy-operator ClusterComplianceReport'
  );
  expect(markdown).toContain('| Not checked | 64 control-plane checks (sections 1, 2)');
  expect(markdown).toContain('The task: three failed findings of the Trivy run');
  expect(markdown).toContain(
    '### 1. 5.1.2 (CIS Kubernetes 1.23, Trivy k8s-cis-1.23) Minimize access to secrets'
  );
  expect(markdown).toContain('- **Threat:** K8S-I-01 ');

  const json = JSON.parse(await download('Export JSON')) as {
    run: unknown;
    worksheet: { picks: { findingId: string; threat: string }[] };
  };
  expect(json.run).toEqual({
    tool: 'trivy',
    format: 'json',
    benchmark: 'cis-kubernetes-1.23',
    checkSet: 'trivy-k8s-cis-1.23',
    spec: 'k8s-cis-1.23',
  });
  expect(json.worksheet.picks.map((p) => [p.findingId, p.threat])).toEqual([
    ['5.1.2', 'K8S-I-01'],
    ['5.1.3', 'K8S-E-02'],
    ['5.7.3', 'K8S-E-01'],
  ]);

  expect(seen.requests.filter((u) => !u.startsWith(new URL(page.url()).origin))).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(await csp.violations()).toEqual([]);
});

test('a kubescape report: skipped node checks counted and why, the objects each finding failed on, three picks, exports naming kubescape and its framework', async ({
  page,
  paste,
  download,
  benchOutputs,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  await page.goto('/worksheet/');
  await paste('Benchmark output', benchOutputs.read(KUBESCAPE_REPORT));
  await expect(page.getByRole('checkbox', { name: CLUSTER_ADMIN, exact: true })).toBeVisible();

  const summary = page.locator('run-summary');
  await expect(summary).toContainText('kubescape (JSON report)');
  await expect(summary).toContainText('kubescape framework cis-v1.23-t1.0.1');
  await expect(summary).toContainText(
    '121 in all: 9 failed, 0 manual check, 0 information, 17 passed, 95 not checked'
  );
  await expect(summary).toContainText(
    '48 node and file checks that the kubescape CLI skipped: they read files and process arguments on the nodes, which only the host scanner of the Kubescape operator collects; install the operator, or run kube-bench on the nodes, to check them; 47 controls that found nothing of the kind they check (kubescape\'s "irrelevant"), not counted as passes.'
  );

  // What each finding failed on shows beside it, and in full with its explanation.
  const findings = page.locator('finding-list');
  const clusterAdmin = findings
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: CLUSTER_ADMIN, exact: true }) });
  await expect(clusterAdmin).toContainText(
    'Failed on ServiceAccount kube-system/helm-traefik-crd and ServiceAccount kube-system/helm-traefik.'
  );
  await clusterAdmin.locator('summary').click();
  await expect(
    clusterAdmin.getByRole('heading', { name: 'What it failed on (2 objects)' })
  ).toBeVisible();
  await expect(clusterAdmin.locator('.failed-on li').first()).toHaveText(
    /^ServiceAccount kube-system\/helm-traefik-crd: via ClusterRole\/cluster-admin, ClusterRoleBinding\/helm-kube-system-traefik-crd/
  );
  await expect(
    clusterAdmin.getByRole('link', { name: 'cluster-admin bound only where required' })
  ).toBeVisible();

  // A skipped node check is not checked, with kubescape's reason.
  await findings
    .getByRole('combobox', { name: 'Outcome' })
    .selectOption({ label: 'Not checked (95)' });
  const etcdDir = findings.getByRole('listitem').filter({ hasText: /^1\.1\.12 / });
  await expect(etcdDir.locator('.badge')).toHaveText('Not checked (skipped)');
  await etcdDir.locator('summary').click();
  await expect(etcdDir).toContainText('Kubescape operator');
  await findings.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Failed (9)' });

  await pickThree(page, [
    [CLUSTER_ADMIN, '5.1.1', 'K8S-E-02'],
    [SECRETS, '5.1.2', 'K8S-I-01'],
    [SECURITY_CONTEXT, '5.7.3', 'K8S-E-01'],
  ]);

  const markdown = await download('Export the run analysis only');
  expect(markdown).toContain('## kubescape Run Results and Analysis');
  expect(markdown).toContain('| Tool | kubescape (JSON report) |');
  expect(markdown).toContain('| Framework | kubescape framework cis-v1.23-t1.0.1 |');
  expect(markdown).toContain(
    '| Not checked | 48 node and file checks that the kubescape CLI skipped'
  );
  expect(markdown).toContain('#### What it failed on (2 objects)');
  expect(markdown).toContain(
    '- ServiceAccount kube-system/helm-traefik-crd: via ClusterRole/cluster-admin'
  );
  const json = JSON.parse(await download('Export JSON')) as { run: unknown };
  expect(json.run).toEqual({
    tool: 'kubescape',
    format: 'json',
    benchmark: 'cis-kubernetes-1.23',
    checkSet: 'kubescape-cis-v1.23-t1.0.1',
    spec: 'cis-v1.23-t1.0.1',
  });
  expect(seen.errors).toEqual([]);
});

test('a Trivy result that failed on many objects shows them ten at a time', async ({
  page,
  paste,
  benchOutputs,
}) => {
  // The real --report all JSON with control 5.7.3 failing on 23 Deployments instead of one.
  const report = JSON.parse(benchOutputs.read(TRIVY_ALL_REPORT)) as {
    Results: { ID: string; Results: { Target: string }[] | null }[];
  };
  const control = report.Results.find((r) => r.ID === '5.7.3')!;
  const first = control.Results![0]!;
  control.Results = Array.from({ length: 23 }, (_, i) => ({
    ...first,
    Target: `Deployment/web-${i}`,
  }));
  await page.goto('/worksheet/');
  await paste('Benchmark output', JSON.stringify(report, null, 2));
  const item = page
    .locator('finding-list')
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: SECURITY_CONTEXT, exact: true }) });
  await expect(item).toContainText(
    'Failed on Deployment web-0, Deployment web-1, Deployment web-2 and 20 more.'
  );
  await item.locator('summary').click();
  await expect(item.getByRole('heading', { name: 'What it failed on (23 objects)' })).toBeVisible();
  const objects = item.locator('.failed-on li');
  await expect(objects).toHaveCount(10);
  await item.getByRole('button', { name: 'Show 10 more of 13' }).click();
  await expect(objects).toHaveCount(20);
  await item.getByRole('button', { name: 'Show 3 more of 3' }).press('Enter');
  await expect(objects).toHaveCount(23);
  await expect(objects.nth(20)).toBeFocused();
  await expect(objects.last()).toHaveText(/^Deployment web-22: KSV/);
  await expect(item.getByRole('button', { name: /^Show / })).toBeHidden();
});
