// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import FindingListComponent from '../../../src/components/worksheet/FindingList.astro';
import PickListComponent from '../../../src/components/worksheet/PickList.astro';
import ExerciseRulesComponent from '../../../src/components/worksheet/ExerciseRules.astro';
import RunSummaryComponent from '../../../src/components/worksheet/RunSummary.astro';
import VerifyPanelComponent from '../../../src/components/worksheet/VerifyPanel.astro';
import { fakeWorld } from '../../unit/worksheet/fakes';
import { aquasecRun } from '../../unit/worksheet/helpers';
import { button, byLabel, choose, markup, mount, text, type } from './helpers';

const LIVE = '2.15 Ensure live restore is Enabled';
const PROXY = '2.16 Ensure Userland Proxy is Disabled';
const BEFORE = aquasecRun('20.10', [
  {
    tag: 'FAIL',
    id: '2.15',
    title: 'Ensure live restore is Enabled',
    details: ['live-restore: false'],
  },
  { tag: 'FAIL', id: '2.16', title: 'Ensure Userland Proxy is Disabled' },
  {
    tag: 'PASS',
    id: '2.17',
    title: 'Ensure that a daemon-wide custom seccomp profile is applied if appropriate',
  },
]);
const AFTER = BEFORE.replace('[FAIL] 2.15', '[PASS] 2.15');

async function page() {
  const world = fakeWorld();
  await world.store.start();
  world.store.afterLoad();
  const root = mount(
    [
      '<div class="worksheet">',
      await markup(ExerciseRulesComponent),
      await markup(RunSummaryComponent),
      await markup(FindingListComponent),
      await markup(PickListComponent),
      await markup(VerifyPanelComponent),
      '</div>',
    ].join(''),
    world.store
  );
  await world.store.analyze('input', BEFORE);
  return { ...world, root, findings: root.querySelector('finding-list')! };
}

/** The checkbox of a failed finding, found by its label. */
const box = (root: ParentNode, name: string) => byLabel<HTMLInputElement>(root, name);

function tick(checkbox: HTMLInputElement, on = true) {
  checkbox.checked = on;
  checkbox.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the findings', () => {
  test('failed findings are listed by section and can be filtered by outcome and text', async () => {
    const { root, findings } = await page();
    expect(text(root.querySelector('run-summary'))).toContain(
      '3 in all: 2 failed, 0 manual check, 0 information, 1 passed, 0 not checked'
    );
    expect(text(findings.querySelector('[data-count]'))).toBe(
      'Showing 2 of 3 findings. Passed, manual and information findings are under the Outcome filter.'
    );
    // Fix first by default: each finding says how severe the threats its check mitigates are.
    expect(text(findings.querySelector('h3'))).toBe('Fix first: critical and high severity (1)');
    expect(text(box(findings, LIVE).closest('li')!.querySelector('.sev'))).toBe('Severity high');
    choose(byLabel(findings, 'Sort findings'), 'benchmark');
    expect(text(findings.querySelector('h3'))).toBe('2 Docker daemon configuration');
    expect(box(findings, LIVE).checked).toBe(false);
    choose(byLabel(findings, 'Outcome'), 'pass');
    expect(text(findings.querySelector('[data-count]'))).toBe('Showing 1 of 3 findings.');
    // Passed findings are shown, but cannot be picked.
    expect(findings.querySelectorAll('input[type=checkbox]')).toHaveLength(0);
    choose(byLabel(findings, 'Outcome'), 'fail');
    type(byLabel(findings, 'Search findings'), 'proxy');
    expect(text(findings.querySelector('[data-count]'))).toMatch(/^Showing 1 of 3 findings\./);
  });

  test('a finding explains itself from the catalog when its details open', async () => {
    const { findings } = await page();
    const item = box(findings, LIVE).closest('li')!;
    const details = item.querySelector('details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    expect([...item.querySelectorAll('h4')].map(text)).toEqual([
      'What the benchmark reported',
      'Explanation: Live restore enabled',
      'Threats it relates to',
    ]);
    expect(text(item.querySelector('pre'))).toBe('live-restore: false');
    expect(item.querySelector('a[href="/checks/docker/live-restore/"]')).not.toBeNull();
    expect(text(item.querySelector('ul'))).toContain(
      'DOCKER-D-01 Containers without resource limits exhaust the host (Denial of service, in the course brief)'
    );
    // The threat's checks, as this run numbers them.
    expect(text(item.querySelector('ul'))).toMatch(
      /Its checks in this run's numbering \(CIS Docker 1\.6\.0, aquasecurity\/docker-bench cis-1\.6\.0\): 2\.15 failed/
    );
  });
});

