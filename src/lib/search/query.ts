import { normaliseTerm, splitWords, wordParts } from './tokenizer';
import { alternativesFor } from './synonyms';
import { RECORD_KINDS, type RecordKind } from './kinds';
import { PLATFORMS, STRIDE_CATEGORIES, type Platform, type StrideCategory } from '../stride';
import {
  MANIFEST_FILE,
  SCORE_SCALE,
  frontDecode,
  indexFile,
  readDisplayChunk,
  readManifest,
  readTermShard,
  readWordList,
  unpackFacets,
  type CheckSetInfo,
  type DisplayDoc,
  type SearchManifest,
} from './format';

/** Fetches and parses one file of the index by name. */
export type IndexFileLoader = (name: string) => Promise<unknown>;

/** What a result list may be narrowed to; an absent filter lets everything through. */
export interface SearchFilters {
  platform?: Platform;
  stride?: StrideCategory;
  kind?: RecordKind;
}

/** What the reader is working on: the platform of the page they are on, the check set of the run they loaded. */
export interface SearchContext {
  platform?: Platform;
  checkSet?: string;
}

export interface SearchOptions {
  /** Treat the last word as a prefix, as while typing. Default true. */
  prefix?: boolean;
  /** Pages (groups) to return. Default 10. */
  limit?: number;
  /** Matching parts shown under each page. Default 3. */
  sections?: number;
  context?: SearchContext;
}

/** A check number as the result shows it: the number, one check set that uses it, how many others do. */
export interface CheckNumbering {
  id: string;
  checkSet: CheckSetInfo;
  others: number;
}

/** One record of a result, with what it shows. */
export interface SearchHit {
  doc: number;
  kind: RecordKind;
  platform?: Platform;
  stride: StrideCategory[];
  /** 0 for a page shown only because parts of it matched. */
  score: number;
  /** Index terms that matched, for marking them in the excerpt and on the target page. */
  terms: string[];
  display: DisplayDoc;
  numbering?: CheckNumbering;
}

/** One result: a page, with its best matching parts beneath it. */
export interface SearchGroup {
  page: SearchHit;
  /** Whether the page itself matched, not only parts of it. */
  matched: boolean;
  sections: SearchHit[];
  score: number;
}

export interface SearchOutcome {
  groups: SearchGroup[];
  /** Pages that matched, shown or not. */
  total: number;
}

/** Words beyond this many are ignored; nobody types more, and each costs a lookup. */
export const MAX_QUERY_WORDS = 8;
/** Characters of input considered; the rest of a pasted essay is ignored. */
export const MAX_QUERY_CHARS = 256;

/** Weight of a match through a synonym against a match of the word as typed. */
const SYNONYM_WEIGHT = 0.6;
/** Weight of a prefix-only match against an exact one, so `docker.sock` ranks above `docker.socket`. */
const PREFIX_WEIGHT = 0.1;
/** Weight of a misspelt word's match. */
const FUZZY_WEIGHT = 0.5;
/** Longer words are not looked up by edit distance. */
const MAX_FUZZY_CHARS = 24;
/** Longest word looked up at all; no index term is longer (see the tokenizer). */
const MAX_WORD_CHARS = 48;
/** A compound falls back to at most this many of its parts. */
const MAX_PARTS = 6;
/** A prefix while typing reads at most this many shards; longer prefixes narrow the range. */
const MAX_PREFIX_SHARDS = 3;
/** Extra score when the whole query is a record's title. */
const TITLE_BONUS = 100;
/** Extra score for a check whose typed number is its number in the reader's check set. */
const CHECK_SET_BONUS = 300;
/** Pages the second stage considers when a check number is typed with a run loaded. */
const CONTEXT_CANDIDATES = 30;
/** Score factor for records of the reader's platform. */
const PLATFORM_WEIGHT = 2.5;

/** Threats are what the site is about; a check or another page ranks slightly below on equal text. A part of a page counts as its page's kind. */
const KIND_WEIGHT: Record<RecordKind, number> = {
  threat: 1.3,
  guide: 1.2,
  component: 1.1,
  check: 1,
  page: 0.9,
};
/** For a question ("why is privileged bad"), the pages that explain outrank the records that list. */
const QUESTION_KIND_WEIGHT: Record<RecordKind, number> = {
  threat: 2.6,
  guide: 2.6,
  component: 1.1,
  check: 0.6,
  page: 1,
};
const QUESTION_WORDS = new Set([
  'why',
  'how',
  'what',
  'when',
  'which',
  'where',
  'who',
  'should',
  'can',
  'does',
  'do',
  'is',
  'are',
]);

