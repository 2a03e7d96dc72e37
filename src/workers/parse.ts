/// <reference lib="webworker" />
import {
  analyzeInput,
  mayBeKubeBench,
  type ParseReply,
  type ParseRequest,
} from '../lib/worksheet/analyze';

/** Parses benchmark runs off the main thread, so no paste, however large or malformed, stalls the page. */

const reply = (message: ParseReply) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, input } = event.data;
  if (typeof input === 'string' && mayBeKubeBench(input))
    reply({ id, kind: 'platform', platform: 'kubernetes' });
  const { run, text } = analyzeInput(input);
  reply({ id, kind: 'run', run, ...(typeof input === 'string' ? {} : { text }) });
};
