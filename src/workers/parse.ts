/// <reference lib="webworker" />
import { parseReplies, type ParseRequest } from '../lib/worksheet/analyze';

/** Parses benchmark runs off the main thread, so no paste, however large or malformed, stalls the page. */

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  for (const message of parseReplies(event.data)) self.postMessage(message);
};
