import { classifyAuditOutput, markAuditError } from './auditErrors';
import { invalidJsonDiagnostic } from './diagnostics';
import { newFinding } from './findings';
import type { Diagnostic, Finding, PrintedTotals, Section } from './types';
import { cleanTitle, dbsOutcome, quote, sectionOf } from './title';
import {
  field,
  isContainer,
  scalarText,
  scanJson,
  type JsonContainer,
  type JsonScan,
} from './tolerantJson';

/** What the docker-bench-security JSON reader found, before detection and totals. */
export interface DbsJsonResult {
  toolVersion?: string;
  sections: Section[];
  findings: Finding[];
  printed?: PrintedTotals;
  /** The run's object is closed and carries its end fields. */
  whole: boolean;
  layout: 'flat' | 'nested' | 'none';
  diagnostics: Diagnostic[];
}

const CHECK_ID = /^(?:\d{1,3}|C)(?:\.\d{1,3}){1,3}$/;
const STATUS = /^(WARN|PASS|INFO|NOTE)(?::\s?(.*))?$/i;

function isRunObject(o: JsonContainer): boolean {
  for (const e of o.entries) {
    if (
      e.key === 'tests' ||
      e.key === 'dockerbenchsecurity' ||
      (e.key !== undefined && CHECK_ID.test(e.key))
    )
      return true;
  }
  return false;
}

/** Run objects in document order: several appear when runs were appended to one file. */
function findRuns(root: JsonContainer): JsonContainer[] {
  const runs: JsonContainer[] = [];
  const visit = (c: JsonContainer, depth: number) => {
    for (const e of c.entries) {
      const v = e.value;
      if (!isContainer(v)) continue;
      if (v.kind === 'object' && isRunObject(v)) runs.push(v);
      else if (v.kind === 'array' && depth < 2) visit(v, depth + 1);
    }
  };
  visit(root, 0);
  return runs;
}

function detailsOf(obj: JsonContainer): string[] {
  const details = scalarText(field(obj, 'details'));
  const items = field(obj, 'items');
  const list: string[] = [];
  if (isContainer(items))
    for (const e of items.entries) {
      const t = scalarText(e.value);
      if (t !== undefined) list.push(t);
    }
  if (details === undefined) return list;
  const colon = details.indexOf(':');
  if (list.length > 1 && colon > 0) {
    const label = details.slice(0, colon);
    return list.map((item) => `${label}: ${item}`);
  }
  return [details.replace(/: {2,}/, ': ')];
}

function readResult(obj: JsonContainer, section: string | undefined): Finding | undefined {
  const id = scalarText(field(obj, 'id'));
  const result = scalarText(field(obj, 'result'));
  if (id === undefined || result === undefined) return undefined;
  const clean = cleanTitle(scalarText(field(obj, 'desc')) ?? '');
  const status = result.toUpperCase();
  const finding = newFinding(
    id,
    clean,
    status,
    dbsOutcome(status),
    section ?? sectionOf(id),
    obj.line
  );
  finding.details = detailsOf(obj);
  const failure = classifyAuditOutput([finding.title, ...finding.details]);
  if (failure) markAuditError(finding, failure);
  const remediation = scalarText(field(obj, 'remediation'));
  const impact = scalarText(field(obj, 'remediation-impact'));
  if (remediation !== undefined) {
    finding.remediation = impact ? `${remediation} Remediation Impact: ${impact}` : remediation;
  }
  return finding;
}

function collectNested(run: JsonContainer, sections: Section[], findings: Finding[]): void {
  const visit = (c: JsonContainer, section: string | undefined, depth: number) => {
    if (depth > 8) return;
    for (const e of c.entries) {
      const v = e.value;
      if (!isContainer(v)) continue;
      if (v.kind === 'object') {
        const results = field(v, 'results');
        const id = scalarText(field(v, 'id'));
        if (isContainer(results) && id !== undefined) {
          sections.push({ id, title: scalarText(field(v, 'desc')) ?? '', line: v.line });
          visit(results, id, depth + 1);
          continue;
        }
        const finding = readResult(v, section);
        if (finding) findings.push(finding);
        else visit(v, section, depth + 1);
      } else {
        visit(v, section, depth + 1);
      }
    }
  };
  visit(run, undefined, 0);
}

