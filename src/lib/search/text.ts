/** Plain text out of the Markdown pages are made from, for indexing; good enough to search, never rendered. */

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

/** Markdown or MDX to plain text: links keep their text, citation links, JSX tags and markup go. */
export function markdownToText(markdown: string): string {
  return collapse(
    markdown
      .replace(/^(?:import|export)\s.*$/gm, ' ')
      // Each pattern stops at the next opening character, so no input makes it scan twice.
      .replace(/<[^<>]*>/g, ' ')
      .replace(/\[\[\d+\]\]\([^()]*\)/g, ' ')
      .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
      .replace(/^\s{0,3}(?:#{1,6}|[->*+]|\d+\.)\s+/gm, ' ')
      .replace(/[`*]+/g, '')
      // Underscores inside a word (CAP_NET_RAW) belong to it; only emphasis markers at word edges go.
      .replace(/\b_+|(?<!_)_+\b/g, '')
  );
}

/** Splits Markdown at its level-2 headings; text before the first heading is dropped. */
export function markdownSections(markdown: string): TextSection[] {
  const sections: TextSection[] = [];
  const parts = markdown.split(/^##[ \t](.+)$/m);
  for (let i = 1; i < parts.length; i += 2) {
    const heading = markdownToText(parts[i] ?? '');
    sections.push({ id: headingSlug(heading), heading, text: markdownToText(parts[i + 1] ?? '') });
  }
  return sections;
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
