import { sizeText } from '../../lib/worksheet/text';
import type { RunField } from '../../lib/worksheet/worksheet';
import { WorksheetElement } from './worksheet-element';

// A text box holding megabytes takes the browser seconds to lay out; bigger runs are analyzed whole
// but the box shows only their beginning.
const BOX_LIMIT = 512 * 1024;
const PREVIEW_LINES = 2000;

/** A benchmark run: paste it, drop it or open its file; parsed on paste or on the button. */
export class RunInput extends WorksheetElement {
  private pasted = false;
  private analyzedText: string | undefined;
  private shown = 0;
  private parsing = false;

  private get field(): RunField {
    return this.dataset.field === 'after' ? 'after' : 'input';
  }
  private get box(): HTMLTextAreaElement {
    return this.querySelector('textarea')!;
  }
  private get status(): HTMLElement {
    return this.querySelector<HTMLElement>('[data-status]')!;
  }
  private get clearButton(): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>('[data-clear]')!;
  }
  private get large(): HTMLElement {
    return this.querySelector<HTMLElement>('[data-large]')!;
  }

  protected connect(): void {
    const { signal } = this;
    const file = this.querySelector<HTMLInputElement>('[data-file]')!;
    const text = this.box;
    this.querySelector('[data-analyze]')!.addEventListener('click', () => this.analyze(), {
      signal,
    });
    text.addEventListener(
      'paste',
      (e) => {
        const data = e.clipboardData?.getData('text/plain');
        if (data !== undefined && data.length > BOX_LIMIT) {
          // Kept out of the box: the run goes straight to the parser.
          e.preventDefault();
          this.analyzedText = data;
          void this.store.analyze(this.field, data);
          return;
        }
        this.pasted = true;
      },
      { signal }
    );
    this.clearButton.addEventListener('click', () => this.clear(), { signal });
    text.addEventListener('input', () => this.typed(), { signal });
    file.addEventListener(
      'change',
      () => {
        const f = file.files?.[0];
        if (f) void this.openFile(f);
        file.value = '';
      },
      { signal }
    );
    this.addEventListener(
      'dragover',
      (e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        this.classList.add('dragging');
      },
      { signal }
    );
    this.addEventListener('dragleave', () => this.classList.remove('dragging'), { signal });
    this.addEventListener(
      'drop',
      (e) => {
        const f = e.dataTransfer?.files[0];
        this.classList.remove('dragging');
        if (!f) return;
        e.preventDefault();
        void this.openFile(f);
      },
      { signal }
    );
    this.listen('replaced', () => this.showText());
    this.listen('parse', () => this.showParse());
    this.showText();
    this.shown = this.store.parseState(this.field).shown;
    this.showParse();
  }

  private setText(value: string): void {
    this.store.dispatch({ type: this.field === 'input' ? 'set-input' : 'set-after', text: value });
  }

  private analyze(): void {
    const text = this.box;
    if (text.readOnly) {
      void this.store.analyze(this.field, this.store.ws[this.field].text);
      return;
    }
    if (text.value.trim() === '') {
      this.setText('');
      this.store.clearRun(this.field);
      this.analyzedText = '';
      this.status.textContent = 'Nothing to analyze: the box is empty.';
      return;
    }
    this.analyzedText = text.value;
    void this.store.analyze(this.field, text.value);
  }

  private typed(): void {
    if (this.pasted) {
      this.pasted = false;
      this.analyze();
      return;
    }
    // Typing is saved as typed; the findings follow on Analyze.
    const value = this.box.value;
    this.setText(value);
    if (this.analyzedText !== undefined && value !== this.analyzedText)
      this.status.textContent =
        'The text changed since it was analyzed: press the button to update the findings.';
  }

  private clear(): void {
    this.showSmall('');
    this.setText('');
    this.store.clearRun(this.field);
    this.status.textContent = 'The box is empty: paste or open a run.';
    this.box.focus();
  }

  private async openFile(f: File): Promise<void> {
    this.status.textContent = `Reading ${f.name}…`;
    const bytes = new Uint8Array(await f.arrayBuffer());
    await this.store.analyze(this.field, bytes, f.name);
  }

  private showLarge(value: string): void {
    const lines = value.split('\n', PREVIEW_LINES + 1);
    const total = value.length > 0 ? value.split('\n').length : 0;
    const text = this.box;
    text.value = lines.slice(0, PREVIEW_LINES).join('\n');
    text.readOnly = true;
    this.clearButton.hidden = false;
    this.large.hidden = false;
    this.large.textContent = `This run is ${sizeText(value.length)} (${total.toLocaleString('en')} lines). The whole run was analyzed and is kept; the box shows only its first ${Math.min(PREVIEW_LINES, total).toLocaleString('en')} lines, read-only, so the page stays responsive. Clear the box to paste another run.`;
  }

  private showSmall(value: string): void {
    const text = this.box;
    text.readOnly = false;
    this.clearButton.hidden = true;
    this.large.hidden = true;
    if (text.value !== value) text.value = value;
  }

  private showText(): void {
    const value = this.store.ws[this.field].text;
    if (value.length > BOX_LIMIT) this.showLarge(value);
    else this.showSmall(value);
    this.analyzedText = value;
  }

  private showParse(): void {
    const state = this.store.parseState(this.field);
    if (state.parsing !== undefined) {
      this.status.textContent = `Parsing… (${sizeText(state.parsing)})`;
      this.parsing = true;
      return;
    }
    const wasParsing = this.parsing;
    this.parsing = false;
    if (state.shown === this.shown) {
      // The parse was dropped (the box cleared, the worksheet replaced): it says nothing any more.
      if (wasParsing) this.status.textContent = '';
      return;
    }
    this.shown = state.shown;
    const run = this.field === 'input' ? this.store.run : this.store.afterRun;
    if (!run) return;
    this.showText();
    const c = run.totals.counted;
    this.status.textContent = run.findings.length
      ? `Read ${c.total} findings: ${c.fail} failed.`
      : 'No findings could be read from this text; the summary below says why.';
  }
}
