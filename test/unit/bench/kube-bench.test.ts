import { describe, it, expect } from 'vitest';
import { parseBenchRun, type BenchRun } from '../../../src/lib/bench/index';
import { fixtureText } from './helpers';
import { mayBeKubeBench } from '../../../src/lib/bench/sniff';

function byId(run: BenchRun, id: string, nodeType?: string) {
  return run.findings.find(
    (f) => f.id === id && (nodeType === undefined || f.nodeType === nodeType)
  );
}

describe('kube-bench text', () => {
  it('reads a run printed with colours', () => {
    const run = parseBenchRun(fixtureText('kube-bench-ansi.txt'));
    expect(run).toMatchObject({ tool: 'kube-bench', format: 'text', complete: true });
    expect(run.findings.map((f) => [f.id, f.status, f.outcome, f.nodeType])).toEqual([
      ['4.1.1', 'PASS', 'pass', 'node'],
      ['4.1.2', 'FAIL', 'fail', 'node'],
    ]);
    expect(byId(run, '4.1.2')?.remediation).toBe(
      'Run the below command on each worker node.\nchown root:root /etc/systemd/system/kubelet.service.d/kubeadm.conf'
    );
    expect(byId(run, '4.1.2')?.group).toBe('4.1');
    expect(run.totals.printed).toEqual({ pass: 1, fail: 1, warn: 0, info: 0 });
    expect(run.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads the layout from before v0.5.0: no node type, no total, no blank line after a summary', () => {
    const run = parseBenchRun(fixtureText('kube-bench-old-layout.txt'));
    expect(run.complete).toBe(true);
    expect(run.nodeTypes?.map((n) => [n.nodeType, n.section, n.printed])).toEqual([
      ['controlplane', '3', { pass: 0, fail: 0, warn: 1, info: 0 }],
      ['node', '4', { pass: 0, fail: 1, warn: 0, info: 0 }],
    ]);
    expect(run.totals.printed).toEqual({ pass: 0, fail: 1, warn: 1, info: 0 });
    expect(byId(run, '3.1.1')?.remediation).toMatch(
      /^Alternative mechanisms[\s\S]*client certificates\.$/
    );
    expect(byId(run, '4.2.6')?.remediation).toMatch(/protectKernelDefaults/);
    expect(run.diagnostics.some((d) => /before v0\.5\.0/.test(d.message))).toBe(true);
  });

  it('reads several node types in one paste, each with its own summary', () => {
    const run = parseBenchRun(fixtureText('kube-bench-node-types.txt'));
    expect(run.complete).toBe(true);
    expect(run.sections.map((s) => [s.id, s.nodeType])).toEqual([
      ['1', 'master'],
      ['2', 'etcd'],
      ['4', 'node'],
      ['5', 'policies'],
      ['5', 'managedservices'],
    ]);
    for (const n of run.nodeTypes ?? []) {
      expect([n.counted.pass, n.counted.fail, n.counted.manual, n.counted.info]).toEqual([
        n.printed?.pass,
        n.printed?.fail,
        n.printed?.warn,
        n.printed?.info,
      ]);
    }
    expect(run.totals.printed).toEqual({ pass: 1, fail: 1, warn: 2, info: 1 });
    expect(byId(run, '2.1')).toMatchObject({ nodeType: 'etcd', group: '2', outcome: 'pass' });
    expect(byId(run, '4.1.1')).toMatchObject({ status: 'INFO', outcome: 'info', group: '4.1' });
    expect(byId(run, '5.1.1', 'policies')?.remediation).toBe(
      'Identify all clusterrolebindings to the cluster-admin role.'
    );
    const managed = byId(run, '5.1.1', 'managedservices');
    expect(managed?.remediation).toBeUndefined();
    expect(run.diagnostics.some((d) => /empty remediation/.test(d.message))).toBe(true);
    expect(run.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('keeps blank and indented lines inside a remediation and ends it at the next check id', () => {
    const run = parseBenchRun(fixtureText('kube-bench-multiline-remediation.txt'));
    expect(byId(run, '5.7.2')?.remediation).toBe(
      'Use security context to enable the docker/default seccomp profile in your pod definitions.\n\nAn example is as below:\n  securityContext:\n\n    seccompProfile:\n      type: RuntimeDefault'
    );
    expect(byId(run, '5.7.3')?.remediation).toBe(
      'Follow the Kubernetes documentation and apply security contexts to your pods.'
    );
  });

  it('reads STIG ids, the same id in two node types, and audits that did not run', () => {
    const run = parseBenchRun(fixtureText('kube-bench-stig.txt'));
    expect(run.complete).toBe(true);
    expect(run.findings.map((f) => [f.id, f.nodeType, f.section, f.group])).toEqual([
      ['V-242390', 'controlplane', '2', '2.1'],
      ['V-242381', 'controlplane', '2', '2.2'],
      ['V-242381', 'policies', '4', '4.1'],
      ['V-242386', 'policies', '4', '4.1'],
    ]);
    const [, cp, pol] = run.findings;
    expect(cp?.remediation).toBeUndefined();
    expect(cp?.auditError).toMatch(/^failed to run: "kubectl get sa -A"/);
    expect(pol?.remediation).toBe('Create explicit service accounts.');
    expect(byId(run, 'V-242386')?.title).toBe(
      'The Kubernetes API server must have the insecure port flag disabled | Component of EKS Control Plane'
    );
    expect(run.benchmark?.id).toBe('eks-stig-kubernetes-v1r6');
    expect(run.checkSet).toBe('kube-bench-eks-stig-kubernetes-v1r6');
  });

  it('says where a truncated run stops', () => {
    const run = parseBenchRun(fixtureText('kube-bench-truncated.txt'));
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('1.1.12');
    expect(byId(run, '1.1.12')?.remediation).toBe(
      'On the etcd server node, get the etcd data directory,'
    );
    expect(run.diagnostics.find((d) => d.severity === 'warning')?.message).toMatch(
      /stops after check 1\.1\.12 \(line 4\) without the "== Summary master ==" block/
    );
  });

  it('flags a summary that does not match the results read', () => {
    const text = fixtureText('kube-bench-ansi.txt').replace(
      '[PASS] \x1b[0m4.1.1',
      '[FAIL] \x1b[0m4.1.1'
    );
    const run = parseBenchRun(text);
    expect(
      run.diagnostics.some(
        (d) =>
          d.severity === 'warning' &&
          /summary of node \(section 4\) does not match the results read: 1 checks PASS printed, 0 read; 1 checks FAIL printed, 2 read/.test(
            d.message
          )
      )
    ).toBe(true);
  });

  it('offers the last of several runs appended in one log', () => {
    const one = fixtureText('kube-bench-ansi.txt');
    const run = parseBenchRun(`${one}${one.replace('[FAIL] \x1b[0m4.1.2', '[PASS] \x1b[0m4.1.2')}`);
    expect(run.findings).toHaveLength(2);
    expect(byId(run, '4.1.2')?.outcome).toBe('pass');
    expect(run.diagnostics.some((d) => /2 kube-bench runs/.test(d.message))).toBe(true);
  });

  it('keeps test output printed under a FAIL as details', () => {
    const run = parseBenchRun(
      '[INFO] 4 Worker Node Security Configuration\n[INFO] 4.1 Worker Node Configuration Files\n[FAIL] 4.1.1 Ensure that the kubelet service file permissions are set to 600 or more restrictive (Automated)\n\t permissions=777\n'
    );
    expect(byId(run, '4.1.1')?.details).toEqual(['permissions=777']);
  });
});

describe('kube-bench JSON', () => {
  it('reads {"Controls": [...], "Totals": {...}} and says skipped only where the tool says so', () => {
    const run = parseBenchRun(fixtureText('kube-bench-controls-totals.json'));
    expect(run).toMatchObject({ tool: 'kube-bench', format: 'json', complete: true });
    expect(
      run.findings.map((f) => [f.id, f.status, f.outcome, f.nodeType, f.group, f.scored])
    ).toEqual([
      ['4.2.6', 'FAIL', 'fail', 'node', '4.2', true],
      ['4.2.9', 'INFO', 'skip', 'node', '4.2', false],
    ]);
    expect(byId(run, '4.2.6')?.remediation).toBe(
      'Set protectKernelDefaults: true <in the kubelet config>'
    );
    expect(run.totals.printed).toEqual({ pass: 0, fail: 1, warn: 0, info: 1 });
    expect(run.benchmark).toMatchObject({ id: 'cis-kubernetes-1.20', confidence: 'high' });
    expect(run.checkSet).toBe('kube-bench-cis-1.20');
  });

  it('reads the bare array printed with --nototals, including a section without groups', () => {
    const run = parseBenchRun(fixtureText('kube-bench-array.json'));
    expect(run.complete).toBe(true);
    expect(run.nodeTypes?.map((n) => [n.nodeType, n.counted.total])).toEqual([
      ['policies', 1],
      ['master', 0],
    ]);
    expect(byId(run, '5.1.1')).toMatchObject({
      outcome: 'manual',
      details: ['Test marked as a manual test'],
    });
    expect(run.totals.printed).toEqual({ pass: 0, fail: 0, warn: 1, info: 0 });
  });

  it('reads one object per line (v0.3.0 and earlier) and takes the remediation from test_info', () => {
    const run = parseBenchRun(fixtureText('kube-bench-objects-per-line.json'));
    expect(run.complete).toBe(true);
    expect(run.findings.map((f) => [f.id, f.nodeType, f.remediation])).toEqual([
      ['2.1', 'etcd', 'Edit the etcd pod specification file.'],
      ['3.2.1', 'controlplane', 'Create an audit policy file for your cluster.'],
    ]);
  });

  it('says where cut-off JSON stops', () => {
    const text = fixtureText('kube-bench-controls-totals.json');
    const run = parseBenchRun(text.slice(0, text.indexOf('"status":"INFO"') + 20));
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('4.2.9');
  });
});

describe('kube-bench JUnit XML', () => {
  it('reads suites, failures, skipped cases and the check JSON in system-out', () => {
    const run = parseBenchRun(fixtureText('kube-bench-junit.xml'));
    expect(run).toMatchObject({ tool: 'kube-bench', format: 'junit', complete: true });
    expect(run.findings.map((f) => [f.id, f.status, f.outcome, f.nodeType, f.group])).toEqual([
      ['4.2.6', 'FAIL', 'fail', 'node', 'Kubelet'],
      ['4.2.9', 'WARN', 'manual', 'node', 'Kubelet'],
      ['4.2.1', 'PASS', 'pass', 'node', 'Kubelet'],
      ['5.1.7', 'SKIPPED', 'skip', 'policies', 'RBAC and Service Accounts'],
    ]);
    expect(byId(run, '4.2.6')?.remediation).toBe(
      'Set protectKernelDefaults: true <in the kubelet config>'
    );
    expect(run.totals.printed).toEqual({ checks: 4, fail: 1 });
    expect(byId(run, '4.2.1')?.line).toBe(11);
  });

  it('says where cut-off XML stops', () => {
    const text = fixtureText('kube-bench-junit.xml');
    const run = parseBenchRun(text.slice(0, text.indexOf('<testcase name="4.2.1')));
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('4.2.9');
  });
});

describe('the early kube-bench guess', () => {
  it('spots kube-bench text, JSON and JUnit, and no Docker benchmark output', () => {
    for (const f of [
      'kube-bench.txt',
      'kube-bench-old-layout.txt',
      'kube-bench-controls-totals.json',
      'kube-bench-junit.xml',
    ]) {
      expect(mayBeKubeBench(fixtureText(f)), f).toBe(true);
    }
    for (const f of [
      'dbs-v1.6.1-plain.txt',
      'aquasec-20.10.txt',
      'aquasec.json',
      'dbs-json-pretty-remediation.json',
      'random.log',
    ]) {
      expect(mayBeKubeBench(fixtureText(f)), f).toBe(false);
    }
  });
});
