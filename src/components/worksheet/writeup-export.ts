import { worksheetApp } from './controller';
import { download } from './dom';
import { threatCatalog } from './threat-catalog';
import {
  writeupFileName,
  writeupMarkdown,
  writeupText,
  type WriteupContext,
} from '../../lib/worksheet/writeup';

export class WriteupExport extends HTMLElement {
  connectedCallback() {
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preview = this.querySelector<HTMLElement>('[data-preview]')!;
    const details = this.querySelector('details')!;
    const context = (): WriteupContext => {
      const data = threatCatalog();
      return {
        run: worksheetApp.run,
        afterRun: worksheetApp.afterRun,
        catalog: worksheetApp.catalogOrEmpty(),
        now: new Date(),
        ...(data ? { threatCatalog: data } : {}),
      };
    };
    const actions: Record<string, () => void | Promise<void>> = {
      md: () => {
        download(
          writeupFileName('md', new Date()),
          writeupMarkdown(worksheetApp.ws, context()),
          'text/markdown'
        );
        status.textContent = 'Write-up downloaded as Markdown.';
      },
      txt: () => {
        download(
          writeupFileName('txt', new Date()),
          writeupText(worksheetApp.ws, context()),
          'text/plain'
        );
        status.textContent = 'Write-up downloaded as plain text.';
      },
      copy: async () => {
        try {
          await navigator.clipboard.writeText(writeupText(worksheetApp.ws, context()));
          status.textContent = 'Plain-text write-up copied to the clipboard.';
        } catch {
          status.textContent =
            'The browser did not allow copying; download the plain text or select the preview instead.';
        }
      },
    };
    this.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset
        .action;
      if (action) void actions[action]?.();
    });
    const refresh = () => {
      if (details.open) preview.textContent = writeupText(worksheetApp.ws, context());
    };
    details.addEventListener('toggle', refresh);
    for (const t of ['worksheet', 'run', 'after'] as const) worksheetApp.on(t, refresh);
  }
}
