import { el } from './dom';
import { WorksheetElement } from './worksheet-element';
import {
  checkIncomplete,
  checkThreatCount,
  threatGuidance,
  type Guidance,
} from '../../lib/worksheet/guidance';
import {
  blankEntry,
  entryFromCatalog,
  filterCatalogThreats,
  THREATS_PER_PLATFORM,
  type CatalogThreat,
  type OwnThreat,
} from '../../lib/worksheet/own-threats';
import { threatPath } from '../../lib/content/paths';
import { url } from '../../lib/site';
import {
  PLATFORM_LABELS,
  STRIDE_LABELS,
  type Platform,
  type StrideCategory,
} from '../../lib/stride';

interface Card {
  root: HTMLLIElement;
  heading: HTMLHeadingElement;
  origin: HTMLElement;
  stride: HTMLSelectElement;
  component: HTMLSelectElement;
  description: HTMLTextAreaElement;
  labels: {
    stride: HTMLLabelElement;
    component: HTMLLabelElement;
    description: HTMLLabelElement;
  };
  notes: HTMLUListElement;
  buttons: { up: HTMLButtonElement; down: HTMLButtonElement; remove: HTMLButtonElement };
}

const hidden = (text: string) => el('span', { class: 'visually-hidden', text });

/** A write-up step where the user assembles their own five threats of one platform, from the catalog or from blank entries, with guidance as they go. */
export class ThreatListStep extends WorksheetElement {
  private platform: Platform = 'docker';
  private cards = new Map<string, Card>();
  private guidanceText = '';

  protected connect(): void {
    const { store, signal } = this;
    this.platform = this.dataset.platform === 'kubernetes' ? 'kubernetes' : 'docker';
    const entriesEl = this.querySelector<HTMLOListElement>('[data-entries]')!;
    const empty = this.querySelector<HTMLElement>('[data-empty]')!;
    const q = this.querySelector<HTMLInputElement>('[data-q]')!;
    const strideFilter = this.querySelector<HTMLSelectElement>('[data-stride]')!;
    const componentFilter = this.querySelector<HTMLSelectElement>('[data-component]')!;

    this.querySelector('[data-add-blank]')!.addEventListener(
      'click',
      () => this.addThreat(blankEntry(store.newId())),
      { signal }
    );
    for (const f of [q, strideFilter, componentFilter])
      f.addEventListener(f === q ? 'input' : 'change', () => this.renderCatalog(), { signal });

    const box = this.querySelector<HTMLDetailsElement>('[data-entries-box]')!;
    const summary = this.querySelector<HTMLElement>('[data-entries-summary]')!;
    const done = () => {
      const list = this.store.ws.threatModel[this.platform];
      return (
        checkThreatCount(list, this.platform).length === 0 && checkIncomplete(list).length === 0
      );
    };
    // A finished list folds up once the user moves on to another part of the page, keeping the page short;
    // while work remains it stays open.
    this.addEventListener(
      'focusout',
      (e) => {
        const next = e.relatedTarget;
        if (next instanceof Node && !this.contains(next) && done()) box.open = false;
      },
      { signal }
    );

    const sync = (rebuild: boolean) => {
      const list = this.store.ws.threatModel[this.platform];
      const finished = done();
      if (!finished) box.open = true;
      summary.textContent = `Your ${PLATFORM_LABELS[this.platform]} threats (${list.length} of ${THREATS_PER_PLATFORM}${finished ? ', done: open to edit' : ''})`;
      if (rebuild) {
        this.cards.clear();
        entriesEl.replaceChildren();
      }
      const ids = new Set(list.map((e) => e.id));
      for (const [key, card] of this.cards) {
        if (!ids.has(key)) {
          card.root.remove();
          this.cards.delete(key);
        }
      }
      list.forEach((e, i) => {
        let card = this.cards.get(e.id);
        if (!card) {
          card = this.card(e);
          this.cards.set(e.id, card);
        }
        if (entriesEl.children[i] !== card.root)
          entriesEl.insertBefore(card.root, entriesEl.children[i] ?? null);
        this.label(card, e, i, list.length);
      });
      empty.hidden = list.length > 0;
      this.renderGuidance();
      this.renderCatalog();
    };
    this.listen('worksheet', () => sync(false));
    this.listen('replaced', () => sync(true));
    this.listen('threat-catalog', () => sync(true));
    sync(true);
  }

  private dispatchEdit(
    id: string,
    patch: Partial<Pick<OwnThreat, 'stride' | 'component' | 'description'>>
  ) {
    this.store.dispatch({ type: 'edit-threat', platform: this.platform, id, patch });
  }

