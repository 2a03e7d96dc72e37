import { diagnosticText, summaryRows } from '../../lib/worksheet/summary';
import { runProblemGuides } from '../../lib/guides';
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
    const items = run.diagnostics.map((d) => {
      const item = el('li', { class: `diag diag-${d.severity}`, text: diagnosticText(d) });
      // Results whose audit could not run: the guide says what each kind of error means and how to rerun.
      const guides = d.code === 'audit-errors' ? runProblemGuides(run.findings) : [];
      if (guides.length)
        item.append(
          ' What this means and how to rerun: ',
          ...guides.flatMap((g, i) => [
            ...(i > 0 ? [', '] : []),
            el('a', { href: g.href, text: g.title }),
          ]),
          '.'
        );
      return item;
    });
    this.querySelector('[data-diagnostics]')!.replaceChildren(
      ...(items.length
        ? items
        : [el('li', { text: 'Nothing unusual: the run was read without problems.' })])
    );
  }
}
