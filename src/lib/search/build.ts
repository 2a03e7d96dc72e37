import { indexTerms } from './tokenizer';
import { RECORD_KINDS, type SearchRecord } from './records';
import { PLATFORMS, STRIDE_LETTERS } from '../stride';
import { checkPath } from '../content/paths';

/**
 * The search index as shipped: the postings lunr's Builder collects, in a compact form that
 * `loadSearchIndex` hands back to lunr's Builder in the browser. lunr's own JSON serialisation
 * also stores every field vector as floats, which is two to three times larger after gzip.
 */

/** The document store entry of a record: only what a result shows or filters on, under short keys. */
export interface StoredDoc {
  /**
   * URL; for a section (g set) only its #fragment, appended to the URL of document g; for a check
   * only its concept, the rest following from platform and kind.
   */
  u: string;
  /** title */
  t: string;
  /** kind, as an index into RECORD_KINDS */
  k: number;
  /** platform, as an index into PLATFORMS; absent for site-wide pages */
  p?: number;
  /** STRIDE letters, e.g. "TE" */
  s?: string;
  /** label: threat id or check numbers */
  i?: string;
  /** excerpt source text */
  x: string;
  /** for a section: index of the document it belongs to */
  g?: number;
  /** score weight, when not 1 */
  w?: number;
}

/** What /search-index.json holds. */
export interface SearchIndexFile {
  v: 1;
  /** Indexed fields, in the order postings number them. */
  fields: string[];
  /**
   * Every index term, sorted and front-coded, one per line: the length of the prefix shared with the
   * previous term in base 36 (one character, at most 35), then the rest of the term.
   */
  terms: string;
  /**
   * Per term, its postings as comma-separated base-36 numbers: for each (document, field) that holds
   * the term, in order, (key − previous key) × MAX_TF + (term frequency − 1), the frequency capped at
   * MAX_TF, where key = document × fields.length + field.
   */
  postings: string[];
  /** Term count of every (document, field), document-major. */
  lengths: number[];
  docs: StoredDoc[];
}

/** Field weights: an exact id or title hit outranks a word in the prose. */
export const FIELD_BOOSTS: Readonly<Record<string, number>> = {
  ids: 12,
  title: 6,
  keywords: 2,
  text: 1,
};
const FIELDS = ['ids', 'title', 'keywords', 'text'] as const;

/**
 * Term frequencies are capped at this. Counts cost a fifth of the postings after gzip and hardly move
 * a BM25 score (k1 = 1.2) on fields this short, so only presence is kept; the ranking of check numbers
 * comes from their order in the label instead (see `search`).
 */
export const MAX_TF = 1;

/** Builds the compact index and document store from the records. */
export function buildSearchIndex(records: SearchRecord[]): SearchIndexFile {
  const postings = new Map<string, number[]>();
  const lengths: number[] = [];
  records.forEach((record, doc) => {
    FIELDS.forEach((field, f) => {
      const terms = indexTerms(record[field]);
      lengths.push(terms.length);
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      const key = doc * FIELDS.length + f;
      for (const [term, tf] of counts) {
        const list = postings.get(term) ?? [];
        list.push(key, Math.min(tf, MAX_TF));
        postings.set(term, list);
      }
    });
  });
  const terms = [...postings.keys()].sort();
  const encoded = terms.map((term) => {
    const list = postings.get(term) ?? [];
    const out: string[] = [];
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      const key = list[i] ?? 0;
      out.push(((key - previous) * MAX_TF + (list[i + 1] ?? 1) - 1).toString(36));
      previous = key;
    }
    return out.join(',');
  });
  const position = new Map(records.map((r, i) => [r.url, i]));
  const docs = records.map((r): StoredDoc => {
    const parent = r.parent === undefined ? undefined : position.get(r.parent);
    const checkPrefix = r.platform ? checkPath(r.platform, '') : '';
    const url =
      parent !== undefined && r.parent && r.url.startsWith(`${r.parent}#`)
        ? r.url.slice(r.parent.length)
        : r.kind === 'check' && r.url.startsWith(checkPrefix) && r.url.endsWith('/')
          ? r.url.slice(checkPrefix.length, -1)
          : r.url;
    const doc: StoredDoc = { u: url, t: r.title, k: RECORD_KINDS.indexOf(r.kind), x: r.excerpt };
    if (r.platform) doc.p = PLATFORMS.indexOf(r.platform);
    if (r.stride.length > 0) doc.s = r.stride.map((s) => STRIDE_LETTERS[s]).join('');
    if (r.label) doc.i = r.label;
    if (parent !== undefined) doc.g = parent;
    if (r.weight !== undefined && r.weight !== 1) doc.w = r.weight;
    return doc;
  });
  return { v: 1, fields: [...FIELDS], terms: frontCode(terms), postings: encoded, lengths, docs };
}

/** Front-codes sorted terms (see SearchIndexFile.terms). */
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

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isNumbers = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'number');
const isOptional = (value: unknown, type: 'number' | 'string') =>
  value === undefined || typeof value === type;

function isStoredDoc(value: unknown): value is StoredDoc {
  if (typeof value !== 'object' || value === null) return false;
  const doc: Partial<Record<keyof StoredDoc, unknown>> = value;
  return (
    typeof doc.u === 'string' &&
    typeof doc.t === 'string' &&
    Number.isInteger(doc.k) &&
    typeof doc.x === 'string' &&
    isOptional(doc.p, 'number') &&
    isOptional(doc.s, 'string') &&
    isOptional(doc.i, 'string') &&
    isOptional(doc.g, 'number') &&
    isOptional(doc.w, 'number')
  );
}

/**
 * Checks parsed JSON against SearchIndexFile, so a stale or foreign file fails here with the field
 * named rather than deep inside lunr. A type guard rather than a zod schema: this runs in the
 * browser on the first search, and zod would more than double what that query loads.
 */
export function readSearchIndexFile(json: unknown): SearchIndexFile {
  const fail = (what: string) => new Error(`The search index is not readable: ${what}.`);
  if (typeof json !== 'object' || json === null) throw fail('it is not a JSON object');
  const file: Partial<Record<keyof SearchIndexFile, unknown>> = json;
  if (file.v !== 1) throw fail(`version ${JSON.stringify(file.v)}, expected 1`);
  if (!isStrings(file.fields)) throw fail('"fields" is not a list of strings');
  if (typeof file.terms !== 'string') throw fail('"terms" is not a string');
  if (!isStrings(file.postings)) throw fail('"postings" is not a list of strings');
  if (!isNumbers(file.lengths)) throw fail('"lengths" is not a list of numbers');
  if (!Array.isArray(file.docs)) throw fail('"docs" is not a list');
  const docs: unknown[] = file.docs;
  if (!docs.every(isStoredDoc)) {
    const bad = docs.findIndex((doc) => !isStoredDoc(doc));
    throw fail(
      `document ${bad} lacks its url, title, kind or excerpt, or has a field of the wrong type`
    );
  }
  return {
    v: 1,
    fields: file.fields,
    terms: file.terms,
    postings: file.postings,
    lengths: file.lengths,
    docs,
  };
}
