import { benchmarkShortName, checkSetNumbering } from '../catalog/numbering';
import { auditFailureOf } from '../bench/auditAdvice';
import type { BenchRun, Outcome } from '../bench/types';
import type { WorksheetCatalog } from './data';
import type { FindingView } from './findings';
import { OUTCOME_LABELS } from './findings';
import { oneLine } from './text';

/**
 * Check ids in the numbering of the run they come from. The same id names different checks in different
 * benchmark versions (5.10 is the memory limit in CIS Docker 1.2.0 and host networking in 1.6.0), so an id
 * the worksheet shows or exports says its benchmark and version when the run's is known.
 */

/** The numbering a run's ids follow: its check set when known (tools number one benchmark differently), else its benchmark. */
export function runNumbering(
  run: Pick<BenchRun, 'benchmark' | 'checkSet' | 'tool'> | undefined
): string | undefined {
  if (!run?.benchmark) return undefined;
  if (run.checkSet && run.tool !== 'unknown')
    return checkSetNumbering({
      checkSet: run.checkSet,
      tool: run.tool,
      benchmark: run.benchmark.id,
    });
  return benchmarkShortName(run.benchmark.id);
}

/** "5.11 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0)" for a check of a run whose numbering is known; the id alone otherwise. */
export function idInRun(
  id: string,
  run: Pick<BenchRun, 'benchmark' | 'checkSet' | 'tool'> | undefined
): string {
  const numbering = runNumbering(run);
  return numbering ? `${oneLine(id)} (${numbering})` : oneLine(id);
}

/** A finding by id in its run's numbering and title: "5.11 (CIS Docker 1.6.0) Ensure that …". */
export function findingInRun(
  f: { id: string; title: string },
  run: Pick<BenchRun, 'benchmark' | 'checkSet' | 'tool'> | undefined
): string {
  return `${idInRun(f.id, run)} ${oneLine(f.title)}`;
}

export interface ThreatCheck {
  id: string;
  title: string;
  outcome: Outcome;
  auditError: boolean;
}

/** The checks of a run whose concept the catalog ties to a threat: the threat's controls in the run's own numbering, in run order. */
export function threatChecksInRun(
  threatId: string,
  views: readonly FindingView[],
  wc: Pick<WorksheetCatalog, 'concepts'>
): ThreatCheck[] {
  const seen = new Set<string>();
  const checks: ThreatCheck[] = [];
  for (const v of views) {
    if (!v.concept || !wc.concepts.get(v.concept)?.threats.includes(threatId)) continue;
    // kube-bench prints some checks under two node types: once is enough here.
    const key = `${v.finding.id}\n${v.finding.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    checks.push({
      id: v.finding.id,
      title: v.finding.title,
      outcome: v.finding.outcome,
      auditError: auditFailureOf(v.finding) !== undefined,
    });
  }
  return checks;
}

const MAX_CHECKS = 12;

/** "Its checks in this run's numbering (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0): 2.15 failed, 5.11 failed (audit could not run), 5.26 passed"; undefined without checks. */
export function threatChecksText(
  checks: readonly ThreatCheck[],
  run: Pick<BenchRun, 'benchmark' | 'checkSet' | 'tool'> | undefined
): string | undefined {
  if (checks.length === 0) return undefined;
  const shown = checks
    .slice(0, MAX_CHECKS)
    .map(
      (c) =>
        `${oneLine(c.id)} ${OUTCOME_LABELS[c.outcome].toLowerCase()}${c.auditError ? ' (audit could not run)' : ''}`
    );
  const more = checks.length - shown.length;
  const numbering = runNumbering(run);
  return `Its checks in this run's numbering${numbering ? ` (${numbering})` : ''}: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`;
}
