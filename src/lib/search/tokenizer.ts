import { stem, STOP_WORDS } from './stemmer';

/**
 * Text to search terms, shared by index building and querying so both sides agree.
 *
 * Words are runs of letters, digits, `_`, `.` and `-`, so `5.10`, `CAP_NET_RAW`, `--icc`,
 * `no-new-privileges` and `docker.sock` stay whole. Each compound word is also indexed by its parts
 * and by its runs of adjacent parts (`net_raw`), so readers find it whichever piece they type. Only
 * plain words go through the stop-word filter and the stemmer; ids, flags and numbers never do.
 */

/** A word of the source text with its position, for marking matches in place. */
export interface Word {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}_.-]+/gu;
/** Alternating runs of part characters and of separators, in order. */
const PIECE = /[^._-]+|[._-]+/g;
const PLAIN = /^[a-z]+$/;
const DOTTED_NUMBER = /^\d+(?:\.\d+)+$/;
/** Longest term kept; longer runs are hashes or noise nobody types. */
const MAX_TERM = 48;
/** Compounds with more parts than this are indexed by parts only, to keep the index small. */
const MAX_RUN_PARTS = 4;

/** The words of a text with their offsets; punctuation at the edges of a word is dropped, a leading flag dash kept. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let start = m.index;
    let end = start + m[0].length;
    let word = m[0];
    // Counted by hand: a regex anchored at the end would rescan every run of dots it meets.
    let trailing = 0;
    while (trailing < word.length && '._-'.includes(word.charAt(word.length - 1 - trailing)))
      trailing++;
    if (trailing > 0) {
      end -= trailing;
      word = word.slice(0, word.length - trailing);
    }
    // A leading dash belongs to a flag (--icc, -p); other punctuation in front is dropped.
    const leading = /^[._-]+/.exec(word);
    if (leading && !/^-+\p{L}/u.test(word)) {
      start += leading[0].length;
      word = word.slice(leading[0].length);
    }
    if (word.length > 0) words.push({ word, start, end });
  }
  return words;
}

/** A plain word without stop words and stemmed; anything else lower-cased and kept as it is. */
export function normaliseTerm(term: string): string | undefined {
  const lower = term.toLowerCase();
  if (lower.length < 2 || lower.length > MAX_TERM) return undefined;
  if (!PLAIN.test(lower)) return lower;
  if (STOP_WORDS.has(lower)) return undefined;
  return lower.length > 3 ? stem(lower) : lower;
}

/**
 * The whole word, its parts and the runs of adjacent parts, lower-cased and not yet normalised.
 * Numeric parts (the `01` of K8S-I-01, the `2020` of a CVE id) are left out: alone they find noise.
 */
export function wordForms(word: string): string[] {
  const lower = word.toLowerCase();
  const forms = [lower];
  const bare = lower.replace(/^-+/, '');
  if (bare !== lower) forms.push(bare);
  if (DOTTED_NUMBER.test(bare)) return forms;
  const pieces: string[] = [...(bare.match(PIECE) ?? [])];
  // Split output always starts with a part; an empty one stands for a leading separator.
  if ('._-'.includes(pieces[0]?.charAt(0) ?? '')) pieces.unshift('');
  const parts = pieces.filter((_, i) => i % 2 === 0);
  if (parts.length < 2) return forms;
  forms.push(...parts.filter((p) => !/^\d+$/.test(p)));
  if (parts.length <= MAX_RUN_PARTS && parts.every((p) => /^\p{L}+$/u.test(p))) {
    for (let from = 0; from < parts.length; from++) {
      for (let to = from + 2; to <= parts.length; to++) {
        if (from === 0 && to === parts.length) continue;
        forms.push(pieces.slice(from * 2, to * 2 - 1).join(''));
      }
    }
  }
  return forms;
}

/** The parts of a compound word (`cap_net_raw` → cap, net, raw); a plain word gives none. */
export function wordParts(word: string): string[] {
  const bare = word.toLowerCase().replace(/^-+/, '');
  if (DOTTED_NUMBER.test(bare)) return [];
  const parts = bare.split(/[._-]+/).filter(Boolean);
  return parts.length > 1 ? parts : [];
}

/** Every index term of a word, normalised and without repeats. */
export function wordTerms(word: string): string[] {
  const terms = new Set<string>();
  for (const form of wordForms(word)) {
    const t = normaliseTerm(form);
    if (t) terms.add(t);
  }
  return [...terms];
}

/** Every index term of a text, in order, repeats kept so term frequency counts. */
export function indexTerms(text: string): string[] {
  return splitWords(text).flatMap((w) => wordTerms(w.word));
}
