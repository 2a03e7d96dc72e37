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

describe('kubescape v2.2 and later: statuses with a subStatus', () => {
  const run = parseBenchRun(fixtureText('kubescape-v2.9-cis-eks.json'));

  it('reads the CIS framework, not the other one scanned with it', () => {
    expect(run).toMatchObject({
      tool: 'kubescape',
      format: 'json',
      toolVersion: '2.9.0',
      complete: true,
      spec: { id: 'cis-eks-t1.2.0' },
      checkSet: 'kubescape-cis-eks-t1.2.0',
      benchmark: { id: 'cis-eks-1.2.0', confidence: 'high' },
    });
    expect(run.findings).toHaveLength(12);
    expect(run.findings.some((f) => f.title === 'Exec into container')).toBe(false);
  });

  it('takes the CIS id from the control name, never from the C-id', () => {
    expect(byId(run, '4.2.1')).toMatchObject({
      title: 'Minimize the admission of privileged containers',
      outcome: 'fail',
      status: 'failed',
      toolSeverity: 'HIGH',
    });
    expect(byId(run, '4.2.1').details).toContain('kubescape control C-0213.');
  });

  it('shows skipped and irrelevant controls as not checked, with the reason', () => {
    expect(byId(run, '3.2.1')).toMatchObject({
      outcome: 'skip',
      auditErrorCode: 'requires-operator',
    });
    expect(byId(run, '5.1.4')).toMatchObject({
      outcome: 'skip',
      status: 'skipped (configuration)',
      auditErrorCode: 'needs-configuration',
    });
    expect(byId(run, '2.1.1')).toMatchObject({
      outcome: 'skip',
      auditErrorCode: 'needs-integration',
    });
    expect(byId(run, '5.1.1')).toMatchObject({
      outcome: 'skip',
      status: 'passed (irrelevant)',
      auditErrorCode: 'nothing-to-inspect',
    });
    expect(run.findings.filter((f) => f.outcome === 'pass').map((f) => f.id)).toEqual([
      '4.1.5',
      '4.1.7',
    ]);
  });

  it('reads "manual review" as a manual control and says what exceptions left out', () => {
    expect(byId(run, '4.3.1')).toMatchObject({
      outcome: 'manual',
      status: 'skipped (manual review)',
    });
    expect(byId(run, '4.1.5').details).toContain('3 resources exempted by exceptions.');
  });

  it('names what each control failed on, from the per-resource results', () => {
    expect(byId(run, '4.2.1').resources).toEqual([
      {
        kind: 'DaemonSet',
        name: 'aws-node',
        namespace: 'kube-system',
        detail:
          'rule-privilege-escalation: spec.template.spec.containers[0].securityContext.privileged',
      },
      {
        kind: 'DaemonSet',
        name: 'kube-proxy',
        namespace: 'kube-system',
        detail:
          'rule-privilege-escalation: spec.template.spec.containers[0].securityContext.privileged',
      },
    ]);
    expect(byId(run, '4.3.2').resources?.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Namespace/shop',
      'Namespace/default',
      'Namespace/kube-public',
      'Namespace/kube-node-lease',
    ]);
    expect(byId(run, '4.2.1').details[0]).toBe('2 of 13 resources failed.');
    // A rule failed on this Deployment, but the control was skipped: it is not a failure.
    expect(byId(run, '5.1.4').resources).toBeUndefined();
  });

  it('says how many node and file checks its CLI skipped and why', () => {
    const d = run.diagnostics.find((x) =>
      x.message.startsWith('kubescape skipped 2 node and file checks')
    );
    expect(d?.severity).toBe('warning');
    expect(d?.message).toMatch(/host scanner .* Kubescape operator/);
    expect(messages(run)).toMatch(/1 control found nothing of the kind it checks/);
  });
});

