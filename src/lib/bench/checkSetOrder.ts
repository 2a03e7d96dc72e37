/**
 * The order of check sets: by tool (docker-bench-security, aquasecurity/docker-bench, kube-bench), then from
 * the oldest release to the newest. The catalog lists sets in this order and it decides ties, so detection
 * and matching prefer the same set; the generated check-set data is written in it.
 */

const TOOLS = ['docker-bench-security-', 'aquasec-', 'kube-bench-'];

function numbers(version: string): number[] {
  return version.split('.').map((n) => Number(n) || 0);
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Where a generic CIS Kubernetes benchmark comes in time. CIS numbered its Kubernetes benchmarks 1.5, 1.6,
 * then after Kubernetes releases (the "CIS Kubernetes V1.20 Benchmark", V1.23, V1.24), then went back to
 * 1.7 (2023) and on: so V1.20-V1.24 come between 1.6 and 1.7.
 */
function cisKubernetesTime(version: string): number[] {
  const [major = 0, minor = 0] = numbers(version);
  return major === 1 && minor >= 20 ? [1, 6, minor] : [major, minor, 0];
}

interface KubeKey {
  group: number;
  family: string;
  time: number[];
  variant: string;
}

// Generic CIS first (and its distribution variants), then the distributions' CIS configs, then the
// managed services' benchmarks, then the rest (OpenShift, TKGI, STIG).
function kubeKey(folder: string): KubeKey {
  const generic = /^cis-(\d+\.\d+)(?:-([a-z0-9]+))?$/.exec(folder);
  if (generic)
    return {
      group: 0,
      family: 'cis',
      time: cisKubernetesTime(generic[1] as string),
      variant: generic[2] ?? '',
    };
  const distribution = /^([a-z0-9]+)-cis-(\d+\.\d+)$/.exec(folder);
  if (distribution)
    return {
      group: 1,
      family: distribution[1] as string,
      time: cisKubernetesTime(distribution[2] as string),
      variant: '',
    };
  const managed = /^(ack|aks|eks|gke)-(\d+(?:\.\d+)*)$/.exec(folder);
  if (managed)
    return {
      group: 2,
      family: managed[1] as string,
      time: numbers(managed[2] as string),
      variant: '',
    };
  const other = /^([a-z-]+?)-v?(\d+(?:\.\d+)*)/.exec(folder);
  return {
    group: 3,
    family: other?.[1] ?? folder,
    time: other ? numbers(other[2] as string) : [],
    variant: folder,
  };
}

function compareKube(a: string, b: string): number {
  const x = kubeKey(a);
  const y = kubeKey(b);
  return (
    x.group - y.group ||
    x.family.localeCompare(y.family) ||
    compareNumbers(x.time, y.time) ||
    x.variant.localeCompare(y.variant) ||
    a.localeCompare(b)
  );
}

/** Compares two check set ids (docker-bench-security-1.3.5-scored, aquasec-cis-1.6.0, kube-bench-cis-1.20). */
export function compareCheckSets(a: string, b: string): number {
  const ta = TOOLS.findIndex((p) => a.startsWith(p));
  const tb = TOOLS.findIndex((p) => b.startsWith(p));
  if (ta !== tb) return (ta < 0 ? TOOLS.length : ta) - (tb < 0 ? TOOLS.length : tb);
  if (ta < 0) return a.localeCompare(b);
  const ra = a.slice((TOOLS[ta] as string).length);
  const rb = b.slice((TOOLS[tb] as string).length);
  if (ta === 2) return compareKube(ra, rb);
  const va = /\d+(?:\.\d+)*/.exec(ra)?.[0] ?? '';
  const vb = /\d+(?:\.\d+)*/.exec(rb)?.[0] ?? '';
  // docker-bench-security-1.3.5-scored came after 1.3.5, so a suffix sorts after its plain release.
  return compareNumbers(numbers(va), numbers(vb)) || ra.length - rb.length || a.localeCompare(b);
}

/** How much detection prefers a generic CIS Kubernetes config when titles fit several equally: lower first. */
export function kubeFolderPreference(folder: string, folders: readonly string[]): number {
  // kube-bench itself runs cis-1.6 when it cannot tell the Kubernetes version.
  if (folder === 'cis-1.6') return -1;
  const generic = folders
    .filter((f) => /^cis-\d+\.\d+$/.test(f))
    .sort(compareKube)
    .reverse();
  const at = generic.indexOf(folder);
  return at < 0 ? generic.length : at;
}
