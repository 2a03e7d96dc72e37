import { worksheetProgress } from '../../lib/worksheet/progress';
import { el } from './dom';
import { WorksheetElement } from './worksheet-element';

/** The step navigator: a link per step with its state, refreshed as the worksheet changes. */
export class StepNav extends WorksheetElement {
  private shown = '';

  protected connect(): void {
    for (const t of ['worksheet', 'run', 'after'] as const) this.listen(t, () => this.render());
    this.render();
  }

  private render(): void {
    const { store } = this;
    const steps = worksheetProgress(store.ws, store.run, store.afterRun, {
      threatIds: store.catalog ? new Set(store.catalog.threats.keys()) : undefined,
    });
    const key = steps.map((s) => `${s.done} ${s.state}`).join('\n');
    // Typing changes the worksheet at every key; the list is rebuilt only when a state changes.
    if (key === this.shown) return;
    this.shown = key;
    this.querySelector('[data-steps]')!.replaceChildren(
      ...steps.map((s) =>
        el(
          'li',
          { class: s.done ? 'done' : undefined },
          el(
            'a',
            { href: `#${s.target}` },
            el('span', { class: 'step-n', text: String(s.step) }),
            ` ${s.label}`,
            el('span', { class: 'step-state', text: s.done ? ' ✓' : `: ${s.state}` }),
            s.done ? el('span', { class: 'visually-hidden', text: ' (done)' }) : null
          )
        )
      )
    );
  }
}
