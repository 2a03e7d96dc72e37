import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBenchRun } from '../../src/lib/bench/index';
import { matchCheck } from '../../src/lib/catalog';
import { loadCatalogFromDisk } from '../../src/lib/catalog/node';

/** Every finding of every real Kubernetes run in the shared corpus resolves to its own check and to a concept. */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';
const kubeBenchDir = join(shared, 'fixtures', 'kube-bench');
const trivyKubescapeDir = join(shared, 'fixtures', 'trivy-kubescape');
const catalog = loadCatalogFromDisk(join(repoRoot, 'content'), 'kubernetes');

interface Printed {
  id: string;
  title: string;
}

/** Why each printed check of a run does not resolve to the check with its own id in `checkSet`, if it does not. */
function unresolved(findings: readonly Printed[], checkSet: string | undefined): string[] {
  return findings.flatMap((f) => {
    const m = matchCheck(f, catalog, checkSet);
    if (!m) return [`${f.id} ${f.title}: no match`];
    if (!catalog.concepts.has(m.concept)) return [`${f.id}: unknown concept ${m.concept}`];
    if (m.check.id !== f.id || (checkSet && m.checkSet !== checkSet))
      return [`${f.id}: matched ${m.checkSet} ${m.check.id}`];
    return [];
  });
}

/**
 * The check set each real run was made with, from the fixtures' SOURCES.md. The vexxhost excerpt (Kubernetes 1.25,
 * truncated) is cis-1.23: the "Control Plane" headings came with 1.23, and from 1.24 the files must be 600, not 644.
 */
const EXPECTED_SET: Record<string, readonly string[]> = {
  'issue-excerpt-acs-engine-3507-2018-cis-1.3-era.txt': ['kube-bench-cis-1.3'],
  'issue-excerpt-k0s-681-cis-1.6-skipped-as-info.txt': ['kube-bench-cis-1.6'],
  'issue-excerpt-raspbernetes-pr37-cis-1.5-old-format.txt': ['kube-bench-cis-1.5'],
  'issue-excerpt-vexxhost-magnum-27-k8s-1.25-control-plane-heading.txt': ['kube-bench-cis-1.23'],
  'json-cis-1.20-node-pretty-sorted-oakleysecurity.json': ['kube-bench-cis-1.20'],
  'json-kube-bench-testdata-result.json': ['kube-bench-cis-1.5'],
  'text-cis-1.20-kind-kube-bench-ci.txt': ['kube-bench-cis-1.20'],
  'text-cis-1.6-microk8s-2020-12-31-old-format.txt': ['kube-bench-cis-1.6'],
  'text-cis-1.6-microk8s-2023-04-11.txt': ['kube-bench-cis-1.6'],
  'text-eks-1.0-node-eks-workshop-2020-kube-bench-0.3.1.txt': ['kube-bench-eks-1.0'],
  'text-eks-1.0.1-node-eks-workshop.txt': ['kube-bench-eks-1.0.1'],
  'text-eks-stig-v1r6-kind-kube-bench-ci.txt': ['kube-bench-eks-stig-kubernetes-v1r6'],
};

function json(file: string): unknown {
  return JSON.parse(readFileSync(join(trivyKubescapeDir, file), 'utf8'));
}

