import type { BenchRun } from '../bench/types';
import type { Platform } from '../stride';
import type { WorksheetCatalog } from './data';

/** Which platform a run belongs to, where the page fetches each platform's reference data, and the catalog before it arrives. */

/** The site path of each platform's data (see data.ts); the Kubernetes file only when a kube-bench run needs it. */
export const WORKSHEET_DATA_URLS: Record<Platform, string> = {
  docker: '/worksheet-data.json',
  kubernetes: '/worksheet-data-kubernetes.json',
};

/** The site path of the catalog of the threat-model steps: both platforms' threats and components. */
export const THREAT_CATALOG_URL = '/worksheet-threat-model.json';

/** The platform a run benchmarks: kube-bench and kubescape runs are Kubernetes, Trivy's unless its spec is CIS Docker, the rest Docker. */
export function runPlatform(run: Pick<BenchRun, 'tool' | 'benchmark'>): Platform {
  if (run.tool === 'kube-bench' || run.tool === 'kubescape') return 'kubernetes';
  if (run.tool === 'trivy')
    return run.benchmark?.id.startsWith('cis-docker') ? 'docker' : 'kubernetes';
  return 'docker';
}

/** A catalog that knows nothing: findings still show while the data loads or when it failed to, only without explanations and threats. */
export function emptyWorksheetCatalog(platform: Platform): WorksheetCatalog {
  return {
    platform,
    threats: new Map(),
    threatList: [],
    concepts: new Map(),
    match: () => undefined,
  };
}
