import lunr from 'lunr';
import { FIELD_BOOSTS, MAX_TF, frontDecode, type SearchIndexFile, type StoredDoc } from './build';
import { normaliseTerm, splitWords, wordParts } from './tokenizer';
import { alternativesFor } from './synonyms';
import { RECORD_KINDS, type RecordKind } from './records';
import { PLATFORMS, STRIDE_LETTERS, type Platform, type StrideCategory } from '../stride';
import { checkPath } from '../content/paths';

export { readSearchIndexFile } from './build';

/** A loaded index, ready to query. */
export interface SearchEngine {
  index: lunr.Index;
  docs: StoredDoc[];
}

/** What a result list may be narrowed to; an absent filter lets everything through. */
export interface SearchFilters {
  platform?: Platform;
  stride?: StrideCategory;
  kind?: RecordKind;
}

/** One hit, best first in the list `search` returns. */
export interface SearchResult {
  doc: StoredDoc;
  score: number;
  /** Index terms that matched, for marking them in the excerpt and on the target page. */
  terms: string[];
}

export interface SearchOptions {
  /** Treat the last word as a prefix, as while typing. Default true. */
  prefix?: boolean;
  limit?: number;
}

/** Words beyond this many are ignored; nobody types more, and each costs an index lookup. */
export const MAX_QUERY_WORDS = 8;
/** Characters of input considered; the rest of a pasted essay is ignored. */
export const MAX_QUERY_CHARS = 256;

/** Rebuilds the lunr index from the compact file through lunr's own Builder, so scores are lunr's. */
export function loadSearchIndex(file: SearchIndexFile): SearchEngine {
  const builder = new lunr.Builder();
  builder.ref('r');
  for (const field of file.fields) builder.field(field, { boost: FIELD_BOOSTS[field] ?? 1 });
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  const b = builder as unknown as BuilderState;
  const fieldCount = file.fields.length;
  // Indexed by key = document × fieldCount + field, as the postings number them.
  const frequencies: Record<string, number>[] = [];
  const docRefs: string[] = [];
  file.docs.forEach((_, doc) => {
    const ref = String(doc);
    docRefs.push(ref);
    b._documents[ref] = {};
    b.documentCount += 1;
    file.fields.forEach((field, f) => {
      const table = Object.create(null) as Record<string, number>;
      frequencies.push(table);
      b.fieldTermFrequencies[`${field}/${ref}`] = table;
      b.fieldLengths[`${field}/${ref}`] = file.lengths[doc * fieldCount + f] ?? 0;
    });
  });
  const terms = frontDecode(file.terms);
  terms.forEach((term, termIndex) => {
    const byField = file.fields.map(() => Object.create(null) as Record<string, object>);
    let key = 0;
    for (const value of (file.postings[termIndex] ?? '').split(',')) {
      if (value === '') continue;
      const n = parseInt(value, 36);
      key += Math.floor(n / MAX_TF);
      const table = frequencies[key];
      const postingsOfField = byField[key % fieldCount];
      if (!table || !postingsOfField) continue;
      table[term] = (n % MAX_TF) + 1;
      postingsOfField[docRefs[Math.floor(key / fieldCount)] ?? ''] = {};
    }
    const posting: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    posting._index = termIndex;
    file.fields.forEach((field, f) => {
      posting[field] = byField[f];
    });
    b.invertedIndex[term] = posting;
  });
  b.termIndex = terms.length;
  const docs = file.docs.map((doc) => ({ ...doc, u: fullUrl(doc, file.docs) }));
  return { index: builder.build(), docs };
}

/** Expands the stored short form of a URL (see StoredDoc.u). */
function fullUrl(doc: StoredDoc, docs: StoredDoc[]): string {
  if (doc.g !== undefined) return `${docs[doc.g]?.u ?? ''}${doc.u}`;
  const platform = doc.p === undefined ? undefined : PLATFORMS[doc.p];
  if (RECORD_KINDS[doc.k] === 'check' && platform && !doc.u.startsWith('/'))
    return checkPath(platform, doc.u);
  return doc.u;
}

/** The parts of lunr.Builder that `add` fills in; set directly because the terms arrive counted. */
interface BuilderState {
  _documents: Record<string, object>;
  documentCount: number;
  fieldTermFrequencies: Record<string, Record<string, number>>;
  fieldLengths: Record<string, number>;
  invertedIndex: Record<string, Record<string, unknown>>;
  termIndex: number;
}

