import type { BenchRun } from '../bench/types';
import { auditFailureOf } from '../bench/auditAdvice';
import { auditErrorSummary, notEvidenceText, weakPicks } from './audit-errors';
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

/** What the JSON export says about results whose audit could not run: how many, and which picks are not evidence. */
export function exportedAuditErrors(
  ws: Pick<Worksheet, 'picks'>,
  run: BenchRun
): Pick<ExportedRun, 'auditErrors' | 'picksNotEvidence'> {
  const s = auditErrorSummary(run);
  if (!s) return {};
  const weak = weakPicks(ws, run);
  return {
    auditErrors: {
      results: s.total,
      failed: s.failed,
      byCode: Object.fromEntries(s.kinds.map((k) => [k.code, k.count])),
    },
    ...(weak.length
      ? {
          picksNotEvidence: weak.map(({ finding: f }) => ({
            findingId: f.id,
            title: f.title,
            ...(f.nodeType ? { nodeType: f.nodeType } : {}),
            auditErrorCode: auditFailureOf(f) ?? 'audit-did-not-run',
            auditError: f.auditError ?? '',
            note: notEvidenceText(f),
          })),
        }
      : {}),
  };
}

/** The worksheet as JSON that "Import JSON" reads back to the same worksheet, with a note of the run it was made from. */
export function worksheetJson(ws: Worksheet, now: Date, run?: BenchRun): string {
  const doc: ExportedWorksheet = {
    format: WORKSHEET_FORMAT,
    version: WORKSHEET_VERSION,
    exportedAt: now.toISOString(),
    ...(run ? { run: { ...exportedRun(run), ...exportedAuditErrors(ws, run) } } : {}),
    worksheet: ws,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name for an export, dated: the worksheet as JSON, or the run analysis alone as Markdown. */
export function exportFileName(ext: 'md' | 'json', now: Date): string {
  const date = now.toISOString().slice(0, 10);
  return ext === 'md' ? `run-analysis-${date}.md` : `hardening-worksheet-${date}.json`;
}