interface Postings {
  docs: number[];
  scores: number[];
  /** Distinct words of the document's title when the term is one of them, else 0. */
  titles: number[];
}

interface Shard {
  terms: string[];
  raw: string[];
  decoded: (Postings | undefined)[];
}

/** A document's hit for one word or a combination of words. */
interface Hit {
  score: number;
  /** Words that matched a word of the title exactly, and the title's word count. */
  titleWords: number;
  titleSize: number;
}

/**
 * The documents a word (or a combination) matches, and the index terms that matched. Which term
 * matched which document is looked up only for the results shown, in the terms' postings, so a
 * broad word costs one small object per document and no set of terms.
 */
interface Hits {
  docs: Map<number, Hit>;
  terms: [string, Postings][];
}

const noHits = (): Hits => ({ docs: new Map(), terms: [] });

/** The matched terms a document has. */
function termsOf(hits: Hits, doc: number): string[] {
  const terms = new Set<string>();
  for (const [term, postings] of hits.terms) {
    const at = lowerBoundNumber(postings.docs, doc);
    if (postings.docs[at] === doc) terms.add(term);
  }
  return [...terms];
}

function lowerBoundNumber(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A loaded index: the manifest, and the shards and display chunks read so far. */
export class SearchEngine {
  readonly documents: number;
  readonly checkSets: readonly CheckSetInfo[];
  private readonly kinds: Uint8Array;
  private readonly platforms: Uint8Array;
  private readonly strides: Uint8Array;
  private readonly parents: Int32Array;
  private readonly shards = new Map<number, Promise<Shard>>();
  private readonly chunks = new Map<number, Promise<DisplayDoc[]>>();
  private readonly words = new Map<string, Promise<string[]>>();

  private constructor(
    private readonly manifest: SearchManifest,
    private readonly load: IndexFileLoader
  ) {
    this.documents = Math.floor(manifest.docs.length / 4);
    this.checkSets = manifest.checkSets;
    this.kinds = new Uint8Array(this.documents);
    this.platforms = new Uint8Array(this.documents);
    this.strides = new Uint8Array(this.documents);
    this.parents = new Int32Array(this.documents);
    for (let d = 0; d < this.documents; d++) {
      const facets = unpackFacets(parseInt(manifest.docs.slice(d * 4, d * 4 + 2), 36) || 0);
      const offset = parseInt(manifest.docs.slice(d * 4 + 2, d * 4 + 4), 36) || 0;
      this.kinds[d] = facets.kind;
      this.platforms[d] = facets.platform;
      this.strides[d] = facets.stride;
      this.parents[d] = offset > 0 && offset <= d ? d - offset : -1;
    }
  }

  /** Reads the manifest; the shards and display text load as queries need them. */
  static async open(load: IndexFileLoader): Promise<SearchEngine> {
    return new SearchEngine(readManifest(await load(MANIFEST_FILE)), load);
  }

  kind(doc: number): RecordKind {
    return RECORD_KINDS[this.kinds[doc] ?? 0] ?? 'page';
  }

  platform(doc: number): Platform | undefined {
    const p = this.platforms[doc] ?? 0;
    return p > 0 ? PLATFORMS[p - 1] : undefined;
  }

  stride(doc: number): StrideCategory[] {
    const mask = this.strides[doc] ?? 0;
    return STRIDE_CATEGORIES.filter((_, i) => (mask & (1 << i)) !== 0);
  }

  /** The document of the page a part belongs to, or the document itself. */
  page(doc: number): number {
    const parent = this.parents[doc] ?? -1;
    return parent >= 0 ? parent : doc;
  }

  /** What a document shows; reads its display chunk on first use. */
  async display(doc: number): Promise<DisplayDoc> {
    const chunk = Math.max(0, upperBound(this.manifest.chunkStarts, doc) - 1);
    let loading = this.chunks.get(chunk);
    if (!loading) {
      const file =
        chunk < this.manifest.chunkStarts.length ? indexFile(this.manifest, 'd', chunk) : undefined;
      const start = this.manifest.chunkStarts[chunk] ?? 0;
      loading = (file ? this.load(file) : Promise.resolve([])).then((json) =>
        readDisplayChunk(json, file ?? '').map((d, i, docs) => {
          // A part stored as its #fragment: its page is earlier in the same chunk.
          if (!d.u.startsWith('#')) return d;
          return { ...d, u: `${docs[this.page(start + i) - start]?.u ?? ''}${d.u}` };
        })
      );
      this.remember(this.chunks, chunk, loading);
    }
    const display = (await loading)[doc - (this.manifest.chunkStarts[chunk] ?? 0)];
    return display ?? { u: '/', t: '', x: '' };
  }

  /** The postings of an index term, or undefined when no document has it. */
  async exact(term: string): Promise<Postings | undefined> {
    const at = this.shardOf(term);
    if (at < 0) return undefined;
    const shard = await this.shard(at);
    const i = lowerBound(shard.terms, term);
    return shard.terms[i] === term ? decode(shard, i) : undefined;
  }

  /** Every index term that starts with `prefix`, with its postings; reads a few shards at most. */
  async prefix(prefix: string): Promise<[string, Postings][]> {
    const first = Math.max(0, this.shardOf(prefix));
    const last = Math.min(this.shardOf(`${prefix}\uffff`), first + MAX_PREFIX_SHARDS - 1);
    const shards = await Promise.all(
      Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => this.shard(first + i))
    );
    const out: [string, Postings][] = [];
    for (const shard of shards) {
      for (let i = lowerBound(shard.terms, prefix); i < shard.terms.length; i++) {
        const term = shard.terms[i]!;
        if (!term.startsWith(prefix)) break;
        out.push([term, decode(shard, i)]);
      }
    }
    return out;
  }

  /** Index terms within `distance` edits of `word` that start with the same character. */
  async similar(word: string, distance: number): Promise<string[]> {
    const at = word.length > 0 ? this.manifest.words.indexOf(word.charAt(0)) : -1;
    if (at < 0) return [];
    const file = indexFile(this.manifest, 'w', at);
    let loading = this.words.get(file);
    if (!loading) {
      loading = this.load(file).then((coded) => frontDecode(readWordList(coded, file)));
      this.remember(this.words, file, loading);
    }
    return (await loading).filter((t) => withinEdits(word, t, distance));
  }

  private shardOf(term: string): number {
    let lo = 0;
    let hi = this.manifest.shards.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.manifest.shards[mid] ?? '') <= term) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private shard(at: number): Promise<Shard> {
    let loading = this.shards.get(at);
    if (!loading) {
      const file = at < this.manifest.shards.length ? indexFile(this.manifest, 't', at) : undefined;
      loading = (file ? this.load(file) : Promise.resolve({ t: '', p: [] })).then((json) => {
        const s = readTermShard(json, file ?? '');
        const terms = s.t === '' ? [] : frontDecode(s.t);
        return { terms, raw: s.p, decoded: new Array<Postings | undefined>(terms.length) };
      });
      this.remember(this.shards, at, loading);
    }
    return loading;
  }

  /** Caches a load, and forgets it when it fails so a later query can try again. */
  private remember<K, V>(cache: Map<K, Promise<V>>, key: K, loading: Promise<V>): void {
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
}

