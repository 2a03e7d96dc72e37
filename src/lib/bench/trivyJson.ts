import type { Diagnostic, FailedResource } from './types';
import { num, obj, objects, str, type Plain } from './structured';
import { ResourceList, operatorTarget, trivyTarget } from './failedResources';
import { isManualName, type TrivyControl, type TrivyRead } from './trivyControls';

/**
 * Reads Trivy's JSON compliance reports (`--report summary` and `--report all`, current and before v0.35) and
 * trivy-operator's ClusterComplianceReport (summary, detail and the 2022 layout), from JSON or YAML alike.
 */

const MAX_DETAILS_PER_RESULT = 3;

/** Which Trivy JSON layout a document is, from its top-level keys; undefined when it is none. */
export function trivyJsonLayout(root: Plain): 'summary-json' | 'all-json' | 'operator' | undefined {
  if ('SummaryControls' in root) return 'summary-json';
  if ('Results' in root && 'ID' in root) return 'all-json';
  const kind = str(root, 'kind');
  if (kind === 'ClusterComplianceReport' || kind === 'List' || 'status' in root) return 'operator';
  return undefined;
}

function emptyRead(layout: TrivyRead['layout'], diagnostics: Diagnostic[]): TrivyRead {
  return { layout, controls: [], whole: false, diagnostics };
}

/** `trivy ... --report summary --format json`: SummaryControls with TotalFail, or TotalPass and TotalFail before v0.35. */
export function readSummaryJson(
  root: Plain,
  lineOf: (o: object) => number,
  diagnostics: Diagnostic[]
): TrivyRead {
  const read = emptyRead('summary-json', diagnostics);
  read.specId = str(root, 'ID');
  read.specTitle = str(root, 'Title');
  for (const c of objects(root.SummaryControls)) {
    const id = str(c, 'ID');
    if (!id) continue;
    const name = str(c, 'Name') ?? '';
    const fail = num(c, 'TotalFail');
    const pass = num(c, 'TotalPass');
    const control: TrivyControl = { id, name, line: lineOf(c), verdict: 'MANUAL' };
    const severity = str(c, 'Severity');
    if (severity) control.severity = severity;
    if (fail !== undefined) control.issues = fail;
    if (pass !== undefined) {
      read.before035 = true;
      control.passes = pass;
    }
    if (isManualName(name)) control.verdict = 'MANUAL';
    else if (pass !== undefined)
      control.verdict = (fail ?? 0) > 0 ? 'FAIL' : pass > 0 ? 'PASS' : 'NONE';
    else if (fail !== undefined) control.verdict = fail > 0 ? 'FAIL' : 'PASS';
    read.controls.push(control);
  }
  return read;
}

function misconfigDetail(m: Plain): string | undefined {
  const id = str(m, 'ID') ?? str(m, 'AVDID');
  const message = str(m, 'Message') ?? str(m, 'Title');
  if (!id && !message) return undefined;
  return id && message ? `${id}: ${message}` : (id ?? message);
}

function vulnerabilityDetail(v: Plain): string | undefined {
  const id = str(v, 'VulnerabilityID');
  if (!id) return undefined;
  const pkg = str(v, 'PkgName');
  const severity = str(v, 'Severity');
  return `${id}${severity ? ` (${severity})` : ''}${pkg ? ` in ${pkg}` : ''}`;
}

function secretDetail(s: Plain): string | undefined {
  const id = str(s, 'RuleID');
  const title = str(s, 'Title');
  return id || title ? [id, title].filter(Boolean).join(': ') : undefined;
}

