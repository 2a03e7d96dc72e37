import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { buildWorksheetCatalog } from '../../../src/lib/worksheet/data';
import { runPlatform } from '../../../src/lib/worksheet/platform';
import { auditFailureOf } from '../../../src/lib/bench/auditAdvice';
import { AUDIT_ERROR_LABEL, auditErrorSummary } from '../../../src/lib/worksheet/audit-errors';
import type { BenchRun, FailedResource } from '../../../src/lib/bench/types';
import {
  notCheckedReason,
  omittedText,
  outcomeLabel,
  resourceLine,
  resourceName,
  resourcesHeading,
  resourcesPreview,
} from '../../../src/lib/worksheet/compliance';
import { worksheetJson } from '../../../src/lib/worksheet/export';
import {
  describeFindings,
  filterFindings,
  groupBySection,
} from '../../../src/lib/worksheet/findings';
import { checkFailedOnly } from '../../../src/lib/worksheet/rules';
import type { Worksheet } from '../../../src/lib/worksheet/schema';
import { reduceWorksheet } from '../../../src/lib/worksheet/state';
import { summaryRows } from '../../../src/lib/worksheet/summary';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';
import { worksheetMarkdown } from '../../../src/lib/worksheet/writeup';
import { contentWorksheetData, kubeBenchRun } from './helpers';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');
const catalogs = {
  docker: buildWorksheetCatalog(contentWorksheetData('docker')),
  kubernetes: buildWorksheetCatalog(contentWorksheetData('kubernetes')),
};
const now = new Date('2025-05-01T10:00:00.000Z');

describe('Trivy and kubescape runs in the worksheet data', () => {
  test.each([
    ['trivy-operator-detail.yaml', 'kubernetes', 'Trivy (YAML report)'],
    ['trivy-table-log-lines-elided.txt', 'kubernetes', 'Trivy (text output)'],
    ['kubescape-v2.9-cis-eks.json', 'kubernetes', 'kubescape (JSON report)'],
    ['trivy-docker-cis-all.json', 'docker', 'Trivy (JSON report)'],
  ] as const)('%s: explains every failed control from the catalog', (file, platform, tool) => {
    const run = parseBenchRun(fixture(file));
    expect(runPlatform(run)).toBe(platform);
    const views = describeFindings(run, catalogs[platform]);
    const failed = views.filter((v) => v.finding.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((v) => !v.info).map((v) => v.finding.id)).toEqual([]);
    expect(summaryRows(run).find((r) => r.label === 'Tool')?.value).toBe(tool);
  });
});

function picked(run: BenchRun, ids: readonly string[]): Worksheet {
  const views = describeFindings(run, catalogs.kubernetes);
  let ws = emptyWorksheet();
  for (const id of ids) {
    const v = views.find((x) => x.finding.id === id)!;
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key: v.key,
      patch: { threat: v.threats[0]?.id ?? '', why: `Why ${id}` },
    });
  }
  return ws;
}

describe('Trivy control-plane passes it cannot have seen', () => {
  const run = parseBenchRun(fixture('trivy-table-managed-cut.txt'));
  const apiServer = run.findings.find((f) => f.id === '1.2.1')!;

  test('are labelled not verified, say why, and count as no pass', () => {
    expect(apiServer.status).toBe('PASS');
    expect(outcomeLabel(apiServer)).toBe('Not verified');
    expect(notCheckedReason(apiServer)).toMatch(/cannot read the control plane/);
    const printedPass = run.findings.filter((f) => f.status === 'PASS').length;
    const visible = run.findings.filter(
      (f) => f.status === 'PASS' && !['1', '2', '3'].includes(f.section)
    ).length;
    expect(run.totals.counted.pass).toBe(visible);
    expect(printedPass - visible).toBe(8);
    expect(summaryRows(run).find((r) => r.label === 'Not checked')?.value).toBe(
      '8 control-plane checks (sections 1, 2) that Trivy reports as passing, though nothing in the report shows it could see the control plane (as on managed clusters): not verified by Trivy and not counted as passes; run kube-bench on a control-plane node to check them.'
    );
  });

  test('cannot be picked as failed findings, and the rule names them not verified', () => {
    const ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: apiServer });
    expect(checkFailedOnly(ws, run).map((u) => u.message)).toEqual([
      `1.2.1 Ensure that the --anonymous-auth argument is set to false is "Not verified" in this run, not failed. Only failed findings count.`,
    ]);
  });
});

