import { el, prose } from './dom';
import { windowedList } from './windowed-list';
import { WorksheetElement } from './worksheet-element';
import {
  filterFindings,
  findingName,
  fixFirstGroups,
  type FindingOrder,
  groupByNodeType,
  nodeTypeLabel,
  OUTCOME_LABELS,
  OUTCOME_ORDER,
  sectionsWithFindings,
  type FindingGroup,
  type FindingView,
} from '../../lib/worksheet/findings';
import { AUDIT_ERROR_LABEL, auditErrorExplanation } from '../../lib/worksheet/audit-errors';
import { threatChecksInRun, threatChecksText } from '../../lib/worksheet/numbering';
import {
  notCheckedReason,
  omittedText,
  outcomeLabel,
  RESOURCE_WINDOW,
  resourceName,
  resourcesHeading,
  resourcesPreview,
} from '../../lib/worksheet/compliance';
import { pickKey } from '../../lib/worksheet/state';
import { oneLine } from '../../lib/worksheet/text';
import { threatPath, checkPath } from '../../lib/content/paths';
import { url } from '../../lib/site';
import { STRIDE_LABELS, type Platform } from '../../lib/stride';
import { FIX_FIRST_TITLES, fixFirstLink, guideLink } from '../../lib/guides';
import { auditFailureOf } from '../../lib/bench/auditAdvice';
import type { Finding, Outcome } from '../../lib/bench/types';

const MAX_DETAILS = 50;
/** Sections shown at first and per press of "Show more sections". */
const SECTION_PAGE = 50;
const count = (n: number) => n.toLocaleString('en-US');

/** The run's checks of a threat in the run's numbering, in words. */
type ThreatChecks = (threatId: string) => string | undefined;

/** A finding's detail headings sit one level below its group's heading (h3 sections, or h4 under a node type). */
type DetailHeading = 'h4' | 'h5';

/** The objects a result failed on, a window at a time, each with what failed on it. */
function failedOn(f: Finding, heading: DetailHeading): HTMLElement[] {
  const all = f.resources ?? [];
  const list = el('ul', { class: 'failed-on' });
  const note = el('p', { class: 'muted' });
  const more = el('button', { type: 'button', class: 'no-print' });
  let shown = 0;
  const showMore = () => {
    const next = all.slice(shown, shown + RESOURCE_WINDOW);
    list.append(
      ...next.map((r) =>
        el(
          'li',
          { tabindex: '-1' },
          el('code', { text: resourceName(r) }),
          r.detail ? el('span', { text: `: ${oneLine(r.detail)}` }) : null
        )
      )
    );
    shown += next.length;
    const rest = all.length - shown;
    more.hidden = rest === 0;
    more.textContent = `Show ${Math.min(rest, RESOURCE_WINDOW)} more of ${rest}`;
    const omitted = omittedText(f, shown);
    note.hidden = rest > 0 || !omitted;
    note.textContent = omitted ?? '';
  };
  // Keyboard users land on the first object added, since the button may vanish with the last window.
  more.addEventListener('click', () => {
    const first = shown;
    showMore();
    (list.children[first] as HTMLElement | undefined)?.focus();
  });
  showMore();
  return [el(heading, { text: resourcesHeading(f) }), list, more, note];
}

function details(
  v: FindingView,
  platform: Platform,
  threatChecks: ThreatChecks,
  heading: DetailHeading
): HTMLElement {
  const f = v.finding;
  const body = el('div', { class: 'finding-body' });
  const auditError = auditErrorExplanation(f);
  const failure = auditFailureOf(f);
  if (auditError && failure)
    body.append(
      el(
        'div',
        { class: 'callout audit-error' },
        el('p', {}, el('strong', { text: `${AUDIT_ERROR_LABEL}.` }), ` ${auditError}`),
        el('p', {}, el('a', { href: url(guideLink(failure)), text: 'What to do about it' }))
      )
    );
  const reason = notCheckedReason(f);
  if (reason)
    body.append(el(heading, { text: 'Why it was not checked' }), el('p', { text: reason }));
  if (f.resources?.length) body.append(...failedOn(f, heading));
  if (f.details.length) {
    const shown = f.details.slice(0, MAX_DETAILS);
    body.append(
      el(heading, {
        text: auditError
          ? 'What the benchmark printed (not evidence: the audit could not run)'
          : 'What the benchmark reported',
      }),
      el('pre', { class: 'finding-details' }, el('code', { text: shown.join('\n') }))
    );
    if (f.details.length > shown.length)
      body.append(
        el('p', { class: 'muted', text: `…and ${f.details.length - shown.length} more lines.` })
      );
  }
  if (v.info) {
    const dl = el('dl', { class: 'explain' });
    const row = (label: string, text: string) =>
      dl.append(el('dt', { text: label }), el('dd', {}, prose(text)));
    row('What it checks', v.info.what);
    row('Why it matters', v.info.why);
    row('How to fix it', v.info.remediation);
    dl.append(
      el('dt', { text: 'How to audit it' }),
      el('dd', {}, el('code', { text: v.info.audit }))
    );
    row('Impact of the fix', v.info.impact);
    body.append(
      el(
        heading,
        {},
        'Explanation: ',
        el('a', {
          href: url(checkPath(platform, v.info.concept)),
          text: oneLine(v.info.name),
        })
      ),
      dl
    );
  } else {
    body.append(
      el('p', {
        class: 'muted',
        text: 'The catalog does not know this check, so there is no explanation for it.',
      })
    );
  }
  if (f.remediation && !v.info)
    body.append(
      el(heading, { text: 'Remediation printed by the tool' }),
      el('p', { text: oneLine(f.remediation) })
    );
  if (v.threats.length) {
    body.append(
      el(heading, { text: 'Threats it relates to' }),
      el(
        'ul',
        {},
        ...v.threats.map((t) =>
          el(
            'li',
            {},
            el(
              'a',
              { href: url(threatPath(t.id)) },
              el('span', { class: 'tid', text: t.id }),
              ` ${t.title}`
            ),
            ` (${STRIDE_LABELS[t.stride]}${t.fromBrief ? ', in the course brief' : ''}). `,
            threatChecks(t.id) ?? ''
          )
        )
      )
    );
  }
  body.append(
    el('p', {
      class: 'muted',
      text: `Line ${f.line} of the run${f.nodeType ? `, node type ${nodeTypeLabel(f.nodeType)}` : ''}.`,
    })
  );
  return body;
}

