import { normaliseInput, parseBenchRun, type BenchRun } from '../bench/index';
import type { Finding } from '../bench/types';
import type { Platform } from '../stride';

import { mayBeKubeBench } from '../bench/sniff';

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
  | { id: number; kind: 'findings'; findings: Finding[] }
  | { id: number; kind: 'run'; run: BenchRun; text?: string };

/**
 * How many findings one message of the worker carries. The page reads each message in a task of its
 * own, so a run of 200,000 findings arrives in short tasks instead of one that holds the page for a second.
 */
export const FINDINGS_PER_MESSAGE = 10_000;

/**
 * The worker's answer to one request, message by message: the platform as soon as the text shows it
 * (sent before the run is parsed), then the findings in parts, then the run without them.
 */
export function* parseReplies({ id, input }: ParseRequest): Generator<ParseReply> {
  if (typeof input === 'string' && mayBeKubeBench(input))
    yield { id, kind: 'platform', platform: 'kubernetes' };
  const { run, text } = analyzeInput(input);
  for (let i = 0; i < run.findings.length; i += FINDINGS_PER_MESSAGE)
    yield { id, kind: 'findings', findings: run.findings.slice(i, i + FINDINGS_PER_MESSAGE) };
  yield {
    id,
    kind: 'run',
    run: { ...run, findings: [] },
    ...(typeof input === 'string' ? {} : { text }),
  };
}
