import {
  PLATFORM_LABELS,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  type Platform,
  type StrideCategory,
} from '../stride';
import { THREATS_PER_PLATFORM, type CatalogThreat, type OwnThreat } from './own-threats';

/**
 * Guidance while a user writes their own threat list, as pure functions that each return every message
 * that applies: how many threats, what is missing, which STRIDE categories are uncovered, which entries
 * repeat a threat, and which descriptions restate a claim the catalog found weak.
 */

export type GuidanceKind = 'count' | 'incomplete' | 'uncovered' | 'duplicate' | 'weak-claim';

export interface Guidance {
  kind: GuidanceKind;
  message: string;
  /** The entries it concerns, numbered from 1 as the page numbers them. */
  entries: number[];
  /** The catalog threat that says more (the correction of a weak claim, the shared origin of duplicates). */
  threatId?: string;
}

/** The count of threats against the five the write-up asks for. */
export function checkThreatCount(entries: readonly OwnThreat[], platform: Platform): Guidance[] {
  const n = entries.length;
  const name = PLATFORM_LABELS[platform];
  if (n < THREATS_PER_PLATFORM) {
    const more = THREATS_PER_PLATFORM - n;
    return [
      {
        kind: 'count',
        entries: [],
        message: `Add ${more} more ${name} threat${more === 1 ? '' : 's'}: the write-up asks for five, and ${n === 0 ? 'none is' : `${n} ${n === 1 ? 'is' : 'are'}`} listed.`,
      },
    ];
  }
  if (n > THREATS_PER_PLATFORM) {
    return [
      {
        kind: 'count',
        entries: [],
        message: `Remove ${n - THREATS_PER_PLATFORM} ${name} threat${n - THREATS_PER_PLATFORM === 1 ? '' : 's'}: the write-up asks for five, and ${n} are listed.`,
      },
    ];
  }
  return [];
}

