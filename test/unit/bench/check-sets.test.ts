import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import yaml from 'js-yaml';
import {
  CHECK_SET_ORDER,
  DOCKER_CHECK_SET_FACTS,
  KUBE_BENCH_BENCHMARKS,
} from '../../../src/lib/bench/checkSets';
import { compareCheckSets } from '../../../src/lib/bench/checkSetOrder';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { kubeBenchmarkId } from '../../../src/lib/bench/kubeBenchDetect';
import type { CheckSet } from '../../../src/lib/catalog/schema';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const contentDir = join(root, 'content', 'benchmarks');
const sets: CheckSet[] = ['docker', 'kubernetes'].flatMap((platform) =>
  readdirSync(join(contentDir, platform))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => yaml.load(readFileSync(join(contentDir, platform, f), 'utf8')) as CheckSet)
);
// The docker-bench sets; Trivy and kubescape sets only take their place in the order.
const dockerSets = sets.filter(
  (s) => s.tool === 'docker-bench-security' || s.tool === 'aquasec-docker-bench'
);

describe('check-set facts generated from content/benchmarks', () => {
  it('are up to date with the check sets', () => {
    const r = spawnSync(process.execPath, ['scripts/check-sets-from-content.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('list every check set once, in release order', () => {
    expect([...CHECK_SET_ORDER].sort()).toEqual(sets.map((s) => s.checkSet).sort());
    expect([...CHECK_SET_ORDER].sort(compareCheckSets)).toEqual([...CHECK_SET_ORDER]);
  });

  it('carry each Docker set benchmark and the versions its tool prints', () => {
    for (const set of dockerSets) {
      const facts = DOCKER_CHECK_SET_FACTS.find((f) => f.checkSet === set.checkSet);
      expect(facts, set.checkSet).toMatchObject({
        tool: set.tool,
        benchmark: set.benchmark,
        printedVersions: set.printedVersions ?? [],
      });
    }
    for (const set of sets.filter((s) => s.tool === 'kube-bench'))
      expect(KUBE_BENCH_BENCHMARKS[set.checkSet.replace('kube-bench-', '')]).toBe(set.benchmark);
  });

  it('give kube-bench detection the benchmark of each folder the catalog has', () => {
    for (const [folder, benchmark] of Object.entries(KUBE_BENCH_BENCHMARKS))
      expect(kubeBenchmarkId(folder)).toBe(benchmark);
  });

  it('docker-bench-security v1.3.6 implements CIS Docker 1.4.0: it prints 4.12, which CIS 1.3.1 lacks', () => {
    const v136 = sets.find((s) => s.checkSet === 'docker-bench-security-1.3.6');
    const cis131 = sets.find((s) => s.checkSet === 'aquasec-cis-1.3.1');
    expect(v136?.benchmark).toBe('cis-docker-1.4.0');
    expect(v136?.checks.some((c) => c.id === '4.12')).toBe(true);
    expect(cis131?.checks.some((c) => c.id === '4.12')).toBe(false);
  });
});

describe('a run printing a check set titles is detected as that set', () => {
  for (const set of dockerSets) {
    const suffix = (scored: boolean | undefined) =>
      set.titleSuffixes === false || scored === undefined
        ? ''
        : ` (${scored ? 'Automated' : 'Manual'})`;
    const checks = set.checks.filter((c) => !c.optIn);
    const dbs = set.tool === 'docker-bench-security';
    const results = checks
      .map((c) =>
        dbs
          ? `[WARN] ${c.id} - ${c.title}${suffix(c.scored)}`
          : `[FAIL] ${c.id} ${c.title}${suffix(c.scored)}`
      )
      .join('\n');
    const version = set.printedVersions?.[0] ?? '';
    const header = dbs
      ? `# Docker Bench for Security v${version}\n`
      : `[INFO] ${version} CIS Docker Community Edition Benchmark\n`;

    it(`${set.checkSet}, with the version its tool prints`, () => {
      const run = parseBenchRun(header + results);
      expect(run.checkSet).toBe(set.checkSet);
      expect(run.benchmark?.id).toBe(set.benchmark);
    });

    it(`${set.checkSet}, by its titles alone`, () => {
      const run = parseBenchRun(results);
      const facts = (id: string | undefined) =>
        DOCKER_CHECK_SET_FACTS.find((f) => f.checkSet === id);
      // Two releases with the very same titles (v1.3.3 and v1.3.4, v1.5.0 and v1.6.0) cannot be told apart.
      expect(facts(run.checkSet)?.fingerprint).toBe(facts(set.checkSet)?.fingerprint);
      expect(run.benchmark?.id).toBe(facts(run.checkSet)?.benchmark);
    });
  }
});

describe('the order of check sets', () => {
  it('goes by tool, then by release', () => {
    const ids = [
      'kube-bench-eks-1.0.1',
      'aquasec-cis-1.6.0',
      'docker-bench-security-1.3.6',
      'docker-bench-security-1.3.5-scored',
      'docker-bench-security-1.3.5',
      'aquasec-cis-1.2',
      'docker-bench-security-1.10.0',
    ];
    expect(ids.sort(compareCheckSets)).toEqual([
      'docker-bench-security-1.3.5',
      'docker-bench-security-1.3.5-scored',
      'docker-bench-security-1.3.6',
      'docker-bench-security-1.10.0',
      'aquasec-cis-1.2',
      'aquasec-cis-1.6.0',
      'kube-bench-eks-1.0.1',
    ]);
  });

  it('puts the CIS Kubernetes V1.20-V1.24 benchmarks between 1.6 and 1.7, as CIS published them', () => {
    const folders = [
      'rh-1.0',
      'eks-1.0.1',
      'cis-1.7',
      'cis-1.24-microk8s',
      'k3s-cis-1.7',
      'cis-1.24',
      'cis-1.12',
      'gke-1.2.0',
      'cis-1.5',
      'cis-1.20',
      'aks-1.0',
      'cis-1.6',
      'eks-stig-kubernetes-v1r6',
      'cis-1.10',
    ].map((f) => `kube-bench-${f}`);
    expect(folders.sort(compareCheckSets).map((f) => f.replace('kube-bench-', ''))).toEqual([
      'cis-1.5',
      'cis-1.6',
      'cis-1.20',
      'cis-1.24',
      'cis-1.24-microk8s',
      'cis-1.7',
      'cis-1.10',
      'cis-1.12',
      'k3s-cis-1.7',
      'aks-1.0',
      'eks-1.0.1',
      'gke-1.2.0',
      'eks-stig-kubernetes-v1r6',
      'rh-1.0',
    ]);
  });
});
