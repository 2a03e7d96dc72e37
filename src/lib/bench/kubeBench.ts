import type {
  BenchRun,
  CountedTotals,
  Diagnostic,
  Finding,
  NodeTypeTotals,
  PrintedTotals,
  Section,
} from './types';
import { auditErrorsDiagnostic } from './auditErrors';
import { appendAll, plural, truncationDiagnostic } from './diagnostics';
import { countOutcomes as count } from './findings';
import { parseKubeBenchText, type KubeBlock, type KubeReadResult } from './kubeBenchText';
import { parseKubeBenchJson } from './kubeBenchJson';
import { parseKubeBenchJunit } from './kubeBenchJunit';
import type { KubeStructuredResult } from './kubeBenchStructured';
import { detectKubeBench } from './kubeBenchDetect';

function label(b: KubeBlock): string {
  const name = b.nodeType ?? (b.id ? `section ${b.id}` : 'the first section');
  return b.id && b.nodeType ? `${b.nodeType} (section ${b.id})` : name;
}

/** Printed PASS/FAIL/WARN/INFO against what was read; kube-bench WARN is a manual check, INFO an info or skip. */
function mismatches(p: PrintedTotals, c: CountedTotals): string[] {
  const pairs: [string, number | undefined, number][] = [
    ['PASS', p.pass, c.pass],
    ['FAIL', p.fail, c.fail],
    ['WARN', p.warn, c.manual],
    ['INFO', p.info, c.info + c.skip],
  ];
  if (p.checks !== undefined) pairs.push(['in all', p.checks, c.total]);
  return pairs
    .filter(([, printed, counted]) => printed !== undefined && printed !== counted)
    .map(([tag, printed, counted]) => `${printed} checks ${tag} printed, ${counted} read`);
}

function sumPrinted(blocks: KubeBlock[]): PrintedTotals | undefined {
  if (blocks.length === 0 || blocks.some((b) => !b.printed || b.printed.pass === undefined))
    return undefined;
  const sum: PrintedTotals = { pass: 0, fail: 0, warn: 0, info: 0 };
  for (const b of blocks) {
    const p = b.printed as PrintedTotals;
    sum.pass = (sum.pass as number) + (p.pass ?? 0);
    sum.fail = (sum.fail as number) + (p.fail ?? 0);
    sum.warn = (sum.warn as number) + (p.warn ?? 0);
    sum.info = (sum.info as number) + (p.info ?? 0);
  }
  return sum;
}

function sumJunit(blocks: KubeBlock[]): PrintedTotals | undefined {
  if (blocks.length === 0 || blocks.some((b) => b.printed?.checks === undefined)) return undefined;
  let checks = 0;
  let fail = 0;
  for (const b of blocks) {
    checks += b.printed?.checks ?? 0;
    fail += b.printed?.fail ?? 0;
  }
  return { checks, fail };
}

/** Whether a summary printed all four of its lines; kube-bench always prints them, so fewer means it was cut. */
function hasCounts(p: PrintedTotals | undefined): boolean {
  return (
    p !== undefined &&
    p.pass !== undefined &&
    p.fail !== undefined &&
    p.warn !== undefined &&
    p.info !== undefined
  );
}

function textCompleteness(r: KubeReadResult, diagnostics: Diagnostic[]): boolean {
  const lastBlock = r.blocks[r.blocks.length - 1];
  const last = r.findings[r.findings.length - 1];
  if (r.sawTotal && hasCounts(r.total)) return true;
  if (r.sawTotal) {
    if (last)
      diagnostics.push(
        truncationDiagnostic(last, 'all the lines of the "== Summary total ==" block')
      );
    return false;
  }
  if (lastBlock && lastBlock.sawSummary && hasCounts(lastBlock.printed)) {
    diagnostics.push({
      code: 'no-total-block',
      severity: 'info',
      message: r.oldLayout
        ? 'kube-bench before v0.5.0 prints "== Summary ==" without a node type and no "== Summary total ==", so whether every section of the run was pasted cannot be checked.'
        : 'There is no "== Summary total ==" block: the run used --nototals, or the paste stops before the grand total. Every section that is present ends with its own summary.',
    });
    return true;
  }
  if (last) {
    const what = lastBlock?.sawRemediations
      ? `the "== Summary ${lastBlock.nodeType ?? ''} ==" block`.replace('  ', ' ')
      : 'the "== Remediations ==" and "== Summary ==" blocks';
    diagnostics.push(truncationDiagnostic(last, what));
  }
  return false;
}

