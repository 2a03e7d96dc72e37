import { PLATFORMS, type Platform } from '../stride';
import { RECORD_KINDS } from './kinds';

/** The shipped form of the search index, shared by the build and the browser. */

export const INDEX_VERSION = 2;

/** Field weights: an exact id or title hit outranks a word in the prose. */
export const FIELD_BOOSTS = { ids: 12, title: 6, keywords: 2, text: 1 } as const;

/** Scores are stored as integers of this many steps per point. */
export const SCORE_SCALE = 20;
/** Documents per display chunk. */
export const CHUNK_DOCS = 12;

/** Extra score when a typed word is a record's label: its first (most used) number, another, or a section's threat id. */
export const LABEL_BONUS = { first: 50, other: 30, section: 5 } as const;

/** What a result shows: fetched only for the results on screen. */
export interface DisplayDoc {
  /** URL, with #fragment for a part of a page. */
  u: string;
  /** title */
  t: string;
  /** excerpt source text */
  x: string;
  /** label: threat id or check numbers, space-separated, the most used first */
  i?: string;
  /** For a check, its numbering: `id:set.set id:set`, sets as indices into SearchManifest.checkSets. */
  n?: string;
}

/** A check set numbers can refer to. */
export interface CheckSetInfo {
  id: string;
  /** "CIS Docker 1.2.0 (aquasecurity/docker-bench cis-1.2)" */
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
  /** First term of each term shard, ascending; a term is in the last shard whose first term is ≤ it. */
  shards: string[];
  shardFiles: string[];
  /** Terms-only lists for matching misspelt words, by the first character of their terms. */
  words: Record<string, string>;
  chunkDocs: number;
  chunkFiles: string[];
  checkSets: CheckSetInfo[];
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

/** Every file of the index by name, with its JSON text; the manifest is `manifest.json`. */
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
