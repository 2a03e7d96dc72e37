import type { Platform } from '../stride';

/** A benchmark a mitigation may cite; the id names benchmark and version together. */
export interface BenchmarkInfo {
  id: string;
  platform: Platform;
  name: string;
  version: string;
  /** The tool configs that implement it with its own numbering, where any do. */
  toolConfig?: string;
  /** The check set of the catalog whose ids and titles are this benchmark's, where the catalog has one. */
  referenceCheckSet?: string;
}

export const BENCHMARKS = {
  'cis-docker-1.2.0': {
    id: 'cis-docker-1.2.0',
    platform: 'docker',
    name: 'CIS Docker Benchmark',
    version: '1.2.0',
    toolConfig: 'aquasecurity/docker-bench cis-1.2',
    referenceCheckSet: 'aquasec-cis-1.2',
  },
  'cis-docker-1.3.1': {
    id: 'cis-docker-1.3.1',
    platform: 'docker',
    name: 'CIS Docker Benchmark',
    version: '1.3.1',
    toolConfig: 'aquasecurity/docker-bench cis-1.3.1',
    referenceCheckSet: 'aquasec-cis-1.3.1',
  },
  // docker-bench-security v1.6.0 announces CIS 1.6.0 but keeps the older section 5 numbering, and
  // aquasecurity's cis-1.6.0 config gives two checks each the ids 5.12 and 5.20; v1.6.1 numbers as CIS does.
  'cis-docker-1.6.0': {
    id: 'cis-docker-1.6.0',
    platform: 'docker',
    name: 'CIS Docker Benchmark',
    version: '1.6.0',
    toolConfig: 'docker-bench-security v1.6.1',
    referenceCheckSet: 'docker-bench-security-1.6.1',
  },
  'cis-kubernetes-1.12': {
    id: 'cis-kubernetes-1.12',
    platform: 'kubernetes',
    name: 'CIS Kubernetes Benchmark',
    version: '1.12',
    toolConfig: 'kube-bench cis-1.12',
    referenceCheckSet: 'kube-bench-cis-1.12',
  },
} as const satisfies Record<string, BenchmarkInfo>;

export type BenchmarkId = keyof typeof BENCHMARKS;
export const BENCHMARK_IDS = Object.keys(BENCHMARKS) as [BenchmarkId, ...BenchmarkId[]];
