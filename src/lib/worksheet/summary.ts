import type { BenchRun, CountedTotals, Diagnostic } from '../bench/types';
import { AUDIT_ERROR_LABEL, auditErrorSummary } from './audit-errors';
import { nodeTypeLabel, OUTCOME_LABELS, OUTCOME_ORDER } from './findings';
import { benchmarkName } from './rules';
import { coverageText, notCheckedText, specText } from './compliance';
import { toolName } from '../catalog/numbering';
import { runNumbering } from './numbering';
import { oneLine } from './text';

/** The run summary in words, shared by the page and the Markdown export. */

// How sure the reader is of the benchmark, said only when it is not sure.
const CONFIDENCE_WORDS = { high: '', medium: ', most likely', low: ', a best guess' } as const;

export interface SummaryRow {
  label: string;
  value: string;
}

/** How the tool wrote the run, in words. */
export function formatName(run: Pick<BenchRun, 'tool' | 'format'>): string {
  if (run.format === 'junit') return 'JUnit XML';
  if (run.format === 'yaml') return 'YAML report';
  if (run.format === 'json')
    return run.tool === 'trivy' || run.tool === 'kubescape'
      ? 'JSON report'
      : run.tool === 'kube-bench'
        ? 'JSON output'
        : 'JSON log';
  return 'text output';
}

/** Counts as "123 in all: 11 failed, 45 manual check, ...". */
export function countsText(c: CountedTotals): string {
  return `${c.total} in all: ${OUTCOME_ORDER.map((o) => `${c[o]} ${OUTCOME_LABELS[o].toLowerCase()}`).join(', ')}`;
}

/**
 * Tool, version, benchmark (with how sure and from what), Trivy's spec or kubescape's framework and what it covers, numbering,
 * counts, results whose audit could not run and why results were not checked, counts per kube-bench node type
 * and completeness as label/value rows.
 */
export function summaryRows(run: BenchRun): SummaryRow[] {
  const c = run.totals.counted;
  const audit = auditErrorSummary(run);
  const bench = run.benchmark
    ? `${benchmarkName(run.benchmark.id)}${CONFIDENCE_WORDS[run.benchmark.confidence]}`
    : 'not recognised';
  const optional = (label: string, value: string | undefined): SummaryRow[] =>
    value ? [{ label, value }] : [];
  return [
    {
      label: 'Tool',
      value: `${run.tool === 'unknown' ? 'not recognised' : toolName(run.tool)} (${formatName(run)})`,
    },
    { label: 'Tool version', value: run.toolVersion ? oneLine(run.toolVersion) : 'not printed' },
    { label: 'Benchmark', value: bench },
    ...(run.benchmark
      ? [{ label: 'Recognised from', value: oneLine(run.benchmark.evidence) }]
      : []),
    ...optional(run.tool === 'kubescape' ? 'Framework' : 'Spec', specText(run)),
    ...optional('Covers', coverageText(run)),
    {
      label: 'Check numbering',
      value: run.checkSet
        ? (runNumbering(run) ?? run.checkSet)
        : 'unknown: checks are matched by title only',
    },
    { label: 'Findings', value: countsText(c) },
    ...(audit
      ? [
          {
            label: AUDIT_ERROR_LABEL,
            value: `${audit.total} result${audit.total === 1 ? '' : 's'} (${audit.failed} failed): not evidence, ${audit.total === 1 ? 'it says' : 'they say'} nothing about this host`,
          },
        ]
      : []),
    ...optional('Not checked', notCheckedText(run)),
    ...(run.nodeTypes ?? []).map((n) => ({
      label: `Node type ${nodeTypeLabel(n.nodeType)}`,
      value: `${n.section ? `section ${oneLine(n.section)} ` : ''}${oneLine(n.title)}: ${countsText(n.counted)}`,
    })),
    { label: 'Complete', value: completeness(run) },
  ];
}

/** Whether the run reached its end, and where it stops if not. */
export function completeness(run: BenchRun): string {
  if (run.complete) return 'yes, the run reached its end';
  return run.incompleteAfter
    ? `no: the run stops after check ${oneLine(run.incompleteAfter)}`
    : 'no: the run is cut short';
}

const SEVERITY_WORDS: Record<Diagnostic['severity'], string> = {
  error: 'Problem',
  warning: 'Warning',
  info: 'Note',
};

/** One diagnostic as a sentence with its line. */
export function diagnosticText(d: Diagnostic): string {
  return `${SEVERITY_WORDS[d.severity]}${d.line ? ` (line ${d.line})` : ''}: ${oneLine(d.message)}`;
}
