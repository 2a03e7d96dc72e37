import type { GuideData, Model, SitePageData, ThreatData } from '../content/schema';
import type { CheckConcept, CheckSet } from '../catalog/schema';
import { checkSetPlatform } from '../catalog/index';
import { checkSetNumbering } from '../catalog/numbering';
import { PLATFORM_LABELS, STRIDE_LABELS, type Platform, type StrideCategory } from '../stride';
import { checkPath, componentPath, modelPath, threatPath } from '../content/paths';
import { guidePath, type GuideSlug } from '../guides';
import { BENCHMARKS } from '../content/benchmarks';
import { markdownSections, markdownToText, truncate, type TextSection } from './text';
import { splitWords } from './tokenizer';
import type { CheckSetInfo } from './format';

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
  /**
   * The URL of the page this record is a part of (a section, a component of a model page); its
   * results are grouped under that page. The parent's record comes before its parts.
   */
  parent?: string;
  /** Multiplies the score; below 1 for checks few check sets have. */
  weight?: number;
  /** For a check: each number it carries and the check sets that give it that number. */
  numbering?: CheckNumber[];
}

/** A check's number in some check sets, e.g. 5.10 in aquasec-cis-1.2 and docker-bench-security-1.6.0. */
export interface CheckNumber {
  id: string;
  checkSets: string[];
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

/** An MDX page of a collection: its id (the file name), data and body. */
export interface MdxSource<T> {
  id: string;
  data: T;
  body: string;
}

/** Everything the index is built from. */
export interface SearchSource {
  threats: ThreatSource[];
  models: Model[];
  checkSets: CheckSet[];
  concepts: CheckConcept[];
  guides: MdxSource<Pick<GuideData, 'title' | 'summary' | 'platform'>>[];
  pages: MdxSource<Pick<SitePageData, 'title' | 'lede'>>[];
}

/** Characters of stored excerpt text per record; the size of what a result fetches depends on it. */
export const EXCERPT_CHARS = 72;

const strideWords = (s: StrideCategory) => `${s} ${STRIDE_LABELS[s]}`;

/** The search records of the whole site, in a stable order, each page before its parts. */
export function buildRecords(source: SearchSource): SearchRecord[] {
  const threats = [...source.threats].sort((a, b) => a.data.id.localeCompare(b.data.id));
  const byId = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => a.id.localeCompare(b.id));
  return [
    ...threats.flatMap((t) => threatRecords(t, source.models)),
    ...[...source.models]
      .sort((a, b) => a.platform.localeCompare(b.platform))
      .flatMap((m) => modelRecords(m, threats)),
    // Trivy's and kubescape's sets number and word checks as CIS and kube-bench do: they would only repeat ids
    // and titles, and weigh on the index's size budget.
    ...conceptRecords(
      source.checkSets.filter((s) => s.tool !== 'trivy' && s.tool !== 'kubescape'),
      source.concepts,
      threats
    ),
    ...byId(source.guides).flatMap(guideRecords),
    ...byId(source.pages).flatMap(pageRecords),
  ];
}

function componentNames(models: Model[], platform: Platform, ids: string[]): string[] {
  const model = models.find((m) => m.platform === platform);
  return ids.map((id) => model?.components.find((c) => c.id === id)?.name ?? id);
}

/** Records of a page's sections, grouped under the page. */
function sectionRecords(
  parent: Pick<SearchRecord, 'url' | 'kind' | 'platform' | 'stride' | 'label'>,
  sections: (TextSection & { keywords?: string })[]
): SearchRecord[] {
  return sections
    .filter((s) => s.text.length > 0)
    .map((s) => ({
      url: `${parent.url}#${s.id}`,
      title: s.heading,
      kind: parent.kind,
      ...(parent.platform ? { platform: parent.platform } : {}),
      stride: parent.stride,
      ids: '',
      ...(parent.label ? { label: parent.label } : {}),
      keywords: s.keywords ?? s.heading,
      text: s.text,
      excerpt: truncate(s.text, EXCERPT_CHARS),
      parent: parent.url,
    }));
}

function threatRecords({ data: t, body }: ThreatSource, models: Model[]): SearchRecord[] {
  const mitigationText = t.mitigations
    .map((m) => `${m.title}. ${m.description} ${m.controls.map((c) => c.id).join(' ')}`)
    .join(' ');
  const threat: SearchRecord = {
    url: threatPath(t.id),
    title: t.title,
    kind: 'threat',
    platform: t.platform,
    stride: [t.stride],
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
    ...sectionRecords(threat, [
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
    ]),
  ];
}

