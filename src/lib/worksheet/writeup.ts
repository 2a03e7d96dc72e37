import type { BenchRun, Finding } from '../bench/types';
import { PLATFORM_LABELS, PLATFORMS, STRIDE_LABELS, type Platform } from '../stride';
import type { WorksheetCatalog } from './data';
import {
  documentMarkdown,
  documentText,
  missing,
  note,
  paragraph,
  section,
  type Block,
  type Field,
  type WriteupDocument,
} from './document';
import { AUDIT_ERROR_LABEL, notEvidenceText, weakPicks } from './audit-errors';
import { nodeTypeLabel } from './findings';
import { findingInRun } from './numbering';
import { omittedText, outcomeLabel, resourceLine, resourcesHeading } from './compliance';
import { toolName } from '../catalog/numbering';
import { auditFailureOf } from '../bench/auditAdvice';
import { checkDuplicates, checkIncomplete, checkThreatCount, stillCatalogText } from './guidance';
import {
  componentNamer,
  ownThreatIdOf,
  ownThreatText,
  type CatalogThreat,
  type ComponentNamer,
  type OwnThreat,
  type ThreatCatalogData,
  type ThreatModel,
} from './own-threats';
import { exerciseNotes, kubernetesExerciseNote, unmetRules, worksheetPlatform } from './rules';
import type { HardeningPick, Worksheet } from './schema';
import { pickKey } from './state';
import { completeness, diagnosticText, summaryRows } from './summary';
import { clip, oneLine } from './text';
import { comparePicks, relatedTexts, type PickComparison } from './verify';
import { OWN_THREAT } from './worksheet';

/**
 * The complete write-up in three parts, in the order the course template has them: the Docker threat
 * model, the Kubernetes threat model, then the benchmark run and the hardened findings. Built once as a
 * document (document.ts) and rendered as Markdown, as plain text and, for printing, as DOM.
 */

export interface WriteupContext {
  run?: BenchRun;
  afterRun?: BenchRun;
  catalog: WorksheetCatalog;
  now: Date;
  /** The catalog the threat steps use, for component names and catalog titles; without it ids are shown. */
  threatCatalog?: ThreatCatalogData;
}

const PART_TITLES: Record<Platform, string> = {
  docker: 'Docker Threat Modeling',
  kubernetes: 'Kubernetes Threat Modeling',
};

const STATUS_WORDS: Record<HardeningPick['status'], string> = {
  planned: 'planned',
  applied: 'applied, not verified yet',
  verified: 'verified',
};
const MAX_DETAILS = 20;
const MAX_RESOURCES = 20;

/** The course's own question for each part of the write-up, repeated under its heading in the exercise. */
export const COURSE_QUESTIONS = {
  docker:
    "Given Docker's system components and the STRIDE framework, identify five potential threats that may arise.",
  kubernetes:
    "Given Kubernetes' system components and the STRIDE framework, identify five potential threats that may arise.",
  analysis:
    'From the failed findings, select and document 3 findings from the Docker-bench results that you want to harden based on the 5 attack surface areas you identified in Step 1. At least 1 of the 3 hardened findings should be different from the ones mentioned in the exercise (i.e. 5.10, 5.14, and 5.22).',
} as const;

const courseQuestion = (question: string): Block =>
  paragraph(note(`The course asks: “${question}”`));

// The attack surface a pick is tied to stays one line in the write-up; the threat model above has it in full.
const SURFACE_CHARS = 160;

const FREE_TASK_TEXT =
  'My own hardening, not the course exercise: the failed findings I chose, each tied to a threat of my threat model and explained.';

/** What the task asks of the run's platform; a Kubernetes run names the tool that wrote it. */
function taskText(platform: Platform, tool: BenchRun['tool'] = 'kube-bench'): string {
  if (platform === 'docker')
    return 'The task: three failed findings, each tied to a threat of the Step 1 model; at least one is not among the checks the exercise already hardened (the memory limit, the on-failure restart policy and docker exec with --privileged, numbered 5.10, 5.14 and 5.22 in CIS Docker 1.2.0). Checks are compared by what they test, not by number.';
  const name = toolName(tool === 'unknown' ? 'kube-bench' : tool);
  return `The task: three failed findings of the ${name} run, each tied to a threat of the Step 1 model. ${kubernetesExerciseNote(tool)}`;
}

