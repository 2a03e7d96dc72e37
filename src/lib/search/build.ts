import { indexTerms, normaliseTerm, splitWords } from './tokenizer';
import { RECORD_KINDS, type SearchRecord } from './records';
import { PLATFORMS, STRIDE_CATEGORIES } from '../stride';
import {
  CHUNK_DOCS,
  MAX_CHUNK_DOCS,
  FIELD_BOOSTS,
  INDEX_VERSION,
  LABEL_BONUS,
  MANIFEST_FILE,
  SCORE_SCALE,
  frontCode,
  indexFile,
  packFacets,
  type IndexFileKind,
  type CheckSetInfo,
  type DisplayDoc,
  type SearchIndexFiles,
  type SearchManifest,
  type TermShard,
} from './format';

/**
 * The search index as shipped: a small manifest, term shards and display chunks, so that a query
 * fetches the manifest, the shards of its words and the display text of the results it shows,
 * whatever the size of the whole index.
 *
 * Scores are computed here, once: BM25 over the fields with the formula and parameters lunr used
 * (k1 1.2, b 0.75, lunr's idf), each field weighted by its boost, times the record's weight, plus the
 * bonus for a typed id. A posting carries its final score, so the browser needs no field lengths,
 * no field vectors and no search library: lunr's index cannot be loaded in parts, and what was left
 * of it in the browser, its stemmer and stop words, is reproduced in stemmer.ts.
 */

/** Distinct words of a title as search normalises them, stop words left out. */
export function titleWords(title: string): Set<string> {
  const words = new Set<string>();
  for (const w of splitWords(title)) {
    const term = normaliseTerm(w.word);
    if (term) words.add(term);
  }
  return words;
}

/** Inverse document frequency, as lunr computes it. */
function idf(documentsWithTerm: number, documents: number): number {
  return Math.log(1 + Math.abs((documents - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5)));
}

/** Term shards are cut after this many characters of terms and postings. */
const SHARD_CHARS = 4_000;
const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
const K1 = 1.2;
const B = 0.75;

