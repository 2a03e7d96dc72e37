import { normaliseInput, parseBenchRun, type BenchRun } from '../bench/index';
import type { Platform } from '../stride';

export { mayBeKubeBench } from '../bench/sniff';

/** Reading a run the user pasted or opened, the same way in the parsing worker and, without one, on the main thread. */

export interface AnalyzedInput {
  run: BenchRun;
  /** The input as text, for the text box and for saving; bytes of a file are decoded (UTF-8 or UTF-16). */
  text: string;
}

/** Parses a pasted text or the bytes of an opened file; never throws. */
export function analyzeInput(input: string | Uint8Array): AnalyzedInput {
  const run = parseBenchRun(input);
  return { run, text: typeof input === 'string' ? input : normaliseInput(input).text };
}

/** What the page asks the parsing worker. */
export interface ParseRequest {
  id: number;
  input: string | Uint8Array;
}

/**
 * What the worker answers: first, when the text looks like it, the platform it will turn out to be (so the
 * page fetches that platform's data while the run is parsed), then the run. A pasted string is already on
 * the page, so only decoded file bytes come back as text.
 */
export type ParseReply =
  | { id: number; kind: 'platform'; platform: Platform }
  | { id: number; kind: 'run'; run: BenchRun; text?: string };
