/** Which program wrote a benchmark run; 'trivy' covers the Trivy CLI and trivy-operator's ClusterComplianceReport. */
export type BenchTool =
  | 'docker-bench-security'
  | 'aquasec-docker-bench'
  | 'kube-bench'
  | 'trivy'
  | 'kubescape'
  | 'unknown';

/**
 * What a finding means for the worksheet, whatever tag the tool printed. 'skip' is a result the tool did not
 * check (kube-bench skips, kubescape's skipped and irrelevant controls, Trivy's control-plane passes on a cluster
 * whose control plane it cannot see): it is never a pass, and `auditErrorCode` says why when the tool tells.
 */
export type Outcome = 'fail' | 'pass' | 'manual' | 'info' | 'skip';

export interface Finding {
  id: string;
  title: string;
  /** The tag as printed: WARN, PASS, FAIL, NOTE, INFO ... */
  status: string;
  outcome: Outcome;
  scored?: boolean;
  /** Top-level section id, e.g. "5". */
  section: string;
  details: string[];
  remediation?: string;
  /** 1-based line in the normalised input. */
  line: number;
  /** kube-bench: the node type whose checks these are (master, node, etcd, controlplane, policies, managedservices ...). */
  nodeType?: KubeNodeType;
  /** kube-bench: the sub-section (group) id, e.g. "1.2" or "5.1"; STIG ids like V-242381 say nothing about it. */
  group?: string;
  /** Why the check's audit could not do its job, in a short sentence; the result then says nothing about the host or cluster. */
  auditError?: string;
  /** What kind of failure `auditError` describes; set whenever `auditError` is. */
  auditErrorCode?: AuditErrorCode;
  /** Trivy and kubescape: the tool's own severity for the control. */
  toolSeverity?: ToolSeverity;
  /** Trivy and kubescape: what the result failed on, at most MAX_RESOURCES of them, in the tool's order. */
  resources?: FailedResource[];
  /** How many more resources failed than `resources` holds. */
  resourcesOmitted?: number;
}

/**
 * Why an audit could not run. Docker runs: no access to the Docker socket or daemon, nothing to inspect (no
 * containers, images or networks), a missing program (auditctl, ausearch, systemctl ...), an option the local
 * program lacks (BSD `stat -c`), a crashing docker CLI (Go panics, template errors). kube-bench says so itself.
 */
export type AuditFailureCode =
  | 'no-daemon-access'
  | 'nothing-to-inspect'
  | 'missing-program'
  | 'unsupported-option'
  | 'docker-cli-crash'
  | 'audit-did-not-run';

/**
 * Why Trivy or kubescape did not check a control. Trivy: a control-plane pass when nothing in the report shows
 * Trivy saw the control plane, or a control its spec maps to no check. kubescape: a control only its operator
 * checks, one that needs configuring or an integration, one it did not evaluate or that failed with an error;
 * nothing of the kind it checks in the cluster is 'nothing-to-inspect'. Such results are never passes (outcome 'skip').
 */
export type NotCheckedCode =
  | 'control-plane-not-visible'
  | 'no-automated-check'
  | 'requires-operator'
  | 'needs-configuration'
  | 'needs-integration'
  | 'not-evaluated'
  | 'scan-error';

export type AuditErrorCode = AuditFailureCode | NotCheckedCode;

/** Severity as Trivy prints it; kubescape's score factors map onto the same words. */
export type ToolSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN';

/** A Kubernetes object, image or file a result failed on, as the tool names it. */
export interface FailedResource {
  /** Kind as Kubernetes spells it (Deployment, ClusterRole, Node ...); '' when the tool does not say. */
  kind: string;
  name: string;
  namespace?: string;
  /** What failed on it: check ids with their messages, or the fields to fix; a few hundred characters at most. */
  detail?: string;
}

/** The most resources a finding keeps; `resourcesOmitted` counts the rest. */
export const MAX_RESOURCES = 50;

/** The kube-bench target a section belongs to; other strings are kept as printed. */
export type KubeNodeType =
  'master' | 'node' | 'etcd' | 'controlplane' | 'policies' | 'managedservices' | (string & {});

export interface Section {
  id: string;
  title: string;
  line: number;
  /** kube-bench: the node type of this top-level section. */
  nodeType?: KubeNodeType;
}

