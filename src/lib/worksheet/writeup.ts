import type { BenchRun } from '../bench/types';
import { PLATFORM_LABELS, PLATFORMS, STRIDE_LABELS, type Platform } from '../stride';
import { threatText, worksheetMarkdown, type ExportContext } from './export';
import { findingKey } from './findings';
import { checkDuplicates, checkIncomplete, checkThreatCount } from './guidance';
import {
  componentNamer,
  type ComponentNamer,
  type OwnThreat,
  type ThreatCatalogData,
} from './own-threats';
import type { HardeningPick, Worksheet } from './schema';
import { pickKey } from './state';
import { escapeInline, escapeMarkdown, oneLine, stripControl } from './text';

/**
 * The complete write-up in three parts, in the order the course template has them: the Docker threat
 * model, the Kubernetes threat model, then the benchmark run and the three hardened findings. As Markdown,
 * and as plain text laid out like the template so it can be pasted straight into it.
 */

export interface WriteupContext extends ExportContext {
  /** The catalog the threat steps use, for component names and catalog titles. */
  threatCatalog?: ThreatCatalogData;
}

const PART_TITLES: Record<Platform, string> = {
  docker: 'Docker Threat Modeling',
  kubernetes: 'Kubernetes Threat Modeling',
};

/** The heading of the third part: the tool whose run it analyses. */
export function runPartTitle(
  run: Pick<BenchRun, 'tool'> | undefined,
  picks: readonly Pick<HardeningPick, 'nodeType'>[]
): string {
  return run?.tool === 'kube-bench' || (!run && picks.some((p) => p.nodeType))
    ? 'kube-bench Run Results and Analysis'
    : 'Docker-bench Run Results and Analysis';
}

function componentText(platform: Platform, e: OwnThreat, name: ComponentNamer): string {
  return e.component ? (name(platform, e.component) ?? oneLine(e.component)) : 'not chosen yet';
}

function strideText(e: OwnThreat): string {
  return e.stride ? STRIDE_LABELS[e.stride] : 'STRIDE category not chosen yet';
}

/** One platform's threat list as Markdown: a numbered heading per threat with its category, component, description and origin. */
export function threatModelMarkdown(
  platform: Platform,
  entries: readonly OwnThreat[],
  data?: ThreatCatalogData
): string[] {
  const name = componentNamer(data);
  const out = [`## ${PART_TITLES[platform]}`, ''];
  if (entries.length === 0)
    return [...out, `_No ${PLATFORM_LABELS[platform]} threats written yet._`, ''];
  entries.forEach((e, i) => {
    out.push(
      `### ${i + 1}. ${strideText(e)}`,
      '',
      `**Component:** ${escapeInline(componentText(platform, e, name))}`,
      ''
    );
    out.push(
      e.description.trim() ? escapeMarkdown(e.description.trim()) : '_Not written yet._',
      ''
    );
    if (e.origin) {
      const t = data?.[platform].threats.find((x) => x.id === e.origin);
      out.push(
        `_Started from the catalog threat ${escapeInline(t ? `${t.id} ${t.title}` : e.origin)}._`,
        ''
      );
    }
  });
  const open = [
    ...checkThreatCount(entries, platform),
    ...checkIncomplete(entries),
    ...checkDuplicates(entries),
  ];
  if (open.length > 0)
    out.push('Still open:', '', ...open.map((g) => `- ${escapeInline(g.message)}`), '');
  return out;
}

/** The whole write-up as Markdown: both threat models, then the run results and analysis. */
export function writeupMarkdown(ws: Worksheet, ctx: WriteupContext): string {
  const name = componentNamer(ctx.threatCatalog);
  const parts = PLATFORMS.flatMap((p) =>
    threatModelMarkdown(p, ws.threatModel[p], ctx.threatCatalog)
  );
  const analysis = worksheetMarkdown(ws, { ...ctx, componentName: name })
    // The analysis is the third part: its heading names it the way the template does.
    .replace(/^## .*\n/, `## ${runPartTitle(ctx.run, ws.picks)}\n`);
  return `${[...parts, analysis]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** User text for the plain-text write-up: control and direction-changing characters removed, blank lines kept out. */
function plain(text: string): string {
  return stripControl(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n');
}

function threatModelText(
  platform: Platform,
  entries: readonly OwnThreat[],
  name: ComponentNamer
): string[] {
  const out = [PART_TITLES[platform], ''];
  if (entries.length === 0)
    return [...out, `(No ${PLATFORM_LABELS[platform]} threats written yet.)`, ''];
  entries.forEach((e, i) => {
    out.push(
      `${i + 1}. ${strideText(e)}`,
      `Component: ${componentText(platform, e, name)}`,
      plain(e.description) || '(Not written yet.)',
      ''
    );
  });
  return out;
}

/** The whole write-up as plain text in the template's layout: part headings, "1. Spoofing" and its description, and a "[FAIL] id title" line per finding with its attack surface and rationale. */
export function writeupText(ws: Worksheet, ctx: WriteupContext): string {
  const name = componentNamer(ctx.threatCatalog);
  const out = PLATFORMS.flatMap((p) => threatModelText(p, ws.threatModel[p], name));
  out.push(runPartTitle(ctx.run, ws.picks), '');
  if (ws.picks.length === 0) out.push('(No findings chosen yet.)', '');
  for (const p of ws.picks) {
    const key = pickKey(p);
    const finding = ctx.run?.findings.find((f) => findingKey(f) === key);
    const status = finding ? oneLine(finding.status) : 'FAIL';
    out.push(`[${status}] ${oneLine(p.findingId)} ${oneLine(p.title)}`);
    out.push(
      `Attack surface: ${threatText(p, ctx.catalog, { model: ws.threatModel, componentName: name })}`
    );
    out.push(`Rationale: ${plain(p.why) || '(not written yet)'}`);
    if (p.steps.trim()) out.push('Hardening:', plain(p.steps));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A file name for the write-up, dated. */
export function writeupFileName(ext: 'md' | 'txt', now: Date): string {
  return `threat-model-writeup-${now.toISOString().slice(0, 10)}.${ext}`;
}
