import {
  auditErrorHeadline,
  auditErrorKindText,
  auditErrorSummary,
  rerunAdvice,
} from '../../lib/worksheet/audit-errors';
import { guideLink, RUN_PROBLEM_TITLES } from '../../lib/guides';
import { url } from '../../lib/site';
import { diagnosticText, summaryRows } from '../../lib/worksheet/summary';
import type { BenchRun } from '../../lib/bench/types';
import { el } from './dom';
import { WorksheetElement } from './worksheet-element';

/** The results whose audit could not run: how many, why by kind with the guide section that explains it, and how to run again. */
function auditErrorsItem(run: BenchRun): HTMLElement | undefined {
  const s = auditErrorSummary(run);
  if (!s) return undefined;
  return el(
    'li',
    { class: 'diag diag-warning audit-errors', 'data-audit-errors': true },
    el('p', {}, el('strong', { text: auditErrorHeadline(s) })),
    el(
      'ul',
      {},
      s.kinds.map((k) =>
        el(
          'li',
          {},
          `${auditErrorKindText(k)} `,
          el('a', { href: url(guideLink(k.code)), text: RUN_PROBLEM_TITLES[k.code] })
        )
      )
    ),
    el('p', { text: rerunAdvice(s) })
  );
}

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
    // The audit item says what the reader's one-line warning says, by kind and with guides.
    const audit = auditErrorsItem(run);
    const items = [
      ...(audit ? [audit] : []),
      ...run.diagnostics
        .filter((d) => !(audit && d.code === 'audit-errors'))
        .map((d) => el('li', { class: `diag diag-${d.severity}`, text: diagnosticText(d) })),
    ];
    this.querySelector('[data-diagnostics]')!.replaceChildren(
      ...(items.length
        ? items
        : [el('li', { text: 'Nothing unusual: the run was read without problems.' })])
    );
  }
}
