import type { BenchRun, Diagnostic, Finding, Outcome, ToolSeverity } from './types';
import { cleanTitle, sectionOf } from './title';
import { obj, readJson, readYaml, type StructuredDocument } from './structured';
import { readAllJson, readOperator, readSummaryJson, trivyJsonLayout } from './trivyJson';
import { readTrivyTable } from './trivyTable';
import { findTrivySpec, trivyBenchmark, type TrivySpec } from './trivySpecs';
import type { TrivyControl, TrivyRead } from './trivyControls';
import { plural } from './diagnostics';
import { countOutcomes } from './findings';

/** Reads a Trivy or trivy-operator compliance report into a run; see trivyJson.ts and trivyTable.ts for the layouts. */

const SEVERITIES: ReadonlySet<string> = new Set(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN']);

const CONTROL_PLANE_NOT_VISIBLE =
  'Trivy reports a control-plane check as passing when it cannot read the control plane (managed clusters such as EKS, GKE and AKS, or distributions that do not run it as static pods), and nothing in this report shows it could: no control-plane check failed.';
const NO_AUTOMATED_CHECK =
  "Trivy's spec maps no check to this control, so Trivy reports it as passing whatever the cluster.";
const NOTHING_COUNTED =
  'This Trivy report (before v0.35) counts no object that passed or failed this control: nothing was checked.';

function syntaxDiagnostic(
  doc: StructuredDocument,
  what: string,
  found: number
): Diagnostic | undefined {
  if (doc.problemCount === 0) return undefined;
  const first = doc.problems[0];
  return {
    code: what === 'YAML' ? 'invalid-yaml' : 'invalid-json',
    ...(first ? { line: first.line } : {}),
    severity: 'warning',
    message: `This ${what} is not valid (${plural(doc.problemCount, 'problem')}${first ? `; the first on line ${first.line}: ${first.message}` : ''}). The ${plural(found, 'control')} that could still be read ${found === 1 ? 'is' : 'are'} shown; anything after the broken part may be missing.`,
  };
}

function readStructured(
  text: string,
  format: 'json' | 'yaml',
  diagnostics: Diagnostic[]
): TrivyRead {
  const doc = format === 'yaml' ? readYaml(text) : readJson(text);
  const root = obj(doc.root);
  const layout = root ? trivyJsonLayout(root) : undefined;
  let read: TrivyRead;
  if (root && layout === 'summary-json') read = readSummaryJson(root, doc.lineOf, diagnostics);
  else if (root && layout === 'all-json') read = readAllJson(root, doc.lineOf, diagnostics);
  else if (root) read = readOperator(root, doc.lineOf, diagnostics);
  else read = { layout: 'summary-json', controls: [], whole: false, diagnostics };
  read.whole = doc.whole && root !== undefined;
  const bad = syntaxDiagnostic(doc, format === 'yaml' ? 'YAML' : 'JSON', read.controls.length);
  if (bad) diagnostics.push(bad);
  return read;
}

function toolSeverity(printed: string | undefined): ToolSeverity | undefined {
  const s = printed?.trim().toUpperCase();
  return s && SEVERITIES.has(s) ? (s as ToolSeverity) : undefined;
}

const REPORT_TYPES: Record<TrivyRead['layout'], 'summary' | 'all'> = {
  'summary-json': 'summary',
  'all-json': 'all',
  table: 'summary',
  'operator-summary': 'summary',
  'operator-detail': 'all',
  'operator-control-check': 'summary',
};

const VERDICT_OUTCOMES: Record<TrivyControl['verdict'], Outcome> = {
  FAIL: 'fail',
  PASS: 'pass',
  MANUAL: 'manual',
  NONE: 'skip',
};

function toFinding(c: TrivyControl, read: TrivyRead, noCheck: ReadonlySet<string>): Finding {
  const clean = cleanTitle(c.name);
  const finding: Finding = {
    id: c.id,
    title: clean.title,
    status: c.compliance ?? (c.verdict === 'NONE' ? 'NOT CHECKED' : c.verdict),
    outcome: VERDICT_OUTCOMES[c.verdict],
    section: sectionOf(c.id),
    details: [],
    line: c.line,
  };
  if (clean.scored !== undefined) finding.scored = clean.scored;
  const severity = toolSeverity(c.severity);
  if (severity) finding.toolSeverity = severity;
  if (c.verdict === 'FAIL' && c.issues !== undefined && !c.resources && !read.before035) {
    finding.details.push(
      `${plural(c.issues, 'issue')} (objects failing one of the control's checks)${read.layout === 'summary-json' || read.layout === 'table' || read.layout === 'operator-summary' ? '; the --report all output (or the operator\'s reportType "all") names them' : ''}.`
    );
  }
  if (c.compliance) {
    finding.details.push(
      `${c.compliance} compliance: the share of checked objects that passed${c.compliance.startsWith('0') ? ' (Trivy before v0.35 also printed 0.00% when nothing was checked)' : ''}.`
    );
  }
  if (c.passes !== undefined && c.issues !== undefined && read.before035)
    finding.details.push(`${c.passes} passed, ${c.issues} failed.`);
  c.resources?.attach(finding);
  if (c.verdict === 'NONE') {
    finding.auditError = NOTHING_COUNTED;
    finding.auditErrorCode = 'not-evaluated';
  } else if (c.verdict === 'PASS' && noCheck.has(c.id)) {
    finding.outcome = 'skip';
    finding.auditError = NO_AUTOMATED_CHECK;
    finding.auditErrorCode = 'no-automated-check';
  }
  return finding;
}

/** Control-plane passes are not evidence unless some control-plane check failed, which shows Trivy read it. */
function markControlPlane(
  spec: TrivySpec | undefined,
  findings: Finding[],
  diagnostics: Diagnostic[]
): void {
  const sections = spec?.controlPlaneSections ?? [];
  if (sections.length === 0) return;
  const inControlPlane = (f: Finding) => sections.includes(f.section);
  if (findings.some((f) => f.outcome === 'fail' && inControlPlane(f))) return;
  let marked = 0;
  let first: Finding | undefined;
  const markedSections = new Set<string>();
  for (const f of findings) {
    if (f.outcome !== 'pass' || !inControlPlane(f)) continue;
    f.outcome = 'skip';
    f.auditError = CONTROL_PLANE_NOT_VISIBLE;
    f.auditErrorCode = 'control-plane-not-visible';
    first ??= f;
    marked++;
    markedSections.add(f.section);
  }
  if (marked === 0) return;
  diagnostics.push({
    code: 'control-plane-not-visible',
    ...(first ? { line: first.line } : {}),
    severity: 'warning',
    message: `${plural(marked, 'control-plane check')} (section${markedSections.size === 1 ? '' : 's'} ${[...markedSections].join(', ')}) that Trivy reports as passing ${marked === 1 ? 'is' : 'are'} shown as not verified and not counted as passes: Trivy reports them as passing when it cannot see the control plane, as on managed clusters (EKS, GKE, AKS), and no control-plane check in this report failed, so nothing shows it could. Run kube-bench on a control-plane node to check them.`,
  });
}

function specDiagnostics(
  spec: TrivySpec | undefined,
  read: TrivyRead,
  run: BenchRun,
  diagnostics: Diagnostic[]
): void {
  const named = read.specId ?? read.specTitle;
  if (!spec) {
    diagnostics.push({
      code: 'benchmark-unknown',
      severity: 'warning',
      message: named
        ? `"${named}" is not a compliance spec Trivy ships, so the CIS benchmark it follows cannot be named; the controls are shown without explanations.`
        : 'The report does not name its compliance spec, so the CIS benchmark cannot be named; the controls are shown without explanations.',
    });
    return;
  }
  if (!spec.benchmark) {
    diagnostics.push({
      code: 'benchmark-unknown',
      severity: 'warning',
      message: `"${named ?? spec.id}" is not a CIS Kubernetes or Docker benchmark, so this site's catalog does not explain its controls. Run Trivy with --compliance k8s-cis-1.23 (or eks-cis-1.4, rke2-cis-1.24, docker-cis-1.6.0) for a CIS report.`,
    });
  }
  if (spec.id === 'docker-cis-1.6.0') {
    diagnostics.push({
      code: 'image-checks-only',
      severity: 'info',
      message:
        "Trivy's docker-cis spec covers only section 4 of the CIS Docker Benchmark (images and build files, 4.1 to 4.12): it checks neither the host nor the Docker daemon and its containers (sections 1 to 3 and 5 to 7). Run docker-bench-security or aquasecurity/docker-bench on the host for those.",
    });
  }
  const current = read.specId === spec.id || (!read.specId && run.benchmark?.id === spec.benchmark);
  if (spec.controls && current && read.whole && read.controls.length < spec.controls) {
    diagnostics.push({
      code: 'controls-missing',
      severity: 'warning',
      message: `The report holds ${read.controls.length} of the ${spec.controls} controls of ${spec.id}: the others were left out of the paste or of the report.`,
    });
  }
}

function totalsDiagnostic(run: BenchRun, diagnostics: Diagnostic[]): void {
  const p = run.totals.printed;
  if (!p || !run.complete) return;
  const c = run.totals.counted;
  // trivy-operator counts a control as passed unless it failed, manual and unchecked controls included.
  const pass = c.total - c.fail;
  const off: string[] = [];
  if (p.fail !== undefined && p.fail !== c.fail)
    off.push(`${p.fail} failed printed, ${c.fail} read`);
  if (p.pass !== undefined && p.pass !== pass) off.push(`${p.pass} passed printed, ${pass} read`);
  if (off.length > 0) {
    diagnostics.push({
      code: 'totals-mismatch',
      severity: 'warning',
      message: `The report's status.summary does not match its controls: ${off.join('; ')}. Part of the report may be missing.`,
    });
  }
}

/** Parses a Trivy CLI report (summary table, summary or all JSON) or a trivy-operator ClusterComplianceReport. */
export function parseTrivyRun(
  lines: readonly string[],
  text: string,
  format: 'text' | 'json' | 'yaml',
  diagnostics: Diagnostic[]
): BenchRun {
  const read =
    format === 'text'
      ? readTrivyTable(lines, diagnostics)
      : readStructured(text, format, diagnostics);
  const spec = findTrivySpec(read.specId, read.specTitle);
  const noCheck = new Set<string>(spec?.noCheck ?? []);
  for (const id of read.noCheck ?? []) noCheck.add(id);
  const findings = read.controls.map((c) => toFinding(c, read, noCheck));
  markControlPlane(spec, findings, diagnostics);
  const run: BenchRun = {
    tool: 'trivy',
    format,
    sections: [],
    findings,
    totals: { counted: countOutcomes(findings) },
    complete: false,
    diagnostics,
  };
  if (read.printed) run.totals.printed = read.printed;
  if (read.toolVersion) run.toolVersion = read.toolVersion;
  const specId = read.specId ?? spec?.id;
  if (specId) {
    run.spec = { id: specId, reportType: REPORT_TYPES[read.layout] };
    if (read.specTitle) run.spec.title = read.specTitle;
    if (read.layout.startsWith('operator')) run.spec.operator = true;
  }
  const benchmark = trivyBenchmark(spec, read.specId, read.specTitle);
  if (benchmark) run.benchmark = benchmark;
  if (spec?.checkSet) run.checkSet = spec.checkSet;
  const last = findings[findings.length - 1];
  if (read.whole && findings.length > 0) run.complete = true;
  else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push({
      code: 'truncated',
      line: last.line,
      severity: 'warning',
      message: `The report stops after control ${last.id} (line ${last.line}) before its end, so the rest is missing. Copy the whole report to see every control.`,
    });
  }
  if (findings.length > 0) specDiagnostics(spec, read, run, diagnostics);
  if (read.before035 && findings.length > 0) {
    diagnostics.push({
      code: 'report-before-trivy-0.35',
      severity: 'info',
      message:
        read.layout === 'table'
          ? "This table comes from Trivy before v0.35, which printed each control's compliance as the share of checked objects that passed: below 100% is shown as failed, though 0.00% also stood for nothing checked."
          : 'This report comes from Trivy before v0.35, which counted passing and failing objects per control: a control with neither is shown as not checked.',
    });
  }
  if (findings.length > 0 && run.totals.counted.fail === 0 && run.totals.counted.pass > 0) {
    diagnostics.push({
      code: 'nothing-failed',
      severity: 'warning',
      message:
        'No control failed. Trivy and trivy-operator report a control as passing when nothing was scanned for it (scanners turned off, node collection blocked, or no scan finished yet; trivy-operator #1306), so make sure the scan ran before trusting these passes.',
    });
  }
  totalsDiagnostic(run, diagnostics);
  return run;
}
