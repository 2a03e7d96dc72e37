import type {
  BenchRun,
  BenchTool,
  CountedTotals,
  Diagnostic,
  Finding,
  PrintedTotals,
  Section,
} from './types';
import { normaliseInput } from './normalise';
import { lastDbsRun, parseDbsText, readBanner } from './dockerBenchSecurityText';
import { parseDbsJson } from './dockerBenchSecurityJson';
import { lastAquasecRun, parseAquasecJson, parseAquasecText } from './aquasec';
import { detectAquasec, detectDbs, sniff } from './detect';
import { scanJson } from './tolerantJson';
import { parseKubeBenchRun } from './kubeBench';

export type {
  BenchRun,
  BenchTool,
  CountedTotals,
  DetectedBenchmark,
  Diagnostic,
  Finding,
  KubeNodeType,
  NodeTypeTotals,
  Outcome,
  PrintedTotals,
  Section,
} from './types';
export { normaliseInput, stripAnsi } from './normalise';

const NO_FOOTER_VERSIONS = new Set(['1.3.0', '1.3.1', '1.3.2', '1.3.3']);

function countOutcomes(findings: Finding[]): CountedTotals {
  const counted: CountedTotals = {
    fail: 0,
    pass: 0,
    manual: 0,
    info: 0,
    skip: 0,
    total: findings.length,
  };
  for (const f of findings) counted[f.outcome]++;
  return counted;
}

