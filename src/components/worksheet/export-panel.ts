import { exportFileName, worksheetJson } from '../../lib/worksheet/export';
import { worksheetMarkdown } from '../../lib/worksheet/writeup';
import { confirmAction } from './confirm';
import { copyText, download } from './dom';
import { WorksheetElement } from './worksheet-element';

/** Keeping and moving the worksheet (JSON export and import), and the run analysis alone as Markdown. */
export class ExportPanel extends WorksheetElement {
  protected connect(): void {
    const { store, signal } = this;
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preview = this.querySelector<HTMLElement>('[data-preview]')!;
    const details = this.querySelector('details')!;
    const fileInput = this.querySelector<HTMLInputElement>('[data-import]')!;
    const markdown = () => worksheetMarkdown(store.ws, store.writeupContext());
    const json = () => worksheetJson(store.ws, store.now(), store.run);
    const copy = async (text: string, what: string) => {
      status.textContent = (await copyText(text))
        ? `${what} copied to the clipboard.`
        : 'The browser did not allow copying; use the export button or select the preview instead.';
    };
    const actions: Record<string, () => void | Promise<void>> = {
      'md-download': () => {
        download(exportFileName('md', store.now()), markdown(), 'text/markdown');
        status.textContent = 'Run analysis downloaded as Markdown.';
      },
      'md-copy': () => copy(markdown(), 'Run analysis'),
      'json-download': () => {
        download(exportFileName('json', store.now()), json(), 'application/json');
        status.textContent = 'JSON downloaded. Import it here later to carry on.';
      },
      'json-copy': () => copy(json(), 'JSON'),
      import: () => fileInput.click(),
    };
    this.addEventListener(
      'click',
      (e) => {
        const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset
          .action;
        if (action) void actions[action]?.();
      },
      { signal }
    );
    fileInput.addEventListener(
      'change',
      () => {
        const f = fileInput.files?.[0];
        fileInput.value = '';
        if (f) void this.importFile(f, status);
      },
      { signal }
    );
    const refresh = () => {
      if (details.open) preview.textContent = markdown();
    };
    details.addEventListener('toggle', refresh, { signal });
    for (const t of ['worksheet', 'run', 'after', 'threat-catalog'] as const)
      this.listen(t, refresh);
  }

  private async importFile(f: File, status: HTMLElement): Promise<void> {
    const store = this.store;
    // The validators load only when a file is imported.
    const [text, { importWorksheet }] = await Promise.all([
      f.text(),
      import('../../lib/worksheet/import-worksheet'),
    ]);
    const result = importWorksheet(text);
    if (!result.ok) {
      status.textContent = result.message;
      return;
    }
    const ws = store.ws;
    const hasWork =
      ws.input.text !== '' ||
      ws.picks.length > 0 ||
      ws.threatModel.docker.length + ws.threatModel.kubernetes.length > 0;
    if (
      hasWork &&
      !(await confirmAction(
        `Replace this worksheet with ${f.name}?`,
        'Import replaces the run, the picks, your threat models and everything written here. Export JSON first if you want to keep them.',
        'Replace'
      ))
    ) {
      status.textContent = 'Import cancelled; nothing was changed.';
      return;
    }
    store.replace(result.worksheet);
    const threats = result.worksheet.threatModel;
    status.textContent = `Imported ${f.name}: ${threats.docker.length} Docker and ${threats.kubernetes.length} Kubernetes threats, ${result.worksheet.picks.length} picks.${result.message ? ` ${result.message}` : ''}`;
  }
}
