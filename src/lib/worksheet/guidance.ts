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

export type GuidanceKind =
  'count' | 'incomplete' | 'uncovered' | 'duplicate' | 'weak-claim' | 'catalog-text';

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
  return diceOf(contentWords(a), contentWords(b));
}

/** Two descriptions at least this alike, under the same category and component, are taken for one threat. */
export const DUPLICATE_SIMILARITY = 0.7;

/** "1, 3 and 5": entry numbers as a sentence lists them. */
function numberList(numbers: readonly number[]): string {
  return numbers.length === 1
    ? String(numbers[0])
    : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)!}`;
}

/** Entries joined into groups as pairs are found (union-find), each group in entry order. */
class EntryGroups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) [this.parent[i], i] = [root, this.parent[i]!];
    return root;
  }
  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** The groups of two or more entries, ordered by their first entry. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    this.parent.forEach((_, i) => {
      const root = this.find(i);
      const list = byRoot.get(root);
      if (list) list.push(i);
      else byRoot.set(root, [i]);
    });
    return [...byRoot.values()].filter((g) => g.length > 1);
  }
}

// Dice >= t between word sets needs a Jaccard index >= t / (2 - t); prefix filtering works on Jaccard.
const DUPLICATE_JACCARD = DUPLICATE_SIMILARITY / (2 - DUPLICATE_SIMILARITY) - 1e-9;
/**
 * How many earlier entries each rare word remembers as candidates. No list the worksheet keeps or imports
 * has more entries, so no pair is missed there, and a longer list (in tests) still takes linear time.
 */
const CANDIDATES_PER_WORD = 100;

/**
 * Entries of one category and component whose texts are alike, found without comparing every pair:
 * entries with the same words are one; the others are compared only when they share one of their rarest
 * words (two sets this alike always share one of the first |A| - ceil(j * |A|) + 1 in a common order).
 */
function joinSimilarTexts(members: readonly number[], words: Set<string>[], groups: EntryGroups) {
  const sameWords = new Map<string, number>();
  const distinct: number[] = [];
  for (const i of members) {
    if (words[i]!.size === 0) continue;
    const key = [...words[i]!].sort().join(' ');
    const first = sameWords.get(key);
    if (first === undefined) {
      sameWords.set(key, i);
      distinct.push(i);
    } else groups.join(first, i);
  }
  const frequency = new Map<string, number>();
  for (const i of distinct)
    for (const w of words[i]!) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const byRarity = (a: string, b: string) =>
    frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const seenWith = new Map<string, number[]>();
  for (const i of distinct) {
    const set = words[i]!;
    const prefix = [...set]
      .sort(byRarity)
      .slice(0, set.size - Math.ceil(DUPLICATE_JACCARD * set.size) + 1);
    const compared = new Set<number>();
    for (const w of prefix) {
      const earlier = seenWith.get(w) ?? [];
      for (const j of earlier) {
        if (compared.has(j)) continue;
        compared.add(j);
        if (diceOf(set, words[j]!) >= DUPLICATE_SIMILARITY) groups.join(j, i);
      }
      earlier.push(i);
      if (earlier.length > CANDIDATES_PER_WORD) earlier.shift();
      seenWith.set(w, earlier);
    }
  }
}

function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Groups of entries that are the same threat: the same catalog origin, or the same category and component
 * with very similar text. One message per group, in time linear in the list.
 */
export function checkDuplicates(entries: readonly OwnThreat[]): Guidance[] {
  const out: Guidance[] = [];
  const byOrigin = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (!e.origin) return;
    const list = byOrigin.get(e.origin);
    if (list) list.push(i);
    else byOrigin.set(e.origin, [i]);
  });
  for (const [origin, list] of byOrigin) {
    if (list.length < 2) continue;
    const numbers = list.map((i) => i + 1);
    out.push({
      kind: 'duplicate',
      entries: numbers,
      threatId: origin,
      message:
        numbers.length === 2
          ? `Threats ${numbers[0]} and ${numbers[1]} both start from ${origin}: they are the same threat. Keep one and choose another threat for the other.`
          : `Threats ${numberList(numbers)} all start from ${origin}: they are the same threat. Keep one and choose other threats for the rest.`,
    });
  }

  const byPlace = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (!e.stride || !e.component || !e.description.trim()) return;
    const key = `${e.stride}\u0000${e.component}`;
    const list = byPlace.get(key);
    if (list) list.push(i);
    else byPlace.set(key, [i]);
  });
  const words = entries.map((e) => contentWords(e.description));
  const groups = new EntryGroups(entries.length);
  for (const members of byPlace.values())
    if (members.length > 1) joinSimilarTexts(members, words, groups);
  for (const group of groups.groups()) {
    // Entries of one catalog threat are reported above, for their origin.
    const origin = entries[group[0]!]!.origin;
    if (origin && group.every((i) => entries[i]!.origin === origin)) continue;
    const numbers = group.map((i) => i + 1);
    out.push({
      kind: 'duplicate',
      entries: numbers,
      message:
        numbers.length === 2
          ? `Threats ${numbers[0]} and ${numbers[1]} have the same category and component and say almost the same thing: they look like one threat written twice.`
          : `Threats ${numberList(numbers)} have the same category and component and say almost the same thing: they look like one threat written ${numbers.length} times.`,
    });
  }
  return out.sort((a, b) => a.entries[0]! - b.entries[0]!);
}

/** True when an entry started from a catalog threat still says (nearly) what the catalog says. */
export function stillCatalogText(
  entry: Pick<OwnThreat, 'origin' | 'description'>,
  catalog: readonly Pick<CatalogThreat, 'id' | 'summary'>[]
): boolean {
  const origin = entry.origin ? catalog.find((t) => t.id === entry.origin) : undefined;
  return (
    !!origin &&
    !!entry.description.trim() &&
    textSimilarity(entry.description, origin.summary) >= DUPLICATE_SIMILARITY
  );
}

/** Entries whose text is still (nearly) the catalog's: the write-up asks for the user's own words. */
export function checkCatalogText(
  entries: readonly OwnThreat[],
  catalog: readonly CatalogThreat[]
): Guidance[] {
  return entries.flatMap((e, i): Guidance[] =>
    stillCatalogText(e, catalog)
      ? [
          {
            kind: 'catalog-text',
            entries: [i + 1],
            ...(e.origin ? { threatId: e.origin } : {}),
            message: `Threat ${i + 1} is still (nearly) the catalog’s text of ${e.origin ?? ''}: rewrite it in your own words, for your setting.`,
          },
        ]
      : []
  );
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
    ...checkCatalogText(entries, catalog),
    ...checkWeakClaims(entries, catalog),
    ...checkUncovered(entries),
  ];
}