/** The run's findings, failed first and grouped by section (by kube-bench node type first), filterable; failed ones can be picked. */
export class FindingList extends WorksheetElement {
  private boxes = new Map<string, HTMLInputElement>();

  protected connect(): void {
    const { signal, store } = this;
    const empty = this.querySelector<HTMLElement>('[data-empty]')!;
    const body = this.querySelector<HTMLElement>('[data-body]')!;
    const section = this.querySelector<HTMLSelectElement>('[data-section]')!;
    const outcome = this.querySelector<HTMLSelectElement>('[data-outcome]')!;
    const order = this.querySelector<HTMLSelectElement>('[data-order]')!;
    const text = this.querySelector<HTMLInputElement>('[data-text]')!;
    const status = this.querySelector<HTMLElement>('[data-count]')!;
    const groups = this.querySelector<HTMLElement>('[data-groups]')!;
    const fixFirst = this.querySelector<HTMLAnchorElement>('[data-fix-first]')!;

    section.addEventListener('change', () => store.setFilter({ section: section.value }), {
      signal,
    });
    outcome.addEventListener(
      'change',
      () => store.setFilter({ outcome: outcome.value as Outcome | 'all' }),
      { signal }
    );
    text.addEventListener('input', () => store.setFilter({ text: text.value }), { signal });
    order.addEventListener(
      'change',
      () => store.setFilter({ order: order.value as FindingOrder }),
      { signal }
    );

    const fillFilters = () => {
      const run = store.run;
      if (!run) return;
      const c = run.totals.counted;
      // One option per section, added in a loop: a run can have thousands of sections.
      const sections = sectionsWithFindings(run);
      section.replaceChildren(el('option', { value: '', text: 'All sections' }));
      for (const s of sections)
        section.append(
          el('option', {
            value: s.id,
            text: `${s.id} ${oneLine(s.title)}${s.nodeType ? ` (${nodeTypeLabel(s.nodeType)})` : ''}`,
          })
        );
      outcome.replaceChildren(
        ...OUTCOME_ORDER.map((o) =>
          el('option', { value: o, text: `${OUTCOME_LABELS[o]} (${c[o]})` })
        ),
        el('option', { value: 'all', text: `All outcomes (${c.total})` })
      );
      const f = store.filter;
      section.value = sections.some((s) => s.id === f.section) ? f.section : '';
      outcome.value = f.outcome;
      text.value = f.text;
      order.value = f.order;
    };

    const render = () => {
      const run = store.run;
      empty.hidden = !!run;
      body.hidden = !run;
      this.boxes.clear();
      if (!run) {
        groups.replaceChildren();
        return;
      }
      fixFirst.href = url(fixFirstLink(store.platform));
      fixFirst.textContent = FIX_FIRST_TITLES[store.platform];
      const shown = filterFindings(store.views, store.filter);
      status.textContent = `Showing ${count(shown.length)} of ${count(run.findings.length)} findings.${store.filter.outcome === 'fail' ? ' Passed, manual and information findings are under the Outcome filter.' : ''}`;
      const picked = new Set(store.ws.picks.map(pickKey));
      let gi = 0;
      const sectionGroup = (g: FindingGroup, heading: 'h3' | 'h4') => {
        const n = gi++;
        const title = `${g.section} ${oneLine(g.title)}`;
        return el(
          'section',
          { class: 'finding-group', 'aria-labelledby': `fg-${n}` },
          el(heading, { id: `fg-${n}`, text: title }),
          windowedList(
            el('ul', { class: 'plain findings' }),
            g.findings,
            (v, i) =>
              this.item(v, `f-${n}-${i}`, picked.has(v.key), heading === 'h3' ? 'h4' : 'h5'),
            (next, hidden) =>
              `Show ${count(next)} more findings of ${title} (${count(hidden)} not shown yet)`
          )
        );
      };
      // Sections too come a page at a time: a run can have thousands.
      const sectionList = (list: readonly FindingGroup[], heading: 'h3' | 'h4') =>
        windowedList(
          el('div', {}),
          list,
          (g) => sectionGroup(g, heading),
          (next, hidden) => `Show ${count(next)} more sections (${count(hidden)} not shown yet)`,
          SECTION_PAGE
        );
      if (store.filter.order === 'severity') {
        groups.replaceChildren(
          ...fixFirstGroups(shown).map((g, n) =>
            el(
              'section',
              { class: `finding-group fix-${g.rank}`, 'aria-labelledby': `fx-${n}` },
              el('h3', { id: `fx-${n}`, text: `${g.title} (${g.findings.length})` }),
              windowedList(
                el('ul', { class: 'plain findings' }),
                g.findings,
                (v, i) => this.item(v, `fx-${n}-${i}`, picked.has(v.key), 'h4'),
                (next, hidden) =>
                  `Show ${count(next)} more findings of ${g.title} (${count(hidden)} not shown yet)`
              )
            )
          )
        );
        return;
      }
      // kube-bench runs: one block per node type, its sections inside; other runs: sections only.
      groups.replaceChildren();
      groupByNodeType(shown, run).forEach((t, ti) =>
        groups.append(
          t.nodeType === undefined
            ? sectionList(t.sections, 'h3')
            : el(
                'section',
                { class: 'node-type-group', 'aria-labelledby': `nt-${ti}` },
                el('h3', { id: `nt-${ti}`, text: `Node type ${nodeTypeLabel(t.nodeType)}` }),
                sectionList(t.sections, 'h4')
              )
        )
      );
    };

    const picksLink = this.querySelector<HTMLAnchorElement>('[data-picks-link]')!;
    const syncChecks = () => {
      const n = store.ws.picks.length;
      picksLink.textContent = `Go to your picks (${store.ws.exerciseRules ? `${n} of 3` : n} chosen)`;
      const picked = new Set(store.ws.picks.map(pickKey));
      for (const [key, box] of this.boxes)
        if (box.checked !== picked.has(key)) box.checked = picked.has(key);
    };

    this.listen('run', () => {
      fillFilters();
      render();
      syncChecks();
    });
    this.listen('filter', render);
    this.listen('worksheet', syncChecks);
    fillFilters();
    render();
    syncChecks();
  }