type Hits = Map<string, { score: number; terms: Set<string> }>;
const noHits = (): Hits => new Map();

/** The words of a query as a reader typed them, lower-cased, without repeats, at most MAX_QUERY_WORDS. */
export function queryWords(input: string): string[] {
  const words = splitWords(input.slice(0, MAX_QUERY_CHARS)).map((w) => w.word.toLowerCase());
  return [...new Set(words)].filter((w) => w.length > 0).slice(0, MAX_QUERY_WORDS);
}

function run(engine: SearchEngine, build: (q: lunr.Query) => void): Hits {
  const hits: Hits = new Map();
  for (const r of engine.index.query(build)) {
    hits.set(r.ref, { score: r.score, terms: new Set(Object.keys(r.matchData.metadata)) });
  }
  return hits;
}

/** Weight of a match through a synonym against a match of the word as typed. */
const SYNONYM_WEIGHT = 0.6;
/** Longer words are not looked up by edit distance: lunr's fuzzy matching grows steeply with length. */
const MAX_FUZZY_CHARS = 24;
/** Longest word looked up at all; no index term is longer (see the tokenizer). */
const MAX_WORD_CHARS = 48;
/** A compound falls back to at most this many of its parts. */
const MAX_PARTS = 6;

/** Weight of a prefix-only match against an exact one, so `docker.sock` ranks above `docker.socket`. */
const PREFIX_WEIGHT = 0.1;

