import type { Platform } from '../stride';

/** A benchmark a mitigation may cite; the id names benchmark and version together. */
export interface BenchmarkInfo {
  id: string;
  platform: Platform;
  name: string;
  version: string;
  /** The aquasecurity/kube-bench or docker-bench config that implements it, where one does. */
  toolConfig?: string;
}

export const BENCHMARKS = {
  'cis-docker-1.2.0': { id: 'cis-docker-1.2.0', platform: 'docker', name: 'CIS Docker Benchmark', version: '1.2.0', toolConfig: 'aquasecurity/docker-bench cis-1.2' },
  'cis-docker-1.3.1': { id: 'cis-docker-1.3.1', platform: 'docker', name: 'CIS Docker Benchmark', version: '1.3.1', toolConfig: 'aquasecurity/docker-bench cis-1.3.1' },
  'cis-docker-1.6.0': { id: 'cis-docker-1.6.0', platform: 'docker', name: 'CIS Docker Benchmark', version: '1.6.0', toolConfig: 'docker-bench-security v1.6.0; aquasecurity/docker-bench cis-1.6.0' },
  'cis-kubernetes-1.12': { id: 'cis-kubernetes-1.12', platform: 'kubernetes', name: 'CIS Kubernetes Benchmark', version: '1.12', toolConfig: 'kube-bench cis-1.12' },
} as const satisfies Record<string, BenchmarkInfo>;

export type BenchmarkId = keyof typeof BENCHMARKS;
export const BENCHMARK_IDS = Object.keys(BENCHMARKS) as [BenchmarkId, ...BenchmarkId[]];

/** "CIS Docker Benchmark v1.6.0" */
export function benchmarkLabel(id: BenchmarkId): string {
  const b = BENCHMARKS[id];
  return `${b.name} v${b.version}`;
}