/** Entries without a category, a component or a description. */
export function checkIncomplete(entries: readonly OwnThreat[]): Guidance[] {
  return entries.flatMap((e, i): Guidance[] => {
    const missing = [
      e.stride ? '' : 'a STRIDE category',
      e.component ? '' : 'the affected component',
      e.description.trim() ? '' : 'a description',
    ].filter(Boolean);
    if (missing.length === 0) return [];
    const list =
      missing.length === 1
        ? missing[0]!
        : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`;
    return [
      { kind: 'incomplete', entries: [i + 1], message: `Threat ${i + 1} still needs ${list}.` },
    ];
  });
}

/** The STRIDE categories no entry covers yet, in STRIDE order. */
export function uncoveredCategories(entries: readonly OwnThreat[]): StrideCategory[] {
  const used = new Set(entries.map((e) => e.stride));
  return STRIDE_CATEGORIES.filter((c) => !used.has(c));
}

/** One message naming the uncovered categories; five threats cannot cover all six, so it informs rather than demands. */
export function checkUncovered(entries: readonly OwnThreat[]): Guidance[] {
  const open = uncoveredCategories(entries);
  if (open.length === 0) return [];
  const names = open.map((c) => STRIDE_LABELS[c]);
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return [
    {
      kind: 'uncovered',
      entries: [],
      message: `Not covered yet: ${list}. Five threats cannot cover all six categories, but each one you leave out should be a choice.`,
    },
  ];
}

const STOP_WORDS = new Set(
  'a an and are as at be been being by can could do does for from has have if in into is it its may might of on or so such than that the their them then there these they this to was were when which while who will with would via not no also'.split(
    ' '
  )
);

/** The words of a text that carry meaning, lower-cased and reduced to a rough stem, so "overwhelms" meets "overwhelm". */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/is(e|ed|es|ing|ation|ations)\b/g, 'iz$1')
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) =>
      w
        .replace(/(?<=..)(?<!s)s$/, '')
        .replace(/(?<=...)(?:ing|ed)$/, '')
        .replace(/(?<=...)e$/, '')
    );
  return new Set(words);
}

/** How alike two descriptions are, from 0 to 1 (Dice coefficient of their content words). */
export function textSimilarity(a: string, b: string): number {
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.size + wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** Two descriptions at least this alike, under the same category and component, are taken for one threat. */
export const DUPLICATE_SIMILARITY = 0.7;

/** Pairs of entries that are the same threat: the same catalog origin, or the same category and component with very similar text. */
export function checkDuplicates(entries: readonly OwnThreat[]): Guidance[] {
  const out: Guidance[] = [];
  entries.forEach((a, i) => {
    entries.slice(i + 1).forEach((b, k) => {
      const j = i + 1 + k;
      if (a.origin && a.origin === b.origin) {
        out.push({
          kind: 'duplicate',
          entries: [i + 1, j + 1],
          threatId: a.origin,
          message: `Threats ${i + 1} and ${j + 1} both start from ${a.origin}: they are the same threat. Keep one and choose another threat for the other.`,
        });
        return;
      }
      if (!a.stride || !a.component || a.stride !== b.stride || a.component !== b.component) return;
      if (!a.description.trim() || !b.description.trim()) return;
      if (textSimilarity(a.description, b.description) >= DUPLICATE_SIMILARITY) {
        out.push({
          kind: 'duplicate',
          entries: [i + 1, j + 1],
          message: `Threats ${i + 1} and ${j + 1} have the same category and component and say almost the same thing: they look like one threat written twice.`,
        });
      }
    });
  });
  return out;
}

/** A description at least this alike a weak claim (weighted Dice coefficient) is taken for a restatement of it. */
export const WEAK_CLAIM_SIMILARITY = 0.45;

const VERDICT_WORDS = { 'partly-accurate': 'only partly right', inaccurate: 'wrong' } as const;

/**
 * Weighs each word by how rare it is in the catalog's own titles and summaries, so words every threat
 * uses (host, container, attacker) count for little and the words that make a claim what it is count most.
 */
function wordWeights(catalog: readonly CatalogThreat[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const t of catalog)
    for (const w of contentWords(`${t.title} ${t.summary}`)) df.set(w, (df.get(w) ?? 0) + 1);
  return (w) => 1 / (1 + (df.get(w) ?? 0));
}

function weightedSimilarity(
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
  weight: (w: string) => number
): { score: number; shared: number } {
  let shared = 0;
  let sharedWeight = 0;
  let total = 0;
  for (const w of a) {
    total += weight(w);
    if (b.has(w)) {
      shared++;
      sharedWeight += weight(w);
    }
  }
  for (const w of b) total += weight(w);
  return { score: total === 0 ? 0 : (2 * sharedWeight) / total, shared };
}

/**
 * Entries whose description restates a claim the catalog judged partly accurate or inaccurate, under the
 * claim's own category, each with the catalog threat whose page explains the correction.
 */
export function checkWeakClaims(
  entries: readonly OwnThreat[],
  catalog: readonly CatalogThreat[]
): Guidance[] {
  const weak = catalog.filter(
    (t): t is CatalogThreat & { brief: NonNullable<CatalogThreat['brief']> } =>
      !!t.brief && t.brief.verdict !== 'accurate'
  );
  if (weak.length === 0) return [];
  const weight = wordWeights(catalog);
  const claimWords = new Map(weak.map((t) => [t.id, contentWords(t.brief.claim)]));
  return entries.flatMap((e, i): Guidance[] => {
    if (!e.description.trim() || !e.stride) return [];
    const words = contentWords(e.description);
    const match = weak.find((t) => {
      if (t.brief.stride !== e.stride) return false;
      const s = weightedSimilarity(words, claimWords.get(t.id)!, weight);
      return s.shared >= 2 && s.score >= WEAK_CLAIM_SIMILARITY;
    });
    if (!match) return [];
    const verdict = VERDICT_WORDS[match.brief.verdict as keyof typeof VERDICT_WORDS];
    return [
      {
        kind: 'weak-claim',
        entries: [i + 1],
        threatId: match.id,
        message: `Threat ${i + 1} reads like a ${STRIDE_LABELS[match.brief.stride].toLowerCase()} claim this catalog found ${verdict}. ${match.id} "${match.title}" explains what holds and what does not.`,
      },
    ];
  });
}

/** Every message for one platform's list, in the order a user works through them. */
export function threatGuidance(
  entries: readonly OwnThreat[],
  platform: Platform,
  catalog: readonly CatalogThreat[]
): Guidance[] {
  return [
    ...checkThreatCount(entries, platform),
    ...checkIncomplete(entries),
    ...checkDuplicates(entries),
    ...checkWeakClaims(entries, catalog),
    ...checkUncovered(entries),
  ];
}
