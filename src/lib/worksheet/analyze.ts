import { normaliseInput, parseBenchRun, type BenchRun } from '../bench/index';

export { mayBeKubeBench } from '../bench/detect';

/** Reading a run the user pasted or opened, the same way on the main thread and in a worker. */

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

/** Inputs at least this long are parsed in a worker, so the page keeps responding. */
export const WORKER_THRESHOLD = 256 * 1024;
