import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import {
  MAX_RESOURCES,
  parseBenchRun,
  type BenchRun,
  type Outcome,
} from '../../src/lib/bench/index';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';
const dir = join(shared, 'fixtures', 'trivy-kubescape');

type Json = Record<string, unknown>;
type Counts = Record<'fail' | 'pass' | 'manual' | 'skip', number>;

interface Expected {
  tool: BenchRun['tool'];
  outcomes: Map<string, Outcome>;
  /** Distinct objects each failed control names, where the report names them. */
  failedOn?: Map<string, number>;
  spec: string;
}

const isManual = (name: string) => name.includes('Manual');
const section = (id: string) => id.split('.')[0] ?? '';

/**
 * Trivy's verdicts straight from the JSON, then the rule the site applies: control-plane passes (sections 1 to 3) are
 * not checked unless some control-plane control failed.
 */
function trivyOutcomes(controls: { id: string; name: string; fail: number | undefined }[]) {
  const outcomes = new Map<string, Outcome>();
  const controlPlane = (id: string) => ['1', '2', '3'].includes(section(id));
  const sawControlPlane = controls.some((c) => controlPlane(c.id) && (c.fail ?? 0) > 0);
  for (const c of controls) {
    if (isManual(c.name) || c.fail === undefined) outcomes.set(c.id, 'manual');
    else if (c.fail > 0) outcomes.set(c.id, 'fail');
    else outcomes.set(c.id, controlPlane(c.id) && !sawControlPlane ? 'skip' : 'pass');
  }
  return outcomes;
}

function expectedTrivySummary(doc: Json): Expected {
  const controls = (doc.SummaryControls as Json[]).map((c) => ({
    id: c.ID as string,
    name: c.Name as string,
    fail: c.TotalFail as number | undefined,
  }));
  return { tool: 'trivy', outcomes: trivyOutcomes(controls), spec: doc.ID as string };
}

function expectedTrivyAll(doc: Json): Expected {
  const failedOn = new Map<string, number>();
  const controls = (doc.Results as Json[]).map((c) => {
    const results = (c.Results as Json[] | null) ?? [];
    const targets = new Set(results.map((r) => r.Target as string));
    if (results.length > 0 && !isManual(c.Name as string))
      failedOn.set(c.ID as string, targets.size);
    return { id: c.ID as string, name: c.Name as string, fail: results.length };
  });
  return { tool: 'trivy', outcomes: trivyOutcomes(controls), failedOn, spec: doc.ID as string };
}

function expectedOperator(doc: Json): Expected {
  const status = doc.status as Json;
  const checks = (status.summaryReport as Json).controlCheck as Json[];
  const controls = checks.map((c) => ({
    id: c.id as string,
    name: c.name as string,
    fail: c.totalFail as number | undefined,
  }));
  return {
    tool: 'trivy',
    outcomes: trivyOutcomes(controls),
    spec: ((doc.spec as Json).compliance as Json).id as string,
  };
}

function expectedKubescape(doc: Json): Expected {
  const frameworks = (doc.summaryDetails as Json).frameworks as Json[];
  const cis = frameworks.find((f) => (f.name as string).startsWith('cis-')) as Json;
  const outcomes = new Map<string, Outcome>();
  const ids = new Map<string, string>();
  for (const c of Object.values(cis.controls as Record<string, Json>)) {
    const id = (c.name as string).split(' ')[0]!.replace('CIS-', '');
    ids.set(c.controlID as string, id);
    const info = c.statusInfo as Json;
    const status = info.status as string;
    const sub = info.subStatus as string | undefined;
    let o: Outcome = 'skip';
    if (status === 'failed') o = 'fail';
    else if (status === 'passed' && sub !== 'irrelevant') o = 'pass';
    else if (status === 'skipped' && (sub === 'manual review' || sub === 'requires review'))
      o = 'manual';
    outcomes.set(id, o);
  }
  // Which objects failed, from the per-resource results rather than the summary.
  const failedOn = new Map<string, number>();
  for (const r of doc.results as Json[]) {
    for (const c of (r.controls as Json[] | undefined) ?? []) {
      const id = ids.get(c.controlID as string);
      if (id && (c.status as Json).status === 'failed')
        failedOn.set(id, (failedOn.get(id) ?? 0) + 1);
    }
  }
  return { tool: 'kubescape', outcomes, failedOn, spec: cis.name as string };
}

