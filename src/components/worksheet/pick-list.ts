import { el } from './dom';
import { ownThreatOptions, refreshOwnThreatOptions } from './own-threat-options';
import { WorksheetElement } from './worksheet-element';
import { ownThreatIdOf } from '../../lib/worksheet/own-threats';
import {
  exerciseNotes,
  kubernetesExerciseNote,
  rulesMetText,
  unmetRules,
} from '../../lib/worksheet/rules';
import { findingName } from '../../lib/worksheet/findings';
import { AUDIT_ERROR_LABEL, weakPicks } from '../../lib/worksheet/audit-errors';
import type { HardeningPick } from '../../lib/worksheet/schema';
import { OWN_THREAT, PICK_STATUSES, type PickStatus } from '../../lib/worksheet/worksheet';
import { pickKeys, type PickText } from '../../lib/worksheet/state';
import { pickNames } from '../../lib/worksheet/pick-names';
import { oneLine } from '../../lib/worksheet/text';
import { PLATFORM_LABELS, STRIDE_LABELS } from '../../lib/stride';
import type { ThreatOption } from '../../lib/worksheet/data';

let cardCount = 0;
const STATUS_LABELS: Record<PickStatus, string> = {
  planned: 'Planned',
  applied: 'Applied',
  verified: 'Verified',
};

