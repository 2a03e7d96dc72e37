import type { BenchRun, Diagnostic } from './types';
import { appendAll, plural, truncationDiagnostic } from './diagnostics';
import { lastDbsRun, parseDbsText, readBanner } from './dockerBenchSecurityText';
import { parseDbsJson } from './dockerBenchSecurityJson';
import { detectDbs } from './dockerDetect';
import { newRun } from './run';
import { auditErrorsDiagnostic } from './auditErrors';

// Releases that print no "Checks:"/"Score:" footer, so a run that reaches its last check is whole.
const NO_FOOTER_VERSIONS = new Set(['1.3.0', '1.3.1', '1.3.2', '1.3.3']);

function parseText(lines: string[], diagnostics: Diagnostic[]): BenchRun {
  const { start, runs } = lastDbsRun(lines);
  if (runs > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: start + 1,
      severity: 'info',
      message: `This log holds ${runs} runs appended one after another (the tool adds to its log file on every run); the last run, from line ${start + 1}, is shown.`,
    });
  }
  const r = parseDbsText(lines, start);
  let toolVersion = r.toolVersion;
  let cisLine = r.cisLine;
  if (start > 0 && (!toolVersion || !cisLine)) {
    const earlier = readBanner(lines, 0, start);
    toolVersion ??= earlier.toolVersion;
    cisLine ??= earlier.cisLine;
  }
  appendAll(diagnostics, r.diagnostics);
  const run = newRun(
    'docker-bench-security',
    'text',
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  if (toolVersion) run.toolVersion = toolVersion;
  const d = detectDbs(r.findings, toolVersion, cisLine);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  const last = r.findings[r.findings.length - 1];
  if (r.sawFooter) {
    run.complete = true;
  } else if (
    last &&
    d.lastId &&
    last.id === d.lastId &&
    (!toolVersion || NO_FOOTER_VERSIONS.has(toolVersion))
  ) {
    run.complete = true;
    diagnostics.push({
      code: 'no-totals-printed',
      severity: 'info',
      message: `This release prints no "Checks:" or "Score:" totals; the run ends with its last check, ${last.id}, so it looks whole.`,
    });
  } else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push(
      truncationDiagnostic(last, 'the "Checks:" and "Score:" totals the tool prints at the end')
    );
  }
  if (r.findings.length > 0 && r.sections.length === 0) {
    diagnostics.push({
      code: 'no-section-headers',
      severity: 'info',
      message: `The output has no section headers, as when only chosen checks are run (the -c option) or the paste starts part-way; ${plural(r.findings.length, 'check')} ${r.findings.length === 1 ? 'is' : 'are'} in it.`,
    });
  }
  return run;
}

function parseJson(text: string, diagnostics: Diagnostic[]): BenchRun {
  const r = parseDbsJson(text);
  appendAll(diagnostics, r.diagnostics);
  const run = newRun(
    'docker-bench-security',
    'json',
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  if (r.toolVersion) run.toolVersion = r.toolVersion;
  const d = detectDbs(r.findings, r.toolVersion, undefined);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  const last = r.findings[r.findings.length - 1];
  if (r.whole) run.complete = true;
  else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push(truncationDiagnostic(last, 'the closing "checks", "score" and "end" fields'));
  }
  const checks = run.totals.printed?.checks;
  if (r.layout === 'flat' && checks !== undefined && checks !== r.findings.length) {
    diagnostics.push({
      code: 'flat-json-leaves-checks-out',
      severity: 'info',
      message: `The file's own total says ${checks} checks but it records ${r.findings.length}: this early JSON layout leaves some checks out (${checks - r.findings.length} here). The text log of the same run has them all.`,
    });
  }
  return run;
}

/** The printed "Checks:" total against the results read, unless the early JSON layout explains the gap. */
function checkTotals(run: BenchRun): void {
  const checks = run.totals.printed?.checks;
  const read = run.totals.counted.total;
  if (!run.complete || checks === undefined || checks === read) return;
  if (run.diagnostics.some((d) => d.code === 'flat-json-leaves-checks-out')) return;
  run.diagnostics.push({
    code: 'totals-mismatch',
    severity: 'warning',
    message: `The report's own total says ${plural(checks, 'check')}, but ${read} check results were read. Lines may be missing from the paste, or the tool counted differently.`,
  });
}

/** Reads a docker-bench-security run (text output, log file or JSON log) into a BenchRun with its check numbering and benchmark. */
export function parseDockerBenchSecurityRun(
  lines: string[],
  text: string,
  format: 'text' | 'json',
  diagnostics: Diagnostic[]
): BenchRun {
  const run = format === 'json' ? parseJson(text, diagnostics) : parseText(lines, diagnostics);
  checkTotals(run);
  const audits = auditErrorsDiagnostic(run.findings);
  if (audits) run.diagnostics.push(audits);
  return run;
}
