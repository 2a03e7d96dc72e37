import type { Finding } from './types';

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