/** The first position whose value is greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function decode(shard: Shard, i: number): Postings {
  const cached = shard.decoded[i];
  if (cached) return cached;
  const postings: Postings = { docs: [], scores: [], titles: [] };
  const values = (shard.raw[i] ?? '').split(',');
  let doc = 0;
  for (let v = 0; v + 2 < values.length; v += 3) {
    doc += parseInt(values[v]!, 36) || 0;
    postings.docs.push(doc);
    postings.scores.push((parseInt(values[v + 1]!, 36) || 0) / SCORE_SCALE);
    postings.titles.push(parseInt(values[v + 2]!, 36) || 0);
  }
  shard.decoded[i] = postings;
  return postings;
}

/**
 * Whether two words are at most `max` edits apart, an edit being an insertion, a deletion, a
 * substitution or the swap of two adjacent letters (`memroy` is one edit from `memory`).
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return false;
    before = previous;
    previous = row;
  }
  return (previous[b.length] ?? Infinity) <= max;
}

/** The words of a query as a reader typed them, lower-cased, without repeats or stop words, at most MAX_QUERY_WORDS. */
export function queryWords(input: string, keepLast = false): string[] {
  const all = [
    ...new Set(splitWords(input.slice(0, MAX_QUERY_CHARS)).map((w) => w.word.toLowerCase())),
  ];
  // A stop word says nothing, unless it is all there is or is still being typed (`in` of `inspect`).
  const kept = all.filter(
    (w, i) =>
      normaliseTerm(w) !== undefined ||
      wordParts(w).length > 0 ||
      (keepLast && i === all.length - 1 && w.length >= 2)
  );
  return (kept.length > 0 ? kept : all).slice(0, MAX_QUERY_WORDS);
}

