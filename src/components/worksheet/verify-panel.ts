import { el } from './dom';
import { auditFailureOf } from '../../lib/bench/auditAdvice';
import { WorksheetElement } from './worksheet-element';
import { findingName } from '../../lib/worksheet/findings';
import { outcomeLabel } from '../../lib/worksheet/compliance';
import { pickKey } from '../../lib/worksheet/state';
import { oneLine } from '../../lib/worksheet/text';
import { AUDIT_ERROR_LABEL, auditErrorReason } from '../../lib/worksheet/audit-errors';
import { comparePicks, evidenceFrom, nowPasses, relatedTexts } from '../../lib/worksheet/verify';
import type { Finding } from '../../lib/bench/types';

const cell = (f: Finding | undefined, missing: string) =>
  f
    ? el(
        'td',
        {},
        el('span', {
          class: `badge outcome outcome-${f.outcome}`,
          text: outcomeLabel(f),
        }),
        ` ${findingName(f)}, line ${f.line}`,
        auditFailureOf(f) !== undefined
          ? [' ', el('span', { class: 'badge audit-error', text: AUDIT_ERROR_LABEL })]
          : null
      )
    : el('td', { class: 'muted', text: missing });

/** Before and after: each pick's check in the run after hardening, and marking it verified with that evidence. */
export class VerifyPanel extends WorksheetElement {
  protected connect(): void {
    const { store } = this;
    const rows = this.querySelector('[data-rows]')!;
    const render = () => {
      const wc = store.catalog;
      const ws = store.ws;
      if (!wc || ws.picks.length === 0) {
        rows.replaceChildren(
          el(
            'tr',
            {},
            el('td', {
              colspan: '4',
              class: 'muted',
              text: 'Choose findings first; then paste the run after hardening to compare.',
            })
          )
        );
        return;
      }
      const focused =
        document.activeElement instanceof HTMLElement && this.contains(document.activeElement)
          ? document.activeElement.dataset.key
          : undefined;
      const comparisons = comparePicks(ws.picks, store.run, store.afterRun, wc);
      rows.replaceChildren(
        ...ws.picks.map((p, i) => {
          const c = comparisons[i]!;
          const id = oneLine(p.findingId);
          let verified: HTMLElement;
          if (p.status === 'verified' && p.evidence) {
            verified = el('td', {
              'data-key': pickKey(p),
              tabindex: '-1',
              text: `Verified: ${oneLine(p.evidence.status)} ${oneLine(p.evidence.findingId)}, line ${p.evidence.line} of the run after hardening`,
            });
          } else if (nowPasses(c)) {
            const button = el('button', {
              type: 'button',
              class: 'button primary',
              'data-key': pickKey(p),
              text: `Mark ${id} verified`,
            });
            button.addEventListener('click', () => {
              const evidence = evidenceFrom(c, store.now());
              if (evidence) store.dispatch({ type: 'verify-pick', key: pickKey(p), evidence });
            });
            verified = el('td', {}, button);
          } else {
            verified = el('td', {
              class: 'muted',
              text: !store.afterRun
                ? 'Paste the run after hardening'
                : c.after && auditFailureOf(c.after) !== undefined
                  ? `Not verified: the audit could not run in the run after hardening (${auditErrorReason(c.after)})`
                  : 'Not passing yet',
            });
          }
          const how =
            c.after && c.matchedBy
              ? ` (matched by ${c.matchedBy === 'concept' ? 'check concept' : 'check number'})`
              : '';
          const after = cell(
            c.after,
            store.afterRun ? 'Not in the run after hardening' : 'No run after hardening yet'
          );
          if (how) after.append(how);
          // Sub-checks of one concept are separate checks: say how each fared.
          const related = relatedTexts(c);
          if (related.length)
            after.append(
              el('ul', { class: 'related-checks' }, ...related.map((t) => el('li', { text: t })))
            );
          return el(
            'tr',
            {},
            el('th', {
              scope: 'row',
              text: findingName({
                id: p.findingId,
                title: p.title,
                ...(p.nodeType ? { nodeType: p.nodeType } : {}),
              }),
            }),
            cell(c.before, 'Not in the pasted run'),
            after,
            verified
          );
        })
      );
      // The row re-renders when the pick is verified; keep the keyboard user's place.
      if (focused) rows.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
    };
    for (const topic of ['worksheet', 'replaced', 'run', 'after'] as const)
      this.listen(topic, render);
    render();
  }
}
