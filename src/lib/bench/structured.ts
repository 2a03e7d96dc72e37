import { FAILSAFE_SCHEMA, loadAll, type LoadOptions } from 'js-yaml';
import {
  isContainer,
  scanJson,
  type JsonContainer,
  type JsonProblem,
  type JsonValue,
} from './tolerantJson';

/**
 * Reads a JSON or YAML report into plain values with the line each object starts on, for the compliance readers.
 * Valid JSON goes through the engine's JSON.parse, several times faster than the forgiving scanner on the megabyte
 * reports kubescape and Trivy write; JSON with errors falls back to the scanner, which reads on past them. YAML keeps
 * every scalar a string (an unquoted 5.10 must not become 5.1), does not follow aliases (kubectl never writes them, and
 * a few can stand for billions of nodes) and keeps what comes before a syntax error.
 */

export type Plain = Record<string, unknown>;

export interface StructuredDocument {
  /** The first document, undefined when nothing could be read. */
  root: unknown;
  /** 1-based line where an object or array starts; 1 when it is not known. */
  lineOf: (value: object) => number;
  problems: JsonProblem[];
  problemCount: number;
  /** Read to its end: no syntax error, nothing cut off, no limit reached. */
  whole: boolean;
}

const MAX_KEPT_PROBLEMS = 20;
const MAX_YAML_ATTEMPTS = 3;

/** The line of every `{` and `[` outside strings, in document order. */
function containerLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
        else if (d === 10) line++;
      }
    } else if (c === 123 || c === 91) out.push(line);
  }
  return out;
}

