// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import ExportPanelComponent from '../../../src/components/worksheet/ExportPanel.astro';
import StorageNoticeComponent from '../../../src/components/worksheet/StorageNotice.astro';
import WriteupExportComponent from '../../../src/components/worksheet/WriteupExport.astro';
import { worksheetJson } from '../../../src/lib/worksheet/export';
import { emptyWorksheet, META_KEY, STORAGE_KEY } from '../../../src/lib/worksheet/worksheet';
import { fakeWorld } from '../../unit/worksheet/fakes';
import { aquasecRun } from '../../unit/worksheet/helpers';
import { button, downloads, markup, mount, openFile, text } from './helpers';

const RUN = aquasecRun('20.10', [
  { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
]);

async function page() {
  const world = fakeWorld();
  await world.store.start();
  world.store.afterLoad();
  const root = mount(
    // In the page's order: the write-up, then the other exports.
    (await markup(StorageNoticeComponent)) +
      (await markup(WriteupExportComponent)) +
      (await markup(ExportPanelComponent)),
    world.store
  );
  return { ...world, root };
}

/** Answers the open confirmation dialog with the button named `choice`. */
function answer(choice: string) {
  const dialog = document.querySelector('dialog')!;
  expect(dialog.open).toBe(true);
  button(dialog, choice).click();
}

describe('saving', () => {
  test('a change is saved, and the notice says when', async () => {
    const { root, store, storage } = await page();
    store.dispatch({ type: 'set-input', text: RUN });
    await vi.waitFor(() => expect(storage.getItem(STORAGE_KEY)).toContain('2.15'));
    expect(text(root.querySelector('[data-state]'))).toMatch(/^Saved in this browser at /);
  });

  test('another tab’s save is announced, and the user chooses which worksheet to keep', async () => {
    const { root, store, storage } = await page();
    store.dispatch({ type: 'set-input', text: RUN });
    await vi.waitFor(() => expect(storage.getItem(META_KEY)).not.toBeNull());
    const theirs = JSON.stringify({ tabId: 'other', revision: 7, savedAt: '2026-03-01T10:05:00Z' });
    storage.setItem(META_KEY, theirs);
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        format: 'container-stride-worksheet',
        version: 2,
        savedAt: '2026-03-01T10:05:00Z',
        worksheet: { ...emptyWorksheet(), input: { text: 'their run' } },
      })
    );
    await store.storageChanged({ key: META_KEY, newValue: theirs });
    const alert = root.querySelector('[role=alert]')!;
    expect(text(alert)).toContain('This worksheet was changed in another tab');
    expect(text(root.querySelector('[data-state]'))).toBe(
      'Not saved: waiting for your choice above.'
    );
    button(alert, 'Load the newer worksheet').click();
    expect(store.ws.input.text).toBe('their run');
    expect(text(alert)).toBe('');
  });

  test('Start over asks first; Cancel keeps everything', async () => {
    const { root, store } = await page();
    store.dispatch({ type: 'set-input', text: RUN });
    button(root.querySelector('storage-notice')!, 'Start over').click();
    answer('Cancel');
    await vi.waitFor(() => expect(document.querySelector('dialog')).toBeNull());
    expect(store.ws.input.text).toBe(RUN);
    button(root.querySelector('storage-notice')!, 'Start over').click();
    answer('Start over');
    await vi.waitFor(() => expect(store.ws.input.text).toBe(''));
  });
});

describe('exports', () => {
  test('the write-up as Markdown and plain text, the worksheet as JSON, and the run analysis alone', async () => {
    const { root, store } = await page();
    const saved = downloads();
    await store.analyze('input', RUN);
    // The first button of the export step is the write-up.
    expect(text(root.querySelector('writeup-export button, export-panel button'))).toBe(
      'Export write-up'
    );
    button(root, 'Export write-up').click();
    button(root, 'Download plain text').click();
    button(root, 'Export JSON').click();
    button(root, 'Export the run analysis only').click();
    // The export code loads on first use, so the files arrive a moment after the clicks.
    await vi.waitFor(() =>
      expect([...saved.keys()].sort()).toEqual([
        'hardening-worksheet-2026-03-01.json',
        'run-analysis-2026-03-01.md',
        'threat-model-writeup-2026-03-01.md',
        'threat-model-writeup-2026-03-01.txt',
      ])
    );
    expect(await saved.get('run-analysis-2026-03-01.md')).toContain(
      '| Tool | aquasecurity/docker-bench (text output) |'
    );
    expect(JSON.parse(await saved.get('hardening-worksheet-2026-03-01.json')!)).toMatchObject({
      exportedAt: '2026-03-01T10:00:00.000Z',
      worksheet: { input: { text: RUN } },
    });
    expect(await saved.get('threat-model-writeup-2026-03-01.txt')).toMatch(
      /^Docker Threat Modeling\n/
    );
    await vi.waitFor(() =>
      expect(text(root.querySelector('writeup-export [role=status]'))).toBe(
        'Write-up downloaded as plain text.'
      )
    );
  });

  test('the previews follow the worksheet while they are open', async () => {
    const { root, store } = await page();
    const details = root.querySelector<HTMLDetailsElement>('writeup-export details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    const preview = root.querySelector('writeup-export [data-preview]')!;
    await vi.waitFor(() =>
      expect(preview.textContent).toContain('(No Docker threats written yet.)')
    );
    store.dispatch({
      type: 'add-threat',
      platform: 'docker',
      entry: { id: 'a', stride: 'spoofing', component: '', description: 'Someone else’s image.' },
    });
    await vi.waitFor(() => expect(preview.textContent).toContain('1. Spoofing'));
  });

  test('importing a file asks before replacing work, then says what came in', async () => {
    const { root, store } = await page();
    store.dispatch({ type: 'set-input', text: RUN });
    const file = new File(
      [
        worksheetJson(
          {
            ...emptyWorksheet(),
            threatModel: {
              docker: [{ id: 'x', stride: 'tampering', component: '', description: 'mine' }],
              kubernetes: [],
            },
          },
          new Date('2026-02-01T00:00:00Z')
        ),
      ],
      'saved.json',
      { type: 'application/json' }
    );
    openFile(root.querySelector<HTMLInputElement>('export-panel [data-import]')!, file);
    await vi.waitFor(() => expect(document.querySelector('dialog')).not.toBeNull());
    answer('Replace');
    const status = root.querySelector('export-panel [role=status]')!;
    await vi.waitFor(() =>
      expect(text(status)).toBe('Imported saved.json: 1 Docker and 0 Kubernetes threats, 0 picks.')
    );
    expect(store.ws.input.text).toBe('');
    expect(store.ws.threatModel.docker[0]?.description).toBe('mine');
  });

  test('a file that is not a worksheet changes nothing', async () => {
    const { root, store } = await page();
    store.dispatch({ type: 'set-input', text: RUN });
    openFile(
      root.querySelector<HTMLInputElement>('export-panel [data-import]')!,
      new File(['{"hello": 1}'], 'other.json')
    );
    const status = root.querySelector('export-panel [role=status]')!;
    await vi.waitFor(() =>
      expect(text(status)).toBe(
        'This JSON is not a worksheet exported from this page. Nothing was changed.'
      )
    );
    expect(store.ws.input.text).toBe(RUN);
  });
});
