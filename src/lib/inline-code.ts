/** A piece of plain text, or of text that was written between backticks. */
export interface TextPart {
  code: boolean;
  text: string;
}

/** Splits text at backtick pairs so `flags` render as code; an unpaired backtick stays text. */
export function splitInlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /`([^`\n]+)`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}
