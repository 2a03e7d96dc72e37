// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';
import PrintWriteupComponent from '../../../src/components/worksheet/PrintWriteup.astro';
import { writeupText } from '../../../src/lib/worksheet/writeup';
import { fakeWorld } from '../../unit/worksheet/fakes';
import { aquasecRun } from '../../unit/worksheet/helpers';
import { markup, mount, text } from './helpers';

const RUN = aquasecRun('20.10', [
  { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
]);

test('the print view is the write-up document: both threat models, then the analysis, with what the user wrote as text', async () => {
  const { store } = fakeWorld();
  await store.start();
  await store.loadThreatCatalog();
  await store.analyze('input', RUN);
  store.dispatch({
    type: 'add-threat',
    platform: 'docker',
    entry: {
      id: 'a',
      origin: 'DOCKER-D-01',
      stride: 'denial-of-service',
      component: 'containers',
      description: '<img src=x onerror=alert(1)> starves the host',
    },
  });
  store.dispatch({ type: 'pick', finding: store.run!.findings[0]! });
  store.dispatch({
    type: 'edit-pick',
    key: '2.15 Ensure live restore is Enabled',
    patch: { why: 'Printed reason.' },
  });
  const root = mount(await markup(PrintWriteupComponent), store);
  const print = root.querySelector('print-writeup')!;
  window.dispatchEvent(new Event('beforeprint'));
  // The first print can come before the export code has loaded: the view fills in once it has.
  await vi.waitFor(() => expect(print.querySelector('h2')).not.toBeNull());

  expect([...print.querySelectorAll('h2')].map(text)).toEqual([
    'Docker Threat Modeling',
    'Kubernetes Threat Modeling',
    'Docker-bench Run Results and Analysis',
  ]);
  expect(print.querySelector('img')).toBeNull();
  expect(text(print)).toContain('<img src=x onerror=alert(1)> starves the host');
  expect(text(print)).toContain(
    'Credit: started from the container-stride catalog threat DOCKER-D-01 “Containers without resource limits exhaust the host”, rewritten in my own words.'
  );
  const pick = [...print.querySelectorAll('section section')].find(
    (s) =>
      text(s.querySelector('h3')) ===
      '1. 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled'
  )!;
  expect(text(pick.querySelector('pre'))).toBe('[FAIL] 2.15 Ensure live restore is Enabled');
  expect(text(pick)).toContain('Why I harden itPrinted reason.');
  expect([...pick.querySelectorAll('thead th')].map(text)).toEqual([
    '',
    'Before hardening',
    'After hardening',
  ]);

  // What each line of the plain text says is printed too: the same document, rendered twice.
  const printed = text(print);
  for (const line of writeupText(store.ws, store.writeupContext()).split('\n').filter(Boolean))
    expect(printed).toContain(said(line));
});

/** What a plain-text line says, without its bullet, placeholder brackets or label (tables put labels elsewhere). */
function said(line: string): string {
  const bare = line
    .replace(/^• /, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/:$/, '');
  return bare.slice(bare.indexOf(': ') + 1).trim();
}
