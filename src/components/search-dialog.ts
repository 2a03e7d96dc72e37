/**
 * <search-dialog>: the site-wide search in a modal <dialog>. Opens with `/`, Ctrl/Cmd+K or any
 * [data-search-open] control; the query code and the index load on first use only. The input is an
 * ARIA combobox; results are grouped by page, each page an option with its matching parts as options
 * beneath it, and the active option is tracked with aria-activedescendant.
 */
import {
  countText,
  groupTarget,
  loadSearcher,
  readContext,
  readFilters,
  renderHit,
  resultUrl,
  type Searcher,
} from './search-ui';
import type { SearchContext, SearchGroup, SearchHit, SearchOutcome } from '../lib/search/query';
import { url } from '../lib/site';

/** Pages shown, each with up to PARTS of its matching parts; every one shown fetches its display text. */
const LIMIT = 8;
const PARTS = 2;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

class SearchDialog extends HTMLElement {
  private dialog!: HTMLDialogElement;
  private input!: HTMLInputElement;
  private form!: HTMLFormElement;
  private list!: HTMLElement;
  private status!: HTMLElement;
  private all!: HTMLAnchorElement;
  private opener: HTMLElement | null = null;
  /** Where each option leads, by option index. */
  private targets: SearchHit[] = [];
  private active = -1;
  private ready = false;
  private context: SearchContext = {};
  /** Counts updates, so an answer that arrives after a newer keystroke's is dropped. */
  private serial = 0;

  connectedCallback(): void {
    const dialog = this.querySelector('dialog');
    const input = this.querySelector<HTMLInputElement>('input[role="combobox"]');
    const form = this.querySelector('form');
    const list = this.querySelector<HTMLElement>('[role="listbox"]');
    const status = this.querySelector<HTMLElement>('[role="status"]');
    const all = this.querySelector<HTMLAnchorElement>('[data-search-all]');
    if (!dialog || !input || !form || !list || !status || !all) return;
    Object.assign(this, { dialog, input, form, list, status, all });

    for (const button of document.querySelectorAll<HTMLElement>('[data-search-open]')) {
      button.setAttribute('role', 'button');
      button.setAttribute('aria-haspopup', 'dialog');
      button.addEventListener('focus', () => this.prefetch());
      button.addEventListener('pointerenter', () => this.prefetch());
      button.addEventListener('click', (event) => {
        event.preventDefault();
        this.open(button);
      });
      button.addEventListener('keydown', (event) => {
        // A link does not react to Space; the button it now claims to be must.
        if (event.key === ' ') {
          event.preventDefault();
          this.open(button);
        }
      });
    }
    document.addEventListener('keydown', (event) => {
      if (this.dialog.open || event.defaultPrevented || isTyping(event.target)) return;
      const shortcut =
        (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) ||
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k');
      if (!shortcut) return;
      event.preventDefault();
      this.open(document.activeElement instanceof HTMLElement ? document.activeElement : null);
    });
    input.addEventListener('input', () => void this.update());
    input.addEventListener('keydown', (event) => this.onKey(event));
    form.addEventListener('change', () => void this.update());
    form.addEventListener('submit', (event) => {
      const chosen = this.targets[this.active];
      if (chosen) {
        event.preventDefault();
        location.assign(resultUrl(chosen));
      }
    });
    list.addEventListener('click', (event) => {
      const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
      const chosen = option ? this.targets[Number(option.dataset.index)] : undefined;
      if (chosen) location.assign(resultUrl(chosen));
    });
    this.querySelector('[data-search-close]')?.addEventListener('click', () => this.dialog.close());
    dialog.addEventListener('close', () => {
      this.opener?.focus();
      this.opener = null;
    });
    // A click on the backdrop lands on the dialog element itself.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
  }

  private prefetch(): void {
    loadSearcher().catch(() => undefined);
  }

