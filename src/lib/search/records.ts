import type { Model, ThreatData } from '../content/schema';
import type { CheckConcept, CheckSet } from '../catalog/schema';
import { checkSetPlatform } from '../catalog/index';
import { PLATFORM_LABELS, STRIDE_LABELS, type Platform, type StrideCategory } from '../stride';
import { checkPath, componentPath, modelPath, threatPath } from '../content/paths';
import { markdownSections, truncate, type TextSection } from './text';
import { splitWords } from './tokenizer';

import type { RecordKind } from './kinds';

export { RECORD_KINDS, type RecordKind } from './kinds';

/** One thing search can find, deep-linked to where it is shown. */
export interface SearchRecord {
  url: string;
  title: string;
  kind: RecordKind;
  platform?: Platform;
  /** Every STRIDE category the thing belongs to (a check or component can serve several). */
  stride: StrideCategory[];
  /** Identifiers typed exactly: threat ids, check numbers in every version. Ranked highest. */
  ids: string;
  /** Short text shown next to the title: a threat id, or check numbers separated by spaces, the most used first. */
  label?: string;
  /** Vocabulary that describes the thing without being its prose: categories, component names, slugs. */
  keywords: string;
  text: string;
  /** The start of what the result shows as its excerpt. */
  excerpt: string;
  /** For a section: the URL of the record it belongs to, whose title the result shows beside its own. */
  parent?: string;
  /** Multiplies the score; below 1 for checks few check sets have. */
  weight?: number;
}

/** A threat as the search needs it: its data and the MDX body. */
export interface ThreatSource {
  data: Pick<
    ThreatData,
    | 'id'
    | 'platform'
    | 'stride'
    | 'title'
    | 'summary'
    | 'components'
    | 'mitigations'
    | 'attack'
    | 'msThreatMatrix'
    | 'brief'
  >;
  body: string;
}

/** A hand-written page whose h2 sections are indexed. */
export interface StaticPageSource {
  url: string;
  title: string;
  sections: TextSection[];
}

/** Everything the index is built from. */
export interface SearchSource {
  threats: ThreatSource[];
  models: Model[];
  checkSets: CheckSet[];
  concepts: CheckConcept[];
  pages: StaticPageSource[];
}

/** Characters of stored excerpt text per record; the budget of the whole index depends on it. */
export const EXCERPT_CHARS = 90;

const strideWords = (s: StrideCategory) => `${s} ${STRIDE_LABELS[s]}`;

/** The search records of the whole site, in a stable order. */
export function buildRecords(source: SearchSource): SearchRecord[] {
  const threats = [...source.threats].sort((a, b) => a.data.id.localeCompare(b.data.id));
  return [
    ...threats.flatMap((t) => threatRecords(t, source.models)),
    ...source.models.flatMap((m) => modelRecords(m, threats)),
    ...conceptRecords(source.checkSets, source.concepts, threats),
    ...source.pages.flatMap(pageRecords),
  ];
}

function componentNames(models: Model[], platform: Platform, ids: string[]): string[] {
  const model = models.find((m) => m.platform === platform);
  return ids.map((id) => model?.components.find((c) => c.id === id)?.name ?? id);
}

function threatRecords({ data: t, body }: ThreatSource, models: Model[]): SearchRecord[] {
  const url = threatPath(t.id);
  const shared = { platform: t.platform, stride: [t.stride] };
  const mitigationText = t.mitigations
    .map((m) => `${m.title}. ${m.description} ${m.controls.map((c) => c.id).join(' ')}`)
    .join(' ');
  const sections: TextSection[] = [
    ...(t.brief
      ? [
          {
            id: 'what-changed-from-the-brief',
            heading: 'What changed from the brief',
            text: `${t.brief.claim} ${t.brief.correction}`,
          },
        ]
      : []),
    ...markdownSections(body),
    // Verify commands stay out: shell and template syntax would add hundreds of terms nobody types.
    { id: 'mitigations', heading: 'Mitigations', text: mitigationText },
  ];
  const threat: SearchRecord = {
    ...shared,
    url,
    title: t.title,
    kind: 'threat',
    ids: t.id,
    label: t.id,
    keywords: [
      strideWords(t.stride),
      PLATFORM_LABELS[t.platform],
      ...componentNames(models, t.platform, t.components),
      ...t.components,
      ...t.attack,
      ...t.msThreatMatrix,
      ...t.mitigations.map((m) => m.title),
    ].join(' '),
    text: t.summary,
    excerpt: truncate(t.summary, EXCERPT_CHARS),
  };
  return [
    threat,
    ...sections
      .filter((s) => s.text.length > 0)
      .map((s): SearchRecord => ({
        ...shared,
        url: `${url}#${s.id}`,
        title: s.heading,
        parent: url,
        kind: 'page',
        ids: '',
        label: t.id,
        keywords: s.heading,
        text: s.text,
        excerpt: truncate(s.text, EXCERPT_CHARS),
      })),
  ];
}

