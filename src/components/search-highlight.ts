/**
 * Loaded only when the URL carries ?highlight=: marks the searched terms inside <main>, scrolls to
 * the first one (after the #fragment's target, when there is one), and clears them on Esc.
 */
import { fragmentId, markRanges } from '../lib/search/excerpt';

const SKIP = new Set(['SCRIPT', 'STYLE', 'MARK', 'TEXTAREA', 'INPUT', 'SELECT', 'SVG', 'TITLE']);
const MAX_MARKS = 500;

function textNodes(root: Element): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
        if (SKIP.has(el.tagName.toUpperCase()) || el.hidden) return NodeFilter.FILTER_REJECT;
      }
      return node.nodeValue && node.nodeValue.trim() !== ''
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT;
    },
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** Wraps every match of `terms` in text under `root` in <mark class="search-hit">; returns the marks. */
export function highlightTerms(root: Element, terms: readonly string[]): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const node of textNodes(root)) {
    const text = node.nodeValue ?? '';
    const ranges = markRanges(text, terms);
    if (ranges.length === 0) continue;
    const parts: Node[] = [];
    let at = 0;
    for (const [from, to] of ranges) {
      if (marks.length >= MAX_MARKS) break;
      if (from > at) parts.push(document.createTextNode(text.slice(at, from)));
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = text.slice(from, to);
      parts.push(mark);
      marks.push(mark);
      at = to;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    node.replaceWith(...parts);
  }
  return marks;
}

/** Unwraps the marks again, merging the text back. */
export function clearHighlights(root: Element): void {
  for (const mark of root.querySelectorAll('mark.search-hit'))
    mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
  root.normalize();
}

/** Reads ?highlight=, marks the terms in <main>, scrolls to the first hit, and clears on Esc. */
export function highlightFromUrl(): void {
  const url = new URL(location.href);
  const terms = (url.searchParams.get('highlight') ?? '').split(/\s+/).filter(Boolean).slice(0, 12);
  const main = document.querySelector('main');
  if (!main || terms.length === 0) return;
  const marks = highlightTerms(main, terms);
  const anchor = url.hash ? document.getElementById(fragmentId(url.hash)) : null;
  const first =
    (anchor &&
      marks.find(
        (m) =>
          anchor.contains(m) ||
          Boolean(anchor.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
      )) ??
    marks[0];
  first?.classList.add('search-hit-first');
  first?.scrollIntoView({ block: 'center' });
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    clearHighlights(main);
    url.searchParams.delete('highlight');
    history.replaceState(history.state, '', url.toString());
    document.removeEventListener('keydown', onKey);
  };
  document.addEventListener('keydown', onKey);
}
