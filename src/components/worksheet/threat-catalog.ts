import type { ThreatCatalogData } from '../../lib/worksheet/own-threats';

/** The catalog of the threat-model steps (both platforms' threats and components), fetched once for the page. */

export const THREAT_CATALOG_URL = '/worksheet-threat-model.json';

let data: ThreatCatalogData | undefined;
let failed = false;
let loading: Promise<ThreatCatalogData | undefined> | undefined;
const listeners = new Set<() => void>();

/** The catalog once it has arrived. */
export function threatCatalog(): ThreatCatalogData | undefined {
  return data;
}

/** True when the catalog could not be fetched; the steps then work from blank entries only. */
export function threatCatalogFailed(): boolean {
  return failed;
}

/** Fetches the catalog (once) and tells every listener when it has arrived or failed. */
export function loadThreatCatalog(): Promise<ThreatCatalogData | undefined> {
  loading ??= fetch(THREAT_CATALOG_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`${r.status}`);
      return r.json() as Promise<ThreatCatalogData>;
    })
    .then((d) => (data = d))
    .catch(() => {
      failed = true;
      return undefined;
    })
    .finally(() => {
      for (const l of listeners) l();
    });
  return loading;
}

/** Calls back when the catalog arrives or fails. */
export function onThreatCatalog(listener: () => void): void {
  listeners.add(listener);
}
