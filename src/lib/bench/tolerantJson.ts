/**
 * A forgiving JSON reader. The tools write JSON with printf, so real files hold duplicate keys,
 * unescaped quotes, cut-off endings and stray text; JSON.parse rejects or flattens all of that.
 * Objects keep every key/value pair in order, and reading goes on after an error.
 */

export interface JsonScalar {
  kind: 'string' | 'number' | 'literal';
  text: string;
  line: number;
}

export interface JsonContainer {
  kind: 'object' | 'array' | 'top';
  entries: JsonEntry[];
  line: number;
  closed: boolean;
}

export type JsonValue = JsonScalar | JsonContainer;

export interface JsonEntry {
  key?: string;
  value: JsonValue;
  line: number;
}

export interface JsonProblem {
  line: number;
  message: string;
}

export interface JsonScan {
  root: JsonContainer;
  problems: JsonProblem[];
  problemCount: number;
  /** True when reading stopped early because the document was too large or too deep. */
  stopped: boolean;
}

const MAX_DEPTH = 64;
const MAX_NODES = 2_000_000;
const MAX_KEPT_PROBLEMS = 20;

interface Frame {
  node: JsonContainer;
  key?: string;
  pendingKey?: string;
  pendingLine: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isStructural(c: number): boolean {
  return c === 44 || c === 125 || c === 93 || c === 58 || c === 123 || c === 91 || c === 34;
}

function unescape(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const e = raw[++i] as string;
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = raw.slice(i + 1, i + 5);
        if (/^[0-9a-f]{4}$/i.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else {
          out += '\\u';
        }
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

/** Scans `text` as JSON without ever failing; see the module comment. */
export function scanJson(text: string): JsonScan {
  const root: JsonContainer = { kind: 'top', entries: [], line: 1, closed: true };
  const stack: Frame[] = [{ node: root, pendingLine: 1 }];
  const problems: JsonProblem[] = [];
  let problemCount = 0;
  let nodes = 0;
  let line = 1;
  let i = 0;
  let ignoredDepth = 0;
  let stopped = false;
  const len = text.length;

  const problem = (message: string) => {
    problemCount++;
    if (problems.length < MAX_KEPT_PROBLEMS) problems.push({ line, message });
  };
  const top = () => stack[stack.length - 1] as Frame;
  const addValue = (value: JsonValue, at: number) => {
    const f = top();
    const entry: JsonEntry = { value, line: f.pendingKey !== undefined ? f.pendingLine : at };
    if (f.pendingKey !== undefined) entry.key = f.pendingKey;
    f.pendingKey = undefined;
    f.node.entries.push(entry);
    nodes++;
  };

  while (i < len) {
    if (nodes > MAX_NODES) {
      stopped = true;
      break;
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) line++;
      i++;
      continue;
    }
    if (c === 34) {
      const startLine = line;
      let j = i + 1;
      let end = -1;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          j += 2;
          continue;
        }
        if (d === 10) break;
        if (d === 34) {
          // A quote followed by something that cannot follow a string was printed inside the value.
          let k = j + 1;
          while (
            k < len &&
            (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)
          )
            k++;
          const n = k < len ? text.charCodeAt(k) : 44;
          if (n === 44 || n === 125 || n === 93 || n === 58 || n === 10) {
            end = j;
            break;
          }
        }
        j++;
      }
      let raw: string;
      if (end < 0) {
        problem('a text value is not closed before the end of its line');
        raw = text.slice(i + 1, Math.min(j, len));
        i = Math.min(j, len);
      } else {
        raw = text.slice(i + 1, end);
        i = end + 1;
      }
      const value = unescape(raw);
      let k = i;
      while (
        k < len &&
        (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)
      )
        k++;
      const f = top();
      if (text.charCodeAt(k) === 58 && f.pendingKey === undefined) {
        f.pendingKey = value;
        f.pendingLine = startLine;
        i = k + 1;
      } else {
        addValue({ kind: 'string', text: value, line: startLine }, startLine);
      }
      continue;
    }
    if (c === 123 || c === 91) {
      if (stack.length > MAX_DEPTH) {
        if (ignoredDepth === 0)
          problem('the JSON is nested too deeply; the inner part was skipped');
        ignoredDepth++;
        i++;
        continue;
      }
      const f = top();
      const node: JsonContainer = {
        kind: c === 123 ? 'object' : 'array',
        entries: [],
        line,
        closed: false,
      };
      const frame: Frame = { node, pendingLine: line };
      if (f.pendingKey !== undefined) frame.key = f.pendingKey;
      f.pendingKey = undefined;
      stack.push(frame);
      nodes++;
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      i++;
      if (ignoredDepth > 0) {
        ignoredDepth--;
        continue;
      }
      const want = c === 125 ? 'object' : 'array';
      let at = -1;
      for (let s = stack.length - 1; s >= 1; s--) {
        if ((stack[s] as Frame).node.kind === want) {
          at = s;
          break;
        }
      }
      if (at < 0) {
        problem(`a closing "${c === 125 ? '}' : ']'}" has no matching opening one`);
        continue;
      }
      if (at !== stack.length - 1)
        problem(`a "${c === 125 ? '{' : '['}" or "${c === 125 ? '[' : '{'}" is not closed`);
      while (stack.length - 1 >= at) {
        const frame = stack.pop() as Frame;
        frame.node.closed = stack.length === at;
        if (frame.pendingKey !== undefined)
          problem(`the key "${frame.pendingKey.slice(0, 40)}" has no value`);
        const parent = top();
        const entry: JsonEntry = { value: frame.node, line: frame.node.line };
        if (frame.key !== undefined) entry.key = frame.key;
        parent.node.entries.push(entry);
      }
      continue;
    }
    if (c === 44) {
      const f = top();
      if (f.pendingKey !== undefined) {
        problem(`the key "${f.pendingKey.slice(0, 40)}" has no value`);
        f.pendingKey = undefined;
      }
      i++;
      continue;
    }
    if (c === 58) {
      problem('a ":" appears where it does not belong');
      i++;
      continue;
    }
    let j = i;
    while (j < len) {
      const d = text.charCodeAt(j);
      if (isSpace(d) || isStructural(d)) break;
      j++;
    }
    if (j === i) j = i + 1;
    const word = text.slice(i, j);
    if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(word)) {
      addValue({ kind: 'number', text: word, line }, line);
    } else if (word === 'true' || word === 'false' || word === 'null') {
      addValue({ kind: 'literal', text: word, line }, line);
    } else {
      problem(`unexpected text "${word.slice(0, 30)}"`);
    }
    i = j;
  }

  if (stack.length > 1) {
    problem('the JSON ends before every "{" and "[" is closed');
    while (stack.length > 1) {
      const frame = stack.pop() as Frame;
      const parent = top();
      const entry: JsonEntry = { value: frame.node, line: frame.node.line };
      if (frame.key !== undefined) entry.key = frame.key;
      parent.node.entries.push(entry);
    }
  }
  return { root, problems, problemCount, stopped };
}

/** The value of the first entry named `key` in an object. */
export function field(obj: JsonContainer, key: string): JsonValue | undefined {
  for (const e of obj.entries) if (e.key === key) return e.value;
  return undefined;
}

/** A scalar's text, or undefined for containers and missing values. */
export function scalarText(v: JsonValue | undefined): string | undefined {
  return v && (v.kind === 'string' || v.kind === 'number' || v.kind === 'literal')
    ? v.text
    : undefined;
}

/** Whether a value is an object or array. */
export function isContainer(v: JsonValue | undefined): v is JsonContainer {
  return v !== undefined && (v.kind === 'object' || v.kind === 'array' || v.kind === 'top');
}