  private item(v: FindingView, id: string, picked: boolean, heading: DetailHeading): HTMLElement {
    const f = v.finding;
    const name = findingName(f);
    const head = el('div', { class: 'finding-head' });
    if (f.outcome === 'fail') {
      const box = el('input', { type: 'checkbox', id, checked: picked });
      box.addEventListener('change', () => {
        this.store.dispatch(
          box.checked
            ? { type: 'pick', finding: f, concept: v.concept, info: v.info }
            : { type: 'unpick', key: v.key }
        );
      });
      this.boxes.set(v.key, box);
      head.append(box, el('label', { for: id, text: name }));
    } else {
      head.append(el('span', { class: 'finding-name', text: name }));
    }
    head.append(
      ' ',
      el('span', {
        class: `badge outcome outcome-${f.outcome}`,
        text: `${outcomeLabel(f)} (${oneLine(f.status)})`,
      })
    );
    if (auditFailureOf(f) !== undefined)
      head.append(' ', el('span', { class: 'badge audit-error', text: AUDIT_ERROR_LABEL }));
    // How urgent a fix is matters only where there is something to fix.
    if (f.outcome === 'fail')
      head.append(
        ' ',
        v.severity
          ? el(
              'span',
              { class: `badge sev sev-${v.severity}` },
              el('span', { class: 'visually-hidden', text: 'Severity ' }),
              v.severity
            )
          : el('span', { class: 'badge', text: 'No threat in the model' })
      );
    const preview = resourcesPreview(f);
    const more = el(
      'details',
      { class: 'finding-more' },
      // Named with the title too: a run can print one id for two checks (5.12 in CIS Docker 1.6.0).
      el('summary', { 'aria-label': `Details and fix for ${name}` }, 'Details and fix')
    );
    more.addEventListener(
      'toggle',
      () => {
        if (more.open && more.children.length === 1) {
          const { run, views, catalog } = this.store;
          more.append(
            details(
              v,
              this.store.platform,
              (id) =>
                catalog ? threatChecksText(threatChecksInRun(id, views, catalog), run) : undefined,
              heading
            )
          );
        }
      },
      { once: false }
    );
    return el(
      'li',
      {
        class: `finding outcome-${f.outcome}${auditFailureOf(f) !== undefined ? ' audit-error' : ''}`,
      },
      head,
      preview ? el('p', { class: 'failed-on-preview', text: `Failed on ${preview}.` }) : null,
      more
    );
  }
}
