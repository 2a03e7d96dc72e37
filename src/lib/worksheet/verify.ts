import type { BenchRun, Finding } from '../bench/types';
import type { WorksheetCatalog } from './data';
import { findingKey } from './findings';
import type { Evidence, HardeningPick } from './schema';
import { pickKey } from './state';

/** Before/after: what the run after hardening says about each pick's check. */

export interface PickComparison {
  pick: string;
  before?: Finding;
  after?: Finding;
  /** How the after finding was found: same concept, else same id (and title when the id repeats); kube-bench picks stay within their node type. */
  matchedBy?: 'concept' | 'id';
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
): Pick<PickComparison, 'after' | 'matchedBy'> {
  if (pick.concept) {
    const byConcept = sameNodeType(
      after.findings.filter((f) => wc.match(f, after.checkSet)?.concept === pick.concept),
      pick.nodeType
    );
    // A concept some versions split into several checks: prefer the one still failing, so a pass is never claimed early.
    const chosen = byConcept.find((f) => f.outcome === 'fail') ?? byConcept[0];
    if (chosen) return { after: chosen, matchedBy: 'concept' };
  }
  const key = pickKey(pick);
  const sameId = after.findings.filter(
    (f) =>
      f.id === pick.findingId && (!pick.nodeType || !f.nodeType || f.nodeType === pick.nodeType)
  );
  const chosen =
    sameId.find((f) => findingKey(f) === key) ?? (sameId.length === 1 ? sameId[0] : undefined);
  return chosen ? { after: chosen, matchedBy: 'id' } : {};
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

/** True when the run after hardening shows the pick's check passing. */
export function nowPasses(c: PickComparison): boolean {
  return c.after?.outcome === 'pass';
}

/** The evidence a verified pick keeps: the passing finding of the run after hardening. */
export function evidenceFrom(c: PickComparison, recordedAt: Date): Evidence | undefined {
  if (!c.after || !c.matchedBy || c.after.outcome !== 'pass') return undefined;
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