/** Whether the input asks a question rather than naming a thing. */
export function isQuestion(input: string): boolean {
  const first = splitWords(input)[0]?.word.toLowerCase() ?? '';
  return QUESTION_WORDS.has(first) || input.trim().endsWith('?');
}

function addPostings(
  hits: Hits,
  term: string,
  postings: Postings | undefined,
  weight: number
): void {
  if (!postings) return;
  hits.terms.push([term, postings]);
  const { docs, scores, titles } = postings;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const score = (scores[i] ?? 0) * weight;
    const seen = hits.docs.get(doc);
    if (!seen) {
      const title = titles[i] ?? 0;
      hits.docs.set(doc, {
        score,
        titleWords: weight === 1 && title > 0 ? 1 : 0,
        titleSize: title,
      });
    } else if (score > seen.score) seen.score = score;
  }
}

/** Hits for one word: exact, and as a prefix when asked; a compound unknown as a whole falls back to its parts. */
async function wordHits(engine: SearchEngine, word: string, prefix: boolean): Promise<Hits> {
  if (word.length > MAX_WORD_CHARS) return noHits();
  const term = normaliseTerm(word);
  const raw = word.toLowerCase();
  const hits = noHits();
  // The shards of the word and of its prefixes load together, in one round of requests.
  const [exact, expansions] = await Promise.all([
    term ? engine.exact(term) : undefined,
    prefix && raw.length >= 2
      ? Promise.all([...new Set([raw, term ?? raw])].map((p) => engine.prefix(p)))
      : undefined,
  ]);
  if (term) addPostings(hits, term, exact, 1);
  if (expansions) {
    const starts = noHits();
    for (const [t, postings] of expansions.flat())
      if (t !== term) addPostings(starts, t, postings, PREFIX_WEIGHT);
    for (const [doc, h] of starts.docs) if (!hits.docs.has(doc)) hits.docs.set(doc, h);
    for (const t of starts.terms) hits.terms.push(t);
  }
  if (hits.docs.size > 0) return hits;
  // A flag not written with its dashes anywhere (--icc) is still found as the bare word (icc).
  const bare = raw.replace(/^-+/, '');
  if (bare !== raw && bare.length > 0) return wordHits(engine, bare, prefix);
  const parts = wordParts(word).slice(0, MAX_PARTS);
  if (parts.length < 2) return hits;
  const each = await Promise.all(
    parts.map((p, i) => wordHits(engine, p, prefix && i === parts.length - 1))
  );
  return intersect(each);
}

/** Hits for a misspelt word: index terms one edit away (two for longer words), at half weight. */
async function fuzzyHits(engine: SearchEngine, word: string): Promise<Hits> {
  const raw = word.toLowerCase();
  if (raw.length < 4 || raw.length > MAX_FUZZY_CHARS || /\d/.test(raw)) return noHits();
  const forms = [...new Set([raw, normaliseTerm(raw) ?? raw])];
  for (const distance of raw.length >= 5 ? [1, 2] : [1]) {
    const hits = noHits();
    for (const form of forms)
      for (const t of await engine.similar(form, distance))
        addPostings(hits, t, await engine.exact(t), FUZZY_WEIGHT);
    if (hits.docs.size > 0) return hits;
  }
  return noHits();
}

/** Hits for one query word with its synonyms, and a typo-tolerant retry when nothing matches. */
async function queryWordHits(engine: SearchEngine, word: string, prefix: boolean): Promise<Hits> {
  const alternatives = await Promise.all(
    alternativesFor(word).map(async (phrase, n) => {
      const hits = intersect(
        await Promise.all(
          phrase.map((w, i) => wordHits(engine, w, prefix && phrase.length === 1 && i === 0))
        )
      );
      // What the reader typed outranks what it was expanded to.
      if (n > 0) for (const h of hits.docs.values()) h.score *= SYNONYM_WEIGHT;
      return hits;
    })
  );
  const hits = bestOf(alternatives);
  return hits.docs.size > 0 ? hits : fuzzyHits(engine, word);
}

