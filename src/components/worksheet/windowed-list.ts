import { el } from './dom';

/** How many items a windowed list shows at first and adds per press of its button. */
export const LIST_PAGE = 100;

/**
 * A long list shown a page at a time: the first page of items, then a button that shows the next page
 * and moves focus to the first item it revealed, so a keyboard user reads on from there. Items are
 * built only when shown and added one by one, never spread into a call: a run of 177,725 findings
 * costs the page no more at first than one of a hundred.
 */
export function windowedList<T>(
  list: HTMLElement,
  items: readonly T[],
  render: (item: T, index: number) => HTMLElement,
  /** The button's text: how many the next press shows and how many are not shown yet. */
  moreText: (next: number, hidden: number) => string,
  page = LIST_PAGE
): DocumentFragment {
  const frag = document.createDocumentFragment();
  let shown = 0;
  const showNext = (): HTMLElement | undefined => {
    const end = Math.min(items.length, shown + page);
    let first: HTMLElement | undefined;
    for (let i = shown; i < end; i++) {
      const item = render(items[i]!, i);
      first ??= item;
      list.append(item);
    }
    shown = end;
    return first;
  };
  showNext();
  frag.append(list);
  if (shown >= items.length) return frag;

  const button = el('button', { type: 'button', class: 'button' });
  const holder = el('p', { class: 'show-more no-print' }, button);
  const label = () => {
    const hidden = items.length - shown;
    button.textContent = moreText(Math.min(page, hidden), hidden);
  };
  label();
  button.addEventListener('click', () => {
    const first = showNext();
    if (shown >= items.length) holder.remove();
    else label();
    const target = first?.querySelector<HTMLElement>('input, summary, a[href], button') ?? first;
    if (target === first) first?.setAttribute('tabindex', '-1');
    target?.focus();
  });
  frag.append(holder);
  return frag;
}