function modelRecords(m: Model, threats: ThreatSource[]): SearchRecord[] {
  const own = threats.filter((t) => t.data.platform === m.platform);
  const label = PLATFORM_LABELS[m.platform];
  const page: SearchRecord = {
    url: modelPath(m.platform),
    title: `${label} model`,
    kind: 'page',
    platform: m.platform,
    stride: [],
    ids: '',
    keywords: `${label} model threat model STRIDE`,
    text: m.title,
    excerpt: truncate(m.scope, EXCERPT_CHARS),
  };
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
      parent: page.url,
    };
  });
  const sections = sectionRecords(page, [
    {
      id: 'scope',
      heading: 'Scope and assumptions',
      text: [
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
  ]);
  return [page, ...components, ...sections];
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
      const numbering = new Map<string, Set<string>>();
      for (const set of sets)
        for (const c of set.checks)
          if (c.concept === concept.concept)
            numbering.set(c.id, (numbering.get(c.id) ?? new Set()).add(set.checkSet));
      const label = byFrequency(checks.map((c) => c.id));
      return {
        url: checkPath(concept.platform, concept.concept),
        title: concept.name,
        kind: 'check',
        platform: concept.platform,
        stride: [...new Set(concept.threats.flatMap((id) => strideOf.get(id) ?? []))],
        // Repeats kept on purpose: the number a concept carries in most check sets ranks it first.
        ids: checks.map((c) => c.id).join(' '),
        label: label.join(' '),
        keywords: `${concept.concept} ${titles.join(' ')} ${concept.threats.join(' ')} ${identifiers(concept.remediation).join(' ')}`,
        // What the check looks at, not why or how to fix it: the titles already carry the flags and
        // paths, and the prose of several hundred concepts would double the postings.
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
        numbering: label.map((id) => ({ id, checkSets: [...(numbering.get(id) ?? [])].sort() })),
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

/**
 * A guide and its sections. Error lines quoted in a section's code blocks become its keywords, so a
 * line pasted from a run finds the section that explains it.
 */
function guideRecords({ id, data, body }: SearchSource['guides'][number]): SearchRecord[] {
  const guide: SearchRecord = {
    url: guidePath(id as GuideSlug),
    title: data.title,
    kind: 'guide',
    ...(data.platform ? { platform: data.platform } : {}),
    stride: [],
    ids: '',
    keywords: `guide ${data.platform ? PLATFORM_LABELS[data.platform] : ''}`,
    text: data.summary,
    excerpt: truncate(data.summary, EXCERPT_CHARS),
  };
  const raw = rawSections(body);
  return [
    guide,
    ...sectionRecords(
      guide,
      markdownSections(body).map((s, i) => ({
        ...s,
        keywords: `${s.heading} ${quotedLines(raw[i] ?? '')}`,
      }))
    ),
  ];
}

/** The Markdown of each level-2 section, in the order markdownSections returns them. */
function rawSections(markdown: string): string[] {
  return markdown.split(/^##[ \t].+$/m).slice(1);
}

/** The text of the inline code and code blocks of a Markdown fragment: the lines a tool prints. */
function quotedLines(markdown: string): string {
  const quoted = [...markdown.matchAll(/`([^`\n]+)`|```[a-z]*\n([^`]*)```/g)].map(
    (m) => m[1] ?? m[2] ?? ''
  );
  return markdownToText(quoted.join(' '));
}

function pageRecords({ id, data, body }: SearchSource['pages'][number]): SearchRecord[] {
  const page: SearchRecord = {
    url: `/${id}/`,
    title: data.title,
    kind: 'page',
    stride: [],
    ids: '',
    keywords: data.title,
    text: data.lede,
    excerpt: truncate(data.lede, EXCERPT_CHARS),
  };
  return [page, ...sectionRecords(page, markdownSections(body))];
}

/**
 * The check sets as search results name them, in the order a number is shown when the reader has no
 * run loaded: the check sets whose numbering this site cites first (the CIS Docker 1.2.0 of the course
 * exercise among them), then the others by tool and release, newest first.
 */
export function checkSetInfos(checkSets: readonly CheckSet[]): CheckSetInfo[] {
  const cited: string[] = Object.values(BENCHMARKS).map((b) => b.referenceCheckSet);
  const rank = (set: CheckSet) => {
    const at = cited.indexOf(set.checkSet);
    return at < 0 ? cited.length : at;
  };
  return [...checkSets]
    .sort(
      (a, b) =>
        checkSetPlatform(a).localeCompare(checkSetPlatform(b)) ||
        rank(a) - rank(b) ||
        a.tool.localeCompare(b.tool) ||
        b.checkSet.localeCompare(a.checkSet, 'en', { numeric: true })
    )
    .map((set) => ({
      id: set.checkSet,
      label: checkSetNumbering(set),
      platform: checkSetPlatform(set),
    }));
}