  private addThreat(entry: OwnThreat) {
    this.store.dispatch({ type: 'add-threat', platform: this.platform, entry });
    const count = this.store.ws.threatModel[this.platform].length;
    if (entry.origin) {
      const picker = this.querySelector<HTMLDetailsElement>('[data-picker]')!;
      this.querySelector('[data-added]')!.textContent =
        `Added ${entry.origin} as your threat ${count}: rewrite its text in your own words.`;
      // Until five are chosen the user stays in the catalog, on the button just used (the list was rebuilt).
      if (count < THREATS_PER_PLATFORM) {
        picker
          .querySelector<HTMLButtonElement>(`[data-start="${CSS.escape(entry.origin)}"]`)
          ?.focus();
        return;
      }
      picker.open = false;
    }
    this.cards.get(entry.id)?.description.focus();
  }

  private card(e: OwnThreat): Card {
    const slug = `${this.platform}-threat-${e.id}`;
    const strideFilter = this.querySelector<HTMLSelectElement>('[data-stride]')!;
    const componentFilter = this.querySelector<HTMLSelectElement>('[data-component]')!;
    const options = (from: HTMLSelectElement, first: string) => [
      el('option', { value: '', text: first }),
      ...[...from.options].slice(1).map((o) => el('option', { value: o.value, text: o.text })),
    ];

    const stride = el(
      'select',
      { id: `${slug}-stride` },
      ...options(strideFilter, 'Choose a category…')
    );
    const component = el(
      'select',
      { id: `${slug}-component` },
      ...options(componentFilter, 'Choose a component…')
    );
    // A component id from an imported file that this model lacks stays visible rather than silently cleared.
    if (e.component && ![...component.options].some((o) => o.value === e.component))
      component.append(
        el('option', { value: e.component, text: `${e.component} (not in this model)` })
      );
    stride.value = e.stride;
    component.value = e.component;
    const description = el('textarea', {
      id: `${slug}-description`,
      rows: '3',
      'aria-describedby': `${slug}-hint ${slug}-notes`,
    });
    description.value = e.description;
    stride.addEventListener('change', () =>
      this.dispatchEdit(e.id, { stride: stride.value as StrideCategory | '' })
    );
    component.addEventListener('change', () =>
      this.dispatchEdit(e.id, { component: component.value })
    );
    description.addEventListener('input', () =>
      this.dispatchEdit(e.id, { description: description.value })
    );

    const labels = {
      stride: el('label', { for: stride.id }),
      component: el('label', { for: component.id }),
      description: el('label', { for: description.id }),
    };
    const heading = el('h3', { id: `${slug}-h`, tabindex: '-1' });
    const origin = el('p', { class: 'muted threat-origin' });
    const notes = el('ul', { class: 'threat-notes', id: `${slug}-notes` });
    const up = el('button', { type: 'button', class: 'button' });
    const down = el('button', { type: 'button', class: 'button' });
    const remove = el('button', { type: 'button', class: 'button danger' });
    up.addEventListener('click', () => this.moveThreat(e.id, -1, 'up'));
    down.addEventListener('click', () => this.moveThreat(e.id, 1, 'down'));
    remove.addEventListener('click', () => this.removeThreat(e.id));
    const root = el(
      'li',
      { class: 'own-threat card' },
      el(
        'article',
        { 'aria-labelledby': heading.id },
        heading,
        origin,
        el(
          'div',
          { class: 'threat-fields' },
          el('div', { class: 'field' }, labels.stride, stride),
          el('div', { class: 'field' }, labels.component, component)
        ),
        el(
          'div',
          { class: 'field' },
          labels.description,
          el('p', {
            class: 'muted',
            id: `${slug}-hint`,
            text: 'Who attacks what, how, and what they gain: in your own words.',
          }),
          description
        ),
        notes,
        el('div', { class: 'threat-actions' }, up, down, remove)
      )
    );
    return {
      root,
      heading,
      origin,
      stride,
      component,
      description,
      labels,
      notes,
      buttons: { up, down, remove },
    };
  }

  /** Numbers and names follow the entry's place, and values changed elsewhere reach the fields the user is not in. */
  private label(card: Card, e: OwnThreat, i: number, count: number) {
    const n = i + 1;
    card.heading.textContent = `Threat ${n}`;
    card.labels.stride.textContent = `STRIDE category for threat ${n}`;
    card.labels.component.textContent = `Component for threat ${n}`;
    card.labels.description.textContent = `Description of threat ${n}`;
    card.buttons.up.replaceChildren('Move up', hidden(` threat ${n}`));
    card.buttons.down.replaceChildren('Move down', hidden(` threat ${n}`));
    card.buttons.remove.replaceChildren('Remove', hidden(` threat ${n}`));
    card.buttons.up.disabled = i === 0;
    card.buttons.down.disabled = i === count - 1;
    const t = e.origin
      ? this.store.threatCatalog?.[this.platform].threats.find((x) => x.id === e.origin)
      : undefined;
    card.origin.replaceChildren(
      ...(e.origin
        ? [
            'Started from ',
            el('a', { href: url(threatPath(e.origin)), text: t ? `${t.id} ${t.title}` : e.origin }),
          ]
        : [])
    );
    card.origin.hidden = !e.origin;
    for (const [field, value] of [
      [card.stride, e.stride],
      [card.component, e.component],
      [card.description, e.description],
    ] as const) {
      if (field.value !== value && document.activeElement !== field) field.value = value;
    }
  }