function blockDiagnostics(
  r: KubeReadResult,
  diagnostics: Diagnostic[],
  format: BenchRun['format']
): void {
  for (const b of r.blocks) {
    const c = count(b.findings);
    if (b.printed && b.sawSummary) {
      const off = mismatches(b.printed, c);
      if (off.length > 0) {
        diagnostics.push({
          code: 'totals-mismatch',
          line: b.line,
          severity: 'warning',
          message: `The summary of ${label(b)} does not match the results read: ${off.join('; ')}. Lines may be missing from the paste${format === 'text' ? '' : ', or the file was trimmed'}.`,
        });
      }
    }
    if (format !== 'text') continue;
    const needing = b.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'manual');
    const without = needing.filter(
      (f) => f.remediation === undefined && f.auditError === undefined
    );
    if (b.sawRemediations && without.length > b.emptyRemediations) {
      const first = without[0] as Finding;
      diagnostics.push({
        code: 'missing-remediations',
        line: first.line,
        severity: 'warning',
        message: `${plural(without.length - b.emptyRemediations, 'failed or manual check')} of ${label(b)} ${without.length - b.emptyRemediations === 1 ? 'has' : 'have'} no entry under "== Remediations ==" (the first is ${first.id}, line ${first.line}).`,
      });
    }
    if (b.emptyRemediations > 0) {
      diagnostics.push({
        code: 'empty-remediations',
        line: b.line,
        severity: 'info',
        message: `kube-bench printed an empty remediation for ${plural(b.emptyRemediations, 'check')} of ${label(b)}; the benchmark gives no fix text for ${b.emptyRemediations === 1 ? 'it' : 'them'}.`,
      });
    }
    if (!b.sawRemediations && b.sawSummary && needing.length > 0 && b.findings.length > 0) {
      diagnostics.push({
        code: 'no-remediations-block',
        line: b.line,
        severity: 'info',
        message: `${label(b)} has failed or manual checks but no "== Remediations ==" block (the run used --noremediations, or the block was left out of the paste), so no fix text is shown for them.`,
      });
    }
  }
}

function nodeTypes(blocks: KubeBlock[]): NodeTypeTotals[] {
  return blocks.map((b) => {
    const t: NodeTypeTotals = {
      nodeType: b.nodeType ?? 'unknown',
      section: b.id,
      title: b.title,
      line: b.line,
      counted: count(b.findings),
    };
    if (b.printed) t.printed = b.printed;
    return t;
  });
}

function sections(blocks: KubeBlock[]): Section[] {
  return blocks.map((b) => {
    const s: Section = { id: b.id, title: b.title, line: b.line };
    if (b.nodeType !== undefined) s.nodeType = b.nodeType;
    return s;
  });
}

/** Reads kube-bench output (text, JSON or JUnit XML) into a BenchRun with per-node-type totals and the detected benchmark. */
export function parseKubeBenchRun(
  lines: string[],
  text: string,
  format: BenchRun['format'],
  diagnostics: Diagnostic[]
): BenchRun {
  const r: KubeReadResult | KubeStructuredResult =
    format === 'json'
      ? parseKubeBenchJson(text)
      : format === 'junit'
        ? // The lines, cut to the length limit like every text line, not the raw text.
          parseKubeBenchJunit(lines.join('\n'))
        : parseKubeBenchText(lines);
  appendAll(diagnostics, r.diagnostics);
  const run: BenchRun = {
    tool: 'kube-bench',
    format,
    sections: sections(r.blocks),
    findings: r.findings,
    totals: { counted: count(r.findings) },
    nodeTypes: nodeTypes(r.blocks),
    complete: false,
    diagnostics,
  };
  if (r.sawTotal && r.total) run.totals.printed = r.total;
  else {
    const sum = format === 'junit' ? sumJunit(r.blocks) : sumPrinted(r.blocks);
    if (sum) run.totals.printed = sum;
  }
  const structured = format === 'text' ? undefined : (r as KubeStructuredResult);
  if (structured) {
    run.complete = structured.whole && r.findings.length > 0;
    const last = r.findings[r.findings.length - 1];
    if (!structured.whole && last)
      diagnostics.push(
        truncationDiagnostic(
          last,
          format === 'json'
            ? 'the closing brackets (and the "Totals" of a whole run)'
            : 'the closing </testsuite> tags'
        )
      );
    if (structured.whole && r.findings.length === 0 && r.blocks.length > 0) {
      run.complete = true;
      diagnostics.push({
        code: 'empty-sections',
        severity: 'info',
        message: `The run holds ${plural(r.blocks.length, 'section')} without any check (kube-bench prints an empty section for targets such as "master" on managed clusters).`,
      });
    }
  } else {
    run.complete = textCompleteness(r, diagnostics);
  }
  if (!run.complete && r.findings.length > 0)
    run.incompleteAfter = (r.findings[r.findings.length - 1] as Finding).id;
  blockDiagnostics(r, diagnostics, format);
  const audits = auditErrorsDiagnostic(r.findings);
  if (audits) diagnostics.push(audits);
  if (r.sawTotal && r.total && run.complete) {
    const off = mismatches(r.total, run.totals.counted);
    if (off.length > 0)
      diagnostics.push({
        code: 'totals-mismatch',
        severity: 'warning',
        message: `The grand total does not match the results read: ${off.join('; ')}.`,
      });
  }
  const d = detectKubeBench(r.printedTitles, structured?.version);
  if (d.benchmark) run.benchmark = d.benchmark;
  if (d.checkSet) run.checkSet = d.checkSet;
  if (!d.benchmark && r.findings.length > 0) {
    const legacy =
      r.blocks.some((b) => b.findings.some((f) => f.group === '1.1')) &&
      r.findings.some(
        (f) => f.id.startsWith('1.1.') && /anonymous-auth|basic-auth-file/.test(f.title)
      );
    diagnostics.push({
      code: 'benchmark-unknown',
      severity: 'info',
      message: legacy
        ? 'The API server checks are numbered 1.1.x, the layout of kube-bench configs from before CIS Kubernetes 1.5 (2019 and earlier); those configs are no longer shipped, so the benchmark version cannot be named.'
        : 'The checks read do not match any kube-bench benchmark config closely enough to name the benchmark.',
    });
  }
  return run;
}
