import { classifyAuditOutput, markAuditError } from './auditErrors';
import { LineTally, plural, skippedLinesDiagnostic } from './diagnostics';
import { newFinding, recordFinding } from './findings';
import { AQUASEC_TAGS, bracketTag } from './tags';
import type { Diagnostic, Finding, PrintedTotals, Section } from './types';
import { aquasecOutcome, cleanTitle, sectionOf } from './title';

/** What the aquasecurity/docker-bench reader found, before detection and totals. */
export interface AquasecResult {
  /** Controls id printed in the header: 18.09, 20.04 or 20.10. */
  controlsId?: string;
  controlsLine?: number;
  sections: Section[];
  findings: Finding[];
  printed?: PrintedTotals;
  sawSummary: boolean;
  sawRemediations: boolean;
  /** Count lines ("35 checks FAIL") were read without their "== Summary ==" header, as `grep FAIL` leaves them. */
  countsWithoutSummary: boolean;
  diagnostics: Diagnostic[];
}

// The id, then the title from its first non-space character on (dotAll: a U+2028 in the title must not
// make the match fail and backtrack through the spaces).
const LINE = /^(\d{1,3}(?:\.\d{1,3})*(?:\.[a-z])?)\s+(\S.*)$/s;
const HEADER = /^(\d{2}\.\d{2})\s+CIS Docker/;
const SUMMARY = /^(\d{1,9})\s+checks\s+(PASS|FAIL|WARN|INFO)\s*$/;
const REMEDIATION_START = /^(\d{1,3}(?:\.\d{1,3})*(?:\.[a-z])?)\s(.*)$/s;
// What the tool prints when it cannot pick a config and exits (app.go ResolveCisVersion).
const FATAL = /^(?:Version check failed|Failed to get a valid CIS benchmark version)/;

function aquaTag(t: string): string | undefined {
  return bracketTag(t, AQUASEC_TAGS);
}

/** Index of the first line of the last run when several aquasecurity runs were saved in one file, and the count. */
export function lastAquasecRun(lines: string[]): { start: number; runs: number } {
  let runs = 0;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trimStart();
    if (t.startsWith('[INFO] ') && HEADER.test(t.slice(7))) {
      runs++;
      start = i;
    }
  }
  return { start: runs > 1 ? start : 0, runs: Math.max(runs, 1) };
}

function nextCheckId(lines: string[], from: number): string | undefined {
  const limit = Math.min(lines.length, from + 50);
  for (let i = from; i < limit; i++) {
    const t = (lines[i] as string).trimStart();
    if (!aquaTag(t)) continue;
    const m = LINE.exec(t.slice(7));
    if (m) return m[1];
  }
  return undefined;
}

