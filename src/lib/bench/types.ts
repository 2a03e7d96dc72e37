/** Which program wrote a benchmark run. */
export type BenchTool = 'docker-bench-security' | 'aquasec-docker-bench' | 'kube-bench' | 'unknown';

/** What a finding means for the worksheet, whatever tag the tool printed. */
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
  /** Why the check's audit could not do its job, in a short sentence; the result then says nothing about the host. */
  auditError?: string;
  /** What kind of failure `auditError` describes; set whenever `auditError` is. */
  auditErrorCode?: AuditErrorCode;
}

/**
 * Why an audit could not run. Docker runs: no access to the Docker socket or daemon, nothing to inspect (no
 * containers, images or networks), a missing program (auditctl, ausearch, systemctl ...), an option the local
 * program lacks (BSD `stat -c`), a crashing docker CLI (Go panics, template errors). kube-bench says so itself.
 */
export type AuditErrorCode =
  | 'no-daemon-access'
  | 'nothing-to-inspect'
  | 'missing-program'
  | 'unsupported-option'
  | 'docker-cli-crash'
  | 'audit-did-not-run';

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
  | 'benchmark-unknown';

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

export interface BenchRun {
  tool: BenchTool;
  /** 'junit' only for kube-bench --junit XML. */
  format: 'text' | 'json' | 'junit';
  toolVersion?: string;
  benchmark?: DetectedBenchmark;
  /** The tool release line whose check numbering the run follows, e.g. 'docker-bench-security-1.6.1'. */
  checkSet?: string;
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
