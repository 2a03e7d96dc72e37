import type { BenchTool, CheckSet } from './schema';

/**
 * Which numbering a check id belongs to. The same id names different checks in different benchmark versions
 * (5.10 is the memory limit in CIS Docker 1.2.0 and host networking in 1.6.0), so an id is shown with its
 * benchmark and version: "5.10 (CIS Docker 1.6.0)".
 */

// Benchmark ids are "<family>-<version>" (content/benchmarks, src/lib/content/benchmarks.ts); each family's
// short name, most specific first. Every pattern is anchored and has one unbounded part, so matching is linear.
// The family is the name without a version, in the order families are listed.
const FAMILIES: readonly (readonly [RegExp, string, (version: string) => string])[] = [
  [/^cis-docker-(.+)$/, 'CIS Docker', (v) => `CIS Docker ${v}`],
  [/^cis-kubernetes-(.+)$/, 'CIS Kubernetes', (v) => `CIS Kubernetes ${v}`],
  [/^cis-eks-(.+)$/, 'CIS EKS', (v) => `CIS EKS ${v}`],
  [/^cis-gke-(.+)$/, 'CIS GKE', (v) => `CIS GKE ${v}`],
  [/^cis-aks-(.+)$/, 'CIS AKS', (v) => `CIS AKS ${v}`],
  [/^cis-ack-(.+)$/, 'CIS ACK', (v) => `CIS ACK ${v}`],
  [/^cis-openshift-(.+)$/, 'CIS OpenShift', (v) => `CIS OpenShift ${v}`],
  [
    /^rh-(.+)$/,
    'Red Hat OpenShift 3 hardening guide',
    (v) => `Red Hat OpenShift 3 hardening guide ${v}`,
  ],
  [
    /^eks-stig-kubernetes-(.+)$/,
    'Kubernetes STIG',
    (v) => `Kubernetes STIG ${v.toUpperCase()} on EKS`,
  ],
  [/^tkgi-(.+)$/, 'VMware TKGI', (v) => `VMware TKGI ${v}`],
];

/** "CIS Docker 1.6.0" for cis-docker-1.6.0, "CIS EKS 1.0.1" for cis-eks-1.0.1; an unknown id is returned as it is. */
export function benchmarkShortName(benchmark: string): string {
  for (const [pattern, , name] of FAMILIES) {
    const m = pattern.exec(benchmark);
    if (m) return name(m[1] as string);
  }
  return benchmark;
}

/** A benchmark's family, without its version: "CIS EKS" for cis-eks-1.0.1; an unknown id is returned as it is. */
export function benchmarkFamily(benchmark: string): string {
  return FAMILIES.find(([pattern]) => pattern.test(benchmark))?.[1] ?? benchmark;
}

/** The families of these benchmarks, once each, in a fixed order (CIS Docker, CIS Kubernetes, CIS EKS … VMware TKGI). */
export function benchmarkFamilies(benchmarks: Iterable<string>): string[] {
  const order = FAMILIES.map(([, family]) => family);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...new Set([...benchmarks].map(benchmarkFamily))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b)
  );
}

/** A check id with the numbering it belongs to: "5.10 (CIS Docker 1.6.0)", "V-242390 (Kubernetes STIG V1R6 on EKS)". */
export function controlLabel(id: string, benchmark: string): string {
  return `${id} (${benchmarkShortName(benchmark)})`;
}

const TOOL_NAMES: Record<BenchTool, string> = {
  'docker-bench-security': 'docker-bench-security',
  'aquasec-docker-bench': 'aquasecurity/docker-bench',
  'kube-bench': 'kube-bench',
  trivy: 'Trivy',
  kubescape: 'kubescape',
};

/** The tool's name as its project spells it: "aquasecurity/docker-bench", "Trivy". */
export function toolName(tool: BenchTool): string {
  return TOOL_NAMES[tool];
}

/** The tool release or config a check set comes from: "v1.6.1", "cis-1.6.0", "k3s-cis-1.23", "k8s-cis-1.23". */
export function checkSetRelease(set: Pick<CheckSet, 'checkSet'>): string {
  return set.checkSet
    .replace(/^docker-bench-security-/, 'v')
    .replace(/^(?:aquasec|kube-bench|trivy|kubescape)-/, '');
}

/**
 * A check set's numbering: its benchmark and the tool config that prints it, since tools number one benchmark
 * differently (docker-bench-security v1.6.0 shifts section 5 of CIS Docker 1.6.0; Trivy and kubescape number CIS
 * Kubernetes 1.23 apart from 1.2.4 on). "CIS Docker 1.6.0, docker-bench-security v1.6.0".
 */
export function checkSetNumbering(set: Pick<CheckSet, 'checkSet' | 'tool' | 'benchmark'>): string {
  return `${benchmarkShortName(set.benchmark)}, ${toolName(set.tool)} ${checkSetRelease(set)}`;
}

/** A check id in the numbering of the check set a run followed: "5.11 (CIS Docker 1.6.0, docker-bench-security v1.6.0)". */
export function controlLabelInCheckSet(
  id: string,
  set: Pick<CheckSet, 'checkSet' | 'tool' | 'benchmark'>
): string {
  return `${id} (${checkSetNumbering(set)})`;
}
