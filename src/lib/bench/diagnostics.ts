import type { Diagnostic, Finding } from './types';
import type { JsonScan } from './tolerantJson';
import { quote } from './title';

/** A count as people read it: 1,234. */
export function amount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 check", "2 checks"; `many` for words whose plural is not the word plus s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${amount(n)} ${n === 1 ? one : many}`;
}

/** "is" or "are" for a count. */
export function isAre(n: number): string {
  return n === 1 ? 'is' : 'are';
}

/** "was" or "were" for a count. */
export function wasWere(n: number): string {
  return n === 1 ? 'was' : 'were';
}

/** Appends every item without spreading it into the call, which overflows the stack for large lists. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The warning for a run that stops before its end: after which check, and what is missing. */
export function truncationDiagnostic(last: Finding, missing: string): Diagnostic {
  return {
    code: 'truncated',
    line: last.line,
    severity: 'warning',
    message: `The output stops after check ${last.id} (line ${last.line}) without ${missing}, so the rest of the run is missing. Copy the whole output, down to its last line, to see every finding.`,
  };
}

/** The warning every JSON reader gives for a document with syntax errors; `offset` shifts its line numbers. */
export function invalidJsonDiagnostic(
  scan: JsonScan,
  findings: number,
  offset = 0
): Diagnostic | undefined {
  if (scan.problemCount === 0) return undefined;
  const first = scan.problems[0];
  const where = first ? `; the first on line ${first.line + offset}: ${first.message}` : '';
  return {
    code: 'invalid-json',
    ...(first ? { line: first.line + offset } : {}),
    severity: 'warning',
    message: `This JSON is not valid (${plural(scan.problemCount, 'problem')}${where}). The ${plural(findings, 'check result')} that could still be read ${isAre(findings)} shown; anything inside the broken part may be missing.`,
  };
}

/**
 * Counts lines of one kind and keeps the first, so a reader gives one diagnostic for all of them: a paste of
 * 130,000 such lines gets one message, not 130,000.
 */
export class LineTally<T = undefined> {
  private n = 0;
  private firstLine = 0;
  private firstText = '';
  private firstData: T | undefined;

  /** Records a line by its 0-based index and text; `data` is kept for the first line only. */
  add(index: number, text: string, data?: T): void {
    if (this.n === 0) {
      this.firstLine = index + 1;
      this.firstText = text;
      this.firstData = data;
    }
    this.n++;
  }

  /** Records `n` lines at once, the first of them at `index`. */
  addMany(index: number, text: string, n: number): void {
    if (n <= 0) return;
    this.add(index, text);
    this.n += n - 1;
  }

  get count(): number {
    return this.n;
  }

  /** 1-based line of the first line recorded (0 when none was). */
  get first(): number {
    return this.firstLine;
  }

  /** The first line's text, cut for quoting. */
  quoted(max = 80): string {
    return quote(this.firstText, max);
  }

  get data(): T | undefined {
    return this.firstData;
  }
}

/** One info diagnostic for lines a reader skipped as not part of the report; `what` says what such lines usually are. */
export function skippedLinesDiagnostic(tally: LineTally, what: string): Diagnostic | undefined {
  const n = tally.count;
  if (n === 0) return undefined;
  return {
    code: 'skipped-lines',
    line: tally.first,
    severity: 'info',
    message: `${plural(n, 'line')} ${isAre(n)} not part of the report (${what}) and ${wasWere(n)} skipped; the first is line ${tally.first}: "${tally.quoted()}".`,
  };
}
