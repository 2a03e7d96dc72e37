import type {
  AuditErrorCode,
  BenchRun,
  DetectedBenchmark,
  Diagnostic,
  Finding,
  Outcome,
  ToolSeverity,
} from './types';
import { cleanTitle, sectionOf } from './title';
import { num, obj, objects, readJson, str, type Plain } from './structured';
import { ResourceList, kubescapeResource } from './failedResources';
import { plural } from './diagnostics';
import { countOutcomes } from './findings';

/**
 * Reads `kubescape scan framework <cis framework> --format json` (kubescape v2.0 to v4). The CIS id comes from the
 * control name ("CIS-1.2.1 Ensure ..."), never from the C-id, which means different CIS checks in different
 * frameworks; the 2022 framework named "CIS" put the CIS id in the control id instead ("CIS-1.2.1").
 */

const NAME_ID = /^CIS-(\d{1,2}(?:\.\d{1,3}){0,3})\s+(\S.*)$/;
const CONTROL_ID = /^CIS-(?:v\d{1,2}(?:\.\d{1,2}){1,2}-)?(\d{1,2}(?:\.\d{1,3}){0,3})$/;
const OPERATOR_INFO = /operator|host[- ]?scan|host[- ]?sensor/i;
const MAX_PATHS = 3;

interface Framework {
  benchmark: string;
  confidence: DetectedBenchmark['confidence'];
  checkSet: string;
  note: string;
}

/** The CIS frameworks of kubescape's regolibrary and the benchmark each follows. */
const FRAMEWORKS: Record<string, Framework> = {
  'cis-v1.23-t1.0.1': {
    benchmark: 'cis-kubernetes-1.23',
    confidence: 'high',
    checkSet: 'kubescape-cis-v1.23-t1.0.1',
    note: 'CIS Kubernetes V1.23 Benchmark v1.0.1',
  },
  'cis-v1.10.0': {
    benchmark: 'cis-kubernetes-1.10',
    confidence: 'high',
    checkSet: 'kubescape-cis-v1.10.0',
    note: 'CIS Kubernetes Benchmark v1.10.0',
  },
  'cis-v1.12.0': {
    benchmark: 'cis-kubernetes-1.12',
    confidence: 'high',
    checkSet: 'kubescape-cis-v1.12.0',
    note: 'CIS Kubernetes Benchmark v1.12.0',
  },
  'cis-eks-t1.2.0': {
    benchmark: 'cis-eks-1.2.0',
    confidence: 'high',
    checkSet: 'kubescape-cis-eks-t1.2.0',
    note: 'CIS Amazon EKS Benchmark v1.2.0',
  },
  'cis-eks-t1.7.0': {
    benchmark: 'cis-eks-1.7.0',
    confidence: 'high',
    checkSet: 'kubescape-cis-eks-t1.7.0',
    note: 'CIS Amazon EKS Benchmark v1.7.0',
  },
  'cis-eks-t1.8.0': {
    benchmark: 'cis-eks-1.8.0',
    confidence: 'high',
    checkSet: 'kubescape-cis-eks-t1.8.0',
    note: 'CIS Amazon EKS Benchmark v1.8.0',
  },
  'cis-aks-t1.2.0': {
    benchmark: 'cis-aks-1.2',
    confidence: 'high',
    checkSet: 'kubescape-cis-aks-t1.2.0',
    note: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.2.0',
  },
  'cis-aks-t1.8.0': {
    benchmark: 'cis-aks-1.8',
    confidence: 'high',
    checkSet: 'kubescape-cis-aks-t1.8.0',
    note: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0',
  },
  'cis-gke-v1.9.0': {
    benchmark: 'cis-gke-1.9.0',
    confidence: 'high',
    checkSet: 'kubescape-cis-gke-v1.9.0',
    note: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0',
  },
  // regolibrary's framework "CIS" (June to December 2022) became cis-v1.23-t1.0.1; early builds claimed CIS 1.6.1.
  cis: {
    benchmark: 'cis-kubernetes-1.23',
    confidence: 'medium',
    checkSet: 'kubescape-cis-v1.23-t1.0.1',
    note: 'the 2022 framework "CIS", built to CIS Kubernetes V1.23 Benchmark v1.0.1 from October 2022 (earlier builds named CIS 1.6.1)',
  },
};

