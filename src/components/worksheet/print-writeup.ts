import { writeupDocument } from '../../lib/worksheet/writeup';
import { documentElements } from './document-dom';
import { WorksheetElement } from './worksheet-element';

/**
 * The complete write-up as a clean document for printing, built from the same document as the exports.
 * It is built when printing starts and emptied when it ends, so typing never pays for it and the page
 * holds no hidden copy of its own text.
 */
export class PrintWriteup extends WorksheetElement {
  protected connect(): void {
    const { signal } = this;
    window.addEventListener('beforeprint', () => this.render(), { signal });
    window.addEventListener('afterprint', () => this.replaceChildren(), { signal });
    // Print previews and emulated print media switch the media without print events.
    const print = window.matchMedia('print');
    print.addEventListener(
      'change',
      () => (print.matches ? this.render() : this.replaceChildren()),
      {
        signal,
      }
    );
    if (print.matches) this.render();
  }

  private render(): void {
    this.replaceChildren();
    for (const part of documentElements(
      writeupDocument(this.store.ws, this.store.writeupContext())
    ))
      this.append(part);
  }
}
