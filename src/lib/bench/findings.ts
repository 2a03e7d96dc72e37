import type { CountedTotals, Finding, Outcome } from './types';
import type { CleanTitle } from './title';

/** A finding as read from one result line or object, with the title already cleaned of its suffixes. */
export function newFinding(
  id: string,
  title: CleanTitle,
  status: string,
  outcome: Outcome,
  section: string,
  line: number
): Finding {
  const finding: Finding = {
    id,
    title: title.title,
    status,
    outcome,
    section,
    details: [],
    line,
  };
  if (title.scored !== undefined) finding.scored = title.scored;
  return finding;
}

/** Appends a finding in printed order and indexes it by id, where a remediation block can find it later. */
export function recordFinding(
  findings: Finding[],
  byId: Map<string, Finding[]>,
  finding: Finding
): void {
  findings.push(finding);
  const list = byId.get(finding.id);
  if (list) list.push(finding);
  else byId.set(finding.id, [finding]);
}

/** How many findings have each outcome. */
export function countOutcomes(findings: readonly Finding[]): CountedTotals {
  const counted: CountedTotals = {
    fail: 0,
    pass: 0,
    manual: 0,
    info: 0,
    skip: 0,
    total: findings.length,
  };
  for (const f of findings) counted[f.outcome]++;
  return counted;
}