  private moveThreat(id: string, by: -1 | 1, button: 'up' | 'down') {
    this.store.dispatch({ type: 'move-threat', platform: this.platform, id, by });
    const card = this.cards.get(id);
    if (!card) return;
    // Moving the entry moves the focused button out of the document for a moment; bring focus back, or to its twin at an end.
    const target = card.buttons[button].disabled
      ? card.buttons[button === 'up' ? 'down' : 'up']
      : card.buttons[button];
    target.focus();
  }

  private removeThreat(id: string) {
    const list = this.store.ws.threatModel[this.platform];
    const i = list.findIndex((e) => e.id === id);
    this.store.dispatch({ type: 'remove-threat', platform: this.platform, id });
    const next = this.store.ws.threatModel[this.platform][Math.min(i, list.length - 2)];
    if (next) this.cards.get(next.id)?.heading.focus();
    else this.querySelector<HTMLButtonElement>('[data-add-blank]')!.focus();
  }

  private catalogThreats(): CatalogThreat[] {
    return this.store.threatCatalog?.[this.platform].threats ?? [];
  }

  private renderGuidance() {
    const list = this.store.ws.threatModel[this.platform];
    const guidance = threatGuidance(list, this.platform, this.catalogThreats());
    const key = guidance.map((g) => g.message).join('\n');
    // Per-entry notes: the messages that concern one entry and say more than what is missing.
    list.forEach((e) => {
      const card = this.cards.get(e.id);
      if (!card) return;
      const i = list.indexOf(e) + 1;
      const mine = guidance.filter(
        (g) =>
          g.entries.includes(i) &&
          (g.kind === 'duplicate' || g.kind === 'weak-claim' || g.kind === 'catalog-text')
      );
      card.notes.replaceChildren(...mine.map((g) => this.item(g)));
      card.notes.hidden = mine.length === 0;
    });
    if (key === this.guidanceText && this.querySelector('[data-guidance]')!.childElementCount > 0)
      return;
    this.guidanceText = key;
    const name = PLATFORM_LABELS[this.platform];
    this.querySelector('[data-guidance]')!.replaceChildren(
      guidance.length
        ? el(
            'div',
            {},
            el('p', { class: 'rule-head', text: `Guidance for your ${name} threats:` }),
            el('ul', {}, ...guidance.map((g) => this.item(g)))
          )
        : el('p', {
            class: 'rule-head rules-met',
            text: `Five ${name} threats, each complete, none repeated, every category you chose on purpose.`,
          })
    );
  }

  private item(g: Guidance): HTMLLIElement {
    return el(
      'li',
      { class: `guidance-${g.kind}` },
      g.message,
      ...(g.threatId && g.kind === 'weak-claim'
        ? [' ', el('a', { href: url(threatPath(g.threatId)), text: `Read ${g.threatId}` })]
        : [])
    );
  }

  private renderCatalog() {
    const results = this.querySelector<HTMLElement>('[data-results]')!;
    const count = this.querySelector<HTMLElement>('[data-count]')!;
    if (this.store.threatCatalogFailed) {
      count.textContent = 'The catalog could not be loaded; add blank threats instead.';
      results.replaceChildren();
      return;
    }
    const all = this.catalogThreats();
    if (all.length === 0) {
      count.textContent = 'Loading the catalog…';
      return;
    }
    const shown = filterCatalogThreats(all, {
      text: this.querySelector<HTMLInputElement>('[data-q]')!.value,
      stride: this.querySelector<HTMLSelectElement>('[data-stride]')!.value as StrideCategory | '',
      component: this.querySelector<HTMLSelectElement>('[data-component]')!.value,
    });
    const list = this.store.ws.threatModel[this.platform];
    const text = `Showing ${shown.length} of ${all.length} catalog threats.`;
    if (count.textContent !== text) count.textContent = text;
    results.replaceChildren(
      ...shown.map((t) => {
        const used = list.findIndex((e) => e.origin === t.id);
        const button = el(
          'button',
          { type: 'button', class: 'button', 'data-start': t.id },
          'Start from',
          hidden(` ${t.id}`)
        );
        button.addEventListener('click', () =>
          this.addThreat(entryFromCatalog(this.store.newId(), t))
        );
        return el(
          'li',
          { class: 'catalog-threat' },
          el(
            'p',
            { class: 'catalog-threat-head' },
            el(
              'a',
              { href: url(threatPath(t.id)) },
              el('span', { class: 'tid', text: t.id }),
              ` ${t.title}`
            ),
            ` (${STRIDE_LABELS[t.stride]})`
          ),
          el('p', {
            class: 'muted',
            text: `${t.summary}${used >= 0 ? ` Already your threat ${used + 1}.` : ''}`,
          }),
          button
        );
      })
    );
  }
}
