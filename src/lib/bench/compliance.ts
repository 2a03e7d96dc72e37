import type { BenchRun, Diagnostic, Section } from './types';
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

// Top-level section titles as the CIS benchmarks print them; Trivy and kubescape print ids only. The managed-service
// benchmarks (EKS, AKS, GKE) start at 2 with what the provider leaves to the user.
const CIS_KUBERNETES_SECTIONS: Readonly<Record<string, string>> = {
  '1': 'Control Plane Components',
  '2': 'etcd',
  '3': 'Control Plane Configuration',
  '4': 'Worker Nodes',
  '5': 'Policies',
};
const CIS_MANAGED_SECTIONS: Readonly<Record<string, string>> = {
  '2': 'Control Plane Configuration',
  '3': 'Worker Nodes',
  '4': 'Policies',
  '5': 'Managed services',
};
const CIS_GKE_SECTIONS: Readonly<Record<string, string>> = {
  ...CIS_MANAGED_SECTIONS,
  '4': 'Kubernetes Policies',
  '5': 'Managed Services',
};
const CIS_DOCKER_SECTIONS: Readonly<Record<string, string>> = {
  '4': 'Container Images and Build File Configuration',
};

function sectionTitles(benchmark: string | undefined): Readonly<Record<string, string>> {
  if (!benchmark) return {};
  if (benchmark.startsWith('cis-kubernetes-')) return CIS_KUBERNETES_SECTIONS;
  if (benchmark.startsWith('cis-gke-')) return CIS_GKE_SECTIONS;
  if (/^cis-(?:eks|aks)-/.test(benchmark)) return CIS_MANAGED_SECTIONS;
  if (benchmark.startsWith('cis-docker-')) return CIS_DOCKER_SECTIONS;
  return {};
}

/** The top-level sections the run's findings fall in, titled as their CIS benchmark titles them, in order of first finding. */
function sectionsOf(run: BenchRun): Section[] {
  const titles = sectionTitles(run.benchmark?.id);
  const sections = new Map<string, Section>();
  for (const f of run.findings) {
    const title = titles[f.section];
    if (title && !sections.has(f.section))
      sections.set(f.section, { id: f.section, title, line: f.line });
  }
  return [...sections.values()];
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
  const run =
    report.tool === 'kubescape'
      ? parseKubescapeRun(text, diagnostics)
      : parseTrivyRun(lines, text, report.format, diagnostics);
  if (run.sections.length === 0) run.sections = sectionsOf(run);
  return run;
}