/** A key objects list first, in numeric order, whatever its place in the text: "0", "7", "42". */
function isIndexKey(key: string): boolean {
  if (key.length === 0 || key.length > 10 || (key.length > 1 && key.charCodeAt(0) === 48))
    return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Pairs the parsed containers, visited depth first in key order, with the text's containers in order. Keys that look
 * like integers (which objects reorder) or repeated keys break the pairing; then the lines are not used.
 */
function pairLines(root: unknown, lines: readonly number[]): WeakMap<object, number> | undefined {
  const map = new WeakMap<object, number>();
  if (root === null || typeof root !== 'object') return map;
  const stack: object[] = [root];
  let k = 0;
  while (stack.length > 0) {
    const v = stack.pop() as object;
    if (k >= lines.length) return undefined;
    map.set(v, lines[k++] as number);
    if (!Array.isArray(v) && Object.keys(v).some(isIndexKey)) return undefined;
    const kids: unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (let j = kids.length - 1; j >= 0; j--) {
      const x = kids[j];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return k === lines.length ? map : undefined;
}

/** Plain values from the scanner's tree; the first of repeated keys wins, as the scanner's own lookups do. */
function fromScan(v: JsonValue, lines: WeakMap<object, number>): unknown {
  if (!isContainer(v)) {
    if (v.kind === 'string') return v.text;
    if (v.kind === 'number') return Number(v.text);
    return v.text === 'true' ? true : v.text === 'false' ? false : null;
  }
  const c: JsonContainer = v;
  if (c.kind === 'array') {
    const out: unknown[] = [];
    for (const e of c.entries) out.push(fromScan(e.value, lines));
    lines.set(out, c.line);
    return out;
  }
  const out: Plain = {};
  for (const e of c.entries) {
    // defineProperty, so that a key named __proto__ stays a key.
    if (e.key !== undefined && !Object.prototype.hasOwnProperty.call(out, e.key))
      Object.defineProperty(out, e.key, {
        value: fromScan(e.value, lines),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  lines.set(out, c.line);
  return out;
}

function withLines(lines: WeakMap<object, number> | undefined) {
  return (value: object) => lines?.get(value) ?? 1;
}

/** Reads JSON; never throws. */
export function readJson(text: string): StructuredDocument {
  try {
    const root: unknown = JSON.parse(text);
    // kubescape writes its report on one line: every object is on line 1, nothing to pair.
    if (text.trimEnd().indexOf('\n') < 0)
      return { root, lineOf: () => 1, problems: [], problemCount: 0, whole: true };
    const lines = pairLines(root, containerLines(text));
    if (lines)
      return { root, lineOf: withLines(lines), problems: [], problemCount: 0, whole: true };
  } catch {
    // Not valid JSON: the forgiving scanner below reads what it can and says where it broke.
  }
  const scan = scanJson(text);
  const lines = new WeakMap<object, number>();
  const first = scan.root.entries.find((e) => isContainer(e.value))?.value;
  const root = first ? fromScan(first, lines) : undefined;
  const problems = scan.problems;
  let problemCount = scan.problemCount;
  if (scan.stopped) {
    problemCount++;
    problems.push({
      line: 1,
      message: 'the document is too large or too deeply nested to read whole',
    });
  }
  return {
    root,
    lineOf: withLines(lines),
    problems,
    problemCount,
    whole: problemCount === 0 && isContainer(first) && first.closed,
  };
}

/** Replaces every second sight of an object (an alias) with null and counts them; iterative, linear in the text. */
function dropAliases(root: unknown): number {
  if (root === null || typeof root !== 'object') return 0;
  const seen = new WeakSet<object>([root]);
  const stack: object[] = [root];
  let aliases = 0;
  while (stack.length > 0) {
    const v = stack.pop() as Plain | unknown[];
    const keys = Object.keys(v);
    for (const key of keys) {
      const x = (v as Plain)[key];
      if (x === null || typeof x !== 'object') continue;
      if (seen.has(x)) {
        (v as Plain)[key] = null;
        aliases++;
      } else {
        seen.add(x);
        stack.push(x);
      }
    }
  }
  return aliases;
}

function yamlErrorLine(err: unknown): number | undefined {
  const mark = (err as { mark?: { line?: unknown } } | undefined)?.mark;
  return typeof mark?.line === 'number' ? mark.line : undefined;
}

function yamlErrorReason(err: unknown): string {
  const reason = (err as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason) return reason;
  const message = err instanceof Error ? err.message : 'unreadable YAML';
  return (message.split('\n')[0] ?? message).slice(0, 200);
}

/** Text up to (not including) 0-based line `line`. */
function before(text: string, line: number): string {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text;
    at = next + 1;
  }
  return text.slice(0, at);
}

/** Reads YAML (one or more documents; the first is the root); never throws. */
export function readYaml(text: string): StructuredDocument {
  const problems: JsonProblem[] = [];
  let source = text;
  for (let attempt = 0; attempt < MAX_YAML_ATTEMPTS; attempt++) {
    const lines = new WeakMap<object, number>();
    const open: number[] = [];
    const options: LoadOptions = {
      schema: FAILSAFE_SCHEMA,
      json: true,
      listener(event, state) {
        if (event === 'open') {
          open.push(state.line + 1);
          return;
        }
        const line = open.pop() ?? 1;
        const result: unknown = state.result;
        if (result !== null && typeof result === 'object' && !lines.has(result))
          lines.set(result, line);
      },
    };
    try {
      const docs: unknown[] = [];
      loadAll(source, (doc) => docs.push(doc), options);
      const root = docs.find((d) => d !== null && d !== undefined);
      const aliases = dropAliases(root);
      if (aliases > 0) {
        problems.push({
          line: 1,
          message: `${aliases} YAML alias${aliases === 1 ? ' was' : 'es were'} not followed (kubectl never writes them)`,
        });
      }
      return {
        root,
        lineOf: withLines(lines),
        problems,
        problemCount: problems.length,
        whole: problems.length === 0,
      };
    } catch (err) {
      const at = yamlErrorLine(err);
      if (problems.length < MAX_KEPT_PROBLEMS)
        problems.push({ line: (at ?? 0) + 1, message: `YAML error: ${yamlErrorReason(err)}` });
      // Read what comes before the error again: a paste cut mid-document is still worth its first part.
      if (at === undefined || at === 0) break;
      source = before(source, at);
    }
  }
  return {
    root: undefined,
    lineOf: () => 1,
    problems,
    problemCount: problems.length,
    whole: false,
  };
}

/** An object (not an array), or undefined. */
export function obj(v: unknown): Plain | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Plain) : undefined;
}

/** The objects of an array; anything else gives none. */
export function objects(v: unknown): Plain[] {
  if (!Array.isArray(v)) return [];
  const out: Plain[] = [];
  for (const x of v as unknown[]) {
    const o = obj(x);
    if (o) out.push(o);
  }
  return out;
}

/** A scalar field as text: strings as they are, numbers and booleans as printed; undefined for null and containers. */
export function str(o: Plain | undefined, key: string): string | undefined {
  const v = o?.[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A numeric field (a number or a string of one). */
export function num(o: Plain | undefined, key: string): number | undefined {
  const t = str(o, key);
  if (t === undefined || t.trim() === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
