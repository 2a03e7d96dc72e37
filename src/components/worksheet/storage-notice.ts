import { confirmAction } from './confirm';
import { download, el } from './dom';
import { WorksheetElement } from './worksheet-element';
import type { StorageMessage } from '../../lib/worksheet/storage';

/** What happened to the saved worksheet: recovered or set-aside data, a full quota, another tab's save; and Start over. */
export class StorageNotice extends WorksheetElement {
  protected connect(): void {
    const { store, signal } = this;
    const alerts = this.querySelector<HTMLElement>('[data-alerts]')!;
    const state = this.querySelector<HTMLElement>('[data-state]')!;
    this.querySelector('[data-start-over]')!.addEventListener(
      'click',
      () => {
        void confirmAction(
          'Start over?',
          'This clears the pasted runs, your picks and everything you wrote, here and in this browser’s storage. Export JSON first if you may want them back.',
          'Start over'
        ).then((yes) => {
          if (yes) store.startOver();
        });
      },
      { signal }
    );

    const message = (m: StorageMessage, dismissable: boolean) => {
      const box = el('div', { class: 'callout correction' }, el('p', { text: m.message }));
      const actions = el('p', { class: 'no-print' });
      if (m.original !== undefined) {
        const b = el('button', {
          type: 'button',
          class: 'button',
          text: 'Download the unreadable data',
        });
        b.addEventListener('click', () =>
          download('worksheet-unreadable.txt', m.original!, 'text/plain')
        );
        actions.append(b, ' ');
      }
      if (dismissable) {
        const b = el('button', { type: 'button', class: 'button', text: 'Dismiss this message' });
        b.addEventListener('click', () => store.dismissMessage(m));
        actions.append(b);
      }
      if (actions.childNodes.length) box.append(actions);
      return box;
    };

    let shown = '';
    const render = () => {
      const parts: HTMLElement[] = store.messages.map((m) => message(m, true));
      if (store.saveProblem) parts.push(message(store.saveProblem, false));
      const c = store.conflict;
      if (c) {
        const load = el('button', {
          type: 'button',
          class: 'button primary',
          text: 'Load the newer worksheet',
        });
        const keep = el('button', {
          type: 'button',
          class: 'button',
          text: 'Keep this tab’s worksheet',
        });
        load.addEventListener('click', () => store.loadNewer());
        keep.addEventListener('click', () => store.keepMine());
        parts.push(
          el(
            'div',
            { class: 'callout correction' },
            el('p', {
              text: `This worksheet was changed in another tab at ${new Date(c.savedAt).toLocaleTimeString()}. Changes made in this tab are not saved until you choose which version to keep.`,
            }),
            el('p', { class: 'no-print' }, load, ' ', keep)
          )
        );
      }
      // Re-announce only when what is said changes.
      const text = parts.map((p) => p.textContent).join('\n');
      if (text !== shown) {
        shown = text;
        alerts.replaceChildren(...parts);
      }
      const saved = store.lastSavedAt;
      state.textContent = c
        ? 'Not saved: waiting for your choice above.'
        : saved && !store.saveProblem
          ? `Saved in this browser at ${saved.toLocaleTimeString()}.`
          : '';
    };
    this.listen('storage', render);
    render();
  }
}
