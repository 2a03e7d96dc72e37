/**
 * Browser side of search shared by the dialog and the /search/ page: opening the index once, reading
 * filters and the reader's context, and building result elements with DOM APIs (index text only
 * ever goes into textContent).
 */
import type {
  SearchContext,
  SearchEngine,
  SearchFilters,
  SearchGroup,
  SearchHit,
} from '../lib/search/query';
import type { Segment } from '../lib/search/excerpt';
import { RECORD_KINDS, type RecordKind } from '../lib/search/kinds';
import { platformOfPath, SEARCH_CONTEXT_KEY } from '../lib/search/reader';
import { PLATFORMS, PLATFORM_LABELS, STRIDE_CATEGORIES, STRIDE_LABELS } from '../lib/stride';
import { url } from '../lib/site';

/** Where the index files are served; same origin, under the site's base path. */
export const INDEX_BASE = url('/search-index/');

export interface Searcher {
  engine: SearchEngine;
  search: typeof import('../lib/search/query').search;
  excerptSegments: (text: string, terms: readonly string[], max?: number) => Segment[];
}

let loading: Promise<Searcher> | undefined;

async function fetchIndexFile(name: string): Promise<unknown> {
  const response = await fetch(`${INDEX_BASE}${name}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`search index ${name}: HTTP ${response.status}`);
  return response.json();
}

/** Fetches the query code and the index manifest on first call; later calls share the result. */
export function loadSearcher(): Promise<Searcher> {
  loading ??= (async () => {
    const [query, excerpt] = await Promise.all([
      import('../lib/search/query'),
      import('../lib/search/excerpt'),
    ]);
    const engine = await query.SearchEngine.open(fetchIndexFile);
    return { engine, search: query.search, excerptSegments: excerpt.excerptSegments };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The reader's context: the platform of this page, and the run the worksheet has loaded. The
 * stored value is validated before use; a missing, unreadable or malformed one is ignored.
 */
export async function readContext(): Promise<SearchContext> {
  const page = platformOfPath(location.pathname);
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(SEARCH_CONTEXT_KEY);
  } catch {
    // Storage can be disabled; search works without the run's context.
  }
  if (raw === null) return page ? { platform: page } : {};
  const { parseStoredContext, searchContext } = await import('../lib/search/context');
  return searchContext(page, parseStoredContext(raw));
}

const KIND_NAMES: Record<RecordKind, string> = {
  threat: 'Threat',
  check: 'Check',
  component: 'Component',
  guide: 'Guide',
  page: 'Page',
};

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

/** The hit's URL with `?highlight=` carrying the matched terms, before any #fragment. */
export function resultUrl(hit: SearchHit): string {
  const [path = '/', hash] = hit.display.u.split('#');
  const params = new URLSearchParams({ highlight: hit.terms.slice(0, 8).join(' ') });
  return `${url(path)}?${params.toString()}${hash ? `#${hash}` : ''}`;
}

/** The hit a group leads to: the page when it matched itself, else its best part. */
export function groupTarget(group: SearchGroup): SearchHit {
  return group.matched || group.sections.length === 0 ? group.page : group.sections[0]!;
}

function badge(text: string, className: string): HTMLElement {
  const span = document.createElement('span');
  span.className = `badge ${className}`;
  span.textContent = text;
  return span;
}

/**
 * "5.10 (CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2) +9 more": the check set that numbers it so,
 * labelled as the check pages label it (controlLabelInCheckSet), and how many others use the number.
 */
export function numberingText(hit: SearchHit): string | undefined {
  const n = hit.numbering;
  if (!n) return undefined;
  return `${n.id} (${n.checkSet.label})${n.others === 0 ? '' : ` +${n.others} more`}`;
}

/** Fills `target` with a hit's badges, title and marked excerpt; a part shows no badges of its page. */
export function renderHit(
  target: HTMLElement,
  hit: SearchHit,
  searcher: Searcher,
  part = false
): void {
  const children: HTMLElement[] = [];
  if (!part) {
    const meta = document.createElement('span');
    meta.className = 'search-result-meta';
    meta.append(badge(KIND_NAMES[hit.kind], 'search-kind'));
    if (hit.platform) meta.append(badge(PLATFORM_LABELS[hit.platform], 'search-platform'));
    // A component under threat in every category would carry six badges; they say nothing there.
    if (hit.stride.length <= 2)
      for (const s of hit.stride) meta.append(badge(STRIDE_LABELS[s], 'search-stride'));
    const label = numberingText(hit) ?? hit.display.i;
    if (label) {
      const span = document.createElement('span');
      span.className = 'tid search-label';
      span.textContent = label;
      meta.append(span);
    }
    children.push(meta);
  }
  const title = document.createElement('span');
  title.className = 'search-result-title';
  appendSegments(title, searcher.excerptSegments(hit.display.t, hit.terms, hit.display.t.length));
  children.push(title);
  if (part || hit.score > 0) {
    const excerpt = document.createElement('span');
    excerpt.className = 'search-result-excerpt';
    appendSegments(excerpt, searcher.excerptSegments(hit.display.x, hit.terms));
    children.push(excerpt);
  }
  target.replaceChildren(...children);
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
