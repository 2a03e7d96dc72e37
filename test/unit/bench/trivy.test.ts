import { describe, it, expect } from 'vitest';
import { parseBenchRun, type BenchRun, type Finding } from '../../../src/lib/bench/index';
import { fixtureText } from './helpers';

function byId(run: BenchRun, id: string): Finding {
  const f = run.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}

function messages(run: BenchRun): string {
  return run.diagnostics.map((d) => d.message).join('\n');
}

describe('Trivy summary table', () => {
  const text = fixtureText('trivy-table-log-lines-elided.txt');
  const run = parseBenchRun(text);

  it('names the tool, the spec from its title and the CIS benchmark', () => {
    expect(run).toMatchObject({
      tool: 'trivy',
      format: 'text',
      complete: true,
      checkSet: 'trivy-k8s-cis-1.23',
      spec: { id: 'k8s-cis-1.23', title: 'CIS Kubernetes Benchmarks v1.23', reportType: 'summary' },
      benchmark: { id: 'cis-kubernetes-1.23', confidence: 'high' },
    });
    expect(run.spec?.operator).toBeUndefined();
  });

  it('reads every row with its status, severity and issue count', () => {
    expect(run.findings.map((f) => f.id)).toEqual([
      '1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.2.16', '1.2.17', '2.1', '3.2.1', '4.1.1', '4.2.1',
      '4.2.2', '5.1.1', '5.1.3', '5.2.2', '5.2.6', '5.3.1', '5.7.1', '5.7.2', '5.7.3', '5.7.4',
    ]); // prettier-ignore
    expect(byId(run, '5.7.3')).toMatchObject({
      status: 'FAIL',
      outcome: 'fail',
      toolSeverity: 'HIGH',
      title: 'Apply Security Context to Your Pods and Containers',
    });
    expect(byId(run, '5.7.3').details[0]).toMatch(/^68 issues/);
    expect(byId(run, '4.2.2').toolSeverity).toBe('CRITICAL');
    expect(text.split('\n')[byId(run, '4.2.2').line - 1]).toContain('│ 4.2.2 ');
  });

  it('reads "-" as a manual control, never a pass', () => {
    for (const id of ['3.2.1', '5.3.1', '5.7.1']) {
      expect(byId(run, id)).toMatchObject({ outcome: 'manual', status: 'MANUAL', scored: false });
    }
    expect(byId(run, '3.2.1').title).toBe('Ensure that a minimal audit policy is created');
  });

  it('keeps control-plane passes when a control-plane check failed, which shows Trivy read it', () => {
    expect(byId(run, '1.2.16').outcome).toBe('fail');
    expect(byId(run, '1.1.1')).toMatchObject({ outcome: 'pass', status: 'PASS' });
    expect(run.findings.some((f) => f.auditErrorCode === 'control-plane-not-visible')).toBe(false);
  });

  it('skips the log lines before the table and says where rows were left out', () => {
    const before = run.diagnostics.find((d) => /before the table/.test(d.message));
    expect(before).toMatchObject({ line: 1, severity: 'info' });
    expect(before?.message).toMatch(/^3 lines/);
    const elided = run.diagnostics.find((d) => /left out of the table/.test(d.message));
    expect(elided?.line).toBe(text.split('\n').indexOf('[...]') + 1);
    expect(elided?.message).toContain('and 1 more');
    expect(messages(run)).toContain('holds 20 of the 116 controls of k8s-cis-1.23');
  });
});

describe('Trivy on a cluster whose control plane it cannot see', () => {
  const run = parseBenchRun(fixtureText('trivy-table-managed-cut.txt'));

  it('shows control-plane passes as not checked, keeping what Trivy printed', () => {
    const controlPlane = run.findings.filter((f) => ['1', '2', '3'].includes(f.section));
    expect(controlPlane.map((f) => f.outcome)).toEqual([
      'skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'manual',
    ]); // prettier-ignore
    expect(byId(run, '1.2.1')).toMatchObject({
      status: 'PASS',
      auditErrorCode: 'control-plane-not-visible',
    });
    expect(byId(run, '1.2.1').auditError).toMatch(/cannot read the control plane/);
    expect(run.totals.counted).toMatchObject({ pass: 3, skip: 8, fail: 4, manual: 1 });
    expect(messages(run)).toMatch(
      /8 control-plane checks .* shown as not verified and not counted as passes/
    );
  });

  it('keeps worker-node passes', () => {
    expect(byId(run, '4.2.1')).toMatchObject({ outcome: 'pass' });
    expect(byId(run, '4.2.1').auditErrorCode).toBeUndefined();
  });

  it('says the paste stops in the middle of a row', () => {
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('5.1.2');
    expect(run.diagnostics.find((d) => /cut short/.test(d.message))?.line).toBe(22);
    expect(messages(run)).toMatch(/stops after control 5\.1\.2/);
  });
});

