/// <reference lib="webworker" />
import { analyzeInput } from '../lib/worksheet/analyze';

/** Parses a large benchmark run off the main thread, so typing and scrolling never stall. */

export interface ParseRequest {
  id: number;
  input: string | Uint8Array;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, input } = event.data;
  const { run, text } = analyzeInput(input);
  // A pasted string is already on the page; only decoded file bytes need their text sent back.
  self.postMessage({ id, run, text: typeof input === 'string' ? undefined : text });
};