function threatLabel(t: ThreatOption, suggested: boolean): string {
  const marks = [
    suggested ? 'suggested for this check' : '',
    t.fromBrief ? 'in the course brief' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${t.id} ${t.title} (${STRIDE_LABELS[t.stride]})${marks ? `: ${marks}` : ''}`;
}

/** The chosen findings: the task's rules live, and per pick its threat, reason, steps, verification and status. */
export class PickList extends WorksheetElement {
  private cards = new Map<
    string,
    {
      root: HTMLElement;
      note: HTMLElement;
      fields: Map<keyof PickText, HTMLTextAreaElement | HTMLSelectElement | HTMLInputElement>;
      own: HTMLElement;
      /** Labels every field with the pick's name, which changes when another pick of the same id comes or goes. */
      setName: (name: string) => void;
    }
  >();
  private rulesText = '';

  protected connect(): void {
    const { store } = this;
    const rules = this.querySelector<HTMLElement>('[data-rules]')!;
    const list = this.querySelector<HTMLElement>('[data-picks]')!;

    const renderRules = () => {
      const ws = store.ws;
      const platform = store.platform;
      const unmet = unmetRules(ws, store.run, {
        threatIds: store.catalog ? new Set(store.catalog.threats.keys()) : undefined,
      });
      const weak = weakPicks(ws, store.run);
      const key = `${platform} ${ws.exerciseRules}\n${[...unmet, ...weak].map((u) => u.message).join('\n')}`;
      if (key === this.rulesText && rules.childElementCount > 0) return;
      this.rulesText = key;
      for (const p of this.querySelectorAll<HTMLElement>('[data-platform-text]'))
        p.hidden = p.dataset.platformText !== platform;
      rules.replaceChildren(
        unmet.length
          ? el(
              'div',
              {},
              el('p', {
                class: 'rule-head',
                text: `${unmet.length} thing${unmet.length === 1 ? '' : 's'} still to do:`,
              }),
              el('ul', {}, ...unmet.map((u) => el('li', { text: u.message })))
            )
          : el('p', {
              class: 'rule-head rules-met',
              text: rulesMetText(platform, ws.exerciseRules),
            }),
        ...(weak.length
          ? [
              el(
                'div',
                { class: 'callout audit-error weak-picks' },
                el('p', {
                  class: 'rule-head',
                  text: `${weak.length} weak pick${weak.length === 1 ? '' : 's'}:`,
                }),
                el('ul', {}, ...weak.map((w) => el('li', { text: w.message })))
              ),
            ]
          : []),
        ...(platform === 'kubernetes' && ws.exerciseRules
          ? [el('p', { class: 'rule-note', text: kubernetesExerciseNote(store.run?.tool) })]
          : [])
      );
    };

    const renderNotes = () => {
      const notes = exerciseNotes(store.ws, store.run);
      for (const [key, card] of this.cards) {
        const n = notes.find((x) => x.pick === key);
        card.note.textContent = n?.message ?? '';
        card.note.hidden = !n;
      }
    };

    const sync = (rebuild: boolean) => {
      const picks = store.ws.picks;
      const keys = pickKeys(picks);
      const names = pickNames(picks, (c) => store.catalog?.concepts.get(c)?.name);
      if (rebuild) {
        this.cards.clear();
        list.replaceChildren();
      }
      for (const [key, card] of this.cards) {
        if (!keys.includes(key)) {
          card.root.remove();
          this.cards.delete(key);
        }
      }
      picks.forEach((p, i) => {
        const key = keys[i]!;
        let card = this.cards.get(key);
        if (!card) {
          card = this.card(p, key);
          this.cards.set(key, card);
        }
        card.setName(names[i]!);
        if (list.children[i] !== card.root) list.insertBefore(card.root, list.children[i] ?? null);
        // Values changed elsewhere (verify button, another control) reach the fields; the focused one is the user's.
        for (const [name, field] of card.fields) {
          const value = String(p[name] ?? '');
          if (field.value !== value && document.activeElement !== field) field.value = value;
        }
        card.own.hidden = p.threat !== OWN_THREAT;
      });
      if (picks.length === 0)
        list.replaceChildren(
          el('p', {
            class: 'muted',
            text: 'No finding chosen yet: tick failed findings in the list above.',
          })
        );
      else list.querySelector(':scope > p.muted')?.remove();
      renderRules();
      renderNotes();
    };

    this.listen('worksheet', () => {
      // Options first: a pick's value may name a threat entry added just now.
      refreshOwnThreatOptions(store, this);
      sync(false);
    });
    this.listen('replaced', () => sync(true));
    // Threat lists depend on the catalog, which may arrive with the first run.
    this.listen('run', () => sync(true));
    this.listen('threat-catalog', () => refreshOwnThreatOptions(store, this));
    sync(true);
  }

  private card(p: HardeningPick, key: string) {
    const labels: [HTMLElement, (name: string) => string][] = [];
    const named = <T extends HTMLElement>(node: T, text: (name: string) => string): T => {
      labels.push([node, text]);
      return node;
    };
    const slug = `pick-${++cardCount}`;
    const fields = new Map<
      keyof PickText,
      HTMLTextAreaElement | HTMLSelectElement | HTMLInputElement
    >();
    const edit = (patch: PickText) => this.store.dispatch({ type: 'edit-pick', key, patch });

    const textarea = (
      name: 'why' | 'steps' | 'verify' | 'ownThreat',
      label: (name: string) => string,
      rows: number,
      hint?: string
    ) => {
      const t = el('textarea', {
        id: `${slug}-${name}`,
        rows: String(rows),
        ...(hint ? { 'aria-describedby': `${slug}-${name}-hint` } : {}),
      });
      t.value = p[name];
      t.addEventListener('input', () => edit({ [name]: t.value }));
      fields.set(name, t);
      return el(
        'div',
        { class: 'field' },
        named(el('label', { for: t.id }), label),
        hint ? el('p', { class: 'muted', id: `${slug}-${name}-hint`, text: hint }) : null,
        t
      );
    };

    const wc = this.store.catalog;
    const suggestedIds = new Set(p.concept ? (wc?.concepts.get(p.concept)?.threats ?? []) : []);
    const all = wc?.threatList ?? [];
    const suggested = all.filter((t) => suggestedIds.has(t.id));
    const others = all.filter((t) => !suggestedIds.has(t.id));
    const select = el('select', { id: `${slug}-threat` });
    select.append(el('option', { value: '', text: 'Choose a threat…' }));
    select.append(ownThreatOptions(this.store, p));
    if (suggested.length)
      select.append(
        el(
          'optgroup',
          { label: 'Suggested for this check' },
          ...suggested.map((t) => el('option', { value: t.id, text: threatLabel(t, true) }))
        )
      );
    const model = PLATFORM_LABELS[this.store.platform];
    select.append(
      el(
        'optgroup',
        {
          label: suggested.length
            ? `Other threats of the ${model} model`
            : `Threats of the ${model} model`,
        },
        ...others.map((t) => el('option', { value: t.id, text: threatLabel(t, false) }))
      )
    );
    select.append(
      el('option', { value: OWN_THREAT, text: 'Another attack surface of my own model' })
    );
    if (
      p.threat &&
      p.threat !== OWN_THREAT &&
      ownThreatIdOf(p.threat) === undefined &&
      !all.some((t) => t.id === p.threat)
    )
      select.append(
        el('option', { value: p.threat, text: `${oneLine(p.threat)} (not in this model)` })
      );
    select.value = p.threat;
    select.addEventListener('change', () => edit({ threat: select.value }));
    fields.set('threat', select);

    const status = el(
      'select',
      { id: `${slug}-status` },
      ...PICK_STATUSES.map((s) => el('option', { value: s, text: STATUS_LABELS[s] }))
    );
    status.value = p.status;
    status.addEventListener('change', () => edit({ status: status.value as PickStatus }));
    fields.set('status', status);

    const own = textarea(
      'ownThreat',
      (name) => `Attack surface of my own model for ${name}`,
      2,
      'Name the component and the threat from your Step 1 model.'
    );
    own.hidden = p.threat !== OWN_THREAT;
    const note = el('p', { class: 'callout exercise-note', hidden: true });
    const remove = named(
      el('button', { type: 'button', class: 'button' }),
      (name) => `Remove ${name} from my picks`
    );
    remove.addEventListener('click', () => this.store.dispatch({ type: 'unpick', key }));

    const weak = weakPicks({ picks: [p] }, this.store.run)[0];
    const root = el(
      'article',
      { class: 'pick card', 'aria-labelledby': `${slug}-h` },
      el('h3', {
        id: `${slug}-h`,
        text: findingName({
          id: p.findingId,
          title: p.title,
          ...(p.nodeType ? { nodeType: p.nodeType } : {}),
        }),
      }),
      weak
        ? el(
            'p',
            { class: 'callout audit-error' },
            el('span', { class: 'badge audit-error', text: AUDIT_ERROR_LABEL }),
            ` ${weak.message}`
          )
        : null,
      note,
      el(
        'div',
        { class: 'field' },
        named(el('label', { for: select.id }), (name) => `Threat for ${name}`),
        select
      ),
      own,
      textarea(
        'why',
        (name) => `Why harden ${name}`,
        2,
        'Which attack from your threat model does this make harder, and how?'
      ),
      textarea(
        'steps',
        (name) => `Hardening steps for ${name}`,
        3,
        `Pre-filled from the catalog: adapt it to your ${this.store.platform === 'kubernetes' ? 'cluster' : 'containers'}.`
      ),
      textarea('verify', (name) => `How to verify ${name}`, 3),
      el(
        'div',
        { class: 'field' },
        named(el('label', { for: status.id }), (name) => `Status of ${name}`),
        status
      ),
      el('div', { class: 'no-print' }, remove)
    );
    let current = '';
    const setName = (name: string) => {
      if (name === current) return;
      current = name;
      for (const [node, text] of labels) node.textContent = text(name);
    };
    return { root, note, fields, own, setName };
  }
}
