import type { Diagnostic } from './types';
import { quote } from './title';
import { isManualName, type TrivyControl, type TrivyRead } from './trivyControls';

/**
 * Reads Trivy's `--report summary` table: "Summary Report for compliance: <title>", then a box-drawn table
 * `│ ID │ Severity │ Control Name │ Status │ Issues │` (before v0.35 `│ ID │ Severity │ Control Name │ Compliance │`).
 * Pastes carry log lines before it, rows left out or replaced by "...", and Markdown tables with `|`.
 */

/** The line Trivy prints above its summary table. */
export const TABLE_TITLE = 'Summary Report for compliance:';
const CONTROL_ID = /^\d{1,3}(?:\.\d{1,3}){0,4}$/;
// Only box-drawing characters, ASCII rules and spaces: a border between rows.
const BORDER = /^[\s─━┄┈═┼┬┴├┤┌┐└┘╭╮╰╯╞╡╪+\-|:=]+$/;
// What people type where they left rows out.
const ELISION =
  /^(?:\.{2,}|…|⋮|\[\s*(?:\.{2,}|…|snip|cut|truncated)\s*\]|\(\s*(?:\.{2,}|…|snip|cut|truncated)\s*\)|<\s*(?:snip|cut)\s*>)$/i;
const PERCENT = /^(\d{1,3}(?:\.\d{1,2})?)\s?%$/;

function separatorOf(line: string): string | undefined {
  if (line.includes('│')) return '│';
  if (line.includes('┃')) return '┃';
  if (line.includes('|')) return '|';
  return undefined;
}

/** Cells of a row without the empty cells outside its first and last bar. */
function cellsOf(line: string, sep: string): { cells: string[]; closed: boolean } {
  const t = line.trim();
  const parts = t.split(sep);
  if (t.startsWith(sep)) parts.shift();
  const closed = t.endsWith(sep);
  if (closed) parts.pop();
  return { cells: parts.map((p) => p.trim()), closed };
}

interface Tally {
  count: number;
  first: number;
  text: string;
}

function tally(t: Tally, index: number, text: string): void {
  if (t.count === 0) {
    t.first = index + 1;
    t.text = text;
  }
  t.count++;
}

const emptyTally = (): Tally => ({ count: 0, first: 0, text: '' });