  private open(opener: HTMLElement | null): void {
    if (this.dialog.open) return;
    this.opener = opener;
    this.dialog.showModal();
    this.input.focus();
    this.input.select();
    if (!this.ready) this.status.textContent = 'Loading search index…';
    Promise.all([loadSearcher(), readContext()]).then(
      ([, context]) => {
        this.context = context;
        this.ready = true;
        void this.update();
      },
      () => {
        this.status.textContent =
          'The search index could not be loaded. Try again, or browse the threats list.';
      }
    );
  }

  private async update(): Promise<void> {
    const serial = ++this.serial;
    const query = this.input.value;
    const data = new FormData(this.form);
    const filters = readFilters((name) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : null;
    });
    const params = new URLSearchParams();
    for (const [key, value] of data)
      if (typeof value === 'string' && value !== '') params.set(key, value);
    this.all.href = `${url('/search/')}${params.size > 0 ? `?${params.toString()}` : ''}`;
    if (!this.ready) return;
    // Busy until this query's results are shown: parts of the index may still be on their way.
    this.list.setAttribute('aria-busy', 'true');
    let searcher: Searcher;
    let outcome: SearchOutcome;
    try {
      searcher = await loadSearcher();
      outcome =
        query.trim() === ''
          ? { groups: [], total: 0 }
          : await searcher.search(searcher.engine, query, filters, {
              limit: LIMIT,
              sections: PARTS,
              context: this.context,
            });
    } catch {
      if (serial !== this.serial) return;
      this.list.setAttribute('aria-busy', 'false');
      this.status.textContent =
        'Part of the search index could not be loaded. Try again, or browse the threats list.';
      return;
    }
    if (serial !== this.serial) return;
    this.list.setAttribute('aria-busy', 'false');
    this.targets = [];
    const groups = outcome.groups.map((group) => this.renderGroup(group, searcher));
    this.list.replaceChildren(...groups);
    this.list.hidden = groups.length === 0;
    this.input.setAttribute('aria-expanded', String(groups.length > 0));
    this.status.textContent =
      query.trim() === ''
        ? 'Type to search threats, checks, components, guides and pages.'
        : outcome.total > outcome.groups.length
          ? `${countText(outcome.total)}, showing the first ${outcome.groups.length}`
          : countText(outcome.total);
    this.setActive(this.targets.length > 0 ? 0 : -1);
  }

  /** A page and its matching parts, as a group of options. */
  private renderGroup(group: SearchGroup, searcher: Searcher): HTMLElement {
    const element = document.createElement('div');
    element.setAttribute('role', 'group');
    element.className = 'search-group';
    const header = this.option(group.page, groupTarget(group), searcher, false);
    element.setAttribute('aria-labelledby', `${header.id}-title`);
    element.append(header, ...group.sections.map((hit) => this.option(hit, hit, searcher, true)));
    return element;
  }

  private option(
    hit: SearchHit,
    target: SearchHit,
    searcher: Searcher,
    part: boolean
  ): HTMLElement {
    const index = this.targets.push(target) - 1;
    const option = document.createElement('div');
    option.id = `search-option-${index}`;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.dataset.index = String(index);
    option.className = part ? 'search-result search-part' : 'search-result';
    renderHit(option, hit, searcher, part);
    option.querySelector('.search-result-title')?.setAttribute('id', `${option.id}-title`);
    return option;
  }

  private setActive(index: number): void {
    const previous = this.list.querySelector('[aria-selected="true"]');
    previous?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = index >= 0 ? document.getElementById(`search-option-${index}`) : null;
    if (option) {
      option.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.targets.length;
    if (count === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.setActive((this.active + step + count) % count);
    } else if (event.key === 'Home' && event.ctrlKey) {
      this.setActive(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      this.setActive(count - 1);
    }
  }
}

customElements.define('search-dialog', SearchDialog);

if (new URLSearchParams(location.search).has('highlight')) {
  import('./search-highlight').then(
    (m) => m.highlightFromUrl(),
    () => undefined
  );
}