describe('real kube-bench runs against the catalog', () => {
  if (!existsSync(kubeBenchDir)) {
    it.skipIf(!required)(`needs ${kubeBenchDir}`, () => {
      throw new Error(
        `The corpus folder ${kubeBenchDir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`
      );
    });
    return;
  }
  // The synthetic files carry placeholder titles; only real runs count.
  const files = readdirSync(kubeBenchDir)
    .filter((f) => f !== 'SOURCES.md' && !f.startsWith('synthetic-'))
    .sort();

  it('covers every real run of the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  it('knows the check set of every real run', () => {
    expect(files.filter((f) => !(f in EXPECTED_SET))).toEqual([]);
  });

  for (const file of files) {
    const sets = EXPECTED_SET[file] ?? [];
    for (const checkSet of sets) {
      it(`resolves every finding of ${file} to its check in ${checkSet} and a concept`, () => {
        const run = parseBenchRun(new Uint8Array(readFileSync(join(kubeBenchDir, file))));
        expect(run.findings.length).toBeGreaterThan(0);
        expect(unresolved(run.findings, checkSet)).toEqual([]);
      });
    }
  }

  it('reads a 2018 run of kube-bench cis-1.3, retired after v0.3.1, in that numbering', () => {
    const run = parseBenchRun(
      new Uint8Array(
        readFileSync(join(kubeBenchDir, 'issue-excerpt-acs-engine-3507-2018-cis-1.3-era.txt'))
      )
    );
    const token = run.findings.find((f) => f.id === '1.1.3')!;
    expect(matchCheck(token, catalog, run.checkSet)).toMatchObject({
      checkSet: 'kube-bench-cis-1.3',
      concept: 'apiserver-insecure-allow-any-token',
    });
  });
});

describe('real Trivy and kubescape runs against the catalog', () => {
  if (!existsSync(trivyKubescapeDir)) {
    it.skipIf(!required)(`needs ${trivyKubescapeDir}`, () => {
      throw new Error(
        `The corpus folder ${trivyKubescapeDir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`
      );
    });
    return;
  }

  it('resolves every control of the Trivy CLI summary, full report and operator report', () => {
    const summary = json('trivy-k8s-cis-1.23-summary-json_chilcano-microk8s.json') as {
      SummaryControls: { ID: string; Name: string }[];
    };
    const all = json('trivy-k8s-cis-1.23-all-json_chilcano-microk8s.json') as {
      Results: { ID: string; Name: string }[];
    };
    const operator = json(
      'trivy-operator-clustercompliancereport-summary_chilcano-microk8s.json'
    ) as {
      status: { summaryReport: { controlCheck: { id: string; name: string }[] } };
    };
    const controls = [
      ...summary.SummaryControls.map((c) => ({ id: c.ID, title: c.Name })),
      ...all.Results.map((c) => ({ id: c.ID, title: c.Name })),
      ...operator.status.summaryReport.controlCheck.map((c) => ({ id: c.id, title: c.name })),
    ];
    expect(controls).toHaveLength(116 * 3);
    expect(unresolved(controls, 'trivy-k8s-cis-1.23')).toEqual([]);
    // Trivy titles 5.2.11 like 5.2.10 but checks Windows HostProcess containers there.
    expect(
      matchCheck(
        controls.find((c) => c.id === '5.2.11')!,
        catalog,
        'trivy-k8s-cis-1.23'
      )?.concept
    ).toBe('windows-host-process');
  });

  it("resolves every CIS control of the kubescape scan, in kubescape's numbering", () => {
    const scan = json('kubescape-v3.0.1-json_cis-v1.23-t1.0.1+allcontrols_petskratt-k3d.json') as {
      summaryDetails: { controls: Record<string, { name: string }> };
    };
    // kubescape names a CIS control "CIS-<id> <title>"; the other framework's controls have no CIS id.
    const controls = Object.values(scan.summaryDetails.controls).flatMap((c) => {
      const m = /^CIS-(\S+) (.+)$/.exec(c.name);
      return m ? [{ id: m[1]!, title: m[2]! }] : [];
    });
    expect(controls).toHaveLength(121);
    expect(unresolved(controls, 'kubescape-cis-v1.23-t1.0.1')).toEqual([]);
    // kubescape's 1.2.4 is kube-bench cis-1.23's 1.2.5: CIS 1.23 v1.0.1 dropped --kubelet-https.
    expect(
      matchCheck(
        controls.find((c) => c.id === '1.2.4')!,
        catalog,
        'kubescape-cis-v1.23-t1.0.1'
      )?.concept
    ).toBe('apiserver-kubelet-client-cert');
  });
});