describe('kubescape controls its CLI skipped', () => {
  test('the summary counts them by reason and never as passes', () => {
    const run = parseBenchRun(fixture('kubescape-v2.9-cis-eks.json'));
    const skipped = run.findings.filter((f) => f.outcome === 'skip');
    expect(skipped.length).toBe(run.totals.counted.skip);
    expect(skipped.every((f) => notCheckedReason(f) !== undefined)).toBe(true);
    expect(skipped.every((f) => outcomeLabel(f) === 'Not checked')).toBe(true);
    const operator = skipped.filter((f) => f.auditErrorCode === 'requires-operator').length;
    const text = summaryRows(run).find((r) => r.label === 'Not checked')?.value ?? '';
    expect(text).toMatch(
      new RegExp(
        `^${operator} node and file checks that the kubescape CLI skipped: .*Kubescape operator`
      )
    );
    expect(text).toContain(`(kubescape's "irrelevant"), not counted as passes`);
    expect(summaryRows(run).find((r) => r.label === 'Framework')?.value).toBe(
      'kubescape framework cis-eks-t1.2.0'
    );
  });

  test('a kube-bench run has no such row', () => {
    const run = parseBenchRun(
      kubeBenchRun([
        {
          nodeType: 'node',
          id: '4',
          title: 'Worker Node Security Configuration',
          checks: [
            {
              tag: 'FAIL',
              id: '4.2.1',
              title: 'Ensure that the anonymous-auth argument is set to false',
            },
          ],
        },
      ])
    );
    const labels = summaryRows(run).map((r) => r.label);
    expect(labels).not.toContain('Not checked');
    expect(labels).not.toContain('Spec');
  });
});

describe('the objects a result failed on', () => {
  const many: FailedResource[] = Array.from({ length: 50 }, (_, i) => ({
    kind: 'Deployment',
    name: `web-${i}`,
    namespace: 'shop',
  }));

  test('are named kind namespace/name, with what failed on them', () => {
    expect(resourceName({ kind: 'Deployment', name: 'web', namespace: 'shop' })).toBe(
      'Deployment shop/web'
    );
    expect(resourceName({ kind: '', name: 'Dockerfile' })).toBe('Dockerfile');
    expect(resourceLine({ kind: 'Node', name: 'n1', detail: 'KCV0080: AlwaysAllow\nset' })).toBe(
      'Node n1: KCV0080: AlwaysAllow set'
    );
  });

  test('are previewed by their first three and counted with those the reader left out', () => {
    expect(resourcesPreview({ resources: many.slice(0, 2) })).toBe(
      'Deployment shop/web-0 and Deployment shop/web-1'
    );
    expect(resourcesPreview({ resources: many, resourcesOmitted: 25 })).toBe(
      'Deployment shop/web-0, Deployment shop/web-1, Deployment shop/web-2 and 72 more'
    );
    expect(resourcesHeading({ resources: many, resourcesOmitted: 25 })).toBe(
      'What it failed on (75 objects)'
    );
    expect(omittedText({ resources: many }, 20)).toBe('…and 30 more.');
    expect(omittedText({ resources: many, resourcesOmitted: 25 })).toBe(
      '…and 25 more that the report names; the worksheet keeps the first 50.'
    );
    expect(omittedText({ resources: many })).toBeUndefined();
    expect(resourcesPreview({})).toBeUndefined();
  });

  test('match the findings filter by name', () => {
    const run = parseBenchRun(fixture('trivy-operator-detail.yaml'));
    const views = describeFindings(run, catalogs.kubernetes);
    const shown = filterFindings(views, { section: '', outcome: 'all', text: 'calico-node' });
    expect(shown.map((v) => v.finding.id)).toEqual(['5.2.2']);
  });
});

