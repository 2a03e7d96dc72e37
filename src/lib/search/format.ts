import { PLATFORMS, type Platform } from '../stride';
import { RECORD_KINDS } from './kinds';

/** The shipped form of the search index, shared by the build and the browser. */

export const INDEX_VERSION = 2;

/** Field weights: an exact id or title hit outranks a word in the prose. */
export const FIELD_BOOSTS = { ids: 12, title: 6, keywords: 2, text: 1 } as const;

/** Scores are stored as integers of this many steps per point. */
export const SCORE_SCALE = 20;
/** Documents per display chunk, at least; a chunk ends where a page ends, so a page and its parts load together. */
export const CHUNK_DOCS = 8;
/** A page with more parts than this (a model page and its components) is split across chunks. */
export const MAX_CHUNK_DOCS = 32;

/** Extra score when a typed word is a record's label: its first (most used) number, another, or a section's threat id. */
export const LABEL_BONUS = { first: 50, other: 30, section: 5 } as const;

/** What a result shows: fetched only for the results on screen. */
export interface DisplayDoc {
  /** URL, with #fragment for a part of a page; in a chunk that holds the part's page, only the #fragment. */
  u: string;
  /** title */
  t: string;
  /** excerpt source text */
  x: string;
  /** label: a threat id; a check's numbers are in `n` */
  i?: string;
  /** For a check, its numbering: `id:set.set id:set`, sets as indices into SearchManifest.checkSets. */
  n?: string;
}

/** A check set numbers can refer to. */
export interface CheckSetInfo {
  id: string;
  /** "CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2", as checkSetNumbering names it */
  label: string;
  platform: Platform;
}

/** /search-index/manifest.json: everything a first query needs besides the shards of its words. */
export interface SearchManifest {
  v: typeof INDEX_VERSION;
  /**
   * Four base-36 characters per document: two for its facets (kind, platform, STRIDE letters; see
   * packFacets) and two for how many documents before it its parent page is (0 for none).
   */
  docs: string;
  /**
   * The folder of this build's files, named by a hash of their content, so every file in it can be
   * cached for good and a changed index is a new folder (see indexFile).
   */
  dir: string;
  /** First term of each term shard, ascending; a term is in the last shard whose first term is ≤ it. */
  shards: string[];
  /** The first characters that have a terms-only list for matching misspelt words, in file order. */
  words: string;
  /** First document of each display chunk, ascending. */
  chunkStarts: number[];
  checkSets: CheckSetInfo[];
}

/** The kinds of file in an index folder: term shards, display chunks, terms-only lists. */
export type IndexFileKind = 't' | 'd' | 'w';

/** The path of the i-th file of a kind, relative to the index's root. */
export function indexFile(
  manifest: Pick<SearchManifest, 'dir'>,
  kind: IndexFileKind,
  i: number
): string {
  return `${manifest.dir}/${kind}${i}.json`;
}

/**
 * A term shard. `p[i]` holds the postings of term i as base-36 numbers, three per document: the
 * document number minus the previous one, the score × SCORE_SCALE, and, when the term is a word of
 * the document's title, the number of distinct words in that title (else 0).
 */
export interface TermShard {
  /** Front-coded terms (see frontCode). */
  t: string;
  p: string[];
}

/** Every file of the index by path, with its JSON text; the manifest is `manifest.json`. */
export type SearchIndexFiles = Map<string, string>;

export const MANIFEST_FILE = 'manifest.json';

/** Kind, platform and STRIDE letters of a document in one number below 36². */
export function packFacets(kind: number, platform: number, strideMask: number): number {
  return (strideMask * (PLATFORMS.length + 1) + platform) * RECORD_KINDS.length + kind;
}

/** The inverse of packFacets; platform 0 means none, otherwise PLATFORMS[platform − 1]. */
export function unpackFacets(packed: number): { kind: number; platform: number; stride: number } {
  const kind = packed % RECORD_KINDS.length;
  const rest = Math.floor(packed / RECORD_KINDS.length);
  return {
    kind,
    platform: rest % (PLATFORMS.length + 1),
    stride: Math.floor(rest / (PLATFORMS.length + 1)),
  };
}