function modelRecords(m: Model, threats: ThreatSource[]): SearchRecord[] {
  const own = threats.filter((t) => t.data.platform === m.platform);
  const label = PLATFORM_LABELS[m.platform];
  const components = m.components.map((c): SearchRecord => {
    const naming = own.filter((t) => t.data.components.includes(c.id));
    return {
      url: componentPath(m.platform, c.id),
      title: c.name,
      kind: 'component',
      platform: m.platform,
      stride: [...new Set(naming.map((t) => t.data.stride))],
      ids: c.id,
      keywords: `${c.kind} ${m.zones.find((z) => z.id === c.zone)?.name ?? ''} ${c.ports.join(' ')} ${naming.map((t) => t.data.id).join(' ')}`,
      text: `${c.description} ${c.noThreatsReason ?? ''}`,
      excerpt: truncate(c.description, EXCERPT_CHARS),
    };
  });
  const page = modelPath(m.platform);
  const sections: TextSection[] = [
    {
      id: 'scope',
      heading: 'Scope and assumptions',
      text: [
        m.title,
        m.scope,
        ...m.versions.map((v) => `${v.name} ${v.version}`),
        ...m.assumptions,
        ...m.outOfScope,
      ].join(' '),
    },
    {
      id: 'diagram',
      heading: 'Component diagram',
      text: `Components, trust zones and data flows of the ${label} model. ${m.zones.map((z) => `${z.name}: ${z.description}`).join(' ')}`,
    },
    {
      id: 'components',
      heading: 'Components',
      text: m.components.map((c) => `${c.name} ${c.ports.join(' ')}`).join(', '),
    },
    {
      id: 'trust-boundaries',
      heading: 'Trust boundaries',
      text: m.boundaries
        .map((b) => `${b.id} ${b.name}. ${b.description} ${b.defaultProtection}`)
        .join(' '),
    },
    {
      id: 'data-flows',
      heading: 'Data flows',
      text: m.flows.map((f) => `${f.label}${f.boundary ? ` (${f.boundary})` : ''}`).join('; '),
    },
    {
      id: 'matrix',
      heading: 'STRIDE per component',
      text: `Which STRIDE categories threaten which ${label} component, by STRIDE per element.`,
    },
    {
      id: 'threats',
      heading: 'Threats',
      text: `${own.length} ${label} threats: ${own.map((t) => t.data.id).join(' ')}`,
    },
    {
      id: 'references',
      heading: 'References',
      text: m.references.map((r) => `${r.title} (${r.publisher})`).join('; '),
    },
  ];
  return [
    ...components,
    ...sections.map((s): SearchRecord => ({
      url: `${page}#${s.id}`,
      title: `${s.heading} · ${label} model`,
      kind: 'page',
      platform: m.platform,
      stride: [],
      ids: '',
      keywords: `${s.heading} ${label} model`,
      text: s.text,
      excerpt: truncate(s.text, EXCERPT_CHARS),
    })),
  ];
}

/** One record per check concept that has a page: its numbers in every check set and every title it was printed with. */
function conceptRecords(
  checkSets: CheckSet[],
  concepts: CheckConcept[],
  threats: ThreatSource[]
): SearchRecord[] {
  const strideOf = new Map(threats.map((t) => [t.data.id, t.data.stride]));
  return [...concepts]
    .sort((a, b) => a.platform.localeCompare(b.platform) || a.concept.localeCompare(b.concept))
    .map((concept): SearchRecord => {
      const sets = checkSets.filter((set) => set.checks.some((c) => c.concept === concept.concept));
      const checks = sets.flatMap((set) => set.checks.filter((c) => c.concept === concept.concept));
      const titles = [...new Set(checks.map((c) => c.title))];
      return {
        url: checkPath(concept.platform, concept.concept),
        title: concept.name,
        kind: 'check',
        platform: concept.platform,
        stride: [...new Set(concept.threats.flatMap((id) => strideOf.get(id) ?? []))],
        // Repeats kept on purpose: the number a concept carries in most check sets ranks it first.
        ids: checks.map((c) => c.id).join(' '),
        label: byFrequency(checks.map((c) => c.id)).join(' '),
        keywords: `${concept.concept} ${titles.join(' ')} ${concept.threats.join(' ')} ${identifiers(concept.remediation).join(' ')}`,
        // What the check looks at, not why or how to fix it: with ~300 concepts, that prose alone would
        // take the index past its size budget, and the titles already carry the flags and paths.
        text: concept.what,
        excerpt: truncate(concept.what, EXCERPT_CHARS),
        // Concepts only a few check sets have (Docker EE's UCP, say) rank below common ones.
        weight:
          Math.round(
            (0.4 +
              (0.6 * sets.length) /
                Math.max(
                  1,
                  checkSets.filter((s) => checkSetPlatform(s) === concept.platform).length
                )) *
              100
          ) / 100,
      };
    });
}

/** The flags, paths, settings and constants of a text (--icc, docker.sock, CAP_SYS_ADMIN), without its prose. */
export function identifiers(text: string): string[] {
  const words = splitWords(text).map((w) => w.word);
  return [...new Set(words.filter((w) => /^-|[\d._]|^[A-Z0-9_]{3,}$/.test(w)))];
}

/** Distinct values, the most frequent first (ties in order of first appearance). */
function byFrequency(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
}

function pageRecords(page: StaticPageSource): SearchRecord[] {
  return page.sections.map((s) => ({
    url: `${page.url}#${s.id}`,
    title: `${s.heading} · ${page.title}`,
    kind: 'page',
    stride: [],
    ids: '',
    keywords: s.heading,
    text: s.text,
    excerpt: truncate(s.text, EXCERPT_CHARS),
  }));
}