/** Hits for one word: exact, and as a prefix when asked; a compound unknown as a whole falls back to its parts. */
function wordHits(engine: SearchEngine, word: string, prefix: boolean): Hits {
  if (word.length > MAX_WORD_CHARS) return new Map();
  const term = normaliseTerm(word);
  const raw = word.toLowerCase();
  const hits = term ? run(engine, (q) => q.term(term, { usePipeline: false })) : noHits();
  if (prefix && raw.length >= 2) {
    const starts = run(engine, (q) => {
      q.term(raw, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      if (term && term !== raw)
        q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    });
    for (const [ref, h] of starts) {
      const seen = hits.get(ref);
      if (seen) for (const t of h.terms) seen.terms.add(t);
      else hits.set(ref, { score: h.score * PREFIX_WEIGHT, terms: h.terms });
    }
  }
  if (hits.size > 0) return hits;
  // A flag not written with its dashes anywhere (--icc) is still found as the bare word (icc).
  const bare = raw.replace(/^-+/, '');
  if (bare !== raw && bare.length > 0) return wordHits(engine, bare, prefix);
  const parts = wordParts(word).slice(0, MAX_PARTS);
  return parts.length > 1
    ? intersect(parts.map((p, i) => wordHits(engine, p, prefix && i === parts.length - 1)))
    : hits;
}

/** Hits for an edit-distance match, for a word that matched nothing as typed. */
function fuzzyHits(engine: SearchEngine, word: string): Hits {
  const raw = word.toLowerCase();
  if (raw.length < 4 || raw.length > MAX_FUZZY_CHARS || /\d/.test(raw)) return new Map();
  for (const distance of raw.length >= 5 ? [1, 2] : [1]) {
    const hits = run(engine, (q) => q.term(raw, { usePipeline: false, editDistance: distance }));
    if (hits.size > 0) {
      for (const h of hits.values()) h.score *= 0.5;
      return hits;
    }
  }
  return new Map();
}

function union(all: Hits[]): Hits {
  const out: Hits = new Map();
  for (const hits of all) {
    for (const [ref, h] of hits) {
      const seen = out.get(ref);
      if (seen) {
        seen.score += h.score;
        for (const t of h.terms) seen.terms.add(t);
      } else out.set(ref, { score: h.score, terms: new Set(h.terms) });
    }
  }
  return out;
}

/** Every document of any of the hit sets, with its best score and all matched terms. */
function best(all: Hits[]): Hits {
  const out: Hits = new Map();
  for (const hits of all) {
    for (const [ref, h] of hits) {
      const seen = out.get(ref);
      if (!seen) out.set(ref, { score: h.score, terms: new Set(h.terms) });
      else {
        seen.score = Math.max(seen.score, h.score);
        for (const t of h.terms) seen.terms.add(t);
      }
    }
  }
  return out;
}

function intersect(all: Hits[]): Hits {
  const out: Hits = new Map();
  const [first] = all;
  if (!first) return out;
  // One set intersects to itself; copying it would cost most of a broad prefix query's time.
  if (all.length === 1) return first;
  for (const ref of first.keys()) {
    const each = all.map((hits) => hits.get(ref)).filter((h) => h !== undefined);
    if (each.length === all.length) {
      out.set(ref, {
        score: each.reduce((sum, h) => sum + h.score, 0),
        terms: new Set(each.flatMap((h) => [...h.terms])),
      });
    }
  }
  return out;
}

/** Hits for one query word with its synonyms, and a typo-tolerant retry when nothing matches. */
function queryWordHits(engine: SearchEngine, word: string, prefix: boolean): Hits {
  const alternatives = alternativesFor(word).map((phrase, n) => {
    const hits = intersect(
      phrase.map((w, i) => wordHits(engine, w, prefix && phrase.length === 1 && i === 0))
    );
    // What the reader typed outranks what it was expanded to.
    if (n > 0) for (const h of hits.values()) h.score *= SYNONYM_WEIGHT;
    return hits;
  });
  const hits = best(alternatives);
  return hits.size > 0 ? hits : fuzzyHits(engine, word);
}

function passes(doc: StoredDoc, filters: SearchFilters): boolean {
  if (filters.kind && RECORD_KINDS[doc.k] !== filters.kind) return false;
  if (filters.platform && (doc.p === undefined || PLATFORMS[doc.p] !== filters.platform))
    return false;
  if (filters.stride && !(doc.s ?? '').includes(STRIDE_LETTERS[filters.stride])) return false;
  return true;
}

/** Threats are what the site is about; a page section or a check ranks slightly below on equal text. */
const KIND_WEIGHT: Record<RecordKind, number> = {
  threat: 1.3,
  component: 1.1,
  check: 1,
  page: 0.9,
};

/** Extra score for exact id and title matches, so `5.10`, `K8S-I-01` or a full title come first. */
function exactBonus(doc: StoredDoc, words: string[], input: string): number {
  let bonus = 0;
  const labels = (doc.i ?? '').toLowerCase().split(/\s+/);
  const at = Math.min(...words.map((w) => labels.indexOf(w)).filter((i) => i >= 0));
  // A check's most used number first: 5.10 is the memory limit in most check sets.
  if (Number.isFinite(at)) bonus += doc.k === RECORD_KINDS.indexOf('page') ? 5 : at === 0 ? 50 : 30;
  const typed = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (typed.length > 0 && doc.t.toLowerCase() === typed) bonus += 100;
  return bonus;
}

/**
 * Searches for what a reader typed: every word must match when that leaves results, otherwise any
 * may. Input is never handed to lunr's query parser, so no character can make it throw.
 */
export function search(
  engine: SearchEngine,
  input: string,
  filters: SearchFilters = {},
  options: SearchOptions = {}
): SearchResult[] {
  const words = queryWords(input);
  if (words.length === 0) return [];
  const prefix = options.prefix ?? true;
  const perWord = words.map((w, i) => queryWordHits(engine, w, prefix && i === words.length - 1));
  const all = perWord.every((h) => h.size > 0) ? intersect(perWord) : noHits();
  const matched = all.size > 0 ? all : union(perWord);
  const coverage = (ref: string) => perWord.filter((h) => h.has(ref)).length;
  const results: SearchResult[] = [];
  for (const [ref, h] of matched) {
    const doc = engine.docs[Number(ref)];
    if (!doc || !passes(doc, filters)) continue;
    // In the any-word fallback, a document matching more words outranks one matching fewer.
    const kind = RECORD_KINDS[doc.k] ?? 'page';
    const score =
      h.score * KIND_WEIGHT[kind] * (doc.w ?? 1) * (all.size > 0 ? 1 : coverage(ref)) +
      exactBonus(doc, words, input);
    results.push({ doc, score, terms: [...h.terms] });
  }
  results.sort((a, b) => b.score - a.score || a.doc.u.localeCompare(b.doc.u));
  return options.limit === undefined ? results : results.slice(0, options.limit);
}
