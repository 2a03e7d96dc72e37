import type { BenchRun, Diagnostic } from './types';
import { appendAll, plural, truncationDiagnostic } from './diagnostics';
import { lastAquasecRun, parseAquasecText, type AquasecResult } from './aquasecText';
import { parseAquasecJson } from './aquasecJson';
import { detectAquasec } from './dockerDetect';
import { newRun } from './run';
import { auditErrorsDiagnostic } from './auditErrors';
import { scanJson } from './tolerantJson';

function read(
  lines: string[],
  text: string,
  format: 'text' | 'json',
  diagnostics: Diagnostic[]
): AquasecResult {
  if (format === 'json') return parseAquasecJson(scanJson(text));
  const { start, runs } = lastAquasecRun(lines);
  if (runs > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: start + 1,
      severity: 'info',
      message: `This file holds ${runs} runs one after another; the last one, from line ${start + 1}, is shown.`,
    });
  }
  return parseAquasecText(lines, start);
}

/**
 * The one tag every result has when the output was filtered to it (`grep FAIL` keeps the [FAIL] lines and the
 * "35 checks FAIL" count, but no header, section or block); undefined for a whole or cut run.
 */
function filteredTag(r: AquasecResult): string | undefined {
  const first = r.findings[0];
  if (!first || r.sawSummary || r.sawRemediations || r.sections.length > 0) return undefined;
  if (r.controlsId !== undefined) return undefined;
  return r.findings.every((f) => f.status === first.status) ? first.status : undefined;
}

function filteredDiagnostic(tag: string, r: AquasecResult): Diagnostic {
  const n = r.findings.length;
  const key = ({ PASS: 'pass', FAIL: 'fail', WARN: 'warn', INFO: 'info' } as const)[
    tag as 'PASS' | 'FAIL' | 'WARN' | 'INFO'
  ];
  const printed = key ? r.printed?.[key] : undefined;
  const agrees =
    printed === undefined
      ? ''
      : printed === n
        ? `, as many as its "${printed} checks ${tag}" line says`
        : `, but its "${printed} checks ${tag}" line says ${printed}: lines may be missing`;
  return {
    code: 'filtered-output',
    severity: printed !== undefined && printed !== n ? 'warning' : 'info',
    message: `Only the [${tag}] lines of the run are here, as when its output is filtered with grep ${tag}: ${plural(n, 'check')}${agrees}. The other results, the remediations and the summary are not in the paste.`,
  };
}

/** The "== Summary ==" counts against the results read; aquasecurity's WARN is a manual check. */
function checkTotals(run: BenchRun): void {
  const p = run.totals.printed;
  const c = run.totals.counted;
  if (!p || !run.complete) return;
  const pairs: [string, number | undefined, number][] = [
    ['PASS', p.pass, c.pass],
    ['FAIL', p.fail, c.fail],
    ['WARN', p.warn, c.manual],
    ['INFO', p.info, c.info],
  ];
  const off = pairs.filter(([, printed, counted]) => printed !== undefined && printed !== counted);
  if (off.length === 0) return;
  run.diagnostics.push({
    code: 'totals-mismatch',
    severity: 'warning',
    message: `The "== Summary ==" block does not match the results read: ${off.map(([tag, printed, counted]) => `${printed} checks ${tag} printed, ${counted} read`).join('; ')}. Lines may be missing from the paste.`,
  });
}

/** Reads an aquasecurity/docker-bench run (text or `--json`) into a BenchRun with its config and benchmark. */
export function parseAquasecRun(
  lines: string[],
  text: string,
  format: 'text' | 'json',
  diagnostics: Diagnostic[]
): BenchRun {
  const r = read(lines, text, format, diagnostics);
  appendAll(diagnostics, r.diagnostics);
  const run = newRun(
    'aquasec-docker-bench',
    format,
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  const d = detectAquasec(r.findings, r.controlsId);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  const filtered = filteredTag(r);
  if (r.controlsId === undefined && r.findings.length > 0 && !filtered) {
    diagnostics.push({
      code: 'header-missing',
      severity: 'info',
      message:
        'The header line "[INFO] 18.09 CIS Docker ..." (or 20.04, 20.10) is missing, so the benchmark is guessed from the checks.',
    });
  }
  const p = r.printed;
  const last = r.findings[r.findings.length - 1];
  if (filtered) {
    diagnostics.push(filteredDiagnostic(filtered, r));
  } else if (
    r.sawSummary &&
    p &&
    p.pass !== undefined &&
    p.fail !== undefined &&
    p.warn !== undefined &&
    p.info !== undefined
  ) {
    run.complete = true;
  } else if (last) {
    run.incompleteAfter = last.id;
    const missing =
      format === 'json'
        ? 'the closing brackets and the "total_pass" ... "total_info" fields'
        : r.sawRemediations
          ? 'the "== Summary ==" block'
          : 'the "== Remediations ==" and "== Summary ==" blocks';
    diagnostics.push(truncationDiagnostic(last, missing));
  }
  checkTotals(run);
  const audits = auditErrorsDiagnostic(run.findings);
  if (audits) run.diagnostics.push(audits);
  return run;
}
