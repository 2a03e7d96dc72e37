/** Plain text out of the sources pages are made from, for indexing; good enough to search, never rendered. */

/** A heading with the text under it, up to the next heading of the same level. */
export interface TextSection {
  /** The heading's anchor id, as the page renders it. */
  id: string;
  heading: string;
  text: string;
}

/** The anchor a Markdown heading gets (github-slugger rules for the characters headings here use). */
export function headingSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Markdown or MDX to plain text: links keep their text, citation links and markup go. */
export function markdownToText(markdown: string): string {
  return collapse(
    markdown
      .replace(/^(?:import|export)\s.*$/gm, ' ')
      .replace(/<[^<>]+>/g, ' ')
      .replace(/\[\[\d+\]\]\([^)]*\)/g, ' ')
      .replace(/!?\[([^[\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(?:#{1,6}|[-*+>]|\d+\.)\s+/gm, ' ')
      .replace(/[`*]+/g, '')
      // Underscores inside a word (CAP_NET_RAW) belong to it; a run at one edge of a word is emphasis.
      .replace(/_+/g, (run: string, at: number, text: string) =>
        isWordCharacter(text[at - 1]) === isWordCharacter(text[at + run.length]) ? run : ''
      )
  );
}

const isWordCharacter = (character: string | undefined) =>
  character !== undefined && /\w/.test(character);

/** Splits Markdown at its level-2 headings; text before the first heading is dropped. */
export function markdownSections(markdown: string): TextSection[] {
  const sections: TextSection[] = [];
  const parts = markdown.split(/^##[ \t]+(\S.*)$/m);
  for (let i = 1; i < parts.length; i += 2) {
    const heading = markdownToText(parts[i] ?? '');
    sections.push({ id: headingSlug(heading), heading, text: markdownToText(parts[i + 1] ?? '') });
  }
  return sections;
}

/**
 * The `<h2 id="…">` sections of an .astro page's template, with the static text under each.
 * Text produced by `{expressions}` is left out; headings without an id are skipped.
 */
export function astroSections(source: string): TextSection[] {
  const template = source.replace(/^---[\s\S]*?\n---/, '');
  const sections: TextSection[] = [];
  const parts = template.split(/<h2\s[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/);
  for (let i = 1; i + 1 < parts.length; i += 3) {
    const body = parts[i + 2] ?? '';
    sections.push({
      id: parts[i] ?? '',
      heading: htmlToText(parts[i + 1] ?? ''),
      text: htmlToText(body),
    });
  }
  return sections;
}

/** Drops tags, `{expressions}` (with nested braces) and entities from a template fragment. */
export function htmlToText(fragment: string): string {
  let out = '';
  let depth = 0;
  for (const ch of fragment) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return collapse(
    out
      .replace(/<[^<>]*>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&[a-z]+;|&#\d+;/g, ' ')
  );
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
