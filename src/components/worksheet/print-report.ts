import { el } from './dom';
import { WorksheetElement } from './worksheet-element';
import { componentNamer } from '../../lib/worksheet/own-threats';
import { reportTitle, threatText } from '../../lib/worksheet/export';
import { nodeTypeLabel, OUTCOME_LABELS } from '../../lib/worksheet/findings';
import { unmetRules } from '../../lib/worksheet/rules';
import { pickKey } from '../../lib/worksheet/state';
import { summaryRows } from '../../lib/worksheet/summary';
import { oneLine } from '../../lib/worksheet/text';
import { comparePicks } from '../../lib/worksheet/verify';
import type { Finding } from '../../lib/bench/types';

const result = (f: Finding | undefined, missing: string) =>
  f
    ? `${OUTCOME_LABELS[f.outcome]} (${oneLine(f.status)}) ${oneLine(f.id)}${f.nodeType ? ` [${nodeTypeLabel(f.nodeType)}]` : ''}, line ${f.line}`
    : missing;

export class PrintReport extends WorksheetElement {
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected connect(): void {
    const schedule = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.render(), 250);
    };
    for (const t of ['worksheet', 'replaced', 'run', 'after'] as const) this.listen(t, schedule);
    window.addEventListener('beforeprint', () => this.render(), { signal: this.signal });
  }

  private render() {
    const wc = this.store.catalog;
    const ws = this.store.ws;
    const run = this.store.run;
    const parts: Node[] = [el('h2', { text: reportTitle(ws, run) })];
    if (run)
      parts.push(
        el(
          'dl',
          { class: 'meta' },
          ...summaryRows(run).flatMap((r) => [
            el('dt', { text: r.label }),
            el('dd', { text: r.value }),
          ])
        )
      );
    const unmet = unmetRules(ws, run, { threatIds: wc ? new Set(wc.threats.keys()) : undefined });
    if (unmet.length)
      parts.push(
        el('p', { text: 'Still open:' }),
        el('ul', {}, ...unmet.map((u) => el('li', { text: u.message })))
      );
    const comparisons = wc ? comparePicks(ws.picks, run, this.store.afterRun, wc) : [];
    ws.picks.forEach((p, i) => {
      const c = comparisons.find((x) => x.pick === pickKey(p));
      const block = (label: string, text: string) => [
        el('h4', { text: label }),
        el('pre', { class: 'print-text', text: text.trim() || 'Not written yet.' }),
      ];
      parts.push(
        el(
          'section',
          { class: 'print-pick' },
          el('h3', { text: `${i + 1}. ${oneLine(p.findingId)} ${oneLine(p.title)}` }),
          p.nodeType
            ? el('p', {}, el('strong', { text: 'Node type: ' }), nodeTypeLabel(p.nodeType))
            : null,
          el(
            'p',
            {},
            el('strong', { text: 'Threat: ' }),
            wc
              ? threatText(p, wc, {
                  model: ws.threatModel,
                  componentName: componentNamer(this.store.threatCatalog),
                })
              : oneLine(p.threat)
          ),
          el('p', {}, el('strong', { text: 'Status: ' }), p.status),
          ...block('Why I harden it', p.why),
          ...block('Hardening steps', p.steps),
          ...block('How to verify', p.verify),
          el(
            'p',
            {},
            el('strong', { text: 'Before: ' }),
            result(c?.before, 'not in the pasted run'),
            el('br'),
            el('strong', { text: 'After: ' }),
            result(
              c?.after,
              this.store.afterRun ? 'not in the run after hardening' : 'no run after hardening yet'
            )
          )
        )
      );
    });
    this.replaceChildren(...parts);
  }
}
