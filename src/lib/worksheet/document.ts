import { codeBlock, escapeInline, escapeMarkdown, oneLine, stripControl } from './text';

/**
 * The write-up as one document structure, built once (writeup.ts) and rendered three ways: Markdown and
 * plain text here, DOM for printing beside the page's elements. Text in it is plain text as the user or
 * the run wrote it; each renderer makes it safe for its format.
 */

/** A run of text: plain, a note of ours (italic in Markdown), or a placeholder for what is missing. */
export type Inline = string | { note: string } | { missing: string };

export interface Field {
  label: string;
  value: Inline;
}

export type Block =
  | { type: 'section'; level: 2 | 3 | 4; title: string; blocks: Block[] }
  | { type: 'paragraph'; content: Inline }
  /** The user's own text, its lines kept. */
  | { type: 'prose'; text: string }
  /** Text shown exactly as written: commands, what the benchmark printed. */
  | { type: 'code'; text: string }
  /** One labelled value on a line of its own. */
  | { type: 'field'; field: Field }
  /** Labelled values, one per line. */
  | { type: 'fields'; fields: Field[] }
  | { type: 'list'; items: string[] }
  /** A table; a head of empty cells is not shown. The first cell of each row labels it. */
  | { type: 'table'; head: string[]; rows: string[][] };

export type WriteupDocument = Block[];

export const section = (level: 2 | 3 | 4, title: string, blocks: Block[]): Block => ({
  type: 'section',
  level,
  title,
  blocks,
});
export const paragraph = (content: Inline): Block => ({ type: 'paragraph', content });
export const note = (text: string): Inline => ({ note: text });
export const missing = (text: string): Inline => ({ missing: text });

/** The words of an inline, whatever its kind. */
export function inlineText(inline: Inline): string {
  return typeof inline === 'string' ? inline : 'note' in inline ? inline.note : inline.missing;
}

// Markdown

function inlineMarkdown(inline: Inline, atLineStart: boolean): string {
  if (typeof inline === 'string')
    return atLineStart ? escapeMarkdown(oneLine(inline)) : escapeInline(inline);
  return `_${escapeInline(inlineText(inline))}_`;
}

function blockMarkdown(block: Block): string[] {
  switch (block.type) {
    case 'section':
      return [
        `${'#'.repeat(block.level)} ${escapeInline(block.title)}`,
        ...block.blocks.flatMap(blockMarkdown),
      ];
    case 'paragraph':
      return [inlineMarkdown(block.content, true)];
    case 'prose':
      return [escapeMarkdown(block.text.trim())];
    case 'code':
      return [codeBlock(block.text)];
    case 'field':
      return [
        `**${escapeInline(block.field.label)}:** ${inlineMarkdown(block.field.value, false)}`,
      ];
    case 'fields':
      return [
        block.fields
          .map((f) => `- **${escapeInline(f.label)}:** ${inlineMarkdown(f.value, false)}`)
          .join('\n'),
      ];
    case 'list':
      return [block.items.map((i) => `- ${escapeInline(i)}`).join('\n')];
    case 'table': {
      const row = (cells: string[]) =>
        `|${cells.map((c) => (c ? ` ${escapeInline(c)} ` : ' ')).join('|')}|`;
      return [
        [
          row(block.head),
          `|${block.head.map(() => '---').join('|')}|`,
          ...block.rows.map(row),
        ].join('\n'),
      ];
    }
  }
}

/** The document as Markdown in which nothing the user or the run wrote becomes markup or a link. */
export function documentMarkdown(doc: WriteupDocument): string {
  return `${doc.flatMap(blockMarkdown).join('\n\n').trimEnd()}\n`;
}

// Plain text

/** User text for plain text: control and direction-changing characters removed, blank lines kept out. */
function plainLines(text: string): string[] {
  return stripControl(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}

function inlinePlain(inline: Inline): string {
  if (typeof inline === 'string') return oneLine(inline);
  return 'note' in inline ? oneLine(inline.note) : `(${oneLine(inline.missing)})`;
}

/** A table as lines: "label: value" rows, or, under column heads, "row label column head: value". */
function tableLines(head: string[], rows: string[][]): string[] {
  if (head.every((h) => h === ''))
    return rows.map(
      ([label = '', ...cells]) => `${oneLine(label)}: ${cells.map(oneLine).join(', ')}`
    );
  return head.slice(1).flatMap((column, i) =>
    rows.flatMap(([label = '', ...cells]) => {
      const cell = oneLine(cells[i] ?? '');
      return cell ? [`${oneLine(label)} ${oneLine(column).toLowerCase()}: ${cell}`] : [];
    })
  );
}

// Parts and threats stand apart by a blank line; what is inside one follows line by line.
function textChunks(blocks: Block[]): { text: string; apart: boolean }[] {
  return blocks.map((block) => {
    switch (block.type) {
      case 'section': {
        const body = joinChunks(textChunks(block.blocks));
        if (block.level === 2) return { text: `${oneLine(block.title)}\n\n${body}`, apart: true };
        if (block.level === 3) return { text: `${oneLine(block.title)}\n${body}`, apart: true };
        return { text: `${oneLine(block.title)}:\n${body}`, apart: false };
      }
      case 'paragraph':
        return { text: inlinePlain(block.content), apart: false };
      case 'prose':
      case 'code':
        return { text: plainLines(block.text).join('\n'), apart: false };
      case 'field':
        return { text: `${block.field.label}: ${inlinePlain(block.field.value)}`, apart: false };
      case 'fields':
        return {
          text: block.fields.map((f) => `${f.label}: ${inlinePlain(f.value)}`).join('\n'),
          apart: false,
        };
      case 'list':
        return { text: block.items.map((i) => `• ${oneLine(i)}`).join('\n'), apart: false };
      case 'table':
        return { text: tableLines(block.head, block.rows).join('\n'), apart: false };
    }
  });
}

function joinChunks(chunks: { text: string; apart: boolean }[]): string {
  let out = '';
  let lastApart = false;
  for (const c of chunks) {
    if (!c.text) continue;
    if (out) out += c.apart || lastApart ? '\n\n' : '\n';
    out += c.text.trimEnd();
    lastApart = c.apart;
  }
  return out;
}

/** The document as plain text without Markdown syntax, ready to paste into a template. */
export function documentText(doc: WriteupDocument): string {
  return `${joinChunks(textChunks(doc)).trimEnd()}\n`;
}
