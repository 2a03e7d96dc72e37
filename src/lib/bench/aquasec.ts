import type { BenchRun, Diagnostic } from './types';
import { appendAll, truncationDiagnostic } from './diagnostics';
import { lastAquasecRun, parseAquasecText, type AquasecResult } from './aquasecText';
import { parseAquasecJson } from './aquasecJson';
import { detectAquasec } from './dockerDetect';
import { newRun } from './run';
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
  if (r.controlsId === undefined && r.findings.length > 0) {
    diagnostics.push({
      code: 'header-missing',
      severity: 'info',
      message:
        'The header line "[INFO] 18.09 CIS Docker ..." (or 20.04, 20.10) is missing, so the benchmark is guessed from the checks.',
    });
  }
  const p = r.printed;
  const last = r.findings[r.findings.length - 1];
  if (
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
    diagnostics.push(
      truncationDiagnostic(
        last,
        r.sawRemediations
          ? 'the "== Summary ==" block'
          : 'the "== Remediations ==" and "== Summary ==" blocks'
      )
    );
  }
  checkTotals(run);
  return run;
}
