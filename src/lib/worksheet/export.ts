import type { BenchRun } from '../bench/types';
import type { ExportedRun, ExportedWorksheet, Worksheet } from './schema';
import { WORKSHEET_FORMAT, WORKSHEET_VERSION } from './worksheet';

/** The worksheet as JSON that imports back unchanged (see import-worksheet.ts); the Markdown is in writeup.ts. */

/** What the JSON export says about the run: tool, format, benchmark, numbering, Trivy's spec or kubescape's framework and kube-bench node types. */
export function exportedRun(run: BenchRun): ExportedRun {
  return {
    tool: run.tool,
    format: run.format,
    ...(run.benchmark ? { benchmark: run.benchmark.id } : {}),
    ...(run.checkSet ? { checkSet: run.checkSet } : {}),
    ...(run.spec ? { spec: run.spec.id } : {}),
    ...(run.nodeTypes ? { nodeTypes: run.nodeTypes.map((n) => n.nodeType) } : {}),
  };
}

/** The worksheet as JSON that "Import JSON" reads back to the same worksheet, with a note of the run it was made from. */
export function worksheetJson(ws: Worksheet, now: Date, run?: BenchRun): string {
  const doc: ExportedWorksheet = {
    format: WORKSHEET_FORMAT,
    version: WORKSHEET_VERSION,
    exportedAt: now.toISOString(),
    ...(run ? { run: exportedRun(run) } : {}),
    worksheet: ws,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name for an export, dated. */
export function exportFileName(ext: 'md' | 'json', now: Date): string {
  return `hardening-worksheet-${now.toISOString().slice(0, 10)}.${ext}`;
}
