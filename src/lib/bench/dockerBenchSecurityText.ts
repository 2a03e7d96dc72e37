import { AuditOutput, classifyAuditOutput, markAuditError } from './auditErrors';
import { amount, LineTally, plural, skippedLinesDiagnostic } from './diagnostics';
import { newFinding, recordFinding } from './findings';
import { bracketTag, DBS_TAGS } from './tags';
import type { Diagnostic, Finding, PrintedTotals, Section } from './types';
import { cleanTitle, dbsOutcome, sectionOf } from './title';

/** What the docker-bench-security text reader found, before detection and totals. */
export interface DbsTextResult {
  toolVersion?: string;
  /** The banner's "Based on / Inspired by the CIS Docker ..." text. */
  cisLine?: string;
  sections: Section[];
  findings: Finding[];
  printed?: PrintedTotals;
  sawFooter: boolean;
  diagnostics: Diagnostic[];
}

const RESULT = /^((?:\d{1,3}|C)(?:\.\d{1,3})*)\s+-\s?(.*)$/;
const BANNER_VERSION = /^#\s*Docker Bench for Security v?(\d+\.\d+\.\d+)/;
const BANNER_CIS = /^#\s*(?:Inspired by|Based on) the (CIS Docker.*)$/;
const SECTION_LETTER = /^Section ([ABC]) - /;
const FOOTER_NUMBER = /^([a-z][a-z ]{0,30}):\s*(-?\d{1,9})\s*$/i;
const SUBSECTION_TITLES = new Set([
  'linux hosts specific configuration',
  'general configuration',
  'universal control plane configuration',
  'docker trusted registry configuration',
]);
// What the script prints before it exits without running a check (docker-bench-security.sh and
// functions/helper_lib.sh req_programs at v1.6.1).
const DAEMON_UNREACHABLE = /^Error connecting to docker daemon/i;
const PROGRAM_MISSING = /^(?:Required program not found|ss or netstat command not found)/i;

/** Reads the tag of a `[TAG] ...` line, or undefined. */
function readTag(t: string): string | undefined {
  return bracketTag(t, DBS_TAGS);
}

/** Index of the first line of the last run when a log holds several runs appended, and how many runs there are. */
export function lastDbsRun(lines: string[]): { start: number; runs: number } {
  let runs = 0;
  let lastInit = -1;
  let prevInit = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.charCodeAt(0) === 73 && line.startsWith('Initializing')) {
      runs++;
      prevInit = lastInit;
      lastInit = i;
    }
  }
  if (runs < 2) return { start: 0, runs: Math.max(runs, 1) };
  let start = lastInit;
  for (let j = lastInit - 1; j > prevInit; j--) {
    const t = (lines[j] as string).trim();
    if (t === '' || t.startsWith('#') || t.endsWith('Some tests might require root to run')) {
      if (t !== '') start = j;
    } else {
      break;
    }
  }
  return { start, runs };
}

function nextResultId(lines: string[], from: number): string | undefined {
  const limit = Math.min(lines.length, from + 200);
  for (let i = from; i < limit; i++) {
    const t = (lines[i] as string).trimStart();
    if (!readTag(t)) continue;
    const m = RESULT.exec(t.slice(6).trimStart());
    if (m) return m[1];
  }
  return undefined;
}

function noidId(previous: Finding | undefined, section: string | undefined): string {
  if (previous && previous.section === section) {
    const parts = previous.id.split('.');
    const last = Number(parts[parts.length - 1]);
    if (Number.isFinite(last)) {
      parts[parts.length - 1] = String(last + 1);
      return parts.join('.');
    }
  }
  return section ? `${section}.?` : '?';
}

/** The banner's version and benchmark line between lines `from` and `to`, reading only `#` lines. */
export function readBanner(
  lines: string[],
  from: number,
  to: number
): { toolVersion?: string; cisLine?: string } {
  const found: { toolVersion?: string; cisLine?: string } = {};
  for (let i = from; i < to; i++) {
    const t = (lines[i] as string).trimStart();
    if (t.charCodeAt(0) !== 35) continue;
    const v = BANNER_VERSION.exec(t);
    if (v) found.toolVersion = v[1];
    const cis = BANNER_CIS.exec(t);
    if (cis) found.cisLine = (cis[1] as string).trim();
  }
  return found;
}

