import { worksheetApp } from './controller';
import { download } from './dom';
import { confirmAction } from './confirm';
import {
  exportFileName,
  importWorksheet,
  worksheetJson,
  worksheetMarkdown,
} from '../../lib/worksheet/export';

export class ExportPanel extends HTMLElement {
  connectedCallback() {
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preview = this.querySelector<HTMLElement>('[data-preview]')!;
    const details = this.querySelector('details')!;
    const fileInput = this.querySelector<HTMLInputElement>('[data-import]')!;
    const markdown = () =>
      worksheetMarkdown(worksheetApp.ws, {
        run: worksheetApp.run,
        afterRun: worksheetApp.afterRun,
        catalog: worksheetApp.catalogOrEmpty(),
        now: new Date(),
      });
    const copy = async (text: string, what: string) => {
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = `${what} copied to the clipboard.`;
      } catch {
        status.textContent = `The browser did not allow copying; use the export button or select the preview instead.`;
      }
    };
    const actions: Record<string, () => void | Promise<void>> = {
      'md-download': () => {
        download(exportFileName('md', new Date()), markdown(), 'text/markdown');
        status.textContent = 'Markdown downloaded.';
      },
      'md-copy': () => copy(markdown(), 'Markdown'),
      'json-download': () => {
        download(
          exportFileName('json', new Date()),
          worksheetJson(worksheetApp.ws, new Date(), worksheetApp.run),
          'application/json'
        );
        status.textContent = 'JSON downloaded. Import it here later to carry on.';
      },
      'json-copy': () => copy(worksheetJson(worksheetApp.ws, new Date(), worksheetApp.run), 'JSON'),
      import: () => fileInput.click(),
      print: () => window.print(),
    };
    this.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset
        .action;
      if (action) void actions[action]?.();
    });
    fileInput.addEventListener('change', async () => {
      const f = fileInput.files?.[0];
      fileInput.value = '';
      if (!f) return;
      const result = importWorksheet(await f.text());
      if (!result.ok) {
        status.textContent = result.message;
        return;
      }
      const ws = worksheetApp.ws;
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
      worksheetApp.replace(result.worksheet);
      const threats = result.worksheet.threatModel;
      status.textContent = `Imported ${f.name}: ${threats.docker.length} Docker and ${threats.kubernetes.length} Kubernetes threats, ${result.worksheet.picks.length} picks.${result.message ? ` ${result.message}` : ''}`;
    });
    const refresh = () => {
      if (details.open) preview.textContent = markdown();
    };
    details.addEventListener('toggle', refresh);
    for (const t of ['worksheet', 'run', 'after'] as const) worksheetApp.on(t, refresh);
  }
}