describe('the picks', () => {
  test('ticking a failed finding adds a card with its threats, prefilled steps and the rules still open', async () => {
    const { root, store, findings } = await page();
    tick(box(findings, LIVE));
    expect(store.ws.picks.map((p) => p.findingId)).toEqual(['2.15']);
    const picks = root.querySelector('pick-list')!;
    expect(text(picks.querySelector('h3'))).toBe(LIVE);
    const threat = byLabel<HTMLSelectElement>(picks, 'Threat for 2.15');
    const suggested = threat.querySelector('optgroup[label="Suggested for this check"]');
    expect([...suggested!.querySelectorAll('option')].map((o) => o.value)).toEqual([
      'DOCKER-D-01',
      'DOCKER-E-02',
    ]);
    expect(byLabel<HTMLTextAreaElement>(picks, 'Hardening steps for 2.15').value).toContain(
      '"live-restore": true'
    );
    expect(text(picks.querySelector('[data-rules]'))).toContain('Choose 2 more failed findings');
    expect(text(findings.querySelector('[data-picks-link]'))).toBe(
      'Go to your picks (1 of 3 chosen)'
    );
  });

  test("unticking Course exercise rules lets one pick meet every rule, and the page's wording follows", async () => {
    const { root, store, findings } = await page();
    const rules = byLabel<HTMLInputElement>(root, 'Course exercise rules');
    const sheet = root.querySelector<HTMLElement>('.worksheet')!;
    expect(rules.checked).toBe(true);
    expect(sheet.dataset.rules).toBe('exercise');
    tick(rules, false);
    expect(store.ws.exerciseRules).toBe(false);
    expect(sheet.dataset.rules).toBe('own');
    tick(box(findings, LIVE));
    const picks = root.querySelector('pick-list')!;
    choose(byLabel(picks, 'Threat for 2.15'), 'DOCKER-D-01');
    type(byLabel(picks, 'Why harden 2.15'), 'A restart takes every container down.');
    expect(text(picks.querySelector('[data-rules]'))).toBe(
      'All rules are met: every pick is a failed finding, tied to a threat and explained.'
    );
    expect(text(findings.querySelector('[data-picks-link]'))).toBe('Go to your picks (1 chosen)');
    tick(rules);
    expect(text(picks.querySelector('[data-rules]'))).toContain('Choose 2 more failed findings');
  });

  test('what the user writes reaches the worksheet, and Remove takes the pick back', async () => {
    const { root, store, findings } = await page();
    tick(box(findings, LIVE));
    tick(box(findings, PROXY));
    const picks = root.querySelector('pick-list')!;
    choose(byLabel(picks, 'Threat for 2.15'), 'DOCKER-D-01');
    type(byLabel(picks, 'Why harden 2.15'), 'A restart takes every container down.');
    expect(store.ws.picks[0]).toMatchObject({
      threat: 'DOCKER-D-01',
      why: 'A restart takes every container down.',
    });
    button(picks, 'Remove 2.16 from my picks').click();
    expect(store.ws.picks.map((p) => p.findingId)).toEqual(['2.15']);
    expect(box(findings, PROXY).checked).toBe(false);
    expect(picks.querySelectorAll('article')).toHaveLength(1);
  });

  test('one of the user’s own threats is offered, marked where it fits the check', async () => {
    const { root, store, findings } = await page();
    await store.loadThreatCatalog();
    store.dispatch({
      type: 'add-threat',
      platform: 'docker',
      entry: {
        id: 'mine-1',
        origin: 'DOCKER-D-01',
        stride: 'denial-of-service',
        component: 'containers',
        description: 'One container starves the others.',
      },
    });
    tick(box(findings, LIVE));
    const threat = byLabel<HTMLSelectElement>(root.querySelector('pick-list')!, 'Threat for 2.15');
    const own = [...threat.querySelectorAll('optgroup[data-own-threats] option')].map((o) =>
      text(o)
    );
    expect(own).toEqual([
      'Threat 1: Denial of service, Containers – One container starves the others. [best fit: same catalog threat]',
    ]);
    store.dispatch({
      type: 'edit-threat',
      platform: 'docker',
      id: 'mine-1',
      patch: { description: 'Rewritten.' },
    });
    expect(text(threat.querySelector('optgroup[data-own-threats] option'))).toContain(
      '– Rewritten.'
    );
  });
});

describe('verifying', () => {
  test('a pick passing in the run after hardening can be marked verified, with that evidence', async () => {
    const { root, store, findings } = await page();
    tick(box(findings, LIVE));
    const panel = root.querySelector('verify-panel')!;
    expect(text(panel.querySelector('tbody'))).toContain('Paste the run after hardening');
    await store.analyze('after', AFTER);
    await vi.waitFor(() => button(panel, 'Mark 2.15 verified'));
    button(panel, 'Mark 2.15 verified').click();
    expect(text(panel.querySelector('tbody'))).toContain(
      'Verified: PASS 2.15, line 3 of the run after hardening'
    );
    expect(store.ws.picks[0]).toMatchObject({
      status: 'verified',
      evidence: { findingId: '2.15', recordedAt: '2026-03-01T10:00:00.000Z' },
    });
    expect(
      byLabel<HTMLSelectElement>(root.querySelector('pick-list')!, 'Status of 2.15').value
    ).toBe('verified');
  });
});