/** The heading of the third part, as the course template has it (kube-bench or Docker-bench), or naming Trivy or kubescape when they wrote the run. */
export function analysisTitle(ws: Pick<Worksheet, 'picks'>, run: BenchRun | undefined): string {
  if (run?.tool === 'trivy' || run?.tool === 'kubescape')
    return `${toolName(run.tool)} Run Results and Analysis`;
  return worksheetPlatform(ws, run) === 'kubernetes'
    ? 'kube-bench Run Results and Analysis'
    : 'Docker-bench Run Results and Analysis';
}

/** The threat a pick is tied to, in words. */
export function threatText(
  pick: HardeningPick,
  wc: WorksheetCatalog,
  own?: { model: ThreatModel; componentName?: ComponentNamer }
): string {
  if (own && ownThreatIdOf(pick.threat) !== undefined)
    return clip(ownThreatText(own.model, pick.threat, own.componentName), SURFACE_CHARS);
  if (pick.threat === OWN_THREAT)
    return pick.ownThreat.trim()
      ? clip(`An attack surface of my own Step 1 model: ${pick.ownThreat}`, SURFACE_CHARS)
      : 'An attack surface of my own model (not described yet)';
  const t = wc.threats.get(pick.threat);
  if (!t)
    return pick.threat ? `${oneLine(pick.threat)} (not a threat of this model)` : 'not chosen yet';
  return `${t.id} ${t.title} (${STRIDE_LABELS[t.stride]}${t.fromBrief ? ', one of the five Step 1 threats' : ''})`;
}

// The user's own text, or a placeholder when there is none.
const written = (text: string, kind: 'prose' | 'code'): Block =>
  text.trim() ? { type: kind, text: text.trim() } : paragraph(missing('Not written yet.'));

/** What a threat's mitigation line says: the findings hardened against it, else the catalog's mitigation it started from. */
function mitigationLine(
  entry: OwnThreat,
  picks: readonly HardeningPick[],
  origin: CatalogThreat | undefined
): Field {
  const tied = picks.filter((p) => ownThreatIdOf(p.threat) === entry.id);
  const value = tied.length
    ? `hardening ${tied.map((p) => `${oneLine(p.findingId)} ${oneLine(p.title)}`).join('; ')} (see the findings I harden)`
    : origin?.mitigation
      ? `${oneLine(origin.mitigation)} (the first mitigation of ${origin.id} in the catalog)`
      : missing('none yet: tie a finding you harden to this threat.');
  return { label: 'Mitigation', value };
}

/** The line that credits the catalog threat an entry started from, and says whether its text is still the catalog's. */
function creditLine(entry: OwnThreat, catalog: readonly CatalogThreat[]): Block {
  const origin = catalog.find((t) => t.id === entry.origin);
  const source = `the container-stride catalog threat ${origin ? `${origin.id} “${oneLine(origin.title)}”` : oneLine(entry.origin ?? '')}`;
  return paragraph(
    note(
      stillCatalogText(entry, catalog)
        ? `Credit: this text is still (nearly) that of ${source}, not yet in my own words.`
        : `Credit: started from ${source}, rewritten in my own words.`
    )
  );
}

export interface ThreatModelOptions {
  /** The course exercise's rules: its question is repeated under the heading. */
  exerciseRules?: boolean;
  /** The picks, for each threat's mitigation line. */
  picks?: readonly HardeningPick[];
}

/** One platform's threat list: a numbered section per threat with its category, component, description, mitigation and credit, then what is still open. */
export function threatModelSection(
  platform: Platform,
  entries: readonly OwnThreat[],
  data?: ThreatCatalogData,
  { exerciseRules = false, picks = [] }: ThreatModelOptions = {}
): Block {
  const name = componentNamer(data);
  const question = exerciseRules ? [courseQuestion(COURSE_QUESTIONS[platform])] : [];
  if (entries.length === 0)
    return section(2, PART_TITLES[platform], [
      ...question,
      paragraph(missing(`No ${PLATFORM_LABELS[platform]} threats written yet.`)),
    ]);
  const catalog = data?.[platform].threats ?? [];
  const threats = entries.map((e, i) => {
    const origin = e.origin ? catalog.find((x) => x.id === e.origin) : undefined;
    return section(
      3,
      `${i + 1}. ${e.stride ? STRIDE_LABELS[e.stride] : 'STRIDE category not chosen yet'}`,
      [
        {
          type: 'field',
          field: {
            label: 'Component',
            value: e.component ? (name(platform, e.component) ?? e.component) : 'not chosen yet',
          },
        },
        written(e.description, 'prose'),
        { type: 'field', field: mitigationLine(e, picks, origin) },
        ...(e.origin ? [creditLine(e, catalog)] : []),
      ]
    );
  });
  const open = [
    ...checkThreatCount(entries, platform),
    ...checkIncomplete(entries),
    ...checkDuplicates(entries),
  ];
  return section(2, PART_TITLES[platform], [
    ...question,
    ...threats,
    ...(open.length > 0
      ? [paragraph('Still open:'), { type: 'list', items: open.map((g) => g.message) } as Block]
      : []),
  ]);
}

