import { FAILSAFE_SCHEMA, loadAll, type LoadOptions } from 'js-yaml';
import type { JsonContainer, JsonEntry, JsonProblem, JsonScan, JsonValue } from './tolerantJson';

/**
 * Reads YAML (what `kubectl get ... -o yaml` prints) into the same tree the JSON scanner builds, so one reader
 * serves both. Every scalar stays a string (the failsafe schema): an unquoted `5.10` must not become the number
 * 5.1. Mappings and sequences keep the line they start on. A syntax error keeps what comes before it. Aliases are
 * not followed: kubectl never writes them, and a few can stand for billions of nodes.
 */

// The same bounds as the JSON scanner: aliases can make a small text expand into a huge tree.
const MAX_NODES = 2_000_000;
const MAX_DEPTH = 64;
const MAX_ATTEMPTS = 3;

interface Converter {
  lines: WeakMap<object, number>;
  /** Objects already converted: a second sight of one is an alias, which is not followed. */
  seen: WeakSet<object>;
  aliases: number;
  nodes: number;
  stopped: boolean;
}

function convert(value: unknown, line: number, depth: number, c: Converter): JsonValue {
  c.nodes++;
  if (value === null || value === undefined) return { kind: 'literal', text: 'null', line };
  if (typeof value === 'string') return { kind: 'string', text: value, line };
  if (typeof value !== 'object') {
    // The failsafe schema makes every scalar a string; anything else is not YAML data.
    return { kind: 'literal', text: typeof value === 'number' ? String(value) : 'null', line };
  }
  if (c.seen.has(value)) {
    c.aliases++;
    return { kind: 'literal', text: 'null', line };
  }
  c.seen.add(value);
  const own = c.lines.get(value) ?? line;
  const container: JsonContainer = {
    kind: Array.isArray(value) ? 'array' : 'object',
    entries: [],
    line: own,
    closed: true,
  };
  if (depth >= MAX_DEPTH || c.nodes > MAX_NODES) {
    c.stopped = true;
    return container;
  }
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (c.nodes > MAX_NODES) {
        c.stopped = true;
        break;
      }
      const v = convert(item, own, depth + 1, c);
      container.entries.push({ value: v, line: v.line });
    }
  } else {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (c.nodes > MAX_NODES) {
        c.stopped = true;
        break;
      }
      const v = convert(item, own, depth + 1, c);
      const entry: JsonEntry = { key, value: v, line: v.line };
      container.entries.push(entry);
    }
  }
  return container;
}

/** 0-based line of a js-yaml error, when it has one. */
function errorLine(err: unknown): number | undefined {
  const mark = (err as { mark?: { line?: unknown } } | undefined)?.mark;
  return typeof mark?.line === 'number' ? mark.line : undefined;
}

function errorReason(err: unknown): string {
  const reason = (err as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason) return reason;
  return err instanceof Error
    ? err.message.split('\n')[0]!.slice(0, 200)
    : String(err).slice(0, 200);
}

/** Text up to (not including) 0-based line `line`, without splitting the whole text into lines. */
function before(text: string, line: number): string {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text;
    at = next + 1;
  }
  return text.slice(0, at);
}

/** Reads `text` as one or more YAML documents; never throws. */
export function scanYaml(text: string): JsonScan {
  const root: JsonContainer = { kind: 'top', entries: [], line: 1, closed: true };
  const problems: JsonProblem[] = [];
  let source = text;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const lines = new WeakMap<object, number>();
    const open: number[] = [];
    const options: LoadOptions = {
      schema: FAILSAFE_SCHEMA,
      json: true,
      listener(event, state) {
        if (event === 'open') {
          open.push(state.line + 1);
        } else {
          const line = open.pop() ?? 1;
          const result: unknown = state.result;
          if (result !== null && typeof result === 'object' && !lines.has(result))
            lines.set(result, line);
        }
      },
    };
    try {
      const docs: unknown[] = [];
      loadAll(source, (doc) => docs.push(doc), options);
      const c: Converter = { lines, seen: new WeakSet(), aliases: 0, nodes: 0, stopped: false };
      for (const doc of docs) {
        if (doc === null || doc === undefined) continue;
        const value = convert(doc, 1, 0, c);
        root.entries.push({ value, line: value.line });
      }
      if (c.aliases > 0) {
        problems.push({
          line: 1,
          message: `${c.aliases} YAML alias${c.aliases === 1 ? ' was' : 'es were'} not followed (kubectl never writes them)`,
        });
      }
      return { root, problems, problemCount: problems.length, stopped: c.stopped };
    } catch (err) {
      const at = errorLine(err);
      problems.push({
        line: (at ?? 0) + 1,
        message: `YAML error: ${errorReason(err)}`,
      });
      // Read what comes before the error again: a paste cut mid-document is still worth its first part.
      if (at === undefined || at === 0) break;
      source = before(source, at);
    }
  }
  return { root, problems, problemCount: problems.length, stopped: false };
}
