import { classifyAuditOutput, markAuditError } from './auditErrors';
import { invalidJsonDiagnostic } from './diagnostics';
import { newFinding } from './findings';
import type { AquasecResult } from './aquasecText';
import type { Diagnostic, Finding, PrintedTotals, Section } from './types';
import { aquasecOutcome, cleanTitle, sectionOf } from './title';
import { field, isContainer, scalarText, type JsonContainer, type JsonScan } from './tolerantJson';

function numberOf(o: JsonContainer, key: string): number | undefined {
  const t = scalarText(field(o, key));
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads aquasecurity/docker-bench `--json` output (controls → tests → results). */
export function parseAquasecJson(scan: JsonScan): AquasecResult {
  const sections: Section[] = [];
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const printed: PrintedTotals = {};
  let controls: JsonContainer | undefined;
  const visit = (c: JsonContainer, depth: number) => {
    if (depth > 3) return;
    for (const e of c.entries) {
      const v = e.value;
      if (!isContainer(v)) continue;
      if (v.kind === 'object' && field(v, 'tests') !== undefined) controls = v;
      else visit(v, depth + 1);
    }
  };
  visit(scan.root, 0);
  const read = (): AquasecResult => {
    const invalid = invalidJsonDiagnostic(scan, findings.length);
    if (invalid) diagnostics.push(invalid);
    return result;
  };
  const result: AquasecResult = {
    sections,
    findings,
    sawSummary: false,
    sawRemediations: false,
    countsWithoutSummary: false,
    diagnostics,
  };
  if (!controls) return read();
  const tests = field(controls, 'tests');
  if (isContainer(tests)) {
    for (const group of tests.entries) {
      const g = group.value;
      if (!isContainer(g)) continue;
      const sectionId = scalarText(field(g, 'section'));
      if (sectionId !== undefined)
        sections.push({ id: sectionId, title: scalarText(field(g, 'desc')) ?? '', line: g.line });
      const results = field(g, 'results');
      if (!isContainer(results)) continue;
      for (const r of results.entries) {
        const o = r.value;
        if (!isContainer(o)) continue;
        const id = scalarText(field(o, 'test_number'));
        const status = scalarText(field(o, 'status'));
        if (id === undefined || status === undefined) continue;
        const clean = cleanTitle(scalarText(field(o, 'test_desc')) ?? '');
        const tag = status.toUpperCase();
        const finding = newFinding(id, clean, tag, aquasecOutcome(tag), sectionOf(id), o.line);
        const scored = scalarText(field(o, 'scored'));
        if (scored === 'true' || scored === 'false') finding.scored = scored === 'true';
        const remediation = scalarText(field(o, 'remediation'));
        if (remediation) finding.remediation = remediation;
        const reason = scalarText(field(o, 'reason'));
        if (reason) finding.details.push(reason);
        const actual = scalarText(field(o, 'actual_value'));
        if (actual) finding.details.push(actual);
        // "reason" holds the audit's output when it exited with an error, "actual_value" what the test read.
        const failure = classifyAuditOutput(`${reason ?? ''}\n${actual ?? ''}`.split('\n'));
        if (failure) markAuditError(finding, failure);
        findings.push(finding);
      }
    }
  }
  const totals: [keyof PrintedTotals, string][] = [
    ['pass', 'total_pass'],
    ['fail', 'total_fail'],
    ['warn', 'total_warn'],
    ['info', 'total_info'],
  ];
  for (const [name, key] of totals) {
    const n = numberOf(controls, key);
    if (n !== undefined) printed[name] = n;
  }
  if (Object.keys(printed).length > 0) {
    result.printed = printed;
    result.sawSummary = true;
  }
  const id = scalarText(field(controls, 'id'));
  if (id) result.controlsId = id;
  result.controlsLine = controls.line;
  return read();
}
