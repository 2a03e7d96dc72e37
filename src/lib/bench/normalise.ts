import type { Diagnostic } from './types';

/** Lines longer than this are cut: no real report line comes near it, and it keeps work bounded. */
export const MAX_LINE_LENGTH = 10_000;

export interface NormalisedInput {
  /** Decoded text with ANSI colour codes removed and line endings made `\n`. */
  text: string;
  /** `text` split into lines; fence lines are blanked so numbering still matches the user's paste. */
  lines: string[];
  binary: boolean;
  diagnostics: Diagnostic[];
}

const SAMPLE = 4096;

function decodeWith(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label).decode(bytes);
}

/** Decodes bytes as UTF-8 or UTF-16 (with or without a byte order mark). */
export function decodeBytes(bytes: Uint8Array, diagnostics: Diagnostic[]): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeWith('utf-16le', bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeWith('utf-16be', bytes.subarray(2));
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeWith('utf-8', bytes.subarray(3));
  }
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (half >= 4 && oddZeros > half * 0.3 && evenZeros < half * 0.05) {
    diagnostics.push({
      code: 'utf16-without-bom',
      severity: 'info',
      message:
        'The file is UTF-16 text without a byte order mark (as Windows PowerShell writes it); it was read as UTF-16.',
    });
    return decodeWith('utf-16le', bytes.subarray(0, bytes.length & ~1));
  }
  if (half >= 4 && evenZeros > half * 0.3 && oddZeros < half * 0.05) {
    diagnostics.push({
      code: 'utf16-without-bom',
      severity: 'info',
      message:
        'The file is big-endian UTF-16 text without a byte order mark; it was read as UTF-16.',
    });
    return decodeWith('utf-16be', bytes.subarray(0, bytes.length & ~1));
  }
  return decodeWith('utf-8', bytes);
}

/** Repairs a string that holds UTF-16 text read as if it were single-byte or UTF-8 text. */
function repairMisreadUtf16(text: string, diagnostics: Diagnostic[]): string {
  let start = 0;
  const head = text.slice(0, 2);
  if (head === '\u00ff\u00fe' || head === '\ufffd\ufffd') start = 2;
  const n = Math.min(text.length - start, SAMPLE) & ~1;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (text.charCodeAt(start + i) === 0) evenNul++;
    if (text.charCodeAt(start + i + 1) === 0) oddNul++;
  }
  const half = n / 2;
  if (half < 4 || oddNul <= half * 0.3 || evenNul >= half * 0.05) return text;
  const end = start + ((text.length - start) & ~1);
  const bytes = new Uint8Array(end - start);
  for (let i = start; i < end; i++) bytes[i - start] = text.charCodeAt(i) & 0xff;
  diagnostics.push({
    code: 'utf16-misread',
    severity: 'warning',
    message:
      'The text was UTF-16 (as PowerShell writes files) but had been read as another encoding; it was converted back. Letters outside English may be wrong.',
  });
  return decodeWith('utf-16le', bytes);
}

// Each pattern is a single pass with bounded or disjoint repetition, so it cannot backtrack badly.
// ANSI sequences start with ESC and OSC ones end with BEL: matching those control characters is the point.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[[0-9;?]{0,32}[\x40-\x7e]?|\][^\x07\x1b\n]{0,512}\x07?)?/g;
const CARET_ESCAPE = /\^\[\[[0-9;?]{0,32}[\x40-\x7e]/g;
const BARE_SGR = /\[\d{1,3}(?:;\d{1,3}){0,4}m/g;
// Some terminal captures show ESC and BEL as the control pictures ␛ (U+241B) and ␇ (U+2407).
const CONTROL_PICTURES = /[\u2407\u241b]/g;

/**
 * Removes ANSI escape sequences, including the `^[[` caret form, the `␛[` control-picture form and bare
 * `[1;31m` left after a lost ESC.
 */
export function stripAnsi(text: string): string {
  let t = text;
  if (t.indexOf('\u241b') >= 0)
    t = t.replace(CONTROL_PICTURES, (c) => (c === '\u241b' ? '\x1b' : '\x07'));
  if (t.indexOf('\x1b') >= 0) t = t.replace(ESCAPE, '');
  if (t.indexOf('^[[') >= 0) t = t.replace(CARET_ESCAPE, '');
  if (t.indexOf('m') >= 0 && /\[\d{1,3}(?:;\d{1,3}){0,4}m/.test(t)) t = t.replace(BARE_SGR, '');
  return t;
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27) || c === 0xfffd) bad++;
  }
  return bad > n * 0.1;
}

function isFence(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith('```') || t.startsWith('~~~');
}

/** Decodes, strips colours, splits and cleans the input the way a user pastes or uploads it. */
export function normaliseInput(input: string | Uint8Array): NormalisedInput {
  const diagnostics: Diagnostic[] = [];
  let text = typeof input === 'string' ? input : decodeBytes(input, diagnostics);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = repairMisreadUtf16(text, diagnostics);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) {
    return { text: '', lines: [], binary: true, diagnostics };
  }
  text = stripAnsi(text);
  const lines = text.indexOf('\r') >= 0 ? text.split(/\r\n|\r|\n/) : text.split('\n');
  let cut = 0;
  let firstCut = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length > MAX_LINE_LENGTH) {
      lines[i] = line.slice(0, MAX_LINE_LENGTH);
      if (cut === 0) firstCut = i + 1;
      cut++;
    } else if (
      line.length > 0 &&
      (line.charCodeAt(0) === 96 || line.charCodeAt(0) === 126 || line.charCodeAt(0) === 32) &&
      isFence(line)
    ) {
      lines[i] = '';
    }
  }
  if (cut > 0) {
    diagnostics.push({
      code: 'long-lines-cut',
      line: firstCut,
      severity: 'warning',
      message: `${cut} very long line${cut === 1 ? ' was' : 's were'} cut to ${MAX_LINE_LENGTH} characters (the first is line ${firstCut}); a report line is never that long.`,
    });
  }
  return { text, lines, binary: false, diagnostics };
}
