import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseBenchRun, type BenchRun } from '../../src/lib/bench/index';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';
const dir = join(shared, 'fixtures', 'kube-bench');

type Counts = [pass: number, fail: number, warn: number, info: number];

interface Expected {
  format: BenchRun['format'];
  complete: boolean;
  incompleteAfter?: string;
  /** Node types in printed order with their "== Summary <type> ==" numbers (undefined: no summary printed). */
  nodeTypes: [string, Counts | undefined][];
  /** "== Summary total ==" (or the JSON Totals). */
  total?: Counts;
  /** Results the file really holds when it was trimmed below its printed summaries. */
  counted?: Counts;
  /** Benchmark id, or ids that fit equally (first is preferred); null when nothing in the file can name it. */
  benchmark: string | string[] | null;
  confidence?: 'high' | 'medium' | 'low';
  /** FAIL/WARN checks whose audit did not run: they carry the reason instead of a fix. */
  auditErrors?: string[];
  /** Whether every FAIL/WARN has a remediation (false where the file prints none). */
  remediations: boolean;
  diagnostic?: RegExp;
}

// Derived from SOURCES.md and by reading each file: the summary numbers are the ones printed in it.
const EXPECTED: Record<string, Expected> = {
  'issue-excerpt-acs-engine-3507-2018-cis-1.3-era.txt': {
    format: 'text',
    complete: false,
    incompleteAfter: '1.1.14',
    nodeTypes: [['master', undefined]],
    counted: [10, 4, 0, 0],
    benchmark: null,
    remediations: false,
    diagnostic: /before CIS Kubernetes 1\.5/,
  },
  'issue-excerpt-k0s-681-cis-1.6-skipped-as-info.txt': {
    format: 'text',
    complete: false,
    incompleteAfter: '1.1.10',
    nodeTypes: [['master', undefined]],
    counted: [0, 0, 0, 10],
    benchmark: ['cis-kubernetes-1.6', 'cis-kubernetes-1.20'],
    confidence: 'low',
    remediations: false,
  },
  'issue-excerpt-raspbernetes-pr37-cis-1.5-old-format.txt': {
    format: 'text',
    complete: false,
    incompleteAfter: '2.7',
    nodeTypes: [
      ['controlplane', [0, 0, 3, 0]],
      ['etcd', [7, 0, 0, 0]],
      ['master', undefined],
    ],
    benchmark: 'cis-kubernetes-1.5',
    remediations: false,
  },
  'issue-excerpt-vexxhost-magnum-27-k8s-1.25-control-plane-heading.txt': {
    format: 'text',
    complete: false,
    incompleteAfter: '1.1.10',
    nodeTypes: [['master', undefined]],
    counted: [8, 0, 2, 0],
    benchmark: ['cis-kubernetes-1.23', 'cis-kubernetes-1.24'],
    confidence: 'low',
    remediations: false,
  },
  'json-cis-1.20-node-pretty-sorted-oakleysecurity.json': {
    format: 'json',
    complete: true,
    nodeTypes: [
      ['node', [1, 11, 11, 0]],
      ['policies', [0, 0, 26, 0]],
    ],
    total: [1, 11, 37, 0],
    benchmark: 'cis-kubernetes-1.20',
    confidence: 'high',
    auditErrors: [
      '4.2.1',
      '4.2.2',
      '4.2.3',
      '4.2.4',
      '4.2.5',
      '4.2.6',
      '4.2.7',
      '4.2.8',
      '4.2.9',
      '4.2.10',
      '4.2.11',
      '4.2.12',
      '4.2.13',
    ],
    remediations: true,
  },
  // kube-bench's own unit-test fixture keeps one result per group but the totals of the whole run.
  'json-kube-bench-testdata-result.json': {
    format: 'json',
    complete: true,
    nodeTypes: [
      ['master', [42, 12, 11, 0]],
      ['etcd', [7, 0, 0, 0]],
      ['controlplane', [0, 0, 3, 0]],
    ],
    total: [49, 12, 14, 0],
    counted: [2, 0, 1, 0],
    benchmark: 'cis-kubernetes-1.5',
    confidence: 'medium',
    remediations: true,
    diagnostic: /does not match the results read/,
  },
  'synthetic-ansi-colour-tty-excerpt.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [['master', [1, 1, 1, 0]]],
    total: [1, 1, 1, 0],
    benchmark: ['cis-kubernetes-1.12', 'cis-kubernetes-1.11'],
    confidence: 'low',
    remediations: true,
  },
  'synthetic-json-compact-structure.json': {
    format: 'json',
    complete: true,
    nodeTypes: [
      ['master', [1, 1, 0, 0]],
      ['policies', [0, 0, 2, 0]],
    ],
    total: [1, 1, 2, 0],
    benchmark: 'cis-kubernetes-1.12',
    confidence: 'high',
    auditErrors: ['5.1.1'],
    remediations: true,
  },
  'synthetic-json-nototals-empty-controls.json': {
    format: 'json',
    complete: true,
    nodeTypes: [['master', [0, 0, 0, 0]]],
    benchmark: 'cis-eks-1.8.0',
    confidence: 'high',
    remediations: true,
  },
  // Placeholder titles ("Ensure ... (Automated)") name no benchmark.
  'synthetic-junit-structure.xml': {
    format: 'junit',
    complete: true,
    nodeTypes: [
      ['master', undefined],
      ['node', undefined],
    ],
    counted: [1, 1, 1, 0],
    benchmark: null,
    remediations: true,
  },
  'text-cis-1.20-kind-kube-bench-ci.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [
      ['master', [43, 10, 11, 0]],
      ['etcd', [7, 0, 0, 0]],
      ['controlplane', [0, 0, 3, 0]],
      ['node', [17, 1, 5, 0]],
      ['policies', [0, 0, 26, 0]],
    ],
    total: [67, 11, 45, 0],
    benchmark: 'cis-kubernetes-1.20',
    confidence: 'high',
    remediations: true,
  },
  'text-cis-1.6-microk8s-2020-12-31-old-format.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [
      ['master', [19, 34, 12, 0]],
      ['controlplane', [0, 0, 3, 0]],
      ['node', [11, 3, 9, 0]],
      ['policies', [0, 0, 24, 0]],
    ],
    benchmark: 'cis-kubernetes-1.6',
    confidence: 'high',
    auditErrors: ['1.1.20', '1.1.21'],
    remediations: true,
    diagnostic: /before v0\.5\.0/,
  },
  'text-cis-1.6-microk8s-2023-04-11.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [
      ['master', [19, 33, 13, 0]],
      ['controlplane', [0, 0, 3, 0]],
      ['node', [14, 3, 6, 0]],
      ['policies', [0, 0, 24, 0]],
    ],
    total: [33, 36, 46, 0],
    benchmark: 'cis-kubernetes-1.6',
    confidence: 'high',
    auditErrors: ['1.1.20', '1.1.21'],
    remediations: true,
    diagnostic: /not part of the report/,
  },
  // eks-1.0 (kube-bench v0.3.1) is no longer shipped; its node titles are nearest to a config of that era.
  'text-eks-1.0-node-eks-workshop-2020-kube-bench-0.3.1.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [['node', [14, 0, 1, 0]]],
    benchmark: ['cis-aks-1.0', 'cis-eks-1.0.1'],
    confidence: 'low',
    remediations: true,
  },
  'text-eks-1.0.1-node-eks-workshop.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [['node', [14, 0, 1, 0]]],
    benchmark: ['cis-eks-1.0.1', 'cis-eks-1.1.0'],
    confidence: 'low',
    remediations: true,
    diagnostic: /no "== Summary total ==" block/,
  },
  'text-eks-stig-v1r6-kind-kube-bench-ci.txt': {
    format: 'text',
    complete: true,
    nodeTypes: [
      ['master', [0, 0, 0, 0]],
      ['controlplane', [0, 2, 9, 0]],
      ['node', [8, 4, 6, 0]],
      ['policies', [0, 0, 3, 0]],
      ['managedservices', [0, 0, 1, 62]],
    ],
    total: [8, 6, 19, 62],
    benchmark: 'eks-stig-kubernetes-v1r6',
    confidence: 'high',
    remediations: true,
  },
};

