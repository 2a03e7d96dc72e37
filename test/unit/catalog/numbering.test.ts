import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  benchmarkFamilies,
  benchmarkFamily,
  benchmarkShortName,
  checkSetNumbering,
  controlLabel,
  controlLabelInCheckSet,
} from '../../../src/lib/catalog/numbering';
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

describe('benchmarkFamily', () => {
  it('drops the version', () => {
    expect(benchmarkFamily('cis-eks-1.0.1')).toBe('CIS EKS');
    expect(benchmarkFamily('cis-kubernetes-1.24')).toBe('CIS Kubernetes');
    expect(benchmarkFamily('eks-stig-kubernetes-v1r6')).toBe('Kubernetes STIG');
    expect(benchmarkFamily('someone-elses-1.0')).toBe('someone-elses-1.0');
  });

  it('lists families once each, generic CIS first, unknown ones last', () => {
    expect(
      benchmarkFamilies([
        'eks-stig-kubernetes-v1r6',
        'zz-1',
        'cis-gke-1.0',
        'cis-kubernetes-1.12',
        'cis-kubernetes-1.6',
        'cis-eks-1.8.0',
      ])
    ).toEqual(['CIS Kubernetes', 'CIS EKS', 'CIS GKE', 'Kubernetes STIG', 'zz-1']);
  });

  it('names every family of the catalog', () => {
    const catalog = loadCatalogFromDisk(
      fileURLToPath(new URL('../../../content/', import.meta.url))
    );
    const benchmarks = catalog.checkSets.map((s) => s.benchmark);
    expect(benchmarks.filter((b) => benchmarkFamily(b) === b)).toEqual([]);
  });
});

describe('controlLabelInCheckSet', () => {
  it('names the tool config when tools number one benchmark differently', () => {
    expect(
      controlLabelInCheckSet('5.11', {
        checkSet: 'docker-bench-security-1.6.0',
        tool: 'docker-bench-security',
        benchmark: 'cis-docker-1.6.0',
      })
    ).toBe('5.11 (CIS Docker 1.6.0, docker-bench-security v1.6.0)');
    const trivy = {
      checkSet: 'trivy-k8s-cis-1.23',
      tool: 'trivy',
      benchmark: 'cis-kubernetes-1.23',
    } as const;
    const kubescape = {
      checkSet: 'kubescape-cis-v1.23-t1.0.1',
      tool: 'kubescape',
      benchmark: 'cis-kubernetes-1.23',
    } as const;
    expect(controlLabelInCheckSet('1.2.4', trivy)).toBe(
      '1.2.4 (CIS Kubernetes 1.23, Trivy k8s-cis-1.23)'
    );
    expect(controlLabelInCheckSet('1.2.4', kubescape)).not.toBe(
      controlLabelInCheckSet('1.2.4', trivy)
    );
  });

  it('gives every check set on disk its own numbering name', () => {
    const sets = loadCatalogFromDisk(
      fileURLToPath(new URL('../../../content/', import.meta.url))
    ).checkSets;
    const names = sets.map(checkSetNumbering);
    expect(new Set(names).size).toBe(sets.length);
    expect(names).toContain('CIS Kubernetes 1.23, kube-bench k3s-cis-1.23');
    expect(names).toContain('CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2');
  });
});
