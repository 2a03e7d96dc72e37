import type { BenchRun, Diagnostic, DiagnosticCode } from './types';
import { normaliseInput } from './normalise';
import { sniff } from './sniff';
import { emptyRun } from './run';
import { parseDockerBenchSecurityRun } from './dockerBenchSecurity';
import { parseAquasecRun } from './aquasec';
import { parseKubeBenchRun } from './kubeBench';
import { parseComplianceReport, sniffCompliance } from './compliance';

export type {
  AuditErrorCode,
  BenchRun,
  BenchTool,
  CountedTotals,
  DetectedBenchmark,
  Diagnostic,
  DiagnosticCode,
  FailedResource,
  Finding,
  KubeNodeType,
  NodeTypeTotals,
  Outcome,
  PrintedTotals,
  Section,
  ToolSeverity,
} from './types';
export { MAX_RESOURCES } from './types';
export { normaliseInput, stripAnsi } from './normalise';
export { mayBeKubeBench } from './sniff';

// Markdown fences around a pasted JSON document are not part of it.
const FENCE_LINE = /^[ \t]*(?:```|~~~).*$/gm;

// Diagnostics that already say why a run holds no results.
const STOPPED: ReadonlySet<DiagnosticCode> = new Set([
  'daemon-unreachable',
  'tool-stopped',
  'no-cis-framework',
]);

function summaryOnlyDiagnostic(what: string): Diagnostic {
  return {
    code: 'summary-only',
    severity: 'error',
    message: `Only the summary at the end of ${what} was pasted ("== Summary ==" and its counts), not the check results above it. Copy the whole output, from its first "[INFO]" line down to the last summary, and paste it again.`,
  };
}

function parse(input: string | Uint8Array): BenchRun {
  const n = normaliseInput(input);
  const diagnostics = n.diagnostics;
  if (n.binary) {
    diagnostics.push({
      code: 'binary-input',
      severity: 'error',
      message:
        'This looks like a binary file (an image, an archive or similar), not the text a benchmark tool prints. Paste or upload the text output instead.',
    });
    return emptyRun('unknown', 'text', diagnostics);
  }
  if (n.text.trim() === '') {
    diagnostics.push({
      code: 'empty-input',
      severity: 'error',
      message:
        'The input is empty. Paste the output of docker-bench-security, aquasecurity/docker-bench, kube-bench, Trivy, trivy-operator or kubescape.',
    });
    return emptyRun('unknown', 'text', diagnostics);
  }
  const jsonText = () =>
    n.text.indexOf('```') >= 0 || n.text.indexOf('~~~') >= 0
      ? n.text.replace(FENCE_LINE, '')
      : n.text;
  const compliance = sniffCompliance(n.text, n.lines);
  if (compliance)
    return checkResults(parseComplianceReport(compliance, n.lines, jsonText(), diagnostics));
  const s = sniff(n.text, n.lines);
  if (s.summaryOnly && s.tool === 'unknown') {
    diagnostics.push(summaryOnlyDiagnostic('a run'));
    return emptyRun('unknown', 'text', diagnostics);
  }
  let run: BenchRun;
  if (s.tool === 'docker-bench-security') {
    run = parseDockerBenchSecurityRun(
      n.lines,
      s.format === 'json' ? jsonText() : n.text,
      s.format === 'json' ? 'json' : 'text',
      diagnostics
    );
  } else if (s.tool === 'aquasec-docker-bench') {
    run = parseAquasecRun(n.lines, jsonText(), s.format === 'json' ? 'json' : 'text', diagnostics);
  } else if (s.tool === 'kube-bench') {
    run = parseKubeBenchRun(
      n.lines,
      jsonText(),
      s.format === 'none' ? 'text' : s.format,
      diagnostics
    );
  } else {
    diagnostics.push({
      code: 'not-recognised',
      severity: 'error',
      message:
        s.format === 'json'
          ? 'This JSON is not a benchmark report this page knows: it has no docker-bench "id"/"result" fields and no aquasecurity "test_number"/"status" fields.'
          : 'No benchmark results were found. docker-bench-security prints lines like "[WARN] 5.10 - Ensure ..." and aquasecurity/docker-bench lines like "[FAIL] 5.10 Ensure ..."; none are in this text.',
    });
    return emptyRun('unknown', s.format === 'json' ? 'json' : 'text', diagnostics);
  }
  if (s.summaryOnly) {
    run.complete = false;
    run.diagnostics.push(summaryOnlyDiagnostic('a kube-bench run'));
    return run;
  }
  return checkResults(run);
}

/** Says so when a recognised run holds no results and no diagnostic already explains why. */
function checkResults(run: BenchRun): BenchRun {
  if (
    run.findings.length === 0 &&
    !(run.tool === 'kube-bench' && run.complete) &&
    !run.diagnostics.some((d) => STOPPED.has(d.code))
  ) {
    run.diagnostics.push({
      code: 'no-results',
      severity: 'error',
      message: 'The tool was recognised, but no check results could be read from this input.',
    });
  }
  return run;
}

/** Parses a docker-bench-security, aquasecurity/docker-bench, kube-bench, Trivy, trivy-operator or kubescape run (text, JSON, YAML or kube-bench JUnit, any encoding) into a BenchRun; never throws. */
export function parseBenchRun(input: string | Uint8Array): BenchRun {
  try {
    return parse(input);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return emptyRun('unknown', 'text', [
      {
        code: 'internal-error',
        severity: 'error',
        message: `The input could not be read because of an internal error (${detail.slice(0, 200)}). Please report it with the text you pasted.`,
      },
    ]);
  }
}