function expected(doc: Json): Expected {
  if ('SummaryControls' in doc) return expectedTrivySummary(doc);
  if ('Results' in doc) return expectedTrivyAll(doc);
  if (doc.kind === 'ClusterComplianceReport') return expectedOperator(doc);
  if ('summaryDetails' in doc) return expectedKubescape(doc);
  throw new Error('a report of a kind this test does not know');
}

function tally(outcomes: Iterable<Outcome>): Counts {
  const c: Counts = { fail: 0, pass: 0, manual: 0, skip: 0 };
  for (const o of outcomes) if (o !== 'info') c[o]++;
  return c;
}

describe('real Trivy, trivy-operator and kubescape reports', () => {
  if (!existsSync(dir)) {
    it.skipIf(!required)(`needs ${dir} (set STRIDE_SHARED to the shared folder)`, () => {
      throw new Error(`The corpus folder ${dir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`);
    });
    return;
  }
  const files = readdirSync(dir)
    .filter((f) => f !== 'SOURCES.md')
    .sort();
  it('holds the four reports described in SOURCES.md', () => {
    expect(files).toHaveLength(4);
  });
  for (const file of files) {
    it(`reads ${file} with the outcomes its JSON gives`, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      const want = expected(JSON.parse(new TextDecoder().decode(bytes)) as Json);
      const run = parseBenchRun(bytes);
      expect(run.tool).toBe(want.tool);
      expect(run.complete).toBe(true);
      expect(run.spec?.id).toBe(want.spec);
      expect(run.benchmark?.id).toBe('cis-kubernetes-1.23');
      expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const { fail, pass, manual, skip } = run.totals.counted;
      expect({ fail, pass, manual, skip }).toEqual(tally(want.outcomes.values()));
      expect(new Map(run.findings.map((f) => [f.id, f.outcome]))).toEqual(want.outcomes);
      for (const [id, objects] of want.failedOn ?? []) {
        const finding = run.findings.find((f) => f.id === id);
        expect(finding?.resources?.length, `objects ${id} failed on`).toBe(
          Math.min(objects, MAX_RESOURCES)
        );
        expect(finding?.resourcesOmitted ?? 0).toBe(Math.max(0, objects - MAX_RESOURCES));
      }
      for (const f of run.findings) {
        if (f.outcome === 'skip') expect(f.auditErrorCode, f.id).toBeDefined();
        expect(f.status).not.toBe('');
      }
    });
  }
  it('names the workloads that fail 5.7.3 in the Trivy --report all output', () => {
    const run = parseBenchRun(
      readFileSync(join(dir, 'trivy-k8s-cis-1.23-all-json_chilcano-microk8s.json'), 'utf8')
    );
    const f = run.findings.find((x) => x.id === '5.7.3');
    expect(f?.resources?.map((r) => `${r.kind}/${r.name}`)).toContain('Deployment/owasp-juiceshop');
    expect(f?.resources?.find((r) => r.name === 'owasp-juiceshop')?.detail).toMatch(/^KSV\d+: /);
  });
  it('says why kubescape skipped the node and file checks', () => {
    const run = parseBenchRun(
      readFileSync(
        join(dir, 'kubescape-v3.0.1-json_cis-v1.23-t1.0.1+allcontrols_petskratt-k3d.json'),
        'utf8'
      )
    );
    const operator = run.findings.filter((f) => f.auditErrorCode === 'requires-operator');
    expect(operator.length).toBeGreaterThan(0);
    expect(run.diagnostics.map((d) => d.message).join('\n')).toContain(
      `kubescape skipped ${operator.length} node and file checks`
    );
  });
});
