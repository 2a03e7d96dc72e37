import { diagnosticText, summaryRows } from '../../lib/worksheet/summary';
import { el } from './dom';
import { WorksheetElement } from './worksheet-element';

/** What was read from the run: tool, version, benchmark and how sure, counts, completeness, diagnostics. */
export class RunSummary extends WorksheetElement {
  protected connect(): void {
    this.listen('run', () => this.render());
    this.render();
  }

  private render(): void {
    const empty = this.querySelector<HTMLElement>('[data-empty]')!;
    const body = this.querySelector<HTMLElement>('[data-body]')!;
    const run = this.store.run;
    empty.hidden = !!run;
    body.hidden = !run;
    if (!run) return;
    this.querySelector('[data-rows]')!.replaceChildren(
      ...summaryRows(run).flatMap((r) => [el('dt', { text: r.label }), el('dd', { text: r.value })])
    );
    const items = run.diagnostics.map((d) =>
      el('li', { class: `diag diag-${d.severity}`, text: diagnosticText(d) })
    );
    this.querySelector('[data-diagnostics]')!.replaceChildren(
      ...(items.length
        ? items
        : [el('li', { text: 'Nothing unusual: the run was read without problems.' })])
    );
  }
}
