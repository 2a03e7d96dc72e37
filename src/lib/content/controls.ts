import { BENCHMARKS, type BenchmarkId, type BenchmarkInfo } from './benchmarks';

/** What the site knows of one benchmark check a mitigation cites. */
export interface ResolvedControl {
  title: string;
  /** The check concept, where the check catalog has one (it has a page). */
  concept?: string;
}

interface CheckSetLike {
  checkSet: string;
  checks: readonly { id: string; title: string; concept?: string }[];
}

/**
 * Resolves {benchmark, id} to a title and concept from the benchmark's reference check set. Only the reference
 * set counts: tool releases that claim a benchmark may number it otherwise.
 */
export function controlResolver(checkSets: readonly CheckSetLike[]) {
  const table = new Map<string, ResolvedControl>();
  const key = (benchmark: string, id: string) => `${benchmark} ${id}`;
  for (const [benchmark, info] of Object.entries(BENCHMARKS) as [BenchmarkId, BenchmarkInfo][]) {
    const set = checkSets.find((s) => s.checkSet === info.referenceCheckSet);
    for (const c of set?.checks ?? []) {
      if (!table.has(key(benchmark, c.id)))
        table.set(key(benchmark, c.id), {
          title: c.title,
          ...(c.concept ? { concept: c.concept } : {}),
        });
    }
  }
  return (benchmark: BenchmarkId, id: string): ResolvedControl | undefined =>
    table.get(key(benchmark, id));
}
