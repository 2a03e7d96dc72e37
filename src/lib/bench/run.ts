import type { BenchRun, BenchTool, Diagnostic, Finding, PrintedTotals, Section } from './types';
import { countOutcomes } from './findings';

/** A run with what a reader found, not yet marked complete; detection and completeness come after. */
export function newRun(
  tool: BenchTool,
  format: BenchRun['format'],
  sections: Section[],
  findings: Finding[],
  printed: PrintedTotals | undefined,
  diagnostics: Diagnostic[]
): BenchRun {
  const run: BenchRun = {
    tool,
    format,
    sections,
    findings,
    totals: { counted: countOutcomes(findings) },
    complete: false,
    diagnostics,
  };
  if (printed) run.totals.printed = printed;
  return run;
}

/** A run with nothing in it, for input that could not be read. */
export function emptyRun(
  tool: BenchTool,
  format: BenchRun['format'],
  diagnostics: Diagnostic[]
): BenchRun {
  return newRun(tool, format, [], [], undefined, diagnostics);
}
