import type { BenchmarkId } from './benchmarks';

/** What the site knows of one benchmark check a mitigation cites. */
export interface ResolvedControl {
  title: string;
  /** The check concept, where the check catalog has one (it has a page). */
  concept?: string;
}

interface CheckSetLike {
  checkSet: string;
  benchmark: string;
  checks: readonly { id: string; title: string; concept?: string }[];
}

interface ControlIndexLike {
  benchmark: string;
  checks: readonly { id: string; title: string }[];
}

/**
 * Resolves {benchmark, id} to a title (and concept) from the check sets, then the control indexes.
 * Check sets of docker-bench-security come first: their numbering is the one CIS publishes.
 */
export function controlResolver(checkSets: readonly CheckSetLike[], indexes: readonly ControlIndexLike[]) {
  const table = new Map<string, ResolvedControl>();
  const key = (benchmark: string, id: string) => `${benchmark} ${id}`;
  const ordered = [...checkSets].sort((a, b) => Number(b.checkSet.startsWith('docker-bench-security')) - Number(a.checkSet.startsWith('docker-bench-security')));
  for (const set of ordered) {
    for (const c of set.checks) {
      const k = key(set.benchmark, c.id);
      if (!table.has(k)) table.set(k, { title: c.title, ...(c.concept ? { concept: c.concept } : {}) });
    }
  }
  for (const index of indexes) {
    for (const c of index.checks) {
      const k = key(index.benchmark, c.id);
      if (!table.has(k)) table.set(k, { title: c.title });
    }
  }
  return (benchmark: BenchmarkId, id: string): ResolvedControl | undefined => table.get(key(benchmark, id));
}
