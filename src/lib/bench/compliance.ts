import type { BenchRun, Diagnostic } from './types';
import { parseTrivyRun } from './trivy';
import { parseKubescapeRun } from './kubescape';
import { TABLE_TITLE } from './trivyTable';

/** Recognises Trivy, trivy-operator and kubescape compliance reports and hands them to their readers. */

export interface ComplianceReport {
  tool: 'trivy' | 'kubescape';
  format: 'text' | 'json' | 'yaml';
}

const HEAD = 200_000;
const SNIFF_LINES = 20_000;

const KUBESCAPE_JSON = /"summaryDetails"\s*:|"kubescapeVersion"\s*:/;
const KUBESCAPE_FRAMEWORKS = /"frameworks"\s*:|"controlID"\s*:/;
const TRIVY_SUMMARY_JSON = /"SummaryControls"\s*:/;
const TRIVY_ALL_JSON = /"RelatedResources"\s*:/;
const TRIVY_RESULTS = /"Results"\s*:/;
const OPERATOR_JSON = /"kind"\s*:\s*"ClusterComplianceReport"/;
const OPERATOR_YAML = /^-?\s*kind:\s*["']?ClusterComplianceReport["']?$/;
const TABLE_HEADER = /[│|]\s*ID\s*[│|]\s*Severity\s*[│|]\s*Control Name\s*[│|]/;

/** The first character of the text that is not blank and not inside a Markdown fence line. */
function firstChar(lines: readonly string[]): string {
  for (let i = 0; i < Math.min(lines.length, SNIFF_LINES); i++) {
    const t = (lines[i] as string).trim();
    if (t !== '' && !t.startsWith('```') && !t.startsWith('~~~')) return t.charAt(0);
  }
  return '';
}

/** Which compliance report the input is, from a bounded head of it; undefined for every other input. */
export function sniffCompliance(
  text: string,
  lines: readonly string[]
): ComplianceReport | undefined {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  const first = firstChar(lines);
  if (first === '{' || first === '[') {
    if (KUBESCAPE_JSON.test(head) && KUBESCAPE_FRAMEWORKS.test(head))
      return { tool: 'kubescape', format: 'json' };
    if (
      TRIVY_SUMMARY_JSON.test(head) ||
      (TRIVY_ALL_JSON.test(head) && TRIVY_RESULTS.test(head)) ||
      OPERATOR_JSON.test(head)
    )
      return { tool: 'trivy', format: 'json' };
    return undefined;
  }
  let table = false;
  for (let i = 0; i < Math.min(lines.length, SNIFF_LINES); i++) {
    const line = lines[i] as string;
    // Cheap substring tests first: this loop runs over every input that is not JSON.
    if (line.includes('ClusterComplianceReport') && OPERATOR_YAML.test(line.trim()))
      return { tool: 'trivy', format: 'yaml' };
    if (
      !table &&
      (line.includes(TABLE_TITLE) || (line.includes('Control Name') && TABLE_HEADER.test(line)))
    )
      table = true;
  }
  if (table) return { tool: 'trivy', format: 'text' };
  return undefined;
}

/** Parses a recognised compliance report; `text` is the input without Markdown fences. */
export function parseComplianceReport(
  report: ComplianceReport,
  lines: readonly string[],
  text: string,
  diagnostics: Diagnostic[]
): BenchRun {
  if (report.format !== 'text') {
    // The normaliser cuts very long lines; a JSON or YAML reader reads the whole text, so nothing was lost.
    const i = diagnostics.findIndex((d) => d.code === 'long-lines-cut');
    if (i >= 0) diagnostics.splice(i, 1);
  }
  return report.tool === 'kubescape'
    ? parseKubescapeRun(text, diagnostics)
    : parseTrivyRun(lines, text, report.format, diagnostics);
}