/** What a diagnostic is about; logic tests the code, never the message. */
export type DiagnosticCode =
  | 'empty-input'
  | 'binary-input'
  | 'internal-error'
  | 'not-recognised'
  | 'no-results'
  | 'summary-only'
  | 'daemon-unreachable'
  | 'tool-stopped'
  | 'utf16-without-bom'
  | 'utf16-misread'
  | 'long-lines-cut'
  | 'several-runs'
  | 'truncated'
  | 'no-totals-printed'
  | 'no-total-block'
  | 'no-section-headers'
  | 'header-missing'
  | 'filtered-output'
  | 'totals-mismatch'
  | 'flat-json-layout'
  | 'flat-json-leaves-checks-out'
  | 'invalid-json'
  | 'json-too-large'
  | 'no-json-results'
  | 'log-lines-before-json'
  | 'versions-differ'
  | 'skipped-lines'
  | 'orphan-details'
  | 'section-skipped'
  | 'not-root'
  | 'unused-total'
  | 'check-without-id'
  | 'unmatched-remediations'
  | 'missing-remediations'
  | 'empty-remediations'
  | 'no-remediations-block'
  | 'empty-sections'
  | 'audit-errors'
  | 'benchmark-unknown'
  | 'invalid-yaml'
  | 'no-cis-framework'
  | 'controls-missing'
  | 'rows-left-out'
  | 'rows-cut-short'
  | 'image-checks-only'
  | 'report-before-trivy-0.35'
  | 'nothing-failed'
  | 'control-plane-not-visible'
  | 'requires-operator'
  | 'nothing-to-inspect'
  | 'no-cis-id';

export interface Diagnostic {
  code: DiagnosticCode;
  line?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface DetectedBenchmark {
  id: string;
  confidence: 'high' | 'medium' | 'low';
  evidence: string;
}

export interface PrintedTotals {
  checks?: number;
  score?: number;
  pass?: number;
  fail?: number;
  warn?: number;
  info?: number;
  note?: number;
  manual?: number;
  skip?: number;
}

export type CountedTotals = Record<Outcome, number> & { total: number };

/** kube-bench: one node type's section with its own "== Summary <type> ==" block and what was read. */
export interface NodeTypeTotals {
  nodeType: KubeNodeType;
  /** Top-level section id, e.g. "1" (Control Plane Security Configuration). */
  section: string;
  title: string;
  line: number;
  /** PASS/FAIL/WARN/INFO as printed in the section's summary (or the JSON total_* fields). */
  printed?: PrintedTotals;
  counted: CountedTotals;
}

/** Trivy's compliance spec or kubescape's framework, as the tool names it. */
export interface ComplianceSpec {
  /** k8s-cis-1.23, cis, docker-cis-1.6.0, cis-v1.23-t1.0.1 ...; for a Trivy table, which prints only the title, the id of the spec with that title. */
  id: string;
  /** Trivy's spec title, e.g. "CIS Kubernetes Benchmarks v1.23". */
  title?: string;
  /** Trivy: the report type, `summary` (each control's count of failures) or `all` (the objects that failed). */
  reportType?: 'summary' | 'all';
  /** Trivy: trivy-operator wrote it, as a ClusterComplianceReport. */
  operator?: boolean;
}

export interface BenchRun {
  tool: BenchTool;
  /** 'junit' only for kube-bench --junit XML, 'yaml' only for `kubectl get clustercompliancereport -o yaml`. */
  format: 'text' | 'json' | 'junit' | 'yaml';
  toolVersion?: string;
  benchmark?: DetectedBenchmark;
  /** The tool release line whose check numbering the run follows, e.g. 'docker-bench-security-1.6.1'. */
  checkSet?: string;
  /** Trivy and kubescape: the compliance spec or framework the run reports on. */
  spec?: ComplianceSpec;
  sections: Section[];
  findings: Finding[];
  totals: { printed?: PrintedTotals; counted: CountedTotals };
  /** kube-bench: totals per node type, in the order the sections appear. */
  nodeTypes?: NodeTypeTotals[];
  complete: boolean;
  /** Id of the last check read when the run is cut short. */
  incompleteAfter?: string;
  diagnostics: Diagnostic[];
}