function counts(c: BenchRun['totals']['counted']): Counts {
  return [c.pass, c.fail, c.manual, c.info + c.skip];
}

function check(run: BenchRun, want: Expected): void {
  expect(run.tool).toBe('kube-bench');
  expect(run.format).toBe(want.format);
  expect(run.complete).toBe(want.complete);
  if (want.incompleteAfter !== undefined) expect(run.incompleteAfter).toBe(want.incompleteAfter);
  if (!want.complete) expect(run.diagnostics.some((d) => d.severity === 'warning')).toBe(true);

  const types = run.nodeTypes ?? [];
  expect(types.map((n) => n.nodeType)).toEqual(want.nodeTypes.map(([t]) => t));
  want.nodeTypes.forEach(([, printed], i) => {
    const n = types[i];
    if (!printed) return;
    expect(n?.printed).toEqual({
      pass: printed[0],
      fail: printed[1],
      warn: printed[2],
      info: printed[3],
    });
    if (!want.counted) expect(n && counts(n.counted)).toEqual(printed);
  });
  if (want.total)
    expect(run.totals.printed).toEqual({
      pass: want.total[0],
      fail: want.total[1],
      warn: want.total[2],
      info: want.total[3],
    });
  const read = counts(run.totals.counted);
  if (want.counted) expect(read).toEqual(want.counted);
  else if (want.total) expect(read).toEqual(want.total);
  expect(run.totals.counted.total).toBe(run.findings.length);

  for (const f of run.findings) {
    expect(f.nodeType, `${f.id} has a node type`).toBeDefined();
    if (f.outcome !== 'fail' && f.outcome !== 'manual') continue;
    const audit = want.auditErrors?.includes(f.id) ?? false;
    if (audit) expect(f.auditError, `${f.id} audit error`).toBeTruthy();
    if (want.remediations && !(audit && want.format === 'text'))
      expect(f.remediation, `${f.id} remediation`).toBeTruthy();
  }
  expect(run.findings.filter((f) => f.auditError !== undefined).map((f) => f.id)).toEqual(
    want.auditErrors ?? []
  );
  for (const f of run.findings)
    expect(f.auditErrorCode).toBe(f.auditError === undefined ? undefined : 'audit-did-not-run');
  expect(run.diagnostics.filter((d) => d.code === 'audit-errors')).toHaveLength(
    want.auditErrors ? 1 : 0
  );

  if (want.benchmark === null) {
    expect(run.benchmark).toBeUndefined();
  } else {
    const ids = Array.isArray(want.benchmark) ? want.benchmark : [want.benchmark];
    expect(ids).toContain(run.benchmark?.id);
    expect(run.benchmark?.evidence.length).toBeGreaterThan(0);
    if (Array.isArray(want.benchmark)) expect(run.benchmark?.id).toBe(ids[0]);
  }
  if (want.confidence) expect(run.benchmark?.confidence).toBe(want.confidence);
  if (want.complete && !want.counted) {
    expect(
      run.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'audit-errors')
    ).toEqual([]);
  }
  if (want.diagnostic)
    expect(run.diagnostics.some((d) => want.diagnostic?.test(d.message))).toBe(true);
}

describe('real outputs in fixtures/kube-bench', () => {
  if (!existsSync(dir)) {
    it.skipIf(!required)(`needs ${dir} (set STRIDE_SHARED to the shared folder)`, () => {
      throw new Error(`The corpus folder ${dir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`);
    });
    return;
  }
  const files = readdirSync(dir)
    .filter((f) => f !== 'SOURCES.md')
    .sort();
  it('has an expectation for every file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const file of files) {
    it(`reads ${file}`, () => {
      const want = EXPECTED[file];
      expect(want).toBeDefined();
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      if (want) check(parseBenchRun(bytes), want);
    });
  }
});