describe('older Trivy layouts and ids', () => {
  it('reads the "Compliance" column of Trivy before v0.35', () => {
    const run = parseBenchRun(fixtureText('trivy-table-before-0.35.txt'));
    expect(run.complete).toBe(true);
    expect(run.findings.map((f) => [f.id, f.outcome, f.status])).toEqual([
      ['1.0', 'fail', '50.00%'],
      ['1.1', 'fail', '0.00%'],
      ['1.2', 'pass', '100.00%'],
      ['1.3', 'pass', '100.00%'],
    ]);
    expect(byId(run, '1.1').details[0]).toMatch(/also printed 0\.00% when nothing was checked/);
    expect(run.benchmark).toBeUndefined();
    expect(messages(run)).toMatch(/"nsa" is not a CIS Kubernetes or Docker benchmark/);
    expect(messages(run)).toMatch(/before v0\.35/);
  });

  it('reads float TotalPass/TotalFail and shows a control with neither as not checked', () => {
    const run = parseBenchRun(fixtureText('trivy-summary-before-0.35.json'));
    expect(run.findings.map((f) => [f.id, f.outcome])).toEqual([
      ['1.0', 'fail'],
      ['1.1', 'fail'],
      ['1.2', 'pass'],
      ['1.10', 'skip'],
    ]);
    expect(byId(run, '1.10')).toMatchObject({
      status: 'NOT CHECKED',
      auditErrorCode: 'not-evaluated',
    });
    expect(byId(run, '1.0').details).toEqual(['3 passed, 3 failed.']);
  });

  it('reads the unversioned k8s-cis id of Trivy v0.36 to v0.52', () => {
    const run = parseBenchRun(fixtureText('trivy-summary-old-id.json'));
    expect(run).toMatchObject({
      spec: { id: 'k8s-cis' },
      checkSet: 'trivy-k8s-cis-1.23',
      benchmark: { id: 'cis-kubernetes-1.23' },
    });
    expect(run.benchmark?.evidence).toMatch(/older id of k8s-cis-1\.23/);
    expect(byId(run, '3.1.1').outcome).toBe('manual');
    expect(byId(run, '1.1.1').outcome).toBe('pass');
  });

  it('reads eks-cis and shows a control its spec checks nothing for as not checked', () => {
    const run = parseBenchRun(fixtureText('trivy-summary-eks-cis.json'));
    expect(run).toMatchObject({
      checkSet: 'trivy-eks-cis-1.4',
      benchmark: { id: 'cis-eks-1.4.0' },
    });
    expect(byId(run, '5.1.1')).toMatchObject({
      outcome: 'skip',
      status: 'PASS',
      auditErrorCode: 'no-automated-check',
    });
    expect(byId(run, '3.2.1')).toMatchObject({
      outcome: 'pass',
      scored: true,
      title: 'Ensure that the Anonymous Auth is Not Enabled',
    });
    expect(byId(run, '5.4.1').outcome).toBe('manual');
  });

  it('reads the docker-cis table of Trivy v0.37 to v0.52, titled CIS Docker CE 1.1.0', () => {
    const run = parseBenchRun(fixtureText('trivy-table-docker-cis-v1.1.0.txt'));
    expect(run).toMatchObject({
      complete: true,
      checkSet: 'trivy-docker-cis-1.6.0',
      benchmark: { id: 'cis-docker-ce-1.1.0' },
    });
    expect(run.totals.counted).toMatchObject({ fail: 3, pass: 3, manual: 5 });
    expect(messages(run)).toMatch(/covers only section 4 of the CIS Docker Benchmark/);
  });
});

