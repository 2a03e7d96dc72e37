import type { BenchRun, Finding, Outcome } from '../bench/types';
import { auditFailureOf } from '../bench/auditAdvice';
import { SEVERITIES, type Severity } from '../stride';
import type { ConceptInfo, ThreatOption, WorksheetCatalog } from './data';
import { oneLine } from './text';

/** Findings as the worksheet lists them: ordered, grouped, filtered, explained from the catalog. */

export const OUTCOME_ORDER: readonly Outcome[] = ['fail', 'manual', 'info', 'pass', 'skip'];

/** Outcome names a student reads on the page and in exports. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  fail: 'Failed',
  manual: 'Manual check',
  info: 'Information',
  pass: 'Passed',
  skip: 'Not checked',
};

/** Identifies a finding within a run; ids alone repeat (CIS 1.6.0 has two checks numbered 5.12), and kube-bench can print one check under two node types. */
export function findingKey(f: { id: string; title: string; nodeType?: string }): string {
  return f.nodeType ? `${f.id} ${f.title} @${f.nodeType}` : `${f.id} ${f.title}`;
}

// kube-bench's node type keywords with the part of the cluster each stands for.
const NODE_TYPE_WORDS: Record<string, string> = {
  master: 'master (control plane node)',
  controlplane: 'controlplane (control plane configuration)',
  etcd: 'etcd',
  node: 'node (worker node)',
  policies: 'policies (cluster policies)',
  managedservices: 'managedservices (managed services)',
};

/** A kube-bench node type as the worksheet names it: the keyword kube-bench prints and what it stands for. */
export function nodeTypeLabel(nodeType: string): string {
  return NODE_TYPE_WORDS[nodeType] ?? oneLine(nodeType);
}

/** A finding or pick by id and title, with its node type when kube-bench gave one. */
export function findingName(f: { id: string; title: string; nodeType?: string }): string {
  return `${oneLine(f.id)} ${oneLine(f.title)}${f.nodeType ? ` [${nodeTypeLabel(f.nodeType)}]` : ''}`;
}

export interface FindingView {
  key: string;
  finding: Finding;
  concept?: string;
  info?: ConceptInfo;
  threats: ThreatOption[];
  /** The severity of the most severe threat the finding's check mitigates; undefined when it mitigates none the model has. */
  severity?: Severity;
}

/** The most severe of the threats' severities. */
export function highestSeverity(
  threats: readonly Pick<ThreatOption, 'severity'>[]
): Severity | undefined {
  let top: Severity | undefined;
  for (const t of threats)
    if (!top || SEVERITIES.indexOf(t.severity) > SEVERITIES.indexOf(top)) top = t.severity;
  return top;
}

/** The threats a concept relates to that the model has, in id order. */
export function conceptThreats(concept: string | undefined, wc: WorksheetCatalog): ThreatOption[] {
  const info = concept ? wc.concepts.get(concept) : undefined;
  if (!info) return [];
  return info.threats
    .map((id) => wc.threats.get(id))
    .filter((t): t is ThreatOption => t !== undefined);
}

/** Every finding of a run with the catalog's concept, explanation and threats. */
export function describeFindings(run: BenchRun, wc: WorksheetCatalog): FindingView[] {
  return run.findings.map((finding) => {
    const concept = wc.match(finding, run.checkSet)?.concept;
    const info = concept ? wc.concepts.get(concept) : undefined;
    const threats = conceptThreats(concept, wc);
    const severity = highestSeverity(threats);
    return {
      key: findingKey(finding),
      finding,
      concept,
      info,
      threats,
      ...(severity ? { severity } : {}),
    };
  });
}

/** How the list orders findings: fix-first by severity, or as the benchmark prints them. */
export type FindingOrder = 'severity' | 'benchmark';

export interface FindingFilter {
  /** '' for every section. */
  section: string;
  /** 'all' or one outcome. */
  outcome: Outcome | 'all';
  text: string;
  order: FindingOrder;
}

/** The findings a filter lets through; the text matches id, title, details, the objects it failed on and the catalog's concept name. */
export function filterFindings(
  views: readonly FindingView[],
  filter: Pick<FindingFilter, 'section' | 'outcome' | 'text'>
): FindingView[] {
  const needle = filter.text.trim().toLowerCase();
  return views.filter((v) => {
    if (filter.section && v.finding.section !== filter.section) return false;
    if (filter.outcome !== 'all' && v.finding.outcome !== filter.outcome) return false;
    if (!needle) return true;
    const hay = [
      v.finding.id,
      v.finding.title,
      v.info?.name ?? '',
      v.finding.nodeType ? nodeTypeLabel(v.finding.nodeType) : '',
      ...v.finding.details,
      ...(v.finding.resources ?? []).map((r) => `${r.kind} ${r.namespace ?? ''}/${r.name}`),
    ]
      .join('\n')
      .toLowerCase();
    return hay.includes(needle);
  });
}

/**
 * Items grouped by a key, groups in the order their keys first appear. A run prints a section's findings
 * one after another, so the map is consulted only where the key changes, not once per finding.
 */
