type WriteupModule = typeof import('../../lib/worksheet/writeup');
type ExportModule = typeof import('../../lib/worksheet/export');
/** The code that builds exports and the print view. */
export type Exporters = WriteupModule & ExportModule;

let loaded: Exporters | undefined;
let pending: Promise<Exporters> | undefined;

/** Loads the export and write-up code once; only exporting and printing need it, so it comes after the page. */
export function loadExporters(): Promise<Exporters> {
  pending ??= Promise.all([
    import('../../lib/worksheet/writeup'),
    import('../../lib/worksheet/export'),
  ]).then(([writeup, exporter]) => (loaded = { ...writeup, ...exporter }));
  return pending;
}

/** The export code if it has loaded: printing starts synchronously and cannot wait for it. */
export function exportersIfLoaded(): Exporters | undefined {
  return loaded;
}
