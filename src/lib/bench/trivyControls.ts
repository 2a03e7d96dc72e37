import type { Diagnostic, PrintedTotals } from './types';
import type { ResourceList } from './failedResources';

/** One control of a Trivy compliance report as read, before it becomes a finding. */
export interface TrivyControl {
  id: string;
  /** The name as printed, "(Manual)" and all. */
  name: string;
  severity?: string;
  line: number;
  /**
   * Trivy's verdict: FAIL with issues, PASS without, MANUAL for "Manual" controls (Trivy prints "-"), NONE when an
   * old report counts neither passes nor failures (nothing was checked).
   */
  verdict: 'FAIL' | 'PASS' | 'MANUAL' | 'NONE';
  /** Trivy's "Issues" count (TotalFail): failing results, one per object and check. */
  issues?: number;
  /** Old reports (before v0.35): results that passed. */
  passes?: number;
  /** What it failed on, from `--report all` and trivy-operator's detail report. */
  resources?: ResourceList;
  /** The old table's compliance percentage, as printed. */
  compliance?: string;
}

/** What a Trivy reader found, whatever the layout. */
export interface TrivyRead {
  layout:
    | 'summary-json'
    | 'all-json'
    | 'table'
    | 'operator-summary'
    | 'operator-detail'
    | 'operator-control-check';
  /** Reports older than Trivy v0.35 (TotalPass/TotalFail as floats, or a "Compliance" percentage column). */
  before035?: boolean;
  specId?: string;
  specTitle?: string;
  controls: TrivyControl[];
  /** Controls the report's own spec maps to no check (trivy-operator repeats the spec). */
  noCheck?: Set<string>;
  /** The report was read to its end. */
  whole: boolean;
  /** trivy-operator's status.summary counts (manual controls count as passes there). */
  printed?: PrintedTotals;
  toolVersion?: string;
  diagnostics: Diagnostic[];
}

/** Trivy's own test for a manual control (pkg/compliance/report/summary.go): its name contains "Manual". */
export function isManualName(name: string): boolean {
  return name.includes('Manual');
}