function groupInOrder<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  let currentKey: K | undefined;
  let current: T[] | undefined;
  for (const item of items) {
    const k = key(item);
    if (current === undefined || k !== currentKey) {
      currentKey = k;
      current = groups.get(k);
      if (current === undefined) {
        current = [];
        groups.set(k, current);
      }
    }
    current.push(item);
  }
  return groups;
}

export interface FindingGroup {
  section: string;
  title: string;
  findings: FindingView[];
}

/**
 * Groups findings by section in run order, each group listing meaningful findings before those whose audit
 * could not run (they say nothing about the host), then by outcome (failed first), then as printed.
 */
export function groupBySection(
  views: readonly FindingView[],
  run: Pick<BenchRun, 'sections'>
): FindingGroup[] {
  const titles = new Map(run.sections.map((s) => [s.id, s.title]));
  const groups = groupInOrder(views, (v) => v.finding.section);
  const rank = new Map(OUTCOME_ORDER.map((o, i) => [o, i]));
  const unmeant = (v: FindingView) => (auditFailureOf(v.finding) === undefined ? 0 : 1);
  const order = (a: FindingView, b: FindingView) =>
    unmeant(a) - unmeant(b) ||
    rank.get(a.finding.outcome)! - rank.get(b.finding.outcome)! ||
    a.finding.line - b.finding.line;
  // Each list is this function's own, so it is sorted in place; a run of one outcome in line order is
  // already sorted, which costs one pass.
  return [...groups].map(([section, list]) => ({
    section,
    title: titles.get(section) ?? `Section ${section}`,
    findings: list.every((v, i) => i === 0 || order(list[i - 1]!, v) <= 0)
      ? list
      : list.sort(order),
  }));
}

export interface NodeTypeGroup {
  /** kube-bench's node type; undefined for runs without node types (every Docker run). */
  nodeType?: string;
  sections: FindingGroup[];
}

/** Groups findings by node type (in run order), then by section as groupBySection does; one group without a node type for other runs. */
export function groupByNodeType(
  views: readonly FindingView[],
  run: Pick<BenchRun, 'sections'>
): NodeTypeGroup[] {
  const groups = groupInOrder(views, (v) => v.finding.nodeType);
  return [...groups].map(([nodeType, list]) => ({
    ...(nodeType !== undefined ? { nodeType } : {}),
    sections: groupBySection(list, run),
  }));
}

/** The sections that have findings, in run order, for the section filter. */
export function sectionsWithFindings(
  run: Pick<BenchRun, 'sections' | 'findings'>
): { id: string; title: string; nodeType?: string }[] {
  const used = new Set(run.findings.map((f) => f.section));
  const known = run.sections
    .filter((s) => used.has(s.id))
    .map((s) => ({ id: s.id, title: s.title, ...(s.nodeType ? { nodeType: s.nodeType } : {}) }));
  const seen = new Set(known.map((s) => s.id));
  const extra = [...used]
    .filter((id) => !seen.has(id))
    .map((id) => ({ id, title: `Section ${id}` }));
  return [...known, ...extra];
}

/** Where a finding stands in the fix-first order. */
export type FixRank = 'fix-first' | 'then' | 'last' | 'no-threat' | 'audit-error';

export interface FixFirstGroup {
  rank: FixRank;
  title: string;
  findings: FindingView[];
}

const FIX_RANK_TITLES: Record<FixRank, string> = {
  'fix-first': 'Fix first: critical and high severity',
  then: 'Then: medium severity',
  last: 'Last: low severity',
  'no-threat': 'Not tied to a threat of the model',
  'audit-error': 'Audit could not run',
};
const FIX_RANKS = Object.keys(FIX_RANK_TITLES) as FixRank[];

/** A finding's fix-first rank: a result whose audit could not run says nothing about the host, so it comes after every meaningful one. */
export function fixRank(v: Pick<FindingView, 'severity' | 'finding'>): FixRank {
  if (auditFailureOf(v.finding) !== undefined) return 'audit-error';
  switch (v.severity) {
    case 'critical':
    case 'high':
      return 'fix-first';
    case 'medium':
      return 'then';
    case 'low':
      return 'last';
    default:
      return 'no-threat';
  }
}

/**
 * Findings fix-first: grouped by the severity of the most severe threat their check mitigates, most
 * severe first, then those tied to no threat, then those whose audit could not run; within a group by
 * severity, outcome (failed first) and the benchmark's order. Empty groups are left out.
 */
export function fixFirstGroups(views: readonly FindingView[]): FixFirstGroup[] {
  const groups = new Map<FixRank, FindingView[]>(FIX_RANKS.map((r) => [r, []]));
  for (const v of views) groups.get(fixRank(v))!.push(v);
  const severity = (v: FindingView) => (v.severity ? -SEVERITIES.indexOf(v.severity) : 0);
  const outcome = (v: FindingView) => OUTCOME_ORDER.indexOf(v.finding.outcome);
  return FIX_RANKS.flatMap((rank) => {
    const findings = groups
      .get(rank)!
      .sort(
        (a, b) =>
          severity(a) - severity(b) || outcome(a) - outcome(b) || a.finding.line - b.finding.line
      );
    return findings.length ? [{ rank, title: FIX_RANK_TITLES[rank], findings }] : [];
  });
}
