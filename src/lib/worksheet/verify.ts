import type { BenchRun, Finding } from '../bench/types';
import { auditFailureOf } from '../bench/auditAdvice';
import type { WorksheetCatalog } from './data';
import { findingKey, findingName, OUTCOME_LABELS } from './findings';
import type { Evidence, HardeningPick } from './schema';
import { pickKey } from './state';
import { oneLine } from './text';

/** Before/after: what the run after hardening says about each pick's check. */

export interface PickComparison {
  pick: string;
  before?: Finding;
  after?: Finding;
  /** How the after finding was found: the same check (same id, with the same title or concept) first, else the same concept; kube-bench picks stay within their node type. */
  matchedBy?: 'concept' | 'id';
  /**
   * The other checks of the run after hardening that test the same concept, each with its own result:
   * sub-checks such as 2.17.a and 2.17.b share a title but are separate checks, and one can pass while the
   * other fails. Absent when there are none.
   */
  related?: Finding[];
}

// kube-bench prints some checks under two node types; the pick's own node type decides, when the run has it.
function sameNodeType(findings: Finding[], nodeType: string | undefined): Finding[] {
  if (!nodeType) return findings;
  const same = findings.filter((f) => f.nodeType === nodeType);
  return same.length > 0 ? same : findings;
}

function findAfter(
  pick: HardeningPick,
  after: BenchRun,
  wc: WorksheetCatalog
): Pick<PickComparison, 'after' | 'matchedBy' | 'related'> {
  const conceptOf = (f: Finding) => wc.match(f, after.checkSet)?.concept;
  const key = pickKey(pick);
  const sameId = after.findings.filter(
    (f) =>
      f.id === pick.findingId && (!pick.nodeType || !f.nodeType || f.nodeType === pick.nodeType)
  );
  // The same check: its id with its title, else with its concept; an id alone only when no concept says
  // otherwise, since another numbering gives the same id to another check.
  const byId =
    sameId.find((f) => findingKey(f) === key) ??
    (pick.concept ? sameId.find((f) => conceptOf(f) === pick.concept) : undefined) ??
    (sameId.length === 1 && (!pick.concept || conceptOf(sameId[0]!) === undefined)
      ? sameId[0]
      : undefined);
  const byConcept = pick.concept
    ? sameNodeType(
        after.findings.filter((f) => conceptOf(f) === pick.concept),
        pick.nodeType
      )
    : [];
  // A concept some versions split into several checks: prefer the one still failing, so a pass is never claimed early.
  const chosen = byId ?? byConcept.find((f) => f.outcome === 'fail') ?? byConcept[0];
  if (!chosen) return {};
  const related = byConcept.filter((f) => f !== chosen);
  return {
    after: chosen,
    matchedBy: byId ? 'id' : 'concept',
    ...(related.length > 0 ? { related } : {}),
  };
}

/** Each pick's finding before and after hardening. */
export function comparePicks(
  picks: readonly HardeningPick[],
  before: BenchRun | undefined,
  after: BenchRun | undefined,
  wc: WorksheetCatalog
): PickComparison[] {
  return picks.map((p) => {
    const key = pickKey(p);
    const b = before?.findings.find((f) => findingKey(f) === key);
    return { pick: key, ...(b ? { before: b } : {}), ...(after ? findAfter(p, after, wc) : {}) };
  });
}

/** The other checks of the same concept and their results, one sentence each: "2.17.b … is a separate check of the same concept: Failed (FAIL)." */
export function relatedTexts(c: PickComparison): string[] {
  return (c.related ?? []).map(
    (f) =>
      `${findingName(f)} is a separate check of the same concept: ${OUTCOME_LABELS[f.outcome]} (${oneLine(f.status)}) in the run after hardening${auditFailureOf(f) !== undefined ? ', but its audit could not run' : ''}.`
  );
}

/** True when the run after hardening shows the pick's check passing. */
export function nowPasses(c: PickComparison): boolean {
  return c.after?.outcome === 'pass' && auditFailureOf(c.after) === undefined;
}

/** The evidence a verified pick keeps: the passing finding of the run after hardening. */
export function evidenceFrom(c: PickComparison, recordedAt: Date): Evidence | undefined {
  if (!c.after || !c.matchedBy || !nowPasses(c)) return undefined;
  return {
    findingId: c.after.id,
    title: c.after.title,
    status: c.after.status,
    outcome: 'pass',
    line: c.after.line,
    ...(c.after.nodeType ? { nodeType: c.after.nodeType } : {}),
    matchedBy: c.matchedBy,
    recordedAt: recordedAt.toISOString(),
  };
}