/** Reads aquasecurity/docker-bench text output: results, `== Remediations ==` and `== Summary ==`. */
export function parseAquasecText(lines: string[], from: number): AquasecResult {
  const sections: Section[] = [];
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const printed: PrintedTotals = {};
  const byId = new Map<string, Finding[]>();
  let controlsId: string | undefined;
  let controlsLine: number | undefined;
  let mode: 'results' | 'remediations' | 'summary' = 'results';
  let current: Finding | undefined;
  let remediationTarget: Finding | undefined;
  let remediationLines: string[] = [];
  let sawSummary = false;
  let sawRemediations = false;
  const skipped = new LineTally();
  const fatal = new LineTally();
  let unmatched = 0;
  let countsWithoutSummary = false;
  // Per id, how far the searches for a finding without a remediation have gone (failed ones, then any).
  const cursors = new Map<string, [number, number]>();
  const setCount = (count: RegExpExecArray) => {
    const n = Number(count[1]);
    const tag = count[2] as string;
    if (tag === 'PASS') printed.pass = n;
    else if (tag === 'FAIL') printed.fail = n;
    else if (tag === 'WARN') printed.warn = n;
    else printed.info = n;
  };
  // A remediation goes to the first check of its id that has none yet and did not pass (the tool prints
  // none for a pass), else to the first that has none; the cursors keep repeated ids linear.
  const remediationFor = (id: string, candidates: Finding[]): Finding | undefined => {
    const at = cursors.get(id) ?? [0, 0];
    cursors.set(id, at);
    const next = (k: number, failedOnly: boolean): number => {
      let j = k;
      while (j < candidates.length) {
        const f = candidates[j] as Finding;
        if (f.remediation === undefined && !(failedOnly && f.outcome === 'pass')) break;
        j++;
      }
      return j;
    };
    at[0] = next(at[0], true);
    if (at[0] < candidates.length) return candidates[at[0]++];
    at[1] = next(at[1], false);
    return at[1] < candidates.length ? candidates[at[1]++] : undefined;
  };

  const flushRemediation = () => {
    const target = remediationTarget;
    if (target) {
      while (
        remediationLines.length > 0 &&
        (remediationLines[remediationLines.length - 1] as string).trim() === ''
      )
        remediationLines.pop();
      // For a check whose audit exited with an error the tool prints the audit's output here instead of
      // the remediation (bench-common util.PrettyPrint prints c.Reason); that is why it failed, not a fix.
      const failure = classifyAuditOutput(remediationLines);
      if (failure) {
        if (target.auditErrorCode === undefined) markAuditError(target, failure);
        if (target.details.length === 0)
          for (const l of remediationLines) if (l.trim() !== '') target.details.push(l.trim());
      } else {
        target.remediation = remediationLines.join('\n').trim();
      }
    }
    remediationTarget = undefined;
    remediationLines = [];
  };

  for (let i = from; i < lines.length; i++) {
    const raw = lines[i] as string;
    const t = raw.trimStart();
    if (t.startsWith('== ')) {
      const title = t.replace(/=+/g, '').trim().toLowerCase();
      if (title.startsWith('remediation')) {
        mode = 'remediations';
        sawRemediations = true;
        current = undefined;
        continue;
      }
      if (title.startsWith('summary')) {
        flushRemediation();
        mode = 'summary';
        sawSummary = true;
        continue;
      }
    }
    if (mode === 'summary') {
      const s = SUMMARY.exec(t);
      if (s) {
        setCount(s);
      } else if (t !== '') {
        skipped.add(i, t);
      }
      continue;
    }
    if (mode === 'remediations') {
      const m = REMEDIATION_START.exec(raw);
      const candidates = m ? byId.get(m[1] as string) : undefined;
      if (m && candidates) {
        flushRemediation();
        remediationTarget = remediationFor(m[1] as string, candidates);
        if (!remediationTarget) unmatched++;
        remediationLines = [m[2] as string];
      } else if (remediationTarget) {
        remediationLines.push(raw);
      } else if (t !== '') {
        unmatched++;
      }
      continue;
    }
    if (t.length === 0) continue;
    if (raw.charCodeAt(0) === 9) {
      const text = raw.slice(raw.charCodeAt(1) === 32 ? 2 : 1);
      if (current && text.trim() !== '') current.details.push(text);
      continue;
    }
    const tag = aquaTag(t);
    if (!tag) {
      const count = SUMMARY.exec(t);
      if (count) {
        setCount(count);
        countsWithoutSummary = true;
      } else if (FATAL.test(t)) {
        fatal.add(i, t);
      } else {
        skipped.add(i, t);
      }
      continue;
    }
    const rest = t.slice(7);
    const header = HEADER.exec(rest);
    if (header && tag === 'INFO' && controlsId === undefined) {
      controlsId = header[1];
      controlsLine = i + 1;
      continue;
    }
    const m = LINE.exec(rest);
    if (!m) {
      skipped.add(i, t);
      continue;
    }
    const id = m[1] as string;
    const body = m[2] as string;
    if (id.indexOf('.') < 0) {
      sections.push({ id, title: body.trim(), line: i + 1 });
      current = undefined;
      continue;
    }
    const clean = cleanTitle(body);
    if (tag === 'INFO' && clean.suffixes.length === 0) {
      const next = nextCheckId(lines, i + 1);
      if (next !== undefined && next.startsWith(`${id}.`)) {
        current = undefined;
        continue;
      }
    }
    const finding = newFinding(id, clean, tag, aquasecOutcome(tag), sectionOf(id), i + 1);
    recordFinding(findings, byId, finding);
    current = finding;
  }
  flushRemediation();
  // The lines under a FAIL are its audit's output (--include-test-output); they may show it could not run.
  for (const f of findings) {
    if (f.auditErrorCode !== undefined || f.details.length === 0) continue;
    const failure = classifyAuditOutput(f.details);
    if (failure) markAuditError(f, failure);
  }
  if (fatal.count > 0) {
    diagnostics.push({
      code: 'tool-stopped',
      line: fatal.first,
      severity: 'error',
      message: `aquasecurity/docker-bench stopped before its checks: it could not ask Docker for its version (line ${fatal.first}: "${fatal.quoted()}"), which usually means it cannot reach the Docker daemon. Run it as root or as a user in the docker group with the daemon running, or name the Docker version with --version (for example --version 18.09), then paste the new output.`,
    });
  }
  const skippedNote = skippedLinesDiagnostic(skipped, 'messages, prompts or notes');
  if (skippedNote) diagnostics.push(skippedNote);
  if (unmatched > 0) {
    diagnostics.push({
      code: 'unmatched-remediations',
      severity: 'warning',
      message: `${plural(unmatched, 'remediation')} under "== Remediations ==" could not be matched to a check in the results.`,
    });
  }
  const result: AquasecResult = {
    sections,
    findings,
    sawSummary,
    sawRemediations,
    countsWithoutSummary: countsWithoutSummary && !sawSummary,
    diagnostics,
  };
  if (controlsId) result.controlsId = controlsId;
  if (controlsLine) result.controlsLine = controlsLine;
  if (Object.keys(printed).length > 0) result.printed = printed;
  return result;
}