describe('exports of Trivy and kubescape runs', () => {
  test('name the tool and spec, say what was not checked, and list what each pick failed on', () => {
    const run = parseBenchRun(fixture('trivy-operator-detail.yaml'));
    const ws = picked(run, ['1.2.1', '5.2.2', '5.7.3']);
    const md = worksheetMarkdown(ws, { run, catalog: catalogs.kubernetes, now });
    expect(md).toContain('## Trivy Run Results and Analysis');
    expect(md).not.toContain('kube-bench Run Results');
    expect(md).toContain('| Tool | Trivy (YAML report) |');
    expect(md).toContain(
      '| Spec | Trivy compliance spec k8s-cis-1.23 (CIS Kubernetes Benchmarks v1.23), trivy-operator ClusterComplianceReport, report type all (names the objects that failed) |'
    );
    expect(md).toContain('The task: three failed findings of the Trivy run');
    expect(md).toContain('so it does not apply to this Trivy run.');
    const objects = run.findings.find((f) => f.id === '5.7.3')!.resources!;
    expect(md).toContain(`#### What it failed on (${objects.length} objects)`);
    expect(md).toContain(
      "- DaemonSet kube-system/calico-node: AVD-KSV-0017: Container 'calico-node' of DaemonSet 'calico-node' should set 'securityContext.privileged' to false"
    );
    const json = JSON.parse(worksheetJson(ws, now, run)) as { run: Record<string, unknown> };
    expect(json.run).toEqual({
      tool: 'trivy',
      format: 'yaml',
      benchmark: 'cis-kubernetes-1.23',
      checkSet: 'trivy-k8s-cis-1.23',
      spec: 'k8s-cis-1.23',
    });
  });

  test('a Trivy docker-cis run says it covers the image checks of section 4 only', () => {
    const run = parseBenchRun(fixture('trivy-docker-cis-all.json'));
    const md = worksheetMarkdown(emptyWorksheet(), { run, catalog: catalogs.docker, now });
    expect(md).toContain('## Trivy Run Results and Analysis');
    expect(md).toContain('| Covers | the image checks of CIS Docker section 4 only (4.1 to 4.12');
    expect(md).toContain('| Spec | Trivy compliance spec docker-cis-1.6.0');
  });
});

describe('findings of Trivy and kubescape runs grouped by section', () => {
  test.each([
    [
      'trivy-table-managed-cut.txt',
      [
        '1 Control Plane Components',
        '2 etcd',
        '3 Control Plane Configuration',
        '4 Worker Nodes',
        '5 Policies',
      ],
    ],
    [
      'kubescape-v2.9-cis-eks.json',
      ['2 Control Plane Configuration', '3 Worker Nodes', '4 Policies', '5 Managed services'],
    ],
    ['trivy-docker-cis-all.json', ['4 Container Images and Build File Configuration']],
  ] as const)('%s: under the titles of its CIS benchmark', (file, titles) => {
    const run = parseBenchRun(fixture(file));
    const platform = runPlatform(run);
    const groups = groupBySection(describeFindings(run, catalogs[platform]), run);
    expect(groups.map((g) => `${g.section} ${g.title}`)).toEqual(titles);
  });
});

describe('results Trivy and kubescape did not check', () => {
  test('are never labelled as audits that could not run, nor counted as such in the summary', () => {
    const kubescape = parseBenchRun(fixture('kubescape-v2.9-cis-eks.json'));
    const unchecked = kubescape.findings.filter((f) => f.auditErrorCode !== undefined);
    expect(unchecked.length).toBeGreaterThan(0);
    expect(unchecked.filter((f) => auditFailureOf(f) !== undefined)).toEqual([]);
    expect(auditErrorSummary(kubescape)).toBeUndefined();
    expect(summaryRows(kubescape).map((r) => r.label)).not.toContain(AUDIT_ERROR_LABEL);
  });
});
