import { worksheetApp } from './controller';
import type { RunField } from '../../lib/worksheet/storage';
import { sizeText } from '../../lib/worksheet/text';

// A text box holding megabytes takes the browser seconds to lay out; bigger runs are analyzed whole
// but the box shows only their beginning.
const BOX_LIMIT = 512 * 1024;
const PREVIEW_LINES = 2000;

export class RunInput extends HTMLElement {
  connectedCallback() {
    const field = this.dataset.field as RunField;
    const text = this.querySelector('textarea')!;
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const file = this.querySelector<HTMLInputElement>('[data-file]')!;
    const clear = this.querySelector<HTMLButtonElement>('[data-clear]')!;
    const large = this.querySelector<HTMLElement>('[data-large]')!;
    let pasted = false;
    let analyzedText: string | undefined;

    const showLarge = (value: string) => {
      const lines = value.split('\n', PREVIEW_LINES + 1);
      const total = value.length > 0 ? value.split('\n').length : 0;
      text.value = lines.slice(0, PREVIEW_LINES).join('\n');
      text.readOnly = true;
      clear.hidden = false;
      large.hidden = false;
      large.textContent = `This run is ${sizeText(value.length)} (${total.toLocaleString('en')} lines). The whole run was analyzed and is kept; the box shows only its first ${Math.min(PREVIEW_LINES, total).toLocaleString('en')} lines, read-only, so the page stays responsive. Clear the box to paste another run.`;
    };
    const showSmall = (value: string) => {
      text.readOnly = false;
      clear.hidden = true;
      large.hidden = true;
      if (text.value !== value) text.value = value;
    };

    const analyze = () => {
      if (text.readOnly) {
        void worksheetApp.analyze(field, worksheetApp.ws[field].text);
        return;
      }
      if (text.value.trim() === '') {
        worksheetApp.dispatch({ type: field === 'input' ? 'set-input' : 'set-after', text: '' });
        worksheetApp.clearRun(field);
        analyzedText = '';
        status.textContent = 'Nothing to analyze: the box is empty.';
        return;
      }
      analyzedText = text.value;
      void worksheetApp.analyze(field, text.value);
    };
    const openFile = async (f: File) => {
      status.textContent = `Reading ${f.name}…`;
      const bytes = new Uint8Array(await f.arrayBuffer());
      await worksheetApp.analyze(field, bytes, f.name);
    };

    this.querySelector('[data-analyze]')!.addEventListener('click', analyze);
    text.addEventListener('paste', (e) => {
      const data = e.clipboardData?.getData('text/plain');
      if (data !== undefined && data.length > BOX_LIMIT) {
        // Kept out of the box: the run goes straight to the parser.
        e.preventDefault();
        analyzedText = data;
        void worksheetApp.analyze(field, data);
        return;
      }
      pasted = true;
    });
    clear.addEventListener('click', () => {
      showSmall('');
      worksheetApp.dispatch({ type: field === 'input' ? 'set-input' : 'set-after', text: '' });
      worksheetApp.clearRun(field);
      status.textContent = 'The box is empty: paste or open a run.';
      text.focus();
    });
    text.addEventListener('input', () => {
      if (pasted) {
        pasted = false;
        analyze();
        return;
      }
      // Typing is saved as typed; the findings follow on Analyze.
      worksheetApp.dispatch({
        type: field === 'input' ? 'set-input' : 'set-after',
        text: text.value,
      });
      if (analyzedText !== undefined && text.value !== analyzedText)
        status.textContent =
          'The text changed since it was analyzed: press the button to update the findings.';
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void openFile(f);
      file.value = '';
    });
    this.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      this.classList.add('dragging');
    });
    this.addEventListener('dragleave', () => this.classList.remove('dragging'));
    this.addEventListener('drop', (e) => {
      const f = e.dataTransfer?.files[0];
      this.classList.remove('dragging');
      if (!f) return;
      e.preventDefault();
      void openFile(f);
    });

    const showText = () => {
      const value = worksheetApp.ws[field].text;
      if (value.length > BOX_LIMIT) showLarge(value);
      else showSmall(value);
      analyzedText = value;
    };
    worksheetApp.on('replaced', showText);
    worksheetApp.on('parse', () => {
      const p = worksheetApp.parsing;
      if (p?.field === field) {
        status.textContent = `Parsing… (${sizeText(p.size)})`;
        return;
      }
      if (p) return;
      const run = field === 'input' ? worksheetApp.run : worksheetApp.afterRun;
      const t = worksheetApp.lastTiming;
      if (t?.field !== field || !run) return;
      showText();
      const c = run.totals.counted;
      status.textContent = run.findings.length
        ? `Read ${c.total} findings: ${c.fail} failed.`
        : 'No findings could be read from this text; the summary below says why.';
    });
  }
}
