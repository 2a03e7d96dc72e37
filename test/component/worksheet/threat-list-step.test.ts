// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import ThreatListStepComponent from '../../../src/components/worksheet/ThreatListStep.astro';
import { THREAT_CATALOG_URL } from '../../../src/lib/worksheet/platform';
import { fakeWorld } from '../../unit/worksheet/fakes';
import { contentThreatCatalog } from '../../unit/worksheet/helpers';
import { button, byLabel, choose, markup, mount, text, type } from './helpers';

async function page(threatCatalog: 'loads' | 'fails' = 'loads') {
  const world = fakeWorld();
  if (threatCatalog === 'fails') world.network.fail(THREAT_CATALOG_URL);
  const html = await markup(ThreatListStepComponent, {
    platform: 'docker',
    step: 1,
    components: contentThreatCatalog().docker.components,
  });
  const root = mount(html, world.store);
  await world.store.start();
  const step = root.querySelector('threat-list-step')!;
  return { ...world, root, step };
}

describe('a threat-model step', () => {
  test('a blank threat gets focus, numbered fields, and guidance as it is filled in', async () => {
    const { step, store } = await page();
    expect(text(step.querySelector('[data-guidance]'))).toContain('Add 5 more Docker threats');
    button(step, 'Add a blank Docker threat').click();
    const description = byLabel<HTMLTextAreaElement>(step, 'Description of threat 1');
    expect(document.activeElement).toBe(description);
    choose(byLabel(step, 'STRIDE category for threat 1'), 'tampering');
    choose(byLabel(step, 'Component for threat 1'), 'registry');
    type(description, 'A poisoned image in the registry.');
    expect(store.ws.threatModel.docker).toEqual([
      {
        id: 'id-2',
        stride: 'tampering',
        component: 'registry',
        description: 'A poisoned image in the registry.',
      },
    ]);
    expect(text(step.querySelector('[data-guidance]'))).toContain('Add 4 more Docker threats');
  });

  test('the catalog can be searched, and a threat started from it keeps its origin', async () => {
    const { step, store } = await page();
    await vi.waitFor(() =>
      expect(text(step.querySelector('[data-count]'))).toMatch(
        /^Showing (\d+) of \1 catalog threats\.$/
      )
    );
    choose(byLabel(step, 'Filter by STRIDE category'), 'denial-of-service');
    expect(text(step.querySelector('[data-count]'))).toMatch(
      /^Showing [1-9] of \d+ catalog threats\.$/
    );
    button(step, 'Start from DOCKER-D-01').click();
    expect(store.ws.threatModel.docker[0]).toMatchObject({
      origin: 'DOCKER-D-01',
      stride: 'denial-of-service',
    });
    expect(text(step.querySelector('.threat-origin'))).toBe(
      'Started from DOCKER-D-01 Containers without resource limits exhaust the host'
    );
    expect(text(step.querySelector('[data-results]'))).toContain('Already your threat 1.');
  });

  test('picking from the catalog stays in the catalog until the fifth threat, which closes it', async () => {
    const { step } = await page();
    await vi.waitFor(() => expect(text(step.querySelector('[data-count]'))).toMatch(/^Showing/));
    const picker = step.querySelector<HTMLDetailsElement>('[data-picker]')!;
    picker.open = true;
    const ids = ['DOCKER-S-01', 'DOCKER-T-01', 'DOCKER-I-01', 'DOCKER-D-01', 'DOCKER-E-01'];
    for (const [i, id] of ids.entries()) {
      button(step, `Start from ${id}`).click();
      if (i < 4) {
        expect(picker.open).toBe(true);
        expect(text(document.activeElement)).toBe(`Start from ${id}`);
      }
    }
    expect(picker.open).toBe(false);
    expect(document.activeElement).toBe(byLabel(step, 'Description of threat 5'));
    expect(text(step.querySelector('[data-added]'))).toBe(
      'Added DOCKER-E-01 as your threat 5: rewrite its text in your own words.'
    );
    // Beside each entry still in the catalog's words, and in the guidance: rewrite it.
    const notes = () => text(step.querySelector('.own-threat .threat-notes'));
    expect(notes()).toContain('Threat 1 is still (nearly) the catalog’s text of DOCKER-S-01');
    expect(text(step.querySelector('[data-guidance]'))).toContain(
      'Threat 5 is still (nearly) the catalog’s text of DOCKER-E-01'
    );
    type(
      byLabel(step, 'Description of threat 1'),
      'Our sidecar shares the payment pod network and can answer as the payment service.'
    );
    expect(notes()).toBe('');
  });

  test('moving and removing keep the keyboard user’s place', async () => {
    const { step } = await page();
    for (let i = 0; i < 3; i++) button(step, 'Add a blank Docker threat').click();
    type(byLabel(step, 'Description of threat 3'), 'third');
    button(step, 'Move up threat 3').click();
    expect(byLabel<HTMLTextAreaElement>(step, 'Description of threat 2').value).toBe('third');
    expect(document.activeElement).toBe(button(step, 'Move up threat 2'));
    button(step, 'Remove threat 2').click();
    expect(step.querySelectorAll('li.own-threat')).toHaveLength(2);
    expect(document.activeElement).toBe(step.querySelectorAll('li.own-threat h3')[1]);
  });

  test('without the catalog, blank threats still work', async () => {
    const { step } = await page('fails');
    await vi.waitFor(() =>
      expect(text(step.querySelector('[data-count]'))).toBe(
        'The catalog could not be loaded; add blank threats instead.'
      )
    );
    button(step, 'Add a blank Docker threat').click();
    expect(step.querySelectorAll('li.own-threat')).toHaveLength(1);
  });
});
