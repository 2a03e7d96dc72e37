import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchmarkShortName, controlLabel } from '../../../src/lib/catalog/numbering';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import { BENCHMARK_IDS } from '../../../src/lib/content/benchmarks';

describe('controlLabel', () => {
  it('tells the same number in two Docker versions apart', () => {
    expect(controlLabel('5.10', 'cis-docker-1.2.0')).toBe('5.10 (CIS Docker 1.2.0)');
    expect(controlLabel('5.10', 'cis-docker-1.6.0')).toBe('5.10 (CIS Docker 1.6.0)');
  });

  it('names the Kubernetes, managed-service, OpenShift and STIG numberings', () => {
    expect(controlLabel('1.2.16', 'cis-kubernetes-1.12')).toBe('1.2.16 (CIS Kubernetes 1.12)');
    expect(controlLabel('3.2.1', 'cis-eks-1.0.1')).toBe('3.2.1 (CIS EKS 1.0.1)');
    expect(controlLabel('5.10.1', 'cis-gke-1.6.0')).toBe('5.10.1 (CIS GKE 1.6.0)');
    expect(controlLabel('5.4.1', 'cis-aks-1.7')).toBe('5.4.1 (CIS AKS 1.7)');
    expect(controlLabel('1.2.1', 'cis-openshift-1.8')).toBe('1.2.1 (CIS OpenShift 1.8)');
    expect(controlLabel('V-242390', 'eks-stig-kubernetes-v1r6')).toBe(
      'V-242390 (Kubernetes STIG V1R6 on EKS)'
    );
  });

  it('keeps an id it cannot place with the benchmark id as given', () => {
    expect(benchmarkShortName('someone-elses-1.0')).toBe('someone-elses-1.0');
    expect(controlLabel('1.1', '')).toBe('1.1 ()');
  });
});

describe('benchmarkShortName', () => {
  const catalog = loadCatalogFromDisk(fileURLToPath(new URL('../../../content/', import.meta.url)));
  const ids = [...new Set([...BENCHMARK_IDS, ...catalog.checkSets.map((s) => s.benchmark)])];

  it('has a short name for every benchmark the site cites or a check set follows', () => {
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => benchmarkShortName(id) === id)).toEqual([]);
  });

  it('gives different benchmarks different names, each ending in its version', () => {
    const names = ids.map(benchmarkShortName);
    expect(new Set(names).size).toBe(ids.length);
    for (const id of ids) {
      const version = /-v?(\d[\w.]*)$/.exec(id)?.[1] ?? '';
      expect(benchmarkShortName(id).toLowerCase(), id).toContain(version.toLowerCase());
    }
  });
});