/** The `count` keys with the highest scores, best first (ties: lower key first), without sorting them all. */
function best(keys: readonly number[], scores: Float64Array, count: number): number[] {
  const top: [number, number][] = [];
  for (const key of keys) {
    const score = scores[key] ?? 0;
    const last = top[top.length - 1];
    if (top.length === count && last && (score < last[1] || (score === last[1] && key > last[0])))
      continue;
    let at = top.length;
    while (at > 0) {
      const [k, s] = top[at - 1]!;
      if (s > score || (s === score && k < key)) break;
      at--;
    }
    top.splice(at, 0, [key, score]);
    if (top.length > count) top.pop();
  }
  return top.map(([key]) => key);
}

/** Every document of any of the hit sets, with its best score. */
function bestOf(all: Hits[]): Hits {
  const [first] = all;
  if (all.length === 1 && first) return first;
  const out = noHits();
  for (const hits of all) {
    for (const t of hits.terms) out.terms.push(t);
    for (const [doc, h] of hits.docs) {
      const seen = out.docs.get(doc);
      if (!seen || h.score > seen.score) out.docs.set(doc, h);
    }
  }
  return out;
}

/** Documents every hit set has, their scores summed. */
function intersect(all: Hits[]): Hits {
  const [first] = all;
  if (!first) return noHits();
  // One set intersects to itself; copying it would cost most of a broad prefix query's time.
  if (all.length === 1) return first;
  const smallest = all.reduce((a, b) => (b.docs.size < a.docs.size ? b : a));
  const out: Hits = { docs: new Map(), terms: all.flatMap((h) => h.terms) };
  for (const doc of smallest.docs.keys()) {
    let hit: Hit | undefined = { score: 0, titleWords: 0, titleSize: 0 };
    for (const hits of all) {
      const h = hits.docs.get(doc);
      if (!h) {
        hit = undefined;
        break;
      }
      hit.score += h.score;
      hit.titleWords += h.titleWords;
      hit.titleSize = Math.max(hit.titleSize, h.titleSize);
    }
    if (hit) out.docs.set(doc, hit);
  }
  return out;
}

/** Documents any hit set has, scored by the words they match. */
function union(all: Hits[]): Hits {
  const out: Hits = { docs: new Map(), terms: all.flatMap((h) => h.terms) };
  const words = new Map<number, number>();
  for (const hits of all) {
    for (const [doc, h] of hits.docs) {
      const seen = out.docs.get(doc);
      words.set(doc, (words.get(doc) ?? 0) + 1);
      if (!seen) out.docs.set(doc, { ...h });
      else {
        seen.score += h.score;
        seen.titleWords += h.titleWords;
        seen.titleSize = Math.max(seen.titleSize, h.titleSize);
      }
    }
  }
  // A document matching more of the words outranks one matching fewer.
  for (const [doc, h] of out.docs) h.score *= words.get(doc) ?? 1;
  return out;
}

function passes(engine: SearchEngine, doc: number, filters: SearchFilters): boolean {
  if (filters.kind && engine.kind(doc) !== filters.kind) return false;
  if (filters.platform && engine.platform(doc) !== filters.platform) return false;
  if (filters.stride && !engine.stride(doc).includes(filters.stride)) return false;
  return true;
}

/** The number a check result shows: a typed one first, in the reader's check set when it has it. */
export function checkNumbering(
  display: DisplayDoc,
  terms: readonly string[],
  checkSets: readonly CheckSetInfo[],
  context: SearchContext = {}
): (CheckNumbering & { inContext: boolean }) | undefined {
  if (!display.n) return undefined;
  const entries = display.n.split(' ').map((entry) => {
    const [id = '', sets = ''] = entry.split(':');
    const indices = sets
      .split('.')
      .map(Number)
      .filter((i) => checkSets[i] !== undefined)
      .sort((a, b) => a - b);
    return { id, sets: indices.map((i) => checkSets[i]!) };
  });
  const typed = entries.filter((e) => terms.includes(e.id.toLowerCase()));
  const pool = (typed.length > 0 ? typed : entries).filter((e) => e.sets.length > 0);
  for (const e of pool) {
    const own = e.sets.find((s) => s.id === context.checkSet);
    if (own) return { id: e.id, checkSet: own, others: e.sets.length - 1, inContext: true };
  }
  const [first] = pool;
  if (!first) return undefined;
  const preferred = first.sets.find((s) => s.platform === context.platform) ?? first.sets[0]!;
  return { id: first.id, checkSet: preferred, others: first.sets.length - 1, inContext: false };
}