/** Builds every file of the index from the records and the check sets their numbering names. */
export function buildSearchFiles(
  records: readonly SearchRecord[],
  checkSets: readonly CheckSetInfo[]
): SearchIndexFiles {
  const position = new Map(records.map((r, i) => [r.url, i]));
  const setIndex = new Map(checkSets.map((s, i) => [s.id, i]));
  const counts: Map<string, number>[][] = records.map((r) =>
    FIELDS.map((f) => {
      const m = new Map<string, number>();
      for (const t of indexTerms(r[f])) m.set(t, (m.get(t) ?? 0) + 1);
      return m;
    })
  );
  const lengths = records.map((_, d) =>
    FIELDS.map((__, f) => [...(counts[d]?.[f]?.values() ?? [])].reduce((a, b) => a + b, 0))
  );
  const average = FIELDS.map(
    (_, f) => lengths.reduce((sum, l) => sum + (l[f] ?? 0), 0) / Math.max(1, records.length)
  );
  const documents = new Map<string, number[]>();
  counts.forEach((fields, d) => {
    const seen = new Set<string>();
    for (const m of fields) for (const t of m.keys()) seen.add(t);
    for (const t of seen) (documents.get(t) ?? documents.set(t, []).get(t)!).push(d);
  });

  const postings = new Map<string, string>();
  for (const [term, docs] of documents) {
    const weight = idf(docs.length, records.length);
    const out: string[] = [];
    let previous = 0;
    for (const d of docs) {
      const record = records[d]!;
      let score = 0;
      FIELDS.forEach((f, i) => {
        const tf = counts[d]?.[i]?.get(term) ?? 0;
        if (tf === 0) return;
        const norm = 1 - B + (B * (lengths[d]?.[i] ?? 0)) / (average[i] || 1);
        score += FIELD_BOOSTS[f] * weight * (((K1 + 1) * tf) / (K1 * norm + tf));
      });
      score = score * (record.weight ?? 1) + labelBonus(record, term);
      const title = titleWords(record.title);
      out.push(
        (d - previous).toString(36),
        Math.max(1, Math.round(score * SCORE_SCALE)).toString(36),
        (title.has(term) ? title.size : 0).toString(36)
      );
      previous = d;
    }
    postings.set(term, out.join(','));
  }

  const contents: Record<IndexFileKind, string[]> = { t: [], d: [], w: [] };

  const terms = [...postings.keys()].sort();
  const shards: string[] = [];
  for (let from = 0; from < terms.length;) {
    let to = from;
    let size = 0;
    while (to < terms.length && (to === from || size < SHARD_CHARS)) {
      size += terms[to]!.length + (postings.get(terms[to]!)?.length ?? 0);
      to++;
    }
    const slice = terms.slice(from, to);
    const shard: TermShard = { t: frontCode(slice), p: slice.map((t) => postings.get(t) ?? '') };
    shards.push(slice[0]!);
    contents.t.push(JSON.stringify(shard));
    from = to;
  }

  const byFirst = new Map<string, string[]>();
  for (const t of terms) (byFirst.get(t[0]!) ?? byFirst.set(t[0]!, []).get(t[0]!)!).push(t);
  let words = '';
  for (const [first, list] of byFirst) {
    words += first;
    contents.w.push(JSON.stringify(frontCode(list)));
  }

  const chunkStarts: number[] = [];
  for (let from = 0; from < records.length;) {
    let to = from + 1;
    while (
      to < records.length &&
      to - from < MAX_CHUNK_DOCS &&
      (to - from < CHUNK_DOCS || records[to]?.parent !== undefined)
    )
      to++;
    chunkStarts.push(from);
    const chunk = records.slice(from, to).map((r) => {
      const doc = displayDoc(r, setIndex);
      // A part whose page is in the same chunk keeps only its #fragment (see DisplayDoc.u).
      const parent = r.parent === undefined ? undefined : position.get(r.parent);
      if (parent !== undefined && parent >= from && r.url.startsWith(`${r.parent}#`))
        doc.u = r.url.slice(r.parent?.length);
      return doc;
    });
    contents.d.push(JSON.stringify(chunk));
    from = to;
  }

  const docs = records
    .map((r, d) => {
      const parent = r.parent === undefined ? undefined : position.get(r.parent);
      if (r.parent !== undefined && (parent === undefined || parent >= d))
        throw new Error(`search record ${r.url}: its page ${r.parent} must come before it`);
      const offset = parent === undefined ? 0 : d - parent;
      if (offset >= 36 * 36) throw new Error(`search record ${r.url} is too far from its page`);
      const platform = r.platform ? PLATFORMS.indexOf(r.platform) + 1 : 0;
      const stride = STRIDE_CATEGORIES.reduce(
        (mask, s, i) => (r.stride.includes(s) ? mask | (1 << i) : mask),
        0
      );
      return (
        base36Pair(packFacets(RECORD_KINDS.indexOf(r.kind), platform, stride)) + base36Pair(offset)
      );
    })
    .join('');

  const kinds = Object.keys(contents) as IndexFileKind[];
  const dir = contentHash(kinds.map((k) => contents[k].join('\n')).join('\n'));
  const manifest: SearchManifest = {
    v: INDEX_VERSION,
    dir,
    docs,
    shards,
    words,
    chunkStarts,
    checkSets: [...checkSets],
  };
  const files: SearchIndexFiles = new Map([[MANIFEST_FILE, JSON.stringify(manifest)]]);
  for (const kind of kinds)
    contents[kind].forEach((json, i) => files.set(indexFile(manifest, kind, i), json));
  return files;
}

function labelBonus(record: SearchRecord, term: string): number {
  const labels = (record.label ?? '').toLowerCase().split(/\s+/);
  const at = labels.findIndex((l) => l !== '' && normaliseTerm(l) === term);
  if (at < 0) return 0;
  if (record.parent !== undefined) return LABEL_BONUS.section;
  return at === 0 ? LABEL_BONUS.first : LABEL_BONUS.other;
}

function displayDoc(r: SearchRecord, setIndex: Map<string, number>): DisplayDoc {
  const doc: DisplayDoc = { u: r.url, t: r.title, x: r.excerpt };
  // A check's numbering lists its numbers in the label's order; the label would repeat them.
  if (r.label && !r.numbering?.length) doc.i = r.label;
  if (r.numbering?.length)
    doc.n = r.numbering
      .map((n) => `${n.id}:${n.checkSets.map((s) => setIndex.get(s) ?? -1).join('.')}`)
      .join(' ');
  return doc;
}

function base36Pair(n: number): string {
  return n.toString(36).padStart(2, '0');
}

/** A short hash of the index's content for its folder name, so a changed index gets a new name and can be cached for good. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36).padStart(7, '0') + (b >>> 0).toString(36).padStart(7, '0');
}