function isCisFramework(name: string): boolean {
  return /^cis(?:-|$)/i.test(name);
}

/** kubescape's status of one control: the statusInfo of v2.2 and later, else the top-level status of older releases. */
interface ControlStatus {
  status: string;
  subStatus?: string;
  info?: string;
}

function controlStatus(c: Plain): ControlStatus {
  const info = obj(c.statusInfo);
  let status = (str(info, 'status') ?? str(c, 'status') ?? '').toLowerCase();
  let subStatus = str(info, 'subStatus')?.toLowerCase();
  // Before v2.2.0 these were statuses of their own; kubescape converts them the same way (opa-utils statuses.go).
  if (status === 'irrelevant') {
    status = 'passed';
    subStatus = 'irrelevant';
  } else if (status === 'excluded') {
    status = 'passed';
    subStatus = 'w/exceptions';
  }
  const s: ControlStatus = { status };
  if (subStatus) s.subStatus = subStatus;
  const infoText = str(info, 'info');
  if (infoText) s.info = infoText.replace(/\s+/g, ' ').trim();
  return s;
}

interface Verdict {
  outcome: Outcome;
  code?: AuditErrorCode;
  reason?: string;
}

function verdictOf(s: ControlStatus): Verdict {
  switch (s.status) {
    case 'failed':
      return { outcome: 'fail' };
    case 'passed':
      if (s.subStatus === 'irrelevant')
        return {
          outcome: 'skip',
          code: 'nothing-to-inspect',
          reason:
            'kubescape found nothing of the kind this control checks ("irrelevant"), so it checked nothing.',
        };
      return { outcome: 'pass' };
    case 'skipped':
      if (s.subStatus === 'manual review' || s.subStatus === 'requires review')
        return { outcome: 'manual' };
      if (s.subStatus === 'configuration')
        return {
          outcome: 'skip',
          code: 'needs-configuration',
          reason:
            'kubescape skipped this control: it needs values set in the control configuration.',
        };
      if (s.subStatus === 'integration')
        return {
          outcome: 'skip',
          code: 'needs-integration',
          reason:
            'kubescape skipped this control: it needs an integration (a cloud provider or an image scanner).',
        };
      if (s.info && OPERATOR_INFO.test(s.info))
        return {
          outcome: 'skip',
          code: 'requires-operator',
          reason:
            "kubescape skipped this control: it reads files or process arguments on the nodes, which kubescape's host scanner collects (installed with the Kubescape operator), not the CLI alone.",
        };
      return {
        outcome: 'skip',
        code: 'not-evaluated',
        reason: s.info
          ? `kubescape skipped this control: "${s.info}".`
          : 'kubescape skipped this control without evaluating it.',
      };
    case 'error':
      return {
        outcome: 'skip',
        code: 'scan-error',
        reason: `kubescape could not evaluate this control (status "error"${s.info ? `: ${s.info}` : ''}).`,
      };
    default:
      return {
        outcome: 'skip',
        code: 'not-evaluated',
        reason: `kubescape reports no result for this control${s.status ? ` (status "${s.status}")` : ''}.`,
      };
  }
}

function severityOf(scoreFactor: number | undefined): ToolSeverity | undefined {
  if (scoreFactor === undefined) return undefined;
  // opa-utils ControlSeverityToString: 9 and up critical, 7 high, 4 medium, 1 low.
  if (scoreFactor >= 9) return 'CRITICAL';
  if (scoreFactor >= 7) return 'HIGH';
  if (scoreFactor >= 4) return 'MEDIUM';
  if (scoreFactor >= 1) return 'LOW';
  return 'UNKNOWN';
}

