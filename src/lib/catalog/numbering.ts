/**
 * Which numbering a check id belongs to. The same id names different checks in different benchmark versions
 * (5.10 is the memory limit in CIS Docker 1.2.0 and host networking in 1.6.0), so an id is shown with its
 * benchmark and version: "5.10 (CIS Docker 1.6.0)".
 */

// Benchmark ids are "<family>-<version>" (content/benchmarks, src/lib/content/benchmarks.ts); each family's
// short name, most specific first. Every pattern is anchored and has one unbounded part, so matching is linear.
const FAMILIES: readonly (readonly [RegExp, (version: string) => string])[] = [
  [/^cis-docker-(.+)$/, (v) => `CIS Docker ${v}`],
  [/^cis-kubernetes-(.+)$/, (v) => `CIS Kubernetes ${v}`],
  [/^cis-eks-(.+)$/, (v) => `CIS EKS ${v}`],
  [/^cis-gke-(.+)$/, (v) => `CIS GKE ${v}`],
  [/^cis-aks-(.+)$/, (v) => `CIS AKS ${v}`],
  [/^cis-ack-(.+)$/, (v) => `CIS ACK ${v}`],
  [/^cis-openshift-(.+)$/, (v) => `CIS OpenShift ${v}`],
  [/^eks-stig-kubernetes-(.+)$/, (v) => `Kubernetes STIG ${v.toUpperCase()} on EKS`],
  [/^rh-(.+)$/, (v) => `Red Hat OpenShift 3 hardening guide ${v}`],
  [/^tkgi-(.+)$/, (v) => `VMware TKGI ${v}`],
];

/** "CIS Docker 1.6.0" for cis-docker-1.6.0, "CIS EKS 1.0.1" for cis-eks-1.0.1; an unknown id is returned as it is. */
export function benchmarkShortName(benchmark: string): string {
  for (const [pattern, name] of FAMILIES) {
    const m = pattern.exec(benchmark);
    if (m) return name(m[1] as string);
  }
  return benchmark;
}

/** A check id with the numbering it belongs to: "5.10 (CIS Docker 1.6.0)", "V-242390 (Kubernetes STIG V1R6 on EKS)". */
export function controlLabel(id: string, benchmark: string): string {
  return `${id} (${benchmarkShortName(benchmark)})`;
}
