import { WorksheetElement } from './worksheet-element';

/**
 * The "Course exercise rules" switch. It also marks the worksheet with the rules in force, so that text
 * anywhere on the page written for one way of working (data-when="exercise" or "own") shows only in it.
 */
export class ExerciseRules extends WorksheetElement {
  protected connect(): void {
    const { store, signal } = this;
    const box = this.querySelector<HTMLInputElement>('[data-exercise-rules]')!;
    const root = this.closest<HTMLElement>('.worksheet') ?? document.documentElement;
    box.addEventListener(
      'change',
      () => store.dispatch({ type: 'set-exercise-rules', on: box.checked }),
      { signal }
    );
    const sync = () => {
      const on = store.ws.exerciseRules;
      box.checked = on;
      root.dataset.rules = on ? 'exercise' : 'own';
    };
    this.listen('worksheet', sync);
    sync();
  }
}
