import type { BenchRun, Finding } from '../bench/types';
import { STRIDE_LABELS } from '../stride';
import type { WorksheetCatalog } from './data';
import { findingName, nodeTypeLabel, OUTCOME_LABELS } from './findings';
import { exerciseNotes, KUBERNETES_EXERCISE_NOTE, unmetRules, worksheetPlatform } from './rules';
import type { ExportedRun, ExportedWorksheet, HardeningPick, Worksheet } from './schema';
import { ownThreatIdOf, ownThreatText, type ComponentNamer, type ThreatModel } from './own-threats';
import { OWN_THREAT, WORKSHEET_FORMAT, WORKSHEET_VERSION } from './worksheet';
import { pickKey } from './state';
import { completeness, diagnosticText, summaryRows } from './summary';
import { codeBlock, escapeInline, escapeMarkdown, escapeTableCell, oneLine } from './text';
import { comparePicks, type PickComparison } from './verify';

/** The worksheet as Markdown for a write-up and as JSON that imports back unchanged (see import-worksheet.ts). */

export interface ExportContext {
  run?: BenchRun;
  afterRun?: BenchRun;
  catalog: WorksheetCatalog;
  now: Date;
  /** Names the components of the user's own threats; without it their ids are shown. */
  componentName?: ComponentNamer;
}

const STATUS_WORDS: Record<HardeningPick['status'], string> = {
  planned: 'planned',
  applied: 'applied, not verified yet',
  verified: 'verified',
};
const MAX_DETAILS = 20;

/** The threat a pick is tied to, in words. */
export function threatText(
  pick: HardeningPick,
  wc: WorksheetCatalog,
  own?: { model: ThreatModel; componentName?: ComponentNamer }
): string {
  if (own && ownThreatIdOf(pick.threat) !== undefined)
    return ownThreatText(own.model, pick.threat, own.componentName);
  if (pick.threat === OWN_THREAT)
    return pick.ownThreat.trim()
      ? `An attack surface of my own Step 1 model: ${oneLine(pick.ownThreat)}`
      : 'An attack surface of my own model (not described yet)';
  const t = wc.threats.get(pick.threat);
  if (!t)
    return pick.threat ? `${oneLine(pick.threat)} (not a threat of this model)` : 'not chosen yet';
  return `${t.id} ${t.title} (${STRIDE_LABELS[t.stride]}${t.fromBrief ? ', one of the five Step 1 threats' : ''})`;
}

function findingLine(f: Pick<Finding, 'status' | 'id' | 'title'>): string {
  return `[${oneLine(f.status)}] ${oneLine(f.id)} ${oneLine(f.title)}`;
}

function beforeAfter(c: PickComparison | undefined, afterRun: BenchRun | undefined): string[] {
  const out = ['| | Before hardening | After hardening |', '|---|---|---|'];
  const before = c?.before;
  const after = c?.after;
  const afterMissing = afterRun
    ? 'not in the run after hardening'
    : 'no run after hardening pasted yet';
  out.push(
    `| Check | ${before ? escapeTableCell(findingName(before)) : 'not in the pasted run'} | ${after ? escapeTableCell(findingName(after)) : escapeTableCell(afterMissing)} |`
  );
  out.push(
    `| Result | ${before ? escapeTableCell(`${OUTCOME_LABELS[before.outcome]} (${before.status}), line ${before.line}`) : ''} | ${after ? escapeTableCell(`${OUTCOME_LABELS[after.outcome]} (${after.status}), line ${after.line}`) : ''} |`
  );
  if (after && c?.matchedBy)
    out.push(
      `| Matched | | ${c.matchedBy === 'concept' ? 'same check concept' : 'same check number'} |`
    );
  return out;
}

function pickSection(
  pick: HardeningPick,
  index: number,
  ctx: ExportContext,
  comparison: PickComparison | undefined,
  model: ThreatModel
): string[] {
  const before = comparison?.before;
  const out = [`### ${index + 1}. ${escapeInline(`${pick.findingId} ${pick.title}`)}`, ''];
  if (before) out.push(codeBlock(findingLine(before)), '');
  if (pick.nodeType) out.push(`- **Node type:** ${escapeInline(nodeTypeLabel(pick.nodeType))}`);
  out.push(
    `- **Threat:** ${escapeInline(threatText(pick, ctx.catalog, { model, ...(ctx.componentName ? { componentName: ctx.componentName } : {}) }))}`
  );
  out.push(`- **Status:** ${STATUS_WORDS[pick.status]}`);
  if (pick.status === 'verified') {
    out.push(
      pick.evidence
        ? `- **Evidence:** ${escapeInline(`the run after hardening reports ${findingLine({ ...pick.evidence, id: pick.evidence.findingId })}${pick.evidence.nodeType ? ` under node type ${nodeTypeLabel(pick.evidence.nodeType)}` : ''} (line ${pick.evidence.line}, matched by ${pick.evidence.matchedBy === 'concept' ? 'check concept' : 'check number'})`)}`
        : '- **Evidence:** marked verified by hand; no run after hardening shows it yet'
    );
  }
  const concept = pick.concept ? ctx.catalog.concepts.get(pick.concept) : undefined;
  if (concept) out.push(`- **Check concept:** ${escapeInline(concept.name)}`);
  out.push(
    '',
    '#### Why I harden it',
    '',
    pick.why.trim() ? escapeMarkdown(pick.why.trim()) : '_Not written yet._',
    ''
  );
  out.push(
    '#### Hardening steps',
    '',
    pick.steps.trim() ? codeBlock(pick.steps.trim()) : '_Not written yet._',
    ''
  );
  out.push(
    '#### How to verify',
    '',
    pick.verify.trim() ? codeBlock(pick.verify.trim()) : '_Not written yet._',
    ''
  );
  if (before && before.details.length > 0) {
    const shown = before.details.slice(0, MAX_DETAILS);
    const more = before.details.length - shown.length;
    out.push(
      '#### What the benchmark reported',
      '',
      codeBlock(shown.join('\n')),
      ...(more > 0 ? ['', `_…and ${more} more line${more === 1 ? '' : 's'}._`] : []),
      ''
    );
  }
  out.push('#### Before and after', '', ...beforeAfter(comparison, ctx.afterRun), '');
  return out;
}