describe('kubescape before v2.2: the 2022 framework named CIS and top-level statuses', () => {
  const run = parseBenchRun(fixtureText('kubescape-2022-framework-cis.json'));

  it('takes the CIS id from the control id and names the benchmark it was built to', () => {
    expect(run).toMatchObject({
      spec: { id: 'CIS' },
      checkSet: 'kubescape-cis-v1.23-t1.0.1',
      benchmark: { id: 'cis-kubernetes-1.23', confidence: 'medium' },
    });
    expect(run.toolVersion).toBeUndefined();
    expect(run.findings.map((f) => f.id)).toEqual([
      '1.1.1', '1.2.1', '4.1.5', '5.1.1', '5.1.3', '5.1.5', '5.2.2', '5.3.2', '5.7.4',
    ]); // prettier-ignore
    expect(byId(run, '1.2.1').title).toBe(
      'Ensure that the API Server --anonymous-auth argument is set to false'
    );
  });

  it('maps irrelevant, excluded and error the way kubescape converts them', () => {
    expect(byId(run, '1.2.1')).toMatchObject({
      outcome: 'skip',
      status: 'passed (irrelevant)',
      auditErrorCode: 'nothing-to-inspect',
    });
    expect(byId(run, '5.1.3')).toMatchObject({ outcome: 'pass', status: 'passed (w/exceptions)' });
    expect(byId(run, '5.1.3').details).toContain('1 resource exempted by exceptions.');
    expect(byId(run, '5.3.2')).toMatchObject({ outcome: 'skip', auditErrorCode: 'scan-error' });
    expect(byId(run, '5.3.2').auditError).toMatch(/failed to list networkpolicies/);
    expect(byId(run, '1.1.1')).toMatchObject({
      outcome: 'skip',
      auditErrorCode: 'requires-operator',
    });
  });

  it('finds failed resources from rule statuses when controls carry none', () => {
    expect(byId(run, '5.1.1').resources).toEqual([
      {
        kind: 'ClusterRoleBinding',
        name: 'ci-deployer',
        detail: 'cluster-admin-role: subjects[0]',
      },
      {
        kind: 'ClusterRoleBinding',
        name: 'legacy-admin',
        detail: 'cluster-admin-role: subjects[0], subjects[1]',
      },
    ]);
    expect(byId(run, '5.7.4').resources).toHaveLength(3);
    expect(byId(run, '5.1.5').resources).toBeUndefined();
  });
});

describe('kubescape reports without one CIS framework', () => {
  it('says the report holds no CIS framework and which ones it holds', () => {
    const run = parseBenchRun(fixtureText('kubescape-no-cis-framework.json'));
    expect(run.tool).toBe('kubescape');
    expect(run.findings).toEqual([]);
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(run.diagnostics[0]?.message).toMatch(/no CIS framework \(it scanned "NSA", "MITRE"\)/);
  });

  it('shows the first of two CIS frameworks and names the other', () => {
    const text = fixtureText('kubescape-v2.9-cis-eks.json').replace(
      '"name":"NSA"',
      '"name":"cis-v1.23-t1.0.1"'
    );
    const run = parseBenchRun(text);
    expect(run.spec?.id).toBe('cis-eks-t1.2.0');
    expect(messages(run)).toMatch(/2 CIS frameworks \(cis-eks-t1\.2\.0, cis-v1\.23-t1\.0\.1\)/);
  });

  it('falls back to the kubescape id when a name carries no CIS number', () => {
    const text = fixtureText('kubescape-v2.9-cis-eks.json').replaceAll('CIS-4.1.7 Avoid', 'Avoid');
    const run = parseBenchRun(text);
    expect(run.findings.map((f) => f.id)).toContain('C-0246');
    expect(messages(run)).toMatch(/1 control of "cis-eks-t1\.2\.0" carries no CIS number/);
  });
});

describe('kubescape reports that keep controls only in the merged map', () => {
  it('reads the CIS controls of the merged map, not those of the other frameworks', () => {
    const doc = JSON.parse(fixtureText('kubescape-v2.9-cis-eks.json')) as {
      summaryDetails: { frameworks: Record<string, unknown>[] };
    };
    for (const f of doc.summaryDetails.frameworks) delete f.controls;
    const run = parseBenchRun(JSON.stringify(doc));
    expect(run.findings).toHaveLength(12);
    expect(run.findings.map((f) => f.id)).not.toContain('C-0002');
  });
});

describe('kubescape resources past the cap', () => {
  it('keeps 50 and counts the rest', () => {
    const results = Array.from({ length: 65 }, (_, i) => ({
      resourceID: `apps/v1/team-${i}/Deployment/app-${i}`,
      controls: [{ controlID: 'C-0017', name: 'x', status: { status: 'failed' }, rules: [] }],
    }));
    const doc = {
      summaryDetails: {
        frameworks: [
          {
            name: 'cis-v1.12.0',
            controls: {
              'C-0017': {
                controlID: 'C-0017',
                name: 'CIS-5.2.5 Minimize the admission of containers with allowPrivilegeEscalation',
                statusInfo: { status: 'failed' },
                status: 'failed',
                ResourceCounters: { passedResources: 3, failedResources: 65 },
              },
            },
          },
        ],
      },
      results,
    };
    const run = parseBenchRun(JSON.stringify(doc));
    const f = run.findings[0];
    expect(f?.resources).toHaveLength(50);
    expect(f?.resourcesOmitted).toBe(15);
    expect(f?.resources?.[49]).toEqual({
      kind: 'Deployment',
      name: 'app-49',
      namespace: 'team-49',
    });
    expect(run.benchmark?.id).toBe('cis-kubernetes-1.12');
  });
});