/** One Trivy result's failing part: the object, what failed on it, or undefined when everything in it passed. */
function failingResult(result: Plain): FailedResource | undefined {
  const details: string[] = [];
  let failing = false;
  for (const m of objects(result.Misconfigurations)) {
    const status = str(m, 'Status');
    if (status !== undefined && status.toUpperCase() === 'PASS') continue;
    failing = true;
    const d = misconfigDetail(m);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  for (const v of objects(result.Vulnerabilities)) {
    failing = true;
    const d = vulnerabilityDetail(v);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  for (const s of objects(result.Secrets)) {
    failing = true;
    const d = secretDetail(s);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  if (!failing) return undefined;
  const resource = trivyTarget(str(result, 'Target') ?? '');
  if (details.length > 0) resource.detail = details.join('; ');
  return resource;
}

/** `trivy ... --report all --format json`: each control with the Trivy results behind it. */
export function readAllJson(
  root: Plain,
  lineOf: (o: object) => number,
  diagnostics: Diagnostic[]
): TrivyRead {
  const read = emptyRead('all-json', diagnostics);
  read.specId = str(root, 'ID');
  read.specTitle = str(root, 'Title');
  for (const c of objects(root.Results)) {
    const id = str(c, 'ID');
    if (!id) continue;
    const name = str(c, 'Name') ?? '';
    const control: TrivyControl = { id, name, line: lineOf(c), verdict: 'PASS' };
    const severity = str(c, 'Severity');
    if (severity) control.severity = severity;
    const resources = new ResourceList();
    let issues = 0;
    let passes = 0;
    for (const r of objects(c.Results)) {
      const failed = failingResult(r);
      if (failed) {
        issues++;
        resources.add(failed);
      } else passes++;
    }
    control.issues = issues;
    if (passes > 0) control.passes = passes;
    if (resources.count > 0) control.resources = resources;
    if (isManualName(name)) control.verdict = 'MANUAL';
    else if (issues > 0) control.verdict = 'FAIL';
    read.controls.push(control);
  }
  return read;
}

function operatorNoCheck(spec: Plain | undefined): Set<string> | undefined {
  const compliance = spec ? obj(spec.compliance) : undefined;
  const controls = compliance ? objects(compliance.controls) : [];
  if (controls.length === 0) return undefined;
  const ids = new Set<string>();
  for (const c of controls) {
    const id = str(c, 'id');
    const checks = c.checks;
    if (
      id &&
      !isManualName(str(c, 'name') ?? '') &&
      (!Array.isArray(checks) || checks.length === 0)
    )
      ids.add(id);
  }
  return ids;
}

function readControlCheck(
  list: Plain[],
  read: TrivyRead,
  lineOf: (o: object) => number,
  lowerCamel: boolean
): void {
  for (const c of list) {
    const id = str(c, 'id');
    if (!id) continue;
    const name = str(c, 'name') ?? '';
    const control: TrivyControl = { id, name, line: lineOf(c), verdict: 'MANUAL' };
    const severity = str(c, 'severity');
    if (severity) control.severity = severity;
    if (lowerCamel) {
      const fail = num(c, 'totalFail');
      if (fail !== undefined) control.issues = fail;
      if (isManualName(name) || fail === undefined) control.verdict = 'MANUAL';
      else control.verdict = fail > 0 ? 'FAIL' : 'PASS';
    } else {
      // The 2022 operator counted passing and failing objects per control.
      const fail = num(c, 'failTotal') ?? 0;
      const pass = num(c, 'passTotal') ?? 0;
      control.issues = fail;
      control.passes = pass;
      if (isManualName(name)) control.verdict = 'MANUAL';
      else control.verdict = fail > 0 ? 'FAIL' : pass > 0 ? 'PASS' : 'NONE';
    }
    read.controls.push(control);
  }
}

function readDetail(results: Plain[], read: TrivyRead, lineOf: (o: object) => number): void {
  for (const c of results) {
    const id = str(c, 'id');
    if (!id) continue;
    const name = str(c, 'name') ?? '';
    const control: TrivyControl = { id, name, line: lineOf(c), verdict: 'PASS' };
    const severity = str(c, 'severity');
    if (severity) control.severity = severity;
    const resources = new ResourceList();
    let issues = 0;
    for (const check of objects(c.checks)) {
      if (str(check, 'success') === 'true') continue;
      issues++;
      const target = str(check, 'target');
      const resource = target ? operatorTarget(target) : { kind: '', name: '' };
      const checkId = str(check, 'checkID');
      const messages = check.messages;
      const message =
        Array.isArray(messages) && typeof messages[0] === 'string' ? messages[0] : undefined;
      const detail = [checkId, message].filter(Boolean).join(': ');
      if (detail) resource.detail = detail;
      if (resource.name) resources.add(resource);
    }
    control.issues = issues;
    if (resources.count > 0) control.resources = resources;
    if (isManualName(name)) control.verdict = 'MANUAL';
    else if (issues > 0) control.verdict = 'FAIL';
    read.controls.push(control);
  }
}

/** A ClusterComplianceReport, or the CIS one of a `kubectl get ... -o json` List. */
export function readOperator(
  root: Plain,
  lineOf: (o: object) => number,
  diagnostics: Diagnostic[]
): TrivyRead {
  let report = root;
  if (str(root, 'kind') === 'List' || 'items' in root) {
    const items = objects(root.items).filter(
      (i) => str(i, 'kind') === undefined || str(i, 'kind') === 'ClusterComplianceReport'
    );
    const name = (i: Plain) => str(obj(i.metadata) ?? i, 'name') ?? '';
    const cis = items.find((i) => /cis/i.test(name(i))) ?? items[0];
    if (!cis) return emptyRead('operator-summary', diagnostics);
    if (items.length > 1) {
      diagnostics.push({
        code: 'several-runs',
        line: lineOf(cis),
        severity: 'info',
        message: `The list holds ${items.length} compliance reports (${items.map(name).join(', ')}); "${name(cis)}" is shown. Paste one report at a time to see another.`,
      });
    }
    report = cis;
  }
  const metadata = obj(report.metadata);
  const spec = obj(report.spec);
  const status = obj(report.status);
  const compliance = spec ? obj(spec.compliance) : undefined;
  const summaryReport = status ? obj(status.summaryReport) : undefined;
  const detailReport = status ? obj(status.detailReport) : undefined;
  const read = emptyRead(
    detailReport
      ? 'operator-detail'
      : summaryReport
        ? 'operator-summary'
        : 'operator-control-check',
    diagnostics
  );
  read.specId =
    (compliance && str(compliance, 'id')) ??
    (summaryReport && str(summaryReport, 'id')) ??
    (detailReport && str(detailReport, 'id')) ??
    (metadata && str(metadata, 'name')) ??
    (spec && str(spec, 'name'));
  read.specTitle =
    (compliance && str(compliance, 'title')) ??
    (summaryReport && str(summaryReport, 'title')) ??
    (detailReport && str(detailReport, 'title'));
  const labels = metadata ? obj(metadata.labels) : undefined;
  const version = labels ? str(labels, 'app.kubernetes.io/version') : undefined;
  if (version) read.toolVersion = version;
  const noCheck = operatorNoCheck(spec);
  if (noCheck) read.noCheck = noCheck;
  const summary = status ? obj(status.summary) : undefined;
  if (summary) {
    read.printed = {
      pass: num(summary, 'passCount') ?? 0,
      fail: num(summary, 'failCount') ?? 0,
    };
  }
  if (detailReport) readDetail(objects(detailReport.results), read, lineOf);
  else if (summaryReport) readControlCheck(objects(summaryReport.controlCheck), read, lineOf, true);
  else if (status) readControlCheck(objects(status.controlCheck), read, lineOf, false);
  return read;
}
