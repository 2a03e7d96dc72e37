/** Making untrusted text (a pasted run, an imported file) safe to show and to export. */

// C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that can disguise text:
// matching control characters is this pattern's purpose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (keeping newline and tab) and turns CR/CRLF into newlines. */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** One line of text: controls removed and every run of whitespace, newlines included, made one space. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** One line of at most `max` characters, cut at a word with an ellipsis when longer. */
export function clip(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const WORD_JOINER = '\u2060';

// Characters that open or close Markdown or HTML syntax wherever they stand.
const INLINE_SPECIAL = /[\\`*_[\]<>|~&$]/g;
// Characters that start a block (heading, quote, list, setext underline) only at the start of a line.
const BLOCK_START = /^(\s*)([#>+=-]|\d+[.)])/;

function escapeLine(line: string, atLineStart: boolean): string {
  const escaped = line.replace(INLINE_SPECIAL, (c) => `\\${c}`);
  return (
    (
      atLineStart
        ? escaped.replace(
            BLOCK_START,
            (_m, space: string, mark: string) =>
              `${space}${mark.replace(/[#>+=\-.)]$/, (c) => `\\${c}`)}`
          )
        : escaped
    )
      // GFM turns bare URLs and e-mail addresses into links after escapes are resolved; an invisible
      // word joiner inside the pattern is the only thing that keeps them plain text.
      .replace(/\b(https?|ftp)(?=:\/\/)/gi, `$1${WORD_JOINER}`)
      .replace(/\b(www)(?=\.)/gi, `$1${WORD_JOINER}`)
      .replace(/(?<=[\w.+-])@/g, `${WORD_JOINER}@`)
  );
}

/**
 * Escapes text for Markdown prose: no emphasis, code, link, image, HTML, table cell break, heading,
 * list, math or autolink can come out of it, and plain words stay readable. Newlines are kept.
 */
export function escapeMarkdown(text: string): string {
  return stripControl(text)
    .split('\n')
    .map((line) => escapeLine(line, true))
    .join('\n');
}

/** Escapes one line of text that follows other Markdown on its line (a heading, a list item, a table cell). */
export function escapeInline(text: string): string {
  return escapeLine(oneLine(text), false);
}

/** Escapes text for one Markdown table cell: one line, every special character escaped. */
export function escapeTableCell(text: string): string {
  return escapeInline(text);
}

// A loop rather than /\n+$/, which backtracks over every run of newlines that does not end the text.
function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}

/** Text as a fenced code block whose fence no line of the text can close. */
export function codeBlock(text: string, info = 'text'): string {
  const body = withoutTrailingNewlines(stripControl(text));
  // A loop, not Math.max(...runs): a text with hundreds of thousands of backtick runs overflows the stack.
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** A length in characters as the size a user knows from files: "4.9 KB", "10.2 MB". */
export function sizeText(chars: number): string {
  if (chars < 1024) return `${chars} characters`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}