function collectFlat(run: JsonContainer, findings: Finding[]): void {
  let current: Finding | undefined;
  for (const e of run.entries) {
    if (e.key === undefined || !CHECK_ID.test(e.key)) continue;
    const text = scalarText(e.value) ?? '';
    const m = STATUS.exec(text);
    const status = m ? (m[1] as string).toUpperCase() : 'INFO';
    const detail = m ? m[2] : text;
    if (current && current.id === e.key) {
      if (detail) current.details.push(detail);
      continue;
    }
    current = newFinding(
      e.key,
      { title: '', suffixes: [] },
      status,
      dbsOutcome(status),
      sectionOf(e.key),
      e.line
    );
    if (detail) current.details.push(detail);
    findings.push(current);
  }
}

function numberField(run: JsonContainer, key: string): number | undefined {
  const t = scalarText(field(run, key));
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads a docker-bench-security JSON log in any of its layouts, recovering what it can from broken files. */
export function parseDbsJson(text: string, scanned?: JsonScan): DbsJsonResult {
  const scan = scanned ?? scanJson(text);
  const diagnostics: Diagnostic[] = [];
  const sections: Section[] = [];
  const findings: Finding[] = [];
  const runs = findRuns(scan.root);
  let run: JsonContainer = scan.root;
  if (runs.length > 0) run = runs[runs.length - 1] as JsonContainer;
  if (runs.length > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: run.line,
      severity: 'info',
      message: `This JSON file holds ${runs.length} runs one after another; the last one (from line ${run.line}) is shown.`,
    });
  }
  collectNested(run, sections, findings);
  let layout: DbsJsonResult['layout'] = findings.length > 0 ? 'nested' : 'none';
  if (findings.length === 0) {
    collectFlat(run, findings);
    if (findings.length > 0) layout = 'flat';
  }
  if (findings.length === 0 && run !== scan.root) {
    collectNested(scan.root, sections, findings);
    if (findings.length > 0) layout = 'nested';
  }
  const invalid = invalidJsonDiagnostic(scan, findings.length);
  if (invalid) diagnostics.push(invalid);
  if (scan.stopped) {
    diagnostics.push({
      code: 'json-too-large',
      severity: 'warning',
      message: 'The JSON is too large to read in full; reading stopped part of the way through.',
    });
  }
  const printed: PrintedTotals = {};
  const checks = numberField(run, 'checks');
  const score = numberField(run, 'score');
  if (checks !== undefined) printed.checks = checks;
  if (score !== undefined) printed.score = score;
  const whole =
    run.kind === 'object' &&
    run.closed &&
    (field(run, 'end') !== undefined || checks !== undefined);
  const result: DbsJsonResult = { sections, findings, whole, layout, diagnostics };
  const version = scalarText(field(run, 'dockerbenchsecurity'));
  if (version !== undefined) result.toolVersion = version;
  if (Object.keys(printed).length > 0) result.printed = printed;
  if (layout === 'flat') {
    diagnostics.push({
      code: 'flat-json-layout',
      severity: 'info',
      message:
        'This is the early JSON layout (2017–2018): it records only each check number and its result, so check titles are missing.',
    });
  }
  if (findings.length === 0 && scan.problemCount === 0) {
    diagnostics.push({
      code: 'no-json-results',
      severity: 'warning',
      message: `The JSON holds no check results that this reader recognises (it looked for "id" and "result" fields${run.entries[0] ? `; it starts with ${quote(run.entries[0].key ?? '')}` : ''}).`,
    });
  }
  return result;
}
