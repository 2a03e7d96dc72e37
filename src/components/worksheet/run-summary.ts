import { worksheetApp } from './controller';
import { el } from './dom';
import { diagnosticText, summaryRows } from '../../lib/worksheet/summary';

export class RunSummary extends HTMLElement {
  connectedCallback() {
    const empty = this.querySelector<HTMLElement>('[data-empty]')!;
    const body = this.querySelector<HTMLElement>('[data-body]')!;
    const rows = this.querySelector('[data-rows]')!;
    const diagnostics = this.querySelector('[data-diagnostics]')!;
    const render = () => {
      const run = worksheetApp.run;
      empty.hidden = !!run;
      body.hidden = !run;
      if (!run) return;
      rows.replaceChildren(
        ...summaryRows(run).flatMap((r) => [
          el('dt', { text: r.label }),
          el('dd', { text: r.value }),
        ])
      );
      const items = run.diagnostics.map((d) =>
        el('li', { class: `diag diag-${d.severity}`, text: diagnosticText(d) })
      );
      diagnostics.replaceChildren(
        ...(items.length
          ? items
          : [el('li', { text: 'Nothing unusual: the run was read without problems.' })])
      );
    };
    worksheetApp.on('run', render);
  }
}
