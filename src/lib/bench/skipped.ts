import type { Diagnostic } from './types';
import { quote } from './title';

/** Counts the lines a reader skips as not part of the report, keeping the first for one summary diagnostic. */
export class SkippedLines {
  private count = 0;
  private first = 0;
  private firstText = '';

  /** Records a skipped line by its 0-based index and text. */
  skip(index: number, text: string): void {
    if (this.count === 0) {
      this.first = index + 1;
      this.firstText = text;
    }
    this.count++;
  }

  /** One info diagnostic for all skipped lines; `what` says what such lines usually are. */
  diagnostic(what: string): Diagnostic | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    return {
      line: this.first,
      severity: 'info',
      message: `${n} line${n === 1 ? ' is' : 's are'} not part of the report (${what}) and ${n === 1 ? 'was' : 'were'} skipped; the first is line ${this.first}: "${quote(this.firstText)}".`,
    };
  }
}