function emptyRun(tool: BenchTool, format: 'text' | 'json', diagnostics: Diagnostic[]): BenchRun {
  return {
    tool,
    format,
    sections: [],
    findings: [],
    totals: { counted: countOutcomes([]) },
    complete: false,
    diagnostics,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function truncationMessage(last: Finding, what: string): Diagnostic {
  return {
    line: last.line,
    severity: 'warning',
    message: `The output stops after check ${last.id} (line ${last.line}) without ${what}, so the rest of the run is missing. Copy the whole output, down to its last line, to see every finding.`,
  };
}

function assemble(
  tool: BenchTool,
  format: 'text' | 'json',
  sections: Section[],
  findings: Finding[],
  printed: PrintedTotals | undefined,
  diagnostics: Diagnostic[]
): BenchRun {
  const run: BenchRun = {
    tool,
    format,
    sections,
    findings,
    totals: { counted: countOutcomes(findings) },
    complete: false,
    diagnostics,
  };
  if (printed) run.totals.printed = printed;
  return run;
}

function parseDbsTextRun(lines: string[], diagnostics: Diagnostic[]): BenchRun {
  const { start, runs } = lastDbsRun(lines);
  if (runs > 1) {
    diagnostics.push({
      line: start + 1,
      severity: 'info',
      message: `This log holds ${runs} runs appended one after another (the tool adds to its log file on every run); the last run, from line ${start + 1}, is shown.`,
    });
  }
  const r = parseDbsText(lines, start);
  let toolVersion = r.toolVersion;
  let cisLine = r.cisLine;
  if (start > 0 && (!toolVersion || !cisLine)) {
    const earlier = readBanner(lines, 0, start);
    toolVersion ??= earlier.toolVersion;
    cisLine ??= earlier.cisLine;
  }
  diagnostics.push(...r.diagnostics);
  const run = assemble(
    'docker-bench-security',
    'text',
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  if (toolVersion) run.toolVersion = toolVersion;
  const d = detectDbs(r.findings, toolVersion, cisLine);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  const last = r.findings[r.findings.length - 1];
  if (r.sawFooter) {
    run.complete = true;
  } else if (
    last &&
    d.lastId &&
    last.id === d.lastId &&
    (!toolVersion || NO_FOOTER_VERSIONS.has(toolVersion))
  ) {
    run.complete = true;
    diagnostics.push({
      severity: 'info',
      message: `This release prints no "Checks:" or "Score:" totals; the run ends with its last check, ${last.id}, so it looks whole.`,
    });
  } else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push(
      truncationMessage(last, 'the "Checks:" and "Score:" totals the tool prints at the end')
    );
  }
  if (r.findings.length > 0 && r.sections.length === 0) {
    diagnostics.push({
      severity: 'info',
      message: `The output has no section headers, as when only chosen checks are run (the -c option) or the paste starts part-way; ${plural(r.findings.length, 'check')} ${r.findings.length === 1 ? 'is' : 'are'} in it.`,
    });
  }
  return run;
}

function parseDbsJsonRun(text: string, diagnostics: Diagnostic[]): BenchRun {
  const r = parseDbsJson(text);
  diagnostics.push(...r.diagnostics);
  const run = assemble(
    'docker-bench-security',
    'json',
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  if (r.toolVersion) run.toolVersion = r.toolVersion;
  const d = detectDbs(r.findings, r.toolVersion, undefined);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  const last = r.findings[r.findings.length - 1];
  if (r.whole) run.complete = true;
  else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push(truncationMessage(last, 'the closing "checks", "score" and "end" fields'));
  }
  if (
    r.layout === 'flat' &&
    run.totals.printed?.checks !== undefined &&
    run.totals.printed.checks !== r.findings.length
  ) {
    diagnostics.push({
      severity: 'info',
      message: `The file's own total says ${run.totals.printed.checks} checks but it records ${r.findings.length}: this early JSON layout leaves some checks out (${run.totals.printed.checks - r.findings.length} here). The text log of the same run has them all.`,
    });
  }
  return run;
}

function parseAquasecRun(
  lines: string[],
  text: string,
  format: 'text' | 'json',
  diagnostics: Diagnostic[]
): BenchRun {
  let r;
  if (format === 'json') {
    r = parseAquasecJson(scanJson(text));
  } else {
    const { start, runs } = lastAquasecRun(lines);
    if (runs > 1) {
      diagnostics.push({
        line: start + 1,
        severity: 'info',
        message: `This file holds ${runs} runs one after another; the last one, from line ${start + 1}, is shown.`,
      });
    }
    r = parseAquasecText(lines, start);
  }
  diagnostics.push(...r.diagnostics);
  const run = assemble(
    'aquasec-docker-bench',
    format,
    r.sections,
    r.findings,
    r.printed,
    diagnostics
  );
  const d = detectAquasec(r.findings, r.controlsId);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  if (r.controlsId === undefined && r.findings.length > 0) {
    diagnostics.push({
      severity: 'info',
      message:
        'The header line "[INFO] 18.09 CIS Docker ..." (or 20.04, 20.10) is missing, so the benchmark is guessed from the checks.',
    });
  }
  const p = r.printed;
  const last = r.findings[r.findings.length - 1];
  if (
    r.sawSummary &&
    p &&
    p.pass !== undefined &&
    p.fail !== undefined &&
    p.warn !== undefined &&
    p.info !== undefined
  ) {
    run.complete = true;
  } else if (last) {
    run.incompleteAfter = last.id;
    diagnostics.push(
      truncationMessage(
        last,
        r.sawRemediations
          ? 'the "== Summary ==" block'
          : 'the "== Remediations ==" and "== Summary ==" blocks'
      )
    );
  }
  return run;
}

function checkTotals(run: BenchRun): void {
  const p = run.totals.printed;
  const c = run.totals.counted;
  if (!p || !run.complete) return;
  if (run.tool === 'docker-bench-security' && p.checks !== undefined && p.checks !== c.total) {
    if (
      run.format === 'json' &&
      run.diagnostics.some((d) => d.message.includes('early JSON layout leaves'))
    )
      return;
    run.diagnostics.push({
      severity: 'warning',
      message: `The report's own total says ${plural(p.checks, 'check')}, but ${c.total} check results were read. Lines may be missing from the paste, or the tool counted differently.`,
    });
  }
  if (run.tool === 'aquasec-docker-bench') {
    const pairs: [string, number | undefined, number][] = [
      ['PASS', p.pass, c.pass],
      ['FAIL', p.fail, c.fail],
      ['WARN', p.warn, c.manual],
      ['INFO', p.info, c.info],
    ];
    const off = pairs.filter(
      ([, printed, counted]) => printed !== undefined && printed !== counted
    );
    if (off.length > 0) {
      run.diagnostics.push({
        severity: 'warning',
        message: `The "== Summary ==" block does not match the results read: ${off.map(([tag, printed, counted]) => `${printed} checks ${tag} printed, ${counted} read`).join('; ')}. Lines may be missing from the paste.`,
      });
    }
  }
}

function parse(input: string | Uint8Array): BenchRun {
  const n = normaliseInput(input);
  const diagnostics = n.diagnostics;
  if (n.binary) {
    diagnostics.push({
      severity: 'error',
      message:
        'This looks like a binary file (an image, an archive or similar), not the text a benchmark tool prints. Paste or upload the text output instead.',
    });
    return emptyRun('unknown', 'text', diagnostics);
  }
  if (n.text.trim() === '') {
    diagnostics.push({
      severity: 'error',
      message:
        'The input is empty. Paste the output of docker-bench-security, aquasecurity/docker-bench or kube-bench.',
    });
    return emptyRun('unknown', 'text', diagnostics);
  }
  const s = sniff(n.text, n.lines);
  const jsonText = () =>
    n.text.indexOf('```') >= 0 || n.text.indexOf('~~~') >= 0
      ? n.text.replace(/^[ \t]*(?:```|~~~).*$/gm, '')
      : n.text;
  let run: BenchRun;
  if (s.tool === 'docker-bench-security') {
    run =
      s.format === 'json'
        ? parseDbsJsonRun(jsonText(), diagnostics)
        : parseDbsTextRun(n.lines, diagnostics);
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
      severity: 'error',
      message:
        s.format === 'json'
          ? 'This JSON is not a benchmark report this page knows: it has no docker-bench "id"/"result" fields and no aquasecurity "test_number"/"status" fields.'
          : 'No benchmark results were found. docker-bench-security prints lines like "[WARN] 5.10 - Ensure ..." and aquasecurity/docker-bench lines like "[FAIL] 5.10 Ensure ..."; none are in this text.',
    });
    return emptyRun('unknown', s.format === 'json' ? 'json' : 'text', diagnostics);
  }
  if (run.findings.length === 0 && !(run.tool === 'kube-bench' && run.complete)) {
    run.diagnostics.push({
      severity: 'error',
      message: 'The tool was recognised, but no check results could be read from this input.',
    });
  }
  checkTotals(run);
  return run;
}

/** Parses a docker-bench-security, aquasecurity/docker-bench or kube-bench run (text, JSON or kube-bench JUnit, any encoding) into a BenchRun; never throws. */
export function parseBenchRun(input: string | Uint8Array): BenchRun {
  try {
    return parse(input);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return emptyRun('unknown', 'text', [
      {
        severity: 'error',
        message: `The input could not be read because of an internal error (${detail.slice(0, 200)}). Please report it with the text you pasted.`,
      },
    ]);
  }
}
