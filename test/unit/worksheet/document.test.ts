import { describe, expect, test } from 'vitest';
import {
  documentMarkdown,
  documentText,
  missing,
  note,
  paragraph,
  section,
  type WriteupDocument,
} from '../../../src/lib/worksheet/document';

const doc: WriteupDocument = [
  section(2, 'Part', [
    paragraph(note('A note of ours.')),
    section(3, '1. First', [
      { type: 'field', field: { label: 'Component', value: 'dockerd' } },
      { type: 'prose', text: 'Line one *not em*\n\n# not a heading' },
      { type: 'fields', fields: [{ label: 'Status', value: 'planned' }] },
      section(4, 'Steps', [{ type: 'code', text: 'docker run ```x```' }]),
      section(4, 'Why', [paragraph(missing('Not written yet.'))]),
      { type: 'table', head: ['', 'Before', 'After'], rows: [['Result', 'Failed', '']] },
    ]),
    paragraph('Still open:'),
    { type: 'list', items: ['one [link](https://example.org)', 'two'] },
    { type: 'table', head: ['', ''], rows: [['Tool', 'kube-bench']] },
  ]),
];

describe('the write-up document', () => {
  test('as Markdown: headings, bold labels, escaped text, fenced code, tables', () => {
    expect(documentMarkdown(doc)).toBe(
      [
        '## Part',
        '_A note of ours._',
        '### 1. First',
        '**Component:** dockerd',
        'Line one \\*not em\\*\n\n\\# not a heading',
        '- **Status:** planned',
        '#### Steps',
        '````text\ndocker run ```x```\n````',
        '#### Why',
        '_Not written yet._',
        '| | Before | After |\n|---|---|---|\n| Result | Failed | |',
        'Still open:',
        '- one \\[link\\](https\u2060://example.org)\n- two',
        '| | |\n|---|---|\n| Tool | kube-bench |',
      ].join('\n\n') + '\n'
    );
  });

  test('as plain text: the same words without Markdown syntax, parts and sections apart', () => {
    expect(documentText(doc)).toBe(
      [
        'Part',
        '',
        'A note of ours.',
        '',
        '1. First',
        'Component: dockerd',
        'Line one *not em*',
        '# not a heading',
        'Status: planned',
        'Steps:',
        'docker run ```x```',
        'Why:',
        '(Not written yet.)',
        'Result before: Failed',
        '',
        'Still open:',
        '• one [link](https://example.org)',
        '• two',
        'Tool: kube-bench',
        '',
      ].join('\n')
    );
  });
});
