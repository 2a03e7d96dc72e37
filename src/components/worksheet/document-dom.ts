import type { Block, Inline, WriteupDocument } from '../../lib/worksheet/document';
import { oneLine } from '../../lib/worksheet/text';
import { el } from './dom';

/** The write-up document as DOM, for printing; every text is a text node. */

function inline(value: Inline): Node | string {
  if (typeof value === 'string') return oneLine(value);
  return el('em', { text: oneLine('note' in value ? value.note : value.missing) });
}

function block(b: Block): HTMLElement {
  switch (b.type) {
    case 'section':
      return el('section', {}, el(`h${b.level}`, { text: oneLine(b.title) }), b.blocks.map(block));
    case 'paragraph':
      return el('p', {}, inline(b.content));
    case 'prose':
    case 'code':
      return el('pre', { class: 'print-text', text: b.text });
    case 'field':
      return el('p', {}, el('strong', { text: `${b.field.label}: ` }), inline(b.field.value));
    case 'fields':
      return el(
        'div',
        {},
        b.fields.map((f) => el('p', {}, el('strong', { text: `${f.label}: ` }), inline(f.value)))
      );
    case 'list':
      return el(
        'ul',
        {},
        b.items.map((i) => el('li', { text: oneLine(i) }))
      );
    case 'table':
      return el(
        'table',
        {},
        b.head.some((h) => h !== '')
          ? el(
              'thead',
              {},
              el(
                'tr',
                {},
                b.head.map((h) => el('th', { scope: 'col', text: h }))
              )
            )
          : null,
        el(
          'tbody',
          {},
          b.rows.map(([label = '', ...cells]) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row', text: oneLine(label) }),
              cells.map((c) => el('td', { text: oneLine(c) }))
            )
          )
        )
      );
  }
}

/** The document's blocks as elements. */
export function documentElements(doc: WriteupDocument): HTMLElement[] {
  return doc.map(block);
}
