import type { Diagnostic, FailedResource } from './types';
import { field, isContainer, scalarText, type JsonContainer, type JsonValue } from './tolerantJson';
import { ResourceList, operatorTarget, trivyTarget } from './failedResources';
import { isManualName, type TrivyControl, type TrivyRead } from './trivyControls';

/**
 * Reads Trivy's JSON compliance reports (`--report summary` and `--report all`, current and before v0.35) and
 * trivy-operator's ClusterComplianceReport (summary, detail and the 2022 layout), from JSON or YAML alike.
 */

const MAX_DETAILS_PER_RESULT = 3;

function obj(v: JsonValue | undefined): JsonContainer | undefined {
  return isContainer(v) && v.kind === 'object' ? v : undefined;
}

function arr(v: JsonValue | undefined): JsonContainer | undefined {
  return isContainer(v) && v.kind === 'array' ? v : undefined;
}

function text(o: JsonContainer, key: string): string | undefined {
  const t = scalarText(field(o, key));
  return t === undefined || t === 'null' ? undefined : t;
}

function count(o: JsonContainer, key: string): number | undefined {
  const t = text(o, key);
  if (t === undefined || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function objects(v: JsonValue | undefined): JsonContainer[] {
  const a = arr(v);
  if (!a) return [];
  const out: JsonContainer[] = [];
  for (const e of a.entries) {
    const o = obj(e.value);
    if (o) out.push(o);
  }
  return out;
}

/** Which Trivy JSON layout a document is, from its top-level keys; undefined when it is none. */
export function trivyJsonLayout(
  root: JsonContainer
): 'summary-json' | 'all-json' | 'operator' | undefined {
  if (field(root, 'SummaryControls') !== undefined) return 'summary-json';
  if (field(root, 'Results') !== undefined && field(root, 'ID') !== undefined) return 'all-json';
  const kind = text(root, 'kind');
  if (kind === 'ClusterComplianceReport' || kind === 'List' || field(root, 'status') !== undefined)
    return 'operator';
  return undefined;
}

function emptyRead(layout: TrivyRead['layout'], diagnostics: Diagnostic[]): TrivyRead {
  return { layout, controls: [], whole: false, diagnostics };
}

/** `trivy ... --report summary --format json`: SummaryControls with TotalFail, or TotalPass and TotalFail before v0.35. */
export function readSummaryJson(root: JsonContainer, diagnostics: Diagnostic[]): TrivyRead {
  const read = emptyRead('summary-json', diagnostics);
  read.specId = text(root, 'ID');
  read.specTitle = text(root, 'Title');
  for (const c of objects(field(root, 'SummaryControls'))) {
    const id = text(c, 'ID');
    if (!id) continue;
    const name = text(c, 'Name') ?? '';
    const fail = count(c, 'TotalFail');
    const pass = count(c, 'TotalPass');
    const control: TrivyControl = { id, name, line: c.line, verdict: 'MANUAL' };
    const severity = text(c, 'Severity');
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

function misconfigDetail(m: JsonContainer): string | undefined {
  const id = text(m, 'ID') ?? text(m, 'AVDID');
  const message = text(m, 'Message') ?? text(m, 'Title');
  if (!id && !message) return undefined;
  return id && message ? `${id}: ${message}` : (id ?? message);
}

function vulnerabilityDetail(v: JsonContainer): string | undefined {
  const id = text(v, 'VulnerabilityID');
  if (!id) return undefined;
  const pkg = text(v, 'PkgName');
  const severity = text(v, 'Severity');
  return `${id}${severity ? ` (${severity})` : ''}${pkg ? ` in ${pkg}` : ''}`;
}

function secretDetail(s: JsonContainer): string | undefined {
  const id = text(s, 'RuleID');
  const title = text(s, 'Title');
  return id || title ? [id, title].filter(Boolean).join(': ') : undefined;
}

/** One Trivy result's failing part: the object, what failed on it, or undefined when everything in it passed. */
function failingResult(result: JsonContainer): FailedResource | undefined {
  const details: string[] = [];
  let failing = false;
  for (const m of objects(field(result, 'Misconfigurations'))) {
    const status = text(m, 'Status');
    if (status !== undefined && status.toUpperCase() === 'PASS') continue;
    failing = true;
    const d = misconfigDetail(m);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  for (const v of objects(field(result, 'Vulnerabilities'))) {
    failing = true;
    const d = vulnerabilityDetail(v);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  for (const s of objects(field(result, 'Secrets'))) {
    failing = true;
    const d = secretDetail(s);
    if (d && details.length < MAX_DETAILS_PER_RESULT) details.push(d);
  }
  if (!failing) return undefined;
  const resource = trivyTarget(text(result, 'Target') ?? '');
  if (details.length > 0) resource.detail = details.join('; ');
  return resource;
}

/** `trivy ... --report all --format json`: each control with the Trivy results behind it. */
export function readAllJson(root: JsonContainer, diagnostics: Diagnostic[]): TrivyRead {
  const read = emptyRead('all-json', diagnostics);
  read.specId = text(root, 'ID');
  read.specTitle = text(root, 'Title');
  for (const c of objects(field(root, 'Results'))) {
    const id = text(c, 'ID');
    if (!id) continue;
    const name = text(c, 'Name') ?? '';
    const control: TrivyControl = { id, name, line: c.line, verdict: 'PASS' };
    const severity = text(c, 'Severity');
    if (severity) control.severity = severity;
    const resources = new ResourceList();
    let issues = 0;
    let passes = 0;
    for (const r of objects(field(c, 'Results'))) {
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

function operatorNoCheck(spec: JsonContainer | undefined): Set<string> | undefined {
  const compliance = spec ? obj(field(spec, 'compliance')) : undefined;
  const controls = compliance ? objects(field(compliance, 'controls')) : [];
  if (controls.length === 0) return undefined;
  const ids = new Set<string>();
  for (const c of controls) {
    const id = text(c, 'id');
    const checks = arr(field(c, 'checks'));
    if (id && !isManualName(text(c, 'name') ?? '') && (!checks || checks.entries.length === 0))
      ids.add(id);
  }
  return ids;
}

function readControlCheck(list: JsonContainer[], read: TrivyRead, lowerCamel: boolean): void {
  for (const c of list) {
    const id = text(c, 'id');
    if (!id) continue;
    const name = text(c, 'name') ?? '';
    const control: TrivyControl = { id, name, line: c.line, verdict: 'MANUAL' };
    const severity = text(c, 'severity');
    if (severity) control.severity = severity;
    if (lowerCamel) {
      const fail = count(c, 'totalFail');
      if (fail !== undefined) control.issues = fail;
      if (isManualName(name) || fail === undefined) control.verdict = 'MANUAL';
      else control.verdict = fail > 0 ? 'FAIL' : 'PASS';
    } else {
      // The 2022 operator counted passing and failing objects per control.
      const fail = count(c, 'failTotal') ?? 0;
      const pass = count(c, 'passTotal') ?? 0;
      control.issues = fail;
      control.passes = pass;
      if (isManualName(name)) control.verdict = 'MANUAL';
      else control.verdict = fail > 0 ? 'FAIL' : pass > 0 ? 'PASS' : 'NONE';
    }
    read.controls.push(control);
  }
}

function readDetail(results: JsonContainer[], read: TrivyRead): void {
  for (const c of results) {
    const id = text(c, 'id');
    if (!id) continue;
    const name = text(c, 'name') ?? '';
    const control: TrivyControl = { id, name, line: c.line, verdict: 'PASS' };
    const severity = text(c, 'severity');
    if (severity) control.severity = severity;
    const resources = new ResourceList();
    let issues = 0;
    for (const check of objects(field(c, 'checks'))) {
      if (text(check, 'success') === 'true') continue;
      issues++;
      const target = text(check, 'target');
      const resource = target ? operatorTarget(target) : { kind: '', name: '' };
      const checkId = text(check, 'checkID');
      const messages = arr(field(check, 'messages'));
      const message = messages?.entries[0] ? scalarText(messages.entries[0].value) : undefined;
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
export function readOperator(root: JsonContainer, diagnostics: Diagnostic[]): TrivyRead {
  let report = root;
  if (text(root, 'kind') === 'List' || field(root, 'items') !== undefined) {
    const items = objects(field(root, 'items')).filter(
      (i) => text(i, 'kind') === undefined || text(i, 'kind') === 'ClusterComplianceReport'
    );
    const name = (i: JsonContainer) => text(obj(field(i, 'metadata')) ?? i, 'name') ?? '';
    const cis = items.find((i) => /cis/i.test(name(i))) ?? items[0];
    if (!cis) return emptyRead('operator-summary', diagnostics);
    if (items.length > 1) {
      diagnostics.push({
        line: cis.line,
        severity: 'info',
        message: `The list holds ${items.length} compliance reports (${items.map(name).join(', ')}); "${name(cis)}" is shown. Paste one report at a time to see another.`,
      });
    }
    report = cis;
  }
  const metadata = obj(field(report, 'metadata'));
  const spec = obj(field(report, 'spec'));
  const status = obj(field(report, 'status'));
  const compliance = spec ? obj(field(spec, 'compliance')) : undefined;
  const summaryReport = status ? obj(field(status, 'summaryReport')) : undefined;
  const detailReport = status ? obj(field(status, 'detailReport')) : undefined;
  const read = emptyRead(
    detailReport
      ? 'operator-detail'
      : summaryReport
        ? 'operator-summary'
        : 'operator-control-check',
    diagnostics
  );
  read.specId =
    (compliance && text(compliance, 'id')) ??
    (summaryReport && text(summaryReport, 'id')) ??
    (detailReport && text(detailReport, 'id')) ??
    (metadata && text(metadata, 'name')) ??
    (spec && text(spec, 'name'));
  read.specTitle =
    (compliance && text(compliance, 'title')) ??
    (summaryReport && text(summaryReport, 'title')) ??
    (detailReport && text(detailReport, 'title'));
  const labels = metadata ? obj(field(metadata, 'labels')) : undefined;
  const version = labels ? text(labels, 'app.kubernetes.io/version') : undefined;
  if (version) read.toolVersion = version;
  const noCheck = operatorNoCheck(spec);
  if (noCheck) read.noCheck = noCheck;
  const summary = status ? obj(field(status, 'summary')) : undefined;
  if (summary) {
    read.printed = {
      pass: count(summary, 'passCount') ?? 0,
      fail: count(summary, 'failCount') ?? 0,
    };
  }
  if (detailReport) readDetail(objects(field(detailReport, 'results')), read);
  else if (summaryReport)
    readControlCheck(objects(field(summaryReport, 'controlCheck')), read, true);
  else if (status) readControlCheck(objects(field(status, 'controlCheck')), read, false);
  return read;
}