/** Resource counters: nested "ResourceCounters" since 2022, inline fields before. */
function counters(c: Plain): { passed?: number; failed?: number; excluded?: number } {
  const nested = obj(c.ResourceCounters) ?? c;
  const out: { passed?: number; failed?: number; excluded?: number } = {};
  const passed = num(nested, 'passedResources');
  const failed = num(nested, 'failedResources');
  const excluded = num(nested, 'excludedResources');
  if (passed !== undefined) out.passed = passed;
  if (failed !== undefined) out.failed = failed;
  if (excluded !== undefined) out.excluded = excluded;
  return out;
}

function pathText(p: Plain): string | undefined {
  const fix = obj(p.fixPath);
  const fixPath = str(fix, 'path');
  if (fixPath) return `${fixPath}=${str(fix, 'value') ?? ''}`;
  const failed = str(p, 'failedPath');
  if (failed) return failed;
  const review = str(p, 'reviewPath');
  if (review) return `review ${review}`;
  const del = str(p, 'deletePath');
  return del ? `delete ${del}` : undefined;
}

function ruleFailed(rule: Plain): boolean {
  const status = str(rule, 'status');
  if (status !== undefined) return status.toLowerCase() === 'failed';
  // Early 2022 reports list only failed rules, with the paths that failed.
  return Array.isArray(rule.paths);
}

function resultStatus(control: Plain): string | undefined {
  const s = obj(control.status);
  return (s ? str(s, 'status') : str(control, 'status'))?.toLowerCase();
}

/** What each wanted control failed on, from the per-resource `results`. */
function failedResources(root: Plain, wanted: ReadonlySet<string>): Map<string, ResourceList> {
  const out = new Map<string, ResourceList>();
  for (const resource of objects(root.results)) {
    const id = str(resource, 'resourceID');
    if (!id) continue;
    for (const control of objects(resource.controls)) {
      const controlId = str(control, 'controlID');
      if (!controlId || !wanted.has(controlId)) continue;
      const status = resultStatus(control);
      const failing = objects(control.rules).filter(ruleFailed);
      if (status !== 'failed' && (status !== undefined || failing.length === 0)) continue;
      const parts: string[] = [];
      for (const rule of failing) {
        const shown: string[] = [];
        for (const p of objects(rule.paths)) {
          const t = pathText(p);
          if (t && shown.length < MAX_PATHS) shown.push(t);
        }
        const name = str(rule, 'name');
        parts.push(`${name ?? 'rule'}${shown.length > 0 ? `: ${shown.join(', ')}` : ''}`);
      }
      const failed = kubescapeResource(id);
      const detail = [failed.detail, ...parts].filter(Boolean).join('; ');
      if (detail) failed.detail = detail;
      else delete failed.detail;
      let list = out.get(controlId);
      if (!list) {
        list = new ResourceList();
        out.set(controlId, list);
      }
      list.add(failed);
    }
  }
  return out;
}

interface ChosenFramework {
  name: string;
  /** The framework's controls by kubescape id, in the report's order. */
  controls: Plain;
  line: number;
}

/** The controls of a merged map that carry a CIS id, in name or id. */
function cisControls(merged: Plain | undefined): Plain | undefined {
  if (!merged) return undefined;
  const out: Plain = {};
  for (const [key, value] of Object.entries(merged)) {
    const c = obj(value);
    if (c && (NAME_ID.test(str(c, 'name') ?? '') || CONTROL_ID.test(str(c, 'controlID') ?? key)))
      out[key] = c;
  }
  return out;
}