/**
 * Searches for what a reader typed: every word must match when that leaves results, otherwise any
 * may. Hits are grouped under their page, best page first, and only the groups returned have their
 * display text loaded. No character of the input can make it throw.
 */
export async function search(
  engine: SearchEngine,
  input: string,
  filters: SearchFilters = {},
  options: SearchOptions = {}
): Promise<SearchOutcome> {
  const prefix = options.prefix ?? true;
  const words = queryWords(input, prefix);
  if (words.length === 0) return { groups: [], total: 0 };
  const context = options.context ?? {};
  const question = isQuestion(input);
  const perWord = await Promise.all(
    words.map((w, i) => queryWordHits(engine, w, prefix && i === words.length - 1))
  );
  const all = perWord.every((h) => h.docs.size > 0) ? intersect(perWord) : noHits();
  const matched = all.docs.size > 0 ? all : union(perWord);

  // Each page's best score: a broad word matches thousands of records, so nothing is kept per
  // record or made per page until the pages shown are known.
  const weights = question ? QUESTION_KIND_WEIGHT : KIND_WEIGHT;
  const scoreOf = (doc: number, hit: Hit): number => {
    let score = hit.score * weights[engine.kind(doc)];
    if (context.platform && engine.platform(doc) === context.platform) score *= PLATFORM_WEIGHT;
    if (hit.titleWords === words.length && hit.titleSize === words.length) score += TITLE_BONUS;
    return score;
  };
  const pageBest = new Float64Array(engine.documents);
  const pages: number[] = [];
  for (const [doc, hit] of matched.docs) {
    if (!passes(engine, doc, filters)) continue;
    const score = scoreOf(doc, hit);
    const page = engine.page(doc);
    if (pageBest[page] === 0) pages.push(page);
    if (score > (pageBest[page] ?? 0)) pageBest[page] = score;
  }
  const limit = options.limit ?? 10;
  // A check number typed with a run loaded: look further down for the check that has it in the
  // run's check set, which the second stage below moves up.
  const numbers = context.checkSet !== undefined && words.some((w) => /^\d+(?:\.\d+)+$/.test(w));
  const ranked = best(pages, pageBest, numbers ? Math.max(limit, CONTEXT_CANDIDATES) : limit);
  const members = new Map(ranked.map((page) => [page, [] as { doc: number; score: number }[]]));
  for (const [doc, hit] of matched.docs) {
    const list = members.get(engine.page(doc));
    if (list && passes(engine, doc, filters)) list.push({ doc, score: scoreOf(doc, hit) });
  }
  const shown = [...members].map(
    ([page, list]) => [page, { score: pageBest[page] ?? 0, members: list }] as const
  );
  const perGroup = options.sections ?? 3;

  const toHit = async (doc: number, score: number, terms: string[]): Promise<SearchHit> => {
    const display = await engine.display(doc);
    const hit: SearchHit = {
      doc,
      kind: engine.kind(doc),
      stride: engine.stride(doc),
      score,
      terms,
      display,
    };
    const platform = engine.platform(doc);
    if (platform) hit.platform = platform;
    const numbering = checkNumbering(display, terms, engine.checkSets, context);
    if (numbering) hit.numbering = numbering;
    return hit;
  };
  const result = await Promise.all(
    shown.map(async ([page, group]): Promise<SearchGroup> => {
      const members = group.members.sort((a, b) => b.score - a.score || a.doc - b.doc);
      const own = members.find((m) => m.doc === page);
      const parts = members.filter((m) => m.doc !== page).slice(0, perGroup);
      const partTerms = parts.map((m) => termsOf(matched, m.doc));
      const terms = own ? termsOf(matched, page) : [...new Set(partTerms.flatMap((t) => t))];
      const [pageHit, ...sections] = await Promise.all([
        toHit(page, own?.score ?? 0, terms),
        ...parts.map((m, i) => toHit(m.doc, m.score, partTerms[i] ?? [])),
      ]);
      let score = group.score;
      // The number typed is this check's number in the reader's own check set.
      const numbering = checkNumbering(pageHit.display, terms, engine.checkSets, context);
      if (numbering?.inContext && terms.includes(numbering.id.toLowerCase()))
        score += CHECK_SET_BONUS;
      return { page: pageHit, matched: own !== undefined, sections, score };
    })
  );
  result.sort((a, b) => b.score - a.score || a.page.doc - b.page.doc);
  return { groups: result.slice(0, limit), total: pages.length };
}