const TASK_TEXT = {
  docker:
    'The task: three failed findings, each tied to a threat of the Step 1 model; at least one is not among the checks the exercise already hardened (the memory limit, the on-failure restart policy and docker exec with --privileged, numbered 5.10, 5.14 and 5.22 in CIS Docker 1.2.0). Checks are compared by what they test, not by number.',
  kubernetes: `The task: three failed findings of the kube-bench run, each tied to a threat of the Step 1 model. ${KUBERNETES_EXERCISE_NOTE}`,
} as const;

/** The title of the write-up: which tool's run it analyses. */
export function reportTitle(ws: Pick<Worksheet, 'picks'>, run: BenchRun | undefined): string {
  return worksheetPlatform(ws, run) === 'kubernetes'
    ? 'kube-bench run results and analysis'
    : 'Docker-bench run results and analysis';
}

/** The worksheet as a Markdown write-up: the run, the three picks with threat, reasons, steps, verification and before/after. */
export function worksheetMarkdown(ws: Worksheet, ctx: ExportContext): string {
  const { run, afterRun } = ctx;
  const out: string[] = [`## ${reportTitle(ws, run)}`, ''];
  out.push(
    `_Written with the container-stride hardening worksheet on ${ctx.now.toISOString().slice(0, 10)}._`,
    ''
  );
  out.push('### The run', '');
  if (run) {
    out.push(
      '| | |',
      '|---|---|',
      ...summaryRows(run).map(
        (r) => `| ${escapeTableCell(r.label)} | ${escapeTableCell(r.value)} |`
      ),
      ''
    );
    if (run.diagnostics.length > 0)
      out.push(
        'What the reader of the run noticed:',
        '',
        ...run.diagnostics.map((d) => `- ${escapeInline(diagnosticText(d))}`),
        ''
      );
  } else {
    out.push('_No run pasted._', '');
  }
  const unmet = unmetRules(ws, run, { threatIds: new Set(ctx.catalog.threats.keys()) });
  out.push('### The findings I harden', '');
  out.push(TASK_TEXT[worksheetPlatform(ws, run)], '');
  const notes = exerciseNotes(ws, run);
  if (notes.length > 0) out.push(...notes.map((n) => `- ${escapeInline(n.message)}`), '');
  if (unmet.length > 0)
    out.push('Still open:', '', ...unmet.map((u) => `- ${escapeInline(u.message)}`), '');
  const comparisons = comparePicks(ws.picks, run, afterRun, ctx.catalog);
  ws.picks.forEach((p, i) =>
    out.push(
      ...pickSection(
        p,
        i,
        ctx,
        comparisons.find((c) => c.pick === pickKey(p)),
        ws.threatModel
      )
    )
  );
  if (afterRun) {
    const c = afterRun.totals.counted;
    const b = run?.totals.counted;
    out.push('### The run after hardening', '');
    out.push(
      `${c.fail} failed and ${c.pass} passed checks${b ? `, against ${b.fail} failed and ${b.pass} passed before` : ''}. ${escapeMarkdown(`Complete: ${completeness(afterRun)}.`)}`,
      ''
    );
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** What the JSON export says about the run: tool, format, benchmark, numbering and kube-bench node types. */
export function exportedRun(run: BenchRun): ExportedRun {
  return {
    tool: run.tool,
    format: run.format,
    ...(run.benchmark ? { benchmark: run.benchmark.id } : {}),
    ...(run.checkSet ? { checkSet: run.checkSet } : {}),
    ...(run.nodeTypes ? { nodeTypes: run.nodeTypes.map((n) => n.nodeType) } : {}),
  };
}

/** The worksheet as JSON that "Import JSON" reads back to the same worksheet, with a note of the run it was made from. */
export function worksheetJson(ws: Worksheet, now: Date, run?: BenchRun): string {
  const doc: ExportedWorksheet = {
    format: WORKSHEET_FORMAT,
    version: WORKSHEET_VERSION,
    exportedAt: now.toISOString(),
    ...(run ? { run: exportedRun(run) } : {}),
    worksheet: ws,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name for an export, dated. */
export function exportFileName(ext: 'md' | 'json', now: Date): string {
  return `hardening-worksheet-${now.toISOString().slice(0, 10)}.${ext}`;
}
