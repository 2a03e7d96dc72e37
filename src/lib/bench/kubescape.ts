import type {
  AuditErrorCode,
  BenchRun,
  CountedTotals,
  DetectedBenchmark,
  Diagnostic,
  Finding,
  Outcome,
  ToolSeverity,
} from './types';
import { cleanTitle, sectionOf } from './title';
import {
  field,
  isContainer,
  scalarText,
  scanJson,
  type JsonContainer,
  type JsonValue,
} from './tolerantJson';
import { ResourceList, kubescapeResource } from './failedResources';

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

function obj(v: JsonValue | undefined): JsonContainer | undefined {
  return isContainer(v) && v.kind === 'object' ? v : undefined;
}

function text(o: JsonContainer | undefined, key: string): string | undefined {
  if (!o) return undefined;
  const t = scalarText(field(o, key));
  return t === undefined || t === 'null' ? undefined : t;
}

function num(o: JsonContainer | undefined, key: string): number | undefined {
  const t = text(o, key);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countOutcomes(findings: readonly Finding[]): CountedTotals {
  const c: CountedTotals = {
    fail: 0,
    pass: 0,
    manual: 0,
    info: 0,
    skip: 0,
    total: findings.length,
  };
  for (const f of findings) c[f.outcome]++;
  return c;
}

/** kubescape's status of one control: the statusInfo of v2.2 and later, else the top-level status of older releases. */
interface ControlStatus {
  status: string;
  subStatus?: string;
  info?: string;
}

function controlStatus(c: JsonContainer): ControlStatus {
  const info = obj(field(c, 'statusInfo'));
  let status = (text(info, 'status') ?? text(c, 'status') ?? '').toLowerCase();
  let subStatus = text(info, 'subStatus')?.toLowerCase();
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
  const infoText = text(info, 'info');
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
function counters(c: JsonContainer): { passed?: number; failed?: number; excluded?: number } {
  const nested = obj(field(c, 'ResourceCounters')) ?? c;
  const out: { passed?: number; failed?: number; excluded?: number } = {};
  const passed = num(nested, 'passedResources');
  const failed = num(nested, 'failedResources');
  const excluded = num(nested, 'excludedResources');
  if (passed !== undefined) out.passed = passed;
  if (failed !== undefined) out.failed = failed;
  if (excluded !== undefined) out.excluded = excluded;
  return out;
}

function pathText(p: JsonContainer): string | undefined {
  const fix = obj(field(p, 'fixPath'));
  const fixPath = text(fix, 'path');
  if (fixPath) return `${fixPath}=${text(fix, 'value') ?? ''}`;
  const failed = text(p, 'failedPath');
  if (failed) return failed;
  const review = text(p, 'reviewPath');
  if (review) return `review ${review}`;
  const del = text(p, 'deletePath');
  return del ? `delete ${del}` : undefined;
}

function ruleFailed(rule: JsonContainer): boolean {
  const status = text(rule, 'status');
  if (status !== undefined) return status.toLowerCase() === 'failed';
  // Early 2022 reports list only failed rules, with the paths that failed.
  return isContainer(field(rule, 'paths'));
}

function resultStatus(control: JsonContainer): string | undefined {
  const s = field(control, 'status');
  if (isContainer(s)) return text(s, 'status')?.toLowerCase();
  return scalarText(s)?.toLowerCase();
}

/** What each wanted control failed on, from the per-resource `results`. */
function failedResources(
  root: JsonContainer,
  wanted: ReadonlySet<string>
): Map<string, ResourceList> {
  const out = new Map<string, ResourceList>();
  const results = field(root, 'results');
  if (!isContainer(results)) return out;
  for (const r of results.entries) {
    const resource = obj(r.value);
    const id = text(resource, 'resourceID');
    const controls = resource ? field(resource, 'controls') : undefined;
    if (!id || !isContainer(controls)) continue;
    for (const ce of controls.entries) {
      const control = obj(ce.value);
      const controlId = text(control, 'controlID');
      if (!control || !controlId || !wanted.has(controlId)) continue;
      const rules = field(control, 'rules');
      const status = resultStatus(control);
      const failing: JsonContainer[] = [];
      if (isContainer(rules)) {
        for (const re of rules.entries) {
          const rule = obj(re.value);
          if (rule && ruleFailed(rule)) failing.push(rule);
        }
      }
      if (status !== 'failed' && (status !== undefined || failing.length === 0)) continue;
      const parts: string[] = [];
      for (const rule of failing) {
        const paths = field(rule, 'paths');
        const shown: string[] = [];
        if (isContainer(paths)) {
          for (const pe of paths.entries) {
            const p = obj(pe.value);
            const t = p ? pathText(p) : undefined;
            if (t && shown.length < MAX_PATHS) shown.push(t);
          }
        }
        const name = text(rule, 'name');
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
  controls: JsonContainer;
  line: number;
}

function chooseFramework(
  summary: JsonContainer | undefined,
  diagnostics: Diagnostic[]
): ChosenFramework | undefined {
  const frameworks = summary ? field(summary, 'frameworks') : undefined;
  const names: string[] = [];
  const cis: ChosenFramework[] = [];
  if (isContainer(frameworks)) {
    for (const e of frameworks.entries) {
      const f = obj(e.value);
      const name = text(f, 'name');
      if (!f || !name) continue;
      names.push(name);
      const controls = obj(field(f, 'controls'));
      if (isCisFramework(name)) {
        // Reports that keep no controls per framework hold them in summaryDetails.controls.
        const all = controls ?? obj(field(summary as JsonContainer, 'controls'));
        if (all) cis.push({ name, controls: all, line: f.line });
      }
    }
  }
  if (cis.length === 0) {
    diagnostics.push({
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
  const scan = scanJson(input);
  let root: JsonContainer | undefined;
  for (const e of scan.root.entries) if (!root && e.value.kind === 'object') root = e.value;
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
  const scanMetadata = obj(field(obj(field(root, 'metadata')) ?? root, 'scanMetadata'));
  const version = text(scanMetadata, 'kubescapeVersion') ?? text(root, 'clientVersion');
  if (version) run.toolVersion = version.replace(/^v/, '');
  const framework = chooseFramework(obj(field(root, 'summaryDetails')), diagnostics);
  if (!framework) return run;
  run.spec = { id: framework.name };
  const found = detect(framework.name);
  if (found.benchmark) run.benchmark = found.benchmark;
  if (found.checkSet) run.checkSet = found.checkSet;

  const failedIds = new Set<string>();
  for (const e of framework.controls.entries) {
    const c = obj(e.value);
    if (c && controlStatus(c).status === 'failed')
      failedIds.add(text(c, 'controlID') ?? e.key ?? '');
  }
  const failedOn = failedResources(root, failedIds);
  let withoutCisId = 0;
  const skipped = new Map<AuditErrorCode, { count: number; first: number }>();
  for (const e of framework.controls.entries) {
    const c = obj(e.value);
    if (!c) continue;
    const controlId = text(c, 'controlID') ?? e.key ?? '';
    const name = text(c, 'name') ?? '';
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
      line: c.line,
    };
    if (clean.scored !== undefined) finding.scored = clean.scored;
    const severity = severityOf(num(c, 'scoreFactor'));
    if (severity) finding.toolSeverity = severity;
    if (v.code && v.reason) {
      finding.auditError = v.reason;
      finding.auditErrorCode = v.code;
      const seen = skipped.get(v.code);
      if (seen) seen.count++;
      else skipped.set(v.code, { count: 1, first: c.line });
    }
    const k = counters(c);
    if (v.outcome === 'fail' && k.failed !== undefined) {
      const checked = k.failed + (k.passed ?? 0);
      finding.details.push(`${k.failed} of ${plural(checked, 'resource')} failed.`);
    }
    const ignored = num(obj(field(c, 'subStatusCounters')), 'ignoredResources') ?? k.excluded ?? 0;
    if (s.subStatus === 'w/exceptions' || ignored > 0)
      finding.details.push(`${plural(ignored, 'resource')} exempted by exceptions.`);
    if (s.info && !v.code) finding.details.push(s.info);
    finding.details.push(`kubescape control ${controlId}.`);
    failedOn.get(controlId)?.attach(finding);
    run.findings.push(finding);
  }
  run.totals.counted = countOutcomes(run.findings);
  run.complete = scan.problemCount === 0 && !scan.stopped && root.closed && run.findings.length > 0;
  const last = run.findings[run.findings.length - 1];
  if (!run.complete && last) run.incompleteAfter = last.id;
  if (scan.problemCount > 0) {
    const first = scan.problems[0];
    diagnostics.push({
      ...(first ? { line: first.line } : {}),
      severity: 'warning',
      message: `This JSON is not valid (${plural(scan.problemCount, 'problem')}${first ? `; the first on line ${first.line}: ${first.message}` : ''}): the report may be cut short, and the controls after the break are missing.`,
    });
  }
  const operator = skipped.get('requires-operator');
  if (operator) {
    diagnostics.push({
      line: operator.first,
      severity: 'warning',
      message: `kubescape skipped ${plural(operator.count, 'node and file check')}: its CLI reads the Kubernetes API, and these checks read files and process arguments on the nodes, which only kubescape's host scanner collects (the Kubescape operator; kubescape v2 could deploy it for one scan with --enable-host-scan). They are shown as not checked; install the Kubescape operator, or run kube-bench on the nodes, to check them.`,
    });
  }
  const irrelevant = skipped.get('nothing-to-inspect');
  if (irrelevant) {
    diagnostics.push({
      line: irrelevant.first,
      severity: 'info',
      message: `${plural(irrelevant.count, 'control')} found nothing of the kind ${irrelevant.count === 1 ? 'it checks' : 'they check'} (kubescape's "irrelevant"): shown as not checked, not as passed.`,
    });
  }
  if (withoutCisId > 0) {
    diagnostics.push({
      severity: 'warning',
      message: `${plural(withoutCisId, 'control')} of "${framework.name}" ${withoutCisId === 1 ? 'carries no CIS number in its name and is' : 'carry no CIS number in their names and are'} shown under kubescape's control id.`,
    });
  }
  return run;
}