/**
 * Front-codes sorted terms, one per line: the length of the prefix shared with the previous term in
 * base 36 (one character, at most 35), then the rest of the term.
 */
export function frontCode(terms: readonly string[]): string {
  let previous = '';
  return terms
    .map((term) => {
      let shared = 0;
      while (
        shared < 35 &&
        shared < previous.length &&
        shared < term.length &&
        previous[shared] === term[shared]
      )
        shared++;
      previous = term;
      return shared.toString(36) + term.slice(shared);
    })
    .join('\n');
}

/** The terms of a front-coded list, in order. */
export function frontDecode(coded: string): string[] {
  let previous = '';
  return coded.split('\n').map((line) => {
    previous = previous.slice(0, parseInt(line.charAt(0), 36) || 0) + line.slice(1);
    return previous;
  });
}

/*
 * Readers of the files as fetched: a stale, cut-off or foreign file fails here with what is wrong
 * named, rather than deep inside a query. Type guards rather than zod schemas: they run in the
 * browser on the first search, and zod would more than double what that query loads.
 */

const unreadable = (file: string, what: string) =>
  new Error(`The search index is not readable: ${file} ${what}.`);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The manifest, checked. */
export function readManifest(json: unknown): SearchManifest {
  const fail = (what: string) => unreadable(MANIFEST_FILE, what);
  if (!isObject(json)) throw fail('is not a JSON object');
  if (json.v !== INDEX_VERSION)
    throw fail(`has version ${JSON.stringify(json.v)}, not version ${INDEX_VERSION}`);
  const { dir, docs, shards, words, chunkStarts, checkSets } = json;
  if (typeof dir !== 'string' || !/^[a-z0-9]+$/.test(dir)) throw fail('names no index folder');
  if (typeof docs !== 'string' || docs.length % 4 !== 0) throw fail('has no document list');
  if (!isStrings(shards)) throw fail('has no list of shards');
  if (typeof words !== 'string') throw fail('has no list of word lists');
  if (!Array.isArray(chunkStarts) || !chunkStarts.every((n) => Number.isInteger(n)))
    throw fail('has no list of display chunks');
  const sets: unknown[] = Array.isArray(checkSets) ? checkSets : [];
  if (
    !Array.isArray(checkSets) ||
    !sets.every(
      (s) =>
        isObject(s) &&
        typeof s.id === 'string' &&
        typeof s.label === 'string' &&
        PLATFORMS.some((p) => p === s.platform)
    )
  )
    throw fail('has a check set without its id, label or platform');
  return json as unknown as SearchManifest;
}

/** A term shard, checked. */
export function readTermShard(json: unknown, file: string): TermShard {
  if (!isObject(json) || typeof json.t !== 'string' || !isStrings(json.p))
    throw unreadable(file, 'is not a term shard');
  return { t: json.t, p: json.p };
}

/** A display chunk, checked. */
export function readDisplayChunk(json: unknown, file: string): DisplayDoc[] {
  const isDoc = (d: unknown): d is DisplayDoc =>
    isObject(d) &&
    typeof d.u === 'string' &&
    typeof d.t === 'string' &&
    typeof d.x === 'string' &&
    (d.i === undefined || typeof d.i === 'string') &&
    (d.n === undefined || typeof d.n === 'string');
  if (!Array.isArray(json)) throw unreadable(file, 'is not a list of results');
  const docs: unknown[] = json;
  const bad = docs.findIndex((d) => !isDoc(d));
  if (bad >= 0) throw unreadable(file, `has result ${bad} without its URL, title or excerpt`);
  return docs as DisplayDoc[];
}

/** A terms-only list, checked. */
export function readWordList(json: unknown, file: string): string {
  if (typeof json !== 'string') throw unreadable(file, 'is not a list of terms');
  return json;
}