function findingLine(f: Pick<Finding, 'status' | 'id' | 'title'>): string {
  return `[${oneLine(f.status)}] ${oneLine(f.id)} ${oneLine(f.title)}`;
}

function resultText(f: Finding): string {
  const result = `${outcomeLabel(f)} (${f.status}), line ${f.line}`;
  return auditFailureOf(f) === undefined
    ? result
    : `${result}; ${AUDIT_ERROR_LABEL.toLowerCase()}, not evidence`;
}

// A finding by id in its run's numbering, with its kube-bench node type.
const inRun = (f: Finding, run: BenchRun | undefined) =>
  `${findingInRun(f, run)}${f.nodeType ? ` [${nodeTypeLabel(f.nodeType)}]` : ''}`;

function beforeAfter(
  c: PickComparison | undefined,
  run: BenchRun | undefined,
  afterRun: BenchRun | undefined
): Block {
  const before = c?.before;
  const after = c?.after;
  const rows = [
    [
      'Check',
      before ? inRun(before, run) : 'not in the pasted run',
      after
        ? inRun(after, afterRun)
        : afterRun
          ? 'not in the run after hardening'
          : 'no run after hardening pasted yet',
    ],
    ['Result', before ? resultText(before) : '', after ? resultText(after) : ''],
  ];
  if (after && c?.matchedBy)
    rows.push([
      'Matched',
      '',
      c.matchedBy === 'concept' ? 'same check concept' : 'same check number',
    ]);
  const related = c ? relatedTexts(c) : [];
  if (related.length) rows.push(['Same concept', '', related.join(' ')]);
  return { type: 'table', head: ['', 'Before hardening', 'After hardening'], rows };
}

function pickSection(
  pick: HardeningPick,
  index: number,
  ws: Worksheet,
  ctx: WriteupContext,
  comparison: PickComparison | undefined
): Block {
  const before = comparison?.before;
  const fields: Field[] = [];
  if (pick.nodeType) fields.push({ label: 'Node type', value: nodeTypeLabel(pick.nodeType) });
  fields.push({
    label: 'Threat',
    value: threatText(pick, ctx.catalog, {
      model: ws.threatModel,
      componentName: componentNamer(ctx.threatCatalog),
    }),
  });
  fields.push({ label: 'Status', value: STATUS_WORDS[pick.status] });
  if (pick.status === 'verified') {
    const e = pick.evidence;
    fields.push({
      label: 'Evidence',
      value: e
        ? `the run after hardening reports ${findingLine({ ...e, id: e.findingId })}${e.nodeType ? ` under node type ${nodeTypeLabel(e.nodeType)}` : ''} (line ${e.line}, matched by ${e.matchedBy === 'concept' ? 'check concept' : 'check number'})`
        : 'marked verified by hand; no run after hardening shows it yet',
    });
  }
  const concept = pick.concept ? ctx.catalog.concepts.get(pick.concept) : undefined;
  if (concept) fields.push({ label: 'Check concept', value: concept.name });
  if (before && auditFailureOf(before) !== undefined)
    fields.push({ label: AUDIT_ERROR_LABEL, value: notEvidenceText(before) });
  const blocks: Block[] = [
    ...(before ? [{ type: 'code', text: findingLine(before) } as Block] : []),
    { type: 'fields', fields },
    section(4, 'Why I harden it', [written(pick.why, 'prose')]),
    section(4, 'Hardening steps', [written(pick.steps, 'code')]),
    section(4, 'How to verify', [written(pick.verify, 'code')]),
  ];
  if (before && before.details.length > 0) {
    const shown = before.details.slice(0, MAX_DETAILS);
    const more = before.details.length - shown.length;
    blocks.push(
      section(
        4,
        auditFailureOf(before) === undefined
          ? 'What the benchmark reported'
          : 'What the benchmark printed (not evidence: the audit could not run)',
        [
          { type: 'code', text: shown.join('\n') },
          ...(more > 0 ? [paragraph(note(`…and ${more} more line${more === 1 ? '' : 's'}.`))] : []),
        ]
      )
    );
  }
  if (before?.resources?.length) {
    const shown = before.resources.slice(0, MAX_RESOURCES);
    const more = omittedText(before, shown.length);
    blocks.push(
      section(4, resourcesHeading(before), [
        { type: 'list', items: shown.map(resourceLine) },
        ...(more ? [paragraph(note(more))] : []),
      ])
    );
  }
  blocks.push(section(4, 'Before and after', [beforeAfter(comparison, ctx.run, ctx.afterRun)]));
  return section(
    3,
    `${index + 1}. ${findingInRun({ id: pick.findingId, title: pick.title }, before ? ctx.run : undefined)}`,
    blocks
  );
}