/** Reads docker-bench-security plain-text output (stdout or log file), lines `from` to the end. */
export function parseDbsText(lines: string[], from: number): DbsTextResult {
  const sections: Section[] = [];
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const printed: PrintedTotals = {};
  const byId = new Map<string, Finding[]>();
  let toolVersion: string | undefined;
  let cisLine: string | undefined;
  let sawFooter = false;
  let inRemediation = false;
  let current: Finding | undefined;
  let sectionId: string | undefined;
  const skipped = new LineTally();
  const orphans = new LineTally();
  const sectionSkips = new LineTally<string | undefined>();
  const notRoot = new LineTally();
  const unusedTotals = new LineTally();
  const withoutId = new LineTally<string>();
  const unreachable = new LineTally();
  const missingProgram = new LineTally();
  let unmatchedRemediation = 0;
  // Lines the shell printed between two report lines (stderr of an audit command, when the user captured it).
  let stray: { first: number; text: string; count: number; output: AuditOutput } | undefined;

  const skipLine = (i: number, t: string) => skipped.add(i, t);
  const strayLine = (i: number, t: string) => {
    stray ??= { first: i, text: t, count: 0, output: new AuditOutput() };
    stray.count++;
    stray.output.add(t);
  };
  // The script runs a check's commands before it prints the check's line, and a check that loops over
  // containers prints its details as it goes: so stray output belongs to the result line that follows it,
  // or to the check whose detail line follows it. Anything else is not part of the report.
  const settleStray = (owner: Finding | undefined) => {
    if (!stray) return;
    const failure = owner ? stray.output.failure() : undefined;
    if (owner && failure) {
      if (owner.auditErrorCode === undefined) markAuditError(owner, failure);
    } else {
      skipped.addMany(stray.first, stray.text, stray.count);
    }
    stray = undefined;
  };
  // Section B lists a remediation per failed check in order; a cursor per id keeps repeated ids linear.
  const remediationCursor = new Map<string, number>();
  const nextWithoutRemediation = (id: string): Finding | undefined => {
    const list = byId.get(id);
    if (!list) return undefined;
    let k = remediationCursor.get(id) ?? 0;
    while (k < list.length && (list[k] as Finding).remediation !== undefined) k++;
    remediationCursor.set(id, k + 1);
    return list[k];
  };
  const add = (finding: Finding) => {
    recordFinding(findings, byId, finding);
    // v1.3.0 prints "Failed to inspect: auditctl command not found." in place of the title.
    if (!finding.title.startsWith('Failed to inspect')) return;
    const failure = classifyAuditOutput([finding.title]);
    if (failure) markAuditError(finding, failure);
  };

  // Reads one report line; returns the finding that stray output before it belongs to, 'stray' for a line
  // that is not part of the report, undefined otherwise.
  const readLine = (i: number, t: string): Finding | 'stray' | undefined => {
    const c0 = t.charCodeAt(0);
    if (c0 === 91) {
      const tag = readTag(t);
      if (!tag) {
        skipLine(i, t);
        return undefined;
      }
      const rest = t.slice(6).trimStart();
      if (rest.charCodeAt(0) === 42) {
        const text = rest.slice(rest.charCodeAt(1) === 32 ? 2 : 1);
        if (inRemediation) return undefined;
        if (current) {
          current.details.push(text);
          return current;
        } else if (/skipping section\s+\S+/i.test(text)) {
          sectionSkips.add(i, text, sectionId);
        } else {
          orphans.add(i, text);
        }
        return undefined;
      }
      const m = RESULT.exec(rest);
      if (m) {
        const id = m[1] as string;
        const body = m[2] as string;
        const isHeader = id.indexOf('.') < 0 && id !== 'C';
        if (inRemediation) {
          if (isHeader) return undefined;
          const target = nextWithoutRemediation(id);
          if (target) target.remediation = body.trim();
          else unmatchedRemediation++;
          return undefined;
        }
        if (isHeader) {
          sectionId = id;
          sections.push({ id, title: body.trim(), line: i + 1 });
          current = undefined;
          return undefined;
        }
        const clean = cleanTitle(body);
        if (tag === 'INFO' && clean.suffixes.length === 0 && id.split('.').length === 2) {
          const lower = clean.title.toLowerCase();
          const next = SUBSECTION_TITLES.has(lower) ? `${id}.` : nextResultId(lines, i + 1);
          if (next !== undefined && next.startsWith(`${id}.`)) {
            current = undefined;
            return undefined;
          }
        }
        const section = id.startsWith('C') ? (sectionId ?? '99') : sectionOf(id);
        const finding = newFinding(id, clean, tag, dbsOutcome(tag), section, i + 1);
        add(finding);
        current = finding;
        return finding;
      }
      if (rest.endsWith('Some tests might require root to run')) {
        notRoot.add(i, rest);
        return undefined;
      }
      const footer = FOOTER_NUMBER.exec(rest);
      if (footer && tag === 'INFO') {
        const label = (footer[1] as string).toLowerCase();
        const value = Number(footer[2]);
        if (label === 'checks') {
          printed.checks = value;
          sawFooter = true;
        } else if (label === 'score') {
          printed.score = value;
          sawFooter = true;
        } else {
          unusedTotals.add(i, rest);
        }
        current = undefined;
        return undefined;
      }
      if (!inRemediation && /^Ensure\s/.test(rest)) {
        const clean = cleanTitle(rest);
        const id = noidId(findings[findings.length - 1], sectionId);
        const finding = newFinding(
          id,
          clean,
          tag,
          dbsOutcome(tag),
          sectionId ?? sectionOf(id),
          i + 1
        );
        add(finding);
        current = finding;
        withoutId.add(i, clean.title, id);
        return finding;
      }
      skipLine(i, t);
      return undefined;
    }
    if (c0 === 35) {
      const v = BANNER_VERSION.exec(t);
      if (v) toolVersion = v[1];
      const cis = BANNER_CIS.exec(t);
      if (cis) cisLine = (cis[1] as string).trim();
      return undefined;
    }
    if (c0 === 83) {
      const s = SECTION_LETTER.exec(t);
      if (s) {
        inRemediation = s[1] === 'B';
        current = undefined;
        return undefined;
      }
    }
    if (c0 === 73 && t.startsWith('Initializing')) return undefined;
    if (DAEMON_UNREACHABLE.test(t)) {
      unreachable.add(i, t);
      return undefined;
    }
    if (PROGRAM_MISSING.test(t)) {
      missingProgram.add(i, t);
      return undefined;
    }
    strayLine(i, t);
    return 'stray';
  };

  for (let i = from; i < lines.length; i++) {
    const t = (lines[i] as string).trimStart();
    if (t.length === 0) continue;
    const owner = readLine(i, t);
    if (owner !== 'stray') settleStray(owner);
  }
  settleStray(undefined);

  if (unreachable.count > 0) {
    diagnostics.push({
      code: 'daemon-unreachable',
      line: unreachable.first,
      severity: 'error',
      message: `docker-bench-security could not reach the Docker daemon, so it ran no checks (line ${unreachable.first}: "${unreachable.quoted()}"). Run it where \`docker ps\` works: as root, or as a user in the docker group, with the daemon running; when the tool runs in a container, mount the socket with -v /var/run/docker.sock:/var/run/docker.sock. Then paste the new output.`,
    });
  }
  if (missingProgram.count > 0) {
    diagnostics.push({
      code: 'tool-stopped',
      line: missingProgram.first,
      severity: 'error',
      message: `docker-bench-security stopped before its checks because a program it needs is not installed (line ${missingProgram.first}: "${missingProgram.quoted()}"). Install it, run the tool again and paste the new output.`,
    });
  }
  if (notRoot.count > 0) {
    diagnostics.push({
      code: 'not-root',
      line: notRoot.first,
      severity: 'warning',
      message:
        'The tool was not run as root, so some checks may report wrong results or none at all.',
    });
  }
  if (sectionSkips.count > 0) {
    const section = sectionSkips.data;
    diagnostics.push({
      code: 'section-skipped',
      line: sectionSkips.first,
      severity: 'info',
      message:
        sectionSkips.count === 1
          ? `The tool skipped ${section ? `section ${section}` : 'a section'}: "${sectionSkips.quoted()}".`
          : `The tool skipped ${amount(sectionSkips.count)} sections; the first on line ${sectionSkips.first}: "${sectionSkips.quoted()}".`,
    });
  }
  if (unusedTotals.count > 0) {
    const n = unusedTotals.count;
    diagnostics.push({
      code: 'unused-total',
      line: unusedTotals.first,
      severity: 'info',
      message:
        n === 1
          ? `Line ${unusedTotals.first} has a total this reader does not use: ${unusedTotals.quoted()}.`
          : `${plural(n, 'line')} like this one have a total this reader does not use; the first is line ${unusedTotals.first}: ${unusedTotals.quoted()}.`,
    });
  }
  if (withoutId.count > 0) {
    const n = withoutId.count;
    diagnostics.push({
      code: 'check-without-id',
      line: withoutId.first,
      severity: 'info',
      message:
        n === 1
          ? `Line ${withoutId.first} prints a check without its number ("${withoutId.quoted(60)}"), as this tool does for a deprecated check; it is listed as ${withoutId.data ?? '?'}, the number its place implies.`
          : `${plural(n, 'line')} like this one print a check without its number, as this tool does for a deprecated check; the first is line ${withoutId.first} ("${withoutId.quoted(60)}"), listed as ${withoutId.data ?? '?'}, the number its place implies.`,
    });
  }

  const skippedNote = skippedLinesDiagnostic(skipped, 'docker messages, prompts or notes');
  if (skippedNote) diagnostics.push(skippedNote);
  const n = orphans.count;
  if (n > 0) {
    diagnostics.push({
      code: 'orphan-details',
      line: orphans.first,
      severity: 'info',
      message: `${plural(n, 'detail line')} ("* ...") ${n === 1 ? 'comes' : 'come'} before any check they could belong to (the first is line ${orphans.first}), as when a paste starts part-way through a check; ${n === 1 ? 'it was' : 'they were'} skipped.`,
    });
  }
  if (unmatchedRemediation > 0) {
    diagnostics.push({
      code: 'unmatched-remediations',
      severity: 'warning',
      message: `${plural(unmatchedRemediation, 'remediation line')} in "Section B" name a check that is not in the results, so ${unmatchedRemediation === 1 ? 'it was' : 'they were'} not attached.`,
    });
  }
  const result: DbsTextResult = { sections, findings, sawFooter, diagnostics };
  if (toolVersion) result.toolVersion = toolVersion;
  if (cisLine) result.cisLine = cisLine;
  if (Object.keys(printed).length > 0) result.printed = printed;
  return result;
}
