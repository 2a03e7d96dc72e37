import { writeupFileName, writeupMarkdown, writeupText } from '../../lib/worksheet/writeup';
import { copyText, download } from './dom';
import { WorksheetElement } from './worksheet-element';

/** The complete write-up (both threat models and the run analysis): the worksheet's main export, as Markdown, plain text or print. */
export class WriteupExport extends WorksheetElement {
  protected connect(): void {
    const { store, signal } = this;
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preview = this.querySelector<HTMLElement>('[data-preview]')!;
    const details = this.querySelector('details')!;
    const context = () => store.writeupContext();
    const actions: Record<string, () => void | Promise<void>> = {
      md: () => {
        download(
          writeupFileName('md', store.now()),
          writeupMarkdown(store.ws, context()),
          'text/markdown'
        );
        status.textContent = 'Write-up downloaded as Markdown.';
      },
      txt: () => {
        download(
          writeupFileName('txt', store.now()),
          writeupText(store.ws, context()),
          'text/plain'
        );
        status.textContent = 'Write-up downloaded as plain text.';
      },
      print: () => window.print(),
      copy: async () => {
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
      if (details.open) preview.textContent = writeupText(store.ws, context());
    };
    details.addEventListener('toggle', refresh, { signal });
    for (const t of ['worksheet', 'run', 'after', 'threat-catalog'] as const)
      this.listen(t, refresh);
  }
}