/** The third part: the run, the task and what is open, each pick with its threat, reasons, steps, verification and before/after, and the run after hardening. */
export function analysisSection(ws: Worksheet, ctx: WriteupContext): Block {
  const { run, afterRun } = ctx;
  const blocks: Block[] = [
    paragraph(
      note(
        `Written with the container-stride hardening worksheet on ${ctx.now.toISOString().slice(0, 10)}.`
      )
    ),
  ];
  blocks.push(
    section(
      3,
      'The run',
      run
        ? [
            {
              type: 'table',
              head: ['', ''],
              rows: summaryRows(run).map((r) => [r.label, r.value]),
            },
            ...(run.diagnostics.length > 0
              ? [
                  paragraph('Notes on this run:'),
                  { type: 'list', items: run.diagnostics.map(diagnosticText) } as Block,
                ]
              : []),
          ]
        : [paragraph(note('No run pasted.'))]
    )
  );
  const notes = exerciseNotes(ws, run);
  const unmet = unmetRules(ws, run, { threatIds: new Set(ctx.catalog.threats.keys()) });
  const weak = weakPicks(ws, run);
  blocks.push(
    section(3, 'The findings I harden', [
      // The course asks its question of a Docker run only.
      ...(!ws.exerciseRules
        ? [paragraph(FREE_TASK_TEXT)]
        : worksheetPlatform(ws, run) === 'docker'
          ? [courseQuestion(COURSE_QUESTIONS.analysis), paragraph(taskText('docker'))]
          : [paragraph(taskText(worksheetPlatform(ws, run), run?.tool))]),
      ...(notes.length > 0 ? [{ type: 'list', items: notes.map((n) => n.message) } as Block] : []),
      ...(unmet.length > 0
        ? [paragraph('Still open:'), { type: 'list', items: unmet.map((u) => u.message) } as Block]
        : []),
      ...(weak.length > 0
        ? [paragraph('Weak picks:'), { type: 'list', items: weak.map((w) => w.message) } as Block]
        : []),
    ])
  );
  const comparisons = comparePicks(ws.picks, run, afterRun, ctx.catalog);
  ws.picks.forEach((p, i) =>
    blocks.push(
      pickSection(
        p,
        i,
        ws,
        ctx,
        comparisons.find((c) => c.pick === pickKey(p))
      )
    )
  );
  if (afterRun) {
    const c = afterRun.totals.counted;
    const b = run?.totals.counted;
    blocks.push(
      section(3, 'The run after hardening', [
        paragraph(
          `${c.fail} failed and ${c.pass} passed checks${b ? `, against ${b.fail} failed and ${b.pass} passed before` : ''}. Complete: ${completeness(afterRun)}.`
        ),
      ])
    );
  }
  return section(2, analysisTitle(ws, run), blocks);
}

/** The whole write-up: both threat models, then the run results and analysis. */
export function writeupDocument(ws: Worksheet, ctx: WriteupContext): WriteupDocument {
  return [
    ...PLATFORMS.map((p) =>
      threatModelSection(p, ws.threatModel[p], ctx.threatCatalog, {
        exerciseRules: ws.exerciseRules,
        picks: ws.picks,
      })
    ),
    analysisSection(ws, ctx),
  ];
}

/** The whole write-up as Markdown. */
export function writeupMarkdown(ws: Worksheet, ctx: WriteupContext): string {
  return documentMarkdown(writeupDocument(ws, ctx));
}

/** The whole write-up as plain text in the template's layout, without Markdown syntax. */
export function writeupText(ws: Worksheet, ctx: WriteupContext): string {
  return documentText(writeupDocument(ws, ctx));
}

/** The run analysis alone (the third part) as Markdown. */
export function worksheetMarkdown(ws: Worksheet, ctx: WriteupContext): string {
  return documentMarkdown([analysisSection(ws, ctx)]);
}

/** A file name for the write-up, dated. */
export function writeupFileName(ext: 'md' | 'txt', now: Date): string {
  return `threat-model-writeup-${now.toISOString().slice(0, 10)}.${ext}`;
}
