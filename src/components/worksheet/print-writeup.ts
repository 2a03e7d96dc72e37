import { writeupDocument } from '../../lib/worksheet/writeup';
import { documentElements } from './document-dom';
import { WorksheetElement } from './worksheet-element';

const RENDER_DELAY_MS = 250;

/** The complete write-up as a clean document for printing: shown only in print, built from the same document as the exports. */
export class PrintWriteup extends WorksheetElement {
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected connect(): void {
    // Kept current a moment after each change, so typing never waits for it; built at once when printing.
    const schedule = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.render(), RENDER_DELAY_MS);
    };
    for (const t of ['worksheet', 'replaced', 'run', 'after', 'threat-catalog'] as const)
      this.listen(t, schedule);
    window.addEventListener('beforeprint', () => this.render(), { signal: this.signal });
    this.render();
  }

  disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private render(): void {
    clearTimeout(this.timer);
    this.replaceChildren();
    for (const part of documentElements(
      writeupDocument(this.store.ws, this.store.writeupContext())
    ))
      this.append(part);
  }
}
