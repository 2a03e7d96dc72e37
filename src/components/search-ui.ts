/**
 * Browser side of search shared by the dialog and the /search/ page: loading the index once, reading
 * filters, and building result elements with DOM APIs (index text only ever goes into textContent).
 */
import type { SearchEngine, SearchFilters, SearchResult } from '../lib/search/query';
import type { Segment } from '../lib/search/excerpt';
import { RECORD_KINDS } from '../lib/search/kinds';
import {
  PLATFORMS,
  PLATFORM_LABELS,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  STRIDE_LETTERS,
} from '../lib/stride';

export const INDEX_URL = '/search-index.json';

interface Searcher {
  engine: SearchEngine;
  search: typeof import('../lib/search/query').search;
  excerptSegments: (text: string, terms: readonly string[], max?: number) => Segment[];
}

let loading: Promise<Searcher> | undefined;

/** Fetches the index and the query code (lunr included) on first call; later calls share the result. */
export function loadSearcher(): Promise<Searcher> {
  loading ??= (async () => {
    const [query, excerpt, response] = await Promise.all([
      import('../lib/search/query'),
      import('../lib/search/excerpt'),
      fetch(INDEX_URL, { credentials: 'same-origin' }),
    ]);
    if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
    const engine = query.loadSearchIndex(query.readSearchIndexFile(await response.json()));
    return { engine, search: query.search, excerptSegments: excerpt.excerptSegments };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

const KIND_NAMES: Record<string, string> = {
  threat: 'Threat',
  check: 'Check',
  component: 'Component',
  page: 'Page',
};
const STRIDE_BY_LETTER = new Map(
  STRIDE_CATEGORIES.map((s) => [STRIDE_LETTERS[s], STRIDE_LABELS[s]])
);

/** Filters as named in forms and URLs: platform, stride, kind. Unknown values are ignored. */
export function readFilters(get: (name: string) => string | null): SearchFilters {
  const filters: SearchFilters = {};
  const platform = PLATFORMS.find((p) => p === get('platform'));
  if (platform) filters.platform = platform;
  const stride = STRIDE_CATEGORIES.find((s) => s === get('stride'));
  if (stride) filters.stride = stride;
  const kind = RECORD_KINDS.find((k) => k === get('kind'));
  if (kind) filters.kind = kind;
  return filters;
}

/** The result's URL with `?highlight=` carrying the matched terms, before any #fragment. */
export function resultUrl(result: SearchResult): string {
  const [path = '/', hash] = result.doc.u.split('#');
  const params = new URLSearchParams({ highlight: result.terms.slice(0, 8).join(' ') });
  return `${path}?${params.toString()}${hash ? `#${hash}` : ''}`;
}

function badge(text: string, className: string): HTMLElement {
  const span = document.createElement('span');
  span.className = `badge ${className}`;
  span.textContent = text;
  return span;
}

/** Fills `target` with a result's badges, title and marked excerpt. */
export function renderResult(target: HTMLElement, result: SearchResult, searcher: Searcher): void {
  const { doc } = result;
  const meta = document.createElement('span');
  meta.className = 'search-result-meta';
  meta.append(badge(KIND_NAMES[RECORD_KINDS[doc.k] ?? 'page'] ?? 'Page', 'search-kind'));
  const platform = doc.p === undefined ? undefined : PLATFORMS[doc.p];
  if (platform) meta.append(badge(PLATFORM_LABELS[platform], 'search-platform'));
  // A component under threat in every category would carry six badges; they say nothing there.
  const letters = doc.s ?? '';
  if (letters.length <= 2)
    for (const letter of letters)
      meta.append(badge(STRIDE_BY_LETTER.get(letter) ?? letter, 'search-stride'));
  if (doc.i) {
    const label = document.createElement('span');
    label.className = 'tid';
    label.textContent = doc.i.split(' ').join(' · ');
    meta.append(label);
  }
  const title = document.createElement('span');
  title.className = 'search-result-title';
  const parent = doc.g === undefined ? undefined : searcher.engine.docs[doc.g];
  const titleText = parent ? `${doc.t} · ${parent.t}` : doc.t;
  appendSegments(title, searcher.excerptSegments(titleText, result.terms, titleText.length));
  const excerpt = document.createElement('span');
  excerpt.className = 'search-result-excerpt';
  appendSegments(excerpt, searcher.excerptSegments(doc.x, result.terms));
  target.replaceChildren(meta, title, excerpt);
}

function appendSegments(target: HTMLElement, segments: Segment[]): void {
  for (const segment of segments) {
    if (segment.mark) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      target.append(mark);
    } else target.append(document.createTextNode(segment.text));
  }
}

/** "3 results", "1 result", "No results". */
export function countText(n: number): string {
  return n === 0 ? 'No results' : n === 1 ? '1 result' : `${n} results`;
}