function chooseFramework(
  summary: Plain | undefined,
  lineOf: (o: object) => number,
  diagnostics: Diagnostic[]
): ChosenFramework | undefined {
  const names: string[] = [];
  const cis: ChosenFramework[] = [];
  for (const f of objects(summary?.frameworks)) {
    const name = str(f, 'name');
    if (!name) continue;
    names.push(name);
    if (!isCisFramework(name)) continue;
    // Reports that keep no controls per framework hold them, merged across frameworks, in summaryDetails.controls.
    const controls = obj(f.controls) ?? cisControls(obj(summary?.controls));
    if (controls) cis.push({ name, controls, line: lineOf(f) });
  }
  if (cis.length === 0) {
    diagnostics.push({
      code: 'no-cis-framework',
      severity: 'error',
      message:
        names.length > 0
          ? `This kubescape report holds no CIS framework (it scanned ${names.map((n) => `"${n}"`).join(', ')}). Scan with a CIS framework, e.g. kubescape scan framework cis-v1.12.0 --format json.`
          : 'This kubescape report names no framework, so its CIS controls cannot be found. Scan with a CIS framework, e.g. kubescape scan framework cis-v1.12.0 --format json.',
    });
    return undefined;
  }
  const chosen = cis[0] as ChosenFramework;
  if (cis.length > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: chosen.line,
      severity: 'info',
      message: `This report holds ${cis.length} CIS frameworks (${cis.map((c) => c.name).join(', ')}); "${chosen.name}" is shown. Scan one CIS framework at a time to see another.`,
    });
  }
  return chosen;
}

function detect(name: string): { benchmark?: DetectedBenchmark; checkSet?: string } {
  const known = FRAMEWORKS[name.toLowerCase()];
  if (known) {
    return {
      benchmark: {
        id: known.benchmark,
        confidence: known.confidence,
        evidence: `kubescape framework "${name}": ${known.note}`,
      },
      checkSet: known.checkSet,
    };
  }
  const m = /^cis-(?:(eks|aks|gke)-)?[tv]?(\d{1,2}\.\d{1,2})(?:\.\d{1,2})?/i.exec(name);
  if (!m) return {};
  return {
    benchmark: {
      id: `cis-${m[1]?.toLowerCase() ?? 'kubernetes'}-${m[2]}`,
      confidence: 'low',
      evidence: `kubescape framework "${name}", a name this site does not know; the version is read from the name`,
    },
  };
}

