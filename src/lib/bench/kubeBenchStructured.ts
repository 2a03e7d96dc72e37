import type { Finding } from './types';
import { aquasecOutcome, cleanTitle, sectionOf } from './title';
import type { KubeBlock, KubeReadResult } from './kubeBenchText';

/** What the JSON and JUnit readers add to the text reader's result. */
export interface KubeStructuredResult extends KubeReadResult {
  /** Every container that holds the run was closed (nothing cut off). */
  whole: boolean;
  /** The JSON "version" field (benchmark folder, e.g. "cis-1.20"), most common value. */
  version?: string;
  /** Which of the documented JSON shapes was read. */
  shape?: 'controls-and-totals' | 'array' | 'objects-per-line';
}

/** A result with nothing read yet. */
export function emptyResult(): KubeStructuredResult {
  return {
    blocks: [],
    findings: [],
    printedTitles: new Map(),
    sawTotal: false,
    oldLayout: false,
    runs: 1,
    runStart: 0,
    diagnostics: [],
    whole: false,
  };
}

/** One check's fields as the JSON or the JUnit <system-out> gives them. */
export interface CheckFields {
  id: string;
  text: string;
  status: string;
  type?: string;
  reason?: string;
  remediation?: string;
  actual?: string;
  scored?: string;
}

/** The finding for one check of `block`; a reason starting "failed to run" means its audit could not run. */
export function toFinding(
  c: CheckFields,
  block: KubeBlock,
  groupId: string | undefined,
  line: number
): Finding {
  const clean = cleanTitle(c.text);
  const tag = c.status.toUpperCase();
  const skipped = tag === 'INFO' && (c.type === 'skip' || c.reason === 'Test marked as skip');
  const finding: Finding = {
    id: c.id,
    title: clean.title,
    status: tag,
    outcome: skipped ? 'skip' : aquasecOutcome(tag),
    section: block.id || sectionOf(c.id),
    details: [],
    line,
  };
  if (c.scored === 'true' || c.scored === 'false') finding.scored = c.scored === 'true';
  else if (clean.scored !== undefined) finding.scored = clean.scored;
  if (groupId !== undefined) finding.group = groupId;
  if (block.nodeType !== undefined) finding.nodeType = block.nodeType;
  if (c.remediation) finding.remediation = c.remediation.trim();
  if (c.reason) {
    if (c.reason.startsWith('failed to run')) {
      finding.auditError = c.reason;
      finding.auditErrorCode = 'audit-did-not-run';
    } else finding.details.push(c.reason);
  }
  if (c.actual) finding.details.push(c.actual);
  return finding;
}

/** Adds a finding to its block and the run, keeping the first printed title per id for detection. */
export function addFinding(
  r: KubeStructuredResult,
  block: KubeBlock,
  f: Finding,
  printedTitle: string
): void {
  block.findings.push(f);
  r.findings.push(f);
  if (!r.printedTitles.has(f.id)) r.printedTitles.set(f.id, printedTitle);
}
