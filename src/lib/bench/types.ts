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
}

export interface Section {
  id: string;
  title: string;
  line: number;
}

export interface Diagnostic {
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

export interface BenchRun {
  tool: BenchTool;
  format: 'text' | 'json';
  toolVersion?: string;
  benchmark?: DetectedBenchmark;
  /** The tool release line whose check numbering the run follows, e.g. 'docker-bench-security-1.6.1'. */
  checkSet?: string;
  sections: Section[];
  findings: Finding[];
  totals: { printed?: PrintedTotals; counted: CountedTotals };
  complete: boolean;
  /** Id of the last check read when the run is cut short. */
  incompleteAfter?: string;
  diagnostics: Diagnostic[];
}