/** Parses a kubescape JSON report; only its CIS framework becomes findings. */
export function parseKubescapeRun(input: string, diagnostics: Diagnostic[]): BenchRun {
  const doc = readJson(input);
  const root = obj(doc.root);
  const run: BenchRun = {
    tool: 'kubescape',
    format: 'json',
    sections: [],
    findings: [],
    totals: { counted: countOutcomes([]) },
    complete: false,
    diagnostics,
  };
  if (!root) return run;
  const scanMetadata = obj(obj(root.metadata)?.scanMetadata);
  const version = str(scanMetadata, 'kubescapeVersion') ?? str(root, 'clientVersion');
  if (version) run.toolVersion = version.replace(/^v/, '');
  const framework = chooseFramework(obj(root.summaryDetails), doc.lineOf, diagnostics);
  if (!framework) return run;
  run.spec = { id: framework.name };
  const found = detect(framework.name);
  if (found.benchmark) run.benchmark = found.benchmark;
  if (found.checkSet) run.checkSet = found.checkSet;

  const failedIds = new Set<string>();
  for (const [key, value] of Object.entries(framework.controls)) {
    const c = obj(value);
    if (c && controlStatus(c).status === 'failed') failedIds.add(str(c, 'controlID') ?? key);
  }
  const failedOn = failedResources(root, failedIds);
  let withoutCisId = 0;
  const skipped = new Map<AuditErrorCode, { count: number; first: number }>();
  for (const [key, value] of Object.entries(framework.controls)) {
    const c = obj(value);
    if (!c) continue;
    const controlId = str(c, 'controlID') ?? key;
    const line = doc.lineOf(c);
    const name = str(c, 'name') ?? '';
    const byName = NAME_ID.exec(name);
    const byId = byName ? undefined : CONTROL_ID.exec(controlId);
    const id = byName?.[1] ?? byId?.[1] ?? controlId;
    if (!byName && !byId) withoutCisId++;
    const clean = cleanTitle(byName?.[2] ?? name);
    const s = controlStatus(c);
    const v = verdictOf(s);
    const finding: Finding = {
      id,
      title: clean.title,
      status: s.subStatus ? `${s.status} (${s.subStatus})` : s.status || 'unknown',
      outcome: v.outcome,
      section: sectionOf(id),
      details: [],
      line,
    };
    if (clean.scored !== undefined) finding.scored = clean.scored;
    const severity = severityOf(num(c, 'scoreFactor'));
    if (severity) finding.toolSeverity = severity;
    if (v.code && v.reason) {
      finding.auditError = v.reason;
      finding.auditErrorCode = v.code;
      const seen = skipped.get(v.code);
      if (seen) seen.count++;
      else skipped.set(v.code, { count: 1, first: line });
    }
    const k = counters(c);
    if (v.outcome === 'fail' && k.failed !== undefined) {
      const checked = k.failed + (k.passed ?? 0);
      finding.details.push(`${k.failed} of ${plural(checked, 'resource')} failed.`);
    }
    const ignored = num(obj(c.subStatusCounters), 'ignoredResources') ?? k.excluded ?? 0;
    if (s.subStatus === 'w/exceptions' || ignored > 0)
      finding.details.push(`${plural(ignored, 'resource')} exempted by exceptions.`);
    if (s.info && !v.code) finding.details.push(s.info);
    finding.details.push(`kubescape control ${controlId}.`);
    failedOn.get(controlId)?.attach(finding);
    run.findings.push(finding);
  }
  run.totals.counted = countOutcomes(run.findings);
  run.complete = doc.whole && run.findings.length > 0;
  const last = run.findings[run.findings.length - 1];
  if (!run.complete && last) run.incompleteAfter = last.id;
  if (doc.problemCount > 0) {
    const first = doc.problems[0];
    diagnostics.push({
      code: 'invalid-json',
      ...(first ? { line: first.line } : {}),
      severity: 'warning',
      message: `This JSON is not valid (${plural(doc.problemCount, 'problem')}${first ? `; the first on line ${first.line}: ${first.message}` : ''}): the report may be cut short, and the controls after the break are missing.`,
    });
  }
  const operator = skipped.get('requires-operator');
  if (operator) {
    diagnostics.push({
      code: 'requires-operator',
      line: operator.first,
      severity: 'warning',
      message: `kubescape skipped ${plural(operator.count, 'node and file check')}: its CLI reads the Kubernetes API, and these checks read files and process arguments on the nodes, which only kubescape's host scanner collects (the Kubescape operator; kubescape v2 could deploy it for one scan with --enable-host-scan). They are shown as not checked; install the Kubescape operator, or run kube-bench on the nodes, to check them.`,
    });
  }
  const irrelevant = skipped.get('nothing-to-inspect');
  if (irrelevant) {
    diagnostics.push({
      code: 'nothing-to-inspect',
      line: irrelevant.first,
      severity: 'info',
      message: `${plural(irrelevant.count, 'control')} found nothing of the kind ${irrelevant.count === 1 ? 'it checks' : 'they check'} (kubescape's "irrelevant"): shown as not checked, not as passed.`,
    });
  }
  if (withoutCisId > 0) {
    diagnostics.push({
      code: 'no-cis-id',
      severity: 'warning',
      message: `${plural(withoutCisId, 'control')} of "${framework.name}" ${withoutCisId === 1 ? 'carries no CIS number in its name and is' : 'carry no CIS number in their names and are'} shown under kubescape's control id.`,
    });
  }
  return run;
}