/** Reads the last summary table in `lines`. */
export function readTrivyTable(lines: readonly string[], diagnostics: Diagnostic[]): TrivyRead {
  const read: TrivyRead = { layout: 'table', controls: [], whole: false, diagnostics };
  let start = -1;
  let reports = 0;
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).includes(TABLE_TITLE)) {
      start = i;
      reports++;
    }
  }
  if (reports > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: start + 1,
      severity: 'info',
      message: `This paste holds ${reports} summary reports one after another; the last one, from line ${start + 1}, is shown.`,
    });
  }
  const before = emptyTally();
  const skipped = emptyTally();
  const elided = emptyTally();
  const cut = emptyTally();
  if (start >= 0) {
    const title = (lines[start] as string)
      .slice((lines[start] as string).indexOf(TABLE_TITLE) + TABLE_TITLE.length)
      .trim();
    if (title) read.specTitle = title;
    for (let i = 0; i < start; i++) {
      const t = (lines[i] as string).trim();
      if (t && reports === 1) tally(before, i, t);
    }
  }
  let columns: 'status' | 'compliance' | undefined;
  let ended = false;
  let lastWasBorder = false;
  let last: TrivyControl | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    const t = raw.trim();
    if (t === '') continue;
    // What follows the table (the severity legend before v0.35, a shell prompt) is not part of it.
    if (ended) break;
    if (BORDER.test(t)) {
      lastWasBorder = true;
      if (t.startsWith('└') || t.startsWith('╰')) ended = true;
      continue;
    }
    lastWasBorder = false;
    const sep = separatorOf(t);
    if (!sep) {
      if (ELISION.test(t)) tally(elided, i, t);
      else if (columns) tally(skipped, i, t);
      else tally(before, i, t);
      continue;
    }
    const { cells, closed } = cellsOf(t, sep);
    const first = cells[0] ?? '';
    if (!columns) {
      if (first === 'ID' && cells.some((c) => c === 'Control Name')) {
        columns = cells.includes('Compliance') ? 'compliance' : 'status';
        if (columns === 'compliance') read.before035 = true;
      } else tally(before, i, t);
      continue;
    }
    if (first === 'ID') continue;
    const width = columns === 'status' ? 5 : 4;
    if (first === '' && last && cells.length >= 3 && cells[2]) {
      // A name wrapped onto the next row of the box: its other cells are empty.
      if (cells.every((c, k) => k === 2 || c === '')) {
        last.name = `${last.name} ${cells[2]}`;
        continue;
      }
    }
    if (!CONTROL_ID.test(first)) {
      if (cells.every((c) => c === '' || ELISION.test(c))) tally(elided, i, t);
      else tally(skipped, i, t);
      continue;
    }
    if (!closed || cells.length < width) {
      tally(cut, i, t);
      continue;
    }
    const name = cells.slice(2, cells.length - (width - 3)).join(` ${sep} `);
    const control: TrivyControl = { id: first, name, line: i + 1, verdict: 'MANUAL' };
    if (cells[1]) control.severity = cells[1];
    if (columns === 'status') {
      const status = (cells[cells.length - 2] as string).toUpperCase();
      const issues = cells[cells.length - 1] as string;
      if (/^\d{1,9}$/.test(issues)) control.issues = Number(issues);
      if (status === 'FAIL') control.verdict = 'FAIL';
      else if (status === 'PASS') control.verdict = 'PASS';
      else if (status === '-' || isManualName(name)) control.verdict = 'MANUAL';
      else {
        tally(skipped, i, t);
        continue;
      }
    } else {
      const printed = cells[cells.length - 1] as string;
      const pct = PERCENT.exec(printed);
      if (!pct) {
        tally(skipped, i, t);
        continue;
      }
      control.compliance = printed;
      control.verdict = isManualName(name) ? 'MANUAL' : Number(pct[1]) >= 100 ? 'PASS' : 'FAIL';
    }
    read.controls.push(control);
    last = control;
  }
  read.whole = ended || (lastWasBorder && read.controls.length > 0 && cut.count === 0);
  if (before.count > 0) {
    diagnostics.push({
      code: 'skipped-lines',
      line: before.first,
      severity: 'info',
      message: `${before.count} line${before.count === 1 ? '' : 's'} before the table (log or progress lines) ${before.count === 1 ? 'was' : 'were'} skipped; the first is line ${before.first}: "${quote(before.text)}".`,
    });
  }
  if (elided.count > 0) {
    diagnostics.push({
      code: 'rows-left-out',
      line: elided.first,
      severity: 'warning',
      message: `Rows were left out of the table where the paste says "${quote(elided.text, 20)}" (line ${elided.first}${elided.count > 1 ? ` and ${elided.count - 1} more` : ''}): the controls in them are missing from the findings.`,
    });
  }
  if (cut.count > 0) {
    diagnostics.push({
      code: 'rows-cut-short',
      line: cut.first,
      severity: 'warning',
      message: `${cut.count} row${cut.count === 1 ? ' is' : 's are'} cut short (the first is line ${cut.first}: "${quote(cut.text)}") and ${cut.count === 1 ? 'was' : 'were'} left out: the status or issue count is missing.`,
    });
  }
  if (skipped.count > 0) {
    diagnostics.push({
      code: 'skipped-lines',
      line: skipped.first,
      severity: 'info',
      message: `${skipped.count} line${skipped.count === 1 ? ' is' : 's are'} not rows of the summary table and ${skipped.count === 1 ? 'was' : 'were'} skipped; the first is line ${skipped.first}: "${quote(skipped.text)}".`,
    });
  }
  return read;
}
