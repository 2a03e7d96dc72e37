import { copyText, download } from './dom';
import { WorksheetElement } from './worksheet-element';
import { loadExporters } from './writeup-loader';

/** The complete write-up (both threat models and the run analysis): the worksheet's main export, as Markdown, plain text or print. */
export class WriteupExport extends WorksheetElement {
  protected connect(): void {
    const { store, signal } = this;
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preview = this.querySelector<HTMLElement>('[data-preview]')!;
    const details = this.querySelector('details')!;
    const context = () => store.writeupContext();
    const actions: Record<string, () => void | Promise<void>> = {
      md: async () => {
        const { writeupFileName, writeupMarkdown } = await loadExporters();
        download(
          writeupFileName('md', store.now()),
          writeupMarkdown(store.ws, context()),
          'text/markdown'
        );
        status.textContent = 'Write-up downloaded as Markdown.';
      },
      txt: async () => {
        const { writeupFileName, writeupText } = await loadExporters();
        download(
          writeupFileName('txt', store.now()),
          writeupText(store.ws, context()),
          'text/plain'
        );
        status.textContent = 'Write-up downloaded as plain text.';
      },
      print: () => window.print(),
      copy: async () => {
        const { writeupText } = await loadExporters();
        status.textContent = (await copyText(writeupText(store.ws, context())))
          ? 'Plain-text write-up copied to the clipboard.'
          : 'The browser did not allow copying; download the plain text or select the preview instead.';
      },
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
    const refresh = () => {
      if (details.open)
        void loadExporters().then(({ writeupText }) => {
          preview.textContent = writeupText(store.ws, context());
        });
    };
    details.addEventListener('toggle', refresh, { signal });
    for (const t of ['worksheet', 'run', 'after', 'threat-catalog'] as const)
      this.listen(t, refresh);
  }
}
