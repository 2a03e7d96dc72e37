// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import RunInputComponent from '../../../src/components/worksheet/RunInput.astro';
import RunSummaryComponent from '../../../src/components/worksheet/RunSummary.astro';
import { fakeWorld } from '../../unit/worksheet/fakes';
import { aquasecRun } from '../../unit/worksheet/helpers';
import { button, byLabel, markup, mount, paste, text, type } from './helpers';

const RUN = aquasecRun('20.10', [
  { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
  { tag: 'PASS', id: '2.16', title: 'Ensure Userland Proxy is Disabled' },
]);

async function page() {
  const world = fakeWorld();
  await world.store.start();
  const html =
    (await markup(RunInputComponent, {
      field: 'input',
      label: 'Benchmark output',
      button: 'Analyze',
      fileLabel: 'Open a file',
      hint: 'Paste it.',
    })) + (await markup(RunSummaryComponent));
  const root = mount(html, world.store);
  return {
    ...world,
    root,
    box: byLabel<HTMLTextAreaElement>(root, 'Benchmark output'),
    status: root.querySelector('[role=status]')!,
  };
}

describe('the run box', () => {
  test('a paste is parsed at once: "Parsing…", then what was read, and the summary', async () => {
    const { root, box, status, store } = await page();
    paste(box, RUN);
    expect(text(status)).toBe(`Parsing… (${RUN.length} characters)`);
    await vi.waitFor(() => expect(text(status)).toBe('Read 2 findings: 1 failed.'));
    expect(text(root.querySelector('run-summary'))).toContain('aquasecurity/docker-bench');
    expect(store.ws.input.text).toBe(RUN);
  });

  test('typing is kept as typed, and says when the findings are older than the text', async () => {
    const { box, status, store } = await page();
    paste(box, RUN);
    await vi.waitFor(() => expect(text(status)).toBe('Read 2 findings: 1 failed.'));
    type(box, `${RUN}\n[FAIL] 2.17 Ensure something`);
    expect(text(status)).toBe(
      'The text changed since it was analyzed: press the button to update the findings.'
    );
    expect(store.ws.input.text).toContain('2.17');
    expect(store.run?.findings).toHaveLength(2);
  });

  test('Analyze on an empty box says so and forgets the run', async () => {
    const { root, box, status, store } = await page();
    paste(box, RUN);
    await vi.waitFor(() => expect(store.run).toBeDefined());
    type(box, '   ');
    button(root, 'Analyze').click();
    expect(text(status)).toBe('Nothing to analyze: the box is empty.');
    expect(store.run).toBeUndefined();
  });

  test('a paste too large for the box is analyzed whole but shown only in part, read-only, until cleared', async () => {
    const { root, box, status, store } = await page();
    const big = `${RUN}\n`.repeat(Math.ceil((600 * 1024) / RUN.length));
    paste(box, big);
    await vi.waitFor(() => expect(text(status)).toMatch(/^Read \d+ findings/));
    expect(box.readOnly).toBe(true);
    expect(box.value.length).toBeLessThan(big.length);
    expect(text(root.querySelector('[data-large]'))).toMatch(
      /^This run is 6\d\d\.\d KB \([\d,]+ lines\)\. The whole run was analyzed/
    );
    expect(store.ws.input.text).toBe(big);
    button(root, 'Clear the box').click();
    expect(box.readOnly).toBe(false);
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
    expect(store.run).toBeUndefined();
    expect(text(status)).toBe('The box is empty: paste or open a run.');
  });

  test('a file dropped on the box is read', async () => {
    const { root, status, store } = await page();
    const data = new DataTransfer();
    data.items.add(new File([RUN], 'before.txt', { type: 'text/plain' }));
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
    // happy-dom's DragEvent leaves out the dataTransfer it is given.
    Object.defineProperty(drop, 'dataTransfer', { value: data });
    root.querySelector('run-input')!.dispatchEvent(drop);
    await vi.waitFor(() => expect(text(status)).toBe('Read 2 findings: 1 failed.'));
    expect(store.ws.input).toEqual({ text: RUN, fileName: 'before.txt' });
  });

  test('taken out of the page, the box stops listening; put back, it listens once', async () => {
    const { root, box, store } = await page();
    const element = root.querySelector('run-input')!;
    element.remove();
    store.replace({ ...store.ws, input: { text: 'from an import' } });
    expect(box.value).toBe('');
    root.append(element);
    expect(box.value).toBe('from an import');
    const analyze = vi.spyOn(store, 'analyze');
    type(box, RUN);
    button(element, 'Analyze').click();
    expect(analyze).toHaveBeenCalledTimes(1);
  });
});