describe('Trivy --report all JSON', () => {
  const run = parseBenchRun(fixtureText('trivy-docker-cis-all.json'));

  it('keeps what each control failed on, one entry per object', () => {
    expect(byId(run, '4.1').resources).toEqual([
      {
        kind: '',
        name: 'Dockerfile',
        detail:
          'DS002: Specify at least 1 USER command in Dockerfile with non-root user as argument',
      },
    ]);
    const image = byId(run, '4.4').resources;
    expect(image).toHaveLength(1);
    expect(image?.[0]?.name).toBe('registry.example.com/shop/api:2.3.1 (debian 12.5)');
    expect(image?.[0]?.detail).toBe(
      'CVE-2024-45491 (CRITICAL) in libexpat1; CVE-2024-45492 (CRITICAL) in libexpat1; CVE-2023-45853 (CRITICAL) in zlib1g'
    );
  });

  it('counts passes, failures and manual controls from the results', () => {
    expect(run.complete).toBe(true);
    expect(run.spec).toMatchObject({ id: 'docker-cis-1.6.0', reportType: 'all' });
    expect(run.totals.counted).toMatchObject({ fail: 3, pass: 3, manual: 6, skip: 0 });
    expect(messages(run)).toMatch(/covers only section 4/);
    expect(messages(run)).not.toMatch(/holds \d+ of the/);
  });

  it('says when controls are missing from a whole report', () => {
    const doc = JSON.parse(fixtureText('trivy-docker-cis-all.json')) as { Results: unknown[] };
    doc.Results.splice(1, 1);
    expect(messages(parseBenchRun(JSON.stringify(doc)))).toMatch(
      /holds 11 of the 12 controls of docker-cis-1\.6\.0/
    );
  });

  it('keeps the controls before the break of a cut report and says it is cut', () => {
    const text = fixtureText('trivy-docker-cis-all.json');
    const cut = parseBenchRun(text.slice(0, text.indexOf('"ID": "4.6"')));
    expect(cut.complete).toBe(false);
    expect(cut.findings.map((f) => f.id)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5']);
    expect(messages(cut)).toMatch(/JSON is not valid/);
  });
});

describe('trivy-operator ClusterComplianceReport', () => {
  it('reads a detail report as kubectl prints it in YAML', () => {
    const text = fixtureText('trivy-operator-detail.yaml');
    const run = parseBenchRun(text);
    expect(run).toMatchObject({
      tool: 'trivy',
      format: 'yaml',
      toolVersion: '0.22.0',
      complete: true,
      spec: { id: 'k8s-cis-1.23', reportType: 'all', operator: true },
      benchmark: { id: 'cis-kubernetes-1.23' },
    });
    expect(run.findings.map((f) => [f.id, f.outcome])).toEqual([
      ['1.1.1', 'pass'],
      ['1.2.1', 'fail'],
      ['2.1', 'pass'],
      ['3.2.1', 'manual'],
      ['5.2.2', 'fail'],
      ['5.7.3', 'fail'],
    ]);
    expect(byId(run, '1.1.1').title).toBe(
      'Ensure that the API server pod specification file permissions are set to 600 or more restrictive'
    );
    expect(byId(run, '1.2.1').resources).toEqual([
      {
        kind: 'Pod',
        name: 'kube-apiserver-cp-1',
        namespace: 'kube-system',
        detail: 'AVD-KCV-0001: Ensure that the --anonymous-auth argument is set to false',
      },
    ]);
    const shop = byId(run, '5.7.3').resources?.[0];
    expect(shop).toMatchObject({ kind: 'ReplicaSet', name: 'shop-7d9c6f5b8d', namespace: 'shop' });
    expect(shop?.detail).toMatch(/AVD-KSV-0021: .*; AVD-KSV-0020: /);
    expect(text.split('\n')[byId(run, '5.2.2').line - 1]).toContain('- checks:');
  });

  it('reads a summary report under the old spec name cis, with manual controls counted as passes', () => {
    const run = parseBenchRun(fixtureText('trivy-operator-summary-cis.yaml'));
    expect(run).toMatchObject({
      toolVersion: '0.14.1',
      spec: { id: 'cis', reportType: 'summary', operator: true },
      checkSet: 'trivy-k8s-cis-1.23',
      totals: { printed: { pass: 4, fail: 2 } },
    });
    expect(run.findings.map((f) => f.outcome)).toEqual([
      'skip', 'skip', 'skip', 'manual', 'fail', 'fail',
    ]); // prettier-ignore
    expect(messages(run)).not.toMatch(/does not match/);
  });

  it('says when status.summary disagrees with the controls', () => {
    const text = fixtureText('trivy-operator-summary-cis.yaml').replace(
      'failCount: 2',
      'failCount: 3'
    );
    expect(messages(parseBenchRun(text))).toMatch(/3 failed printed, 2 read/);
  });

  it('picks the CIS report of a list and names the others', () => {
    const run = parseBenchRun(fixtureText('trivy-operator-list.json'));
    expect(run.spec?.id).toBe('cis');
    expect(run.findings.map((f) => f.id)).toEqual(['1.2.1', '4.2.1', '5.1.1', '5.7.1']);
    expect(messages(run)).toMatch(/holds 2 compliance reports \(nsa, cis\); "cis" is shown/);
  });

  it('keeps what comes before a YAML syntax error and says where it is', () => {
    const lines = fixtureText('trivy-operator-summary-cis.yaml').split('\n');
    const at = lines.findLastIndex((l) => l.includes('- id: 5.7.4'));
    // A line that lost its indentation, as when a paste is edited by hand.
    lines.splice(at, 0, '   id: 5.7.3');
    const run = parseBenchRun(lines.join('\n'));
    expect(run.complete).toBe(false);
    expect(run.diagnostics.find((d) => /YAML is not valid/.test(d.message))?.line).toBe(at + 1);
    expect(run.findings.map((f) => f.id)).toEqual(['1.1.1', '1.2.1', '2.1', '3.1.1', '5.2.2']);
  });
});

describe('Trivy quirks', () => {
  const header = [
    '',
    'Summary Report for compliance: CIS Kubernetes Benchmarks v1.23',
    '| ID | Severity | Control Name | Status | Issues |',
    '|----|----------|--------------|--------|--------|',
  ];

  it('reads a table pasted as Markdown, with | for the box lines', () => {
    const run = parseBenchRun(
      [
        ...header,
        '| 5.1.1 | HIGH | Ensure that the cluster-admin role is only used where required | FAIL | 2 |',
        '| 5.7.1 | MEDIUM | Create administrative boundaries between resources using namespaces (Manual) | - | - |',
        '|----|----------|--------------|--------|--------|',
      ].join('\n')
    );
    expect(run.findings.map((f) => [f.id, f.outcome])).toEqual([
      ['5.1.1', 'fail'],
      ['5.7.1', 'manual'],
    ]);
    expect(run.complete).toBe(true);
  });

  it('joins a control name wrapped onto the next row of the box', () => {
    const run = parseBenchRun(
      [
        ...header,
        '| 5.7.2 | MEDIUM | Ensure that the seccomp profile is set to | FAIL | 12 |',
        '|       |        | docker/default in your pod definitions   |      |    |',
      ].join('\n')
    );
    expect(run.findings[0]?.title).toBe(
      'Ensure that the seccomp profile is set to docker/default in your pod definitions'
    );
  });

  it('shows the last of several tables pasted one after another', () => {
    const one = fixtureText('trivy-table-docker-cis-v1.1.0.txt');
    const run = parseBenchRun(`${one}\n${fixtureText('trivy-table-log-lines-elided.txt')}`);
    expect(run.benchmark?.id).toBe('cis-kubernetes-1.23');
    expect(messages(run)).toMatch(/holds 2 summary reports/);
  });

  it('warns that a report where nothing failed may mean nothing was scanned', () => {
    const doc = JSON.parse(fixtureText('trivy-summary-old-id.json')) as {
      SummaryControls: { TotalFail?: number }[];
    };
    for (const c of doc.SummaryControls) if (c.TotalFail) c.TotalFail = 0;
    expect(messages(parseBenchRun(JSON.stringify(doc)))).toMatch(/No control failed.*#1306/);
  });

  it('says when a spec is not one Trivy ships', () => {
    const run = parseBenchRun(
      JSON.stringify({
        ID: 'acme-baseline',
        Title: 'ACME baseline',
        SummaryControls: [{ ID: '1.1', Name: 'Something', Severity: 'LOW', TotalFail: 1 }],
      })
    );
    expect(run.benchmark).toBeUndefined();
    expect(run.findings).toHaveLength(1);
    expect(messages(run)).toMatch(/"acme-baseline" is not a compliance spec Trivy ships/);
  });

  it('keeps an unquoted YAML id such as 5.10 as printed', () => {
    const run = parseBenchRun(
      [
        'apiVersion: aquasecurity.github.io/v1alpha1',
        'kind: ClusterComplianceReport',
        'metadata:',
        '  name: k8s-cis-1.23',
        'status:',
        '  summaryReport:',
        '    controlCheck:',
        '    - id: 5.10',
        '      name: Something numbered 5.10',
        '      severity: LOW',
        '      totalFail: 1',
      ].join('\n')
    );
    expect(run.findings.map((f) => f.id)).toEqual(['5.10']);
    expect(run.findings[0]?.line).toBe(8);
  });
});
