/**
 * Marking matched terms in text, for result excerpts and on the page a result leads to. Terms are
 * index terms (stemmed, lower-case), so a word is marked when it starts with one: `privileg` marks
 * "privileged" and "privileges".
 */

/** A run of text, marked or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';

// Compiling a Unicode-aware pattern costs more than running it; a keystroke renders twenty results.
const patterns = new Map<string, RegExp | undefined>();

/** A regular expression matching whole words that start with any of the terms, or undefined for none. */
export function termPattern(terms: readonly string[]): RegExp | undefined {
  const usable = [
    ...new Set(
      terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2 && t.length <= 64)
    ),
  ]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, 24);
  const key = usable.join('\n');
  if (patterns.has(key)) return patterns.get(key);
  const alternatives = usable.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const pattern =
    usable.length === 0
      ? undefined
      : new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?:[.\\-]?${WORD_CHAR})*`, 'giu');
  if (patterns.size > 200) patterns.clear();
  patterns.set(key, pattern);
  return pattern;
}

/** The [start, end) ranges of `text` to mark. */
export function markRanges(text: string, terms: readonly string[]): [number, number][] {
  const pattern = termPattern(terms);
  if (!pattern) return [];
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length > 0) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/**
 * A window of at most `max` characters around the first match, split into marked and unmarked
 * segments; the start of the text when nothing matches. Cut ends get an ellipsis.
 */
export function excerptSegments(text: string, terms: readonly string[], max = 160): Segment[] {
  const ranges = markRanges(text, terms);
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(first - Math.floor(max / 4), text.length - max));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && space > (ranges[0]?.[1] ?? 0)) end = space;
  }
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: '…', mark: false });
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) segments.push({ text: text.slice(at, a), mark: false });
    segments.push({ text: text.slice(a, b), mark: true });
    at = b;
  }
  if (end > at) segments.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) segments.push({ text: '…', mark: false });
  return segments;
}

/**
 * The element id a URL fragment names: percent-decoded when it decodes, as typed when it does not
 * (a hand-edited or cut-off link such as `#%E0%A4%A` must not stop the page from highlighting).
 */
export function fragmentId(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
