import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { exportFileName, worksheetJson } from '../../../src/lib/worksheet/export';
import { worksheetMarkdown } from '../../../src/lib/worksheet/writeup';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import { reduceWorksheet } from '../../../src/lib/worksheet/state';
import { codeBlock, escapeMarkdown, stripControl } from '../../../src/lib/worksheet/text';
import { comparePicks, evidenceFrom } from '../../../src/lib/worksheet/verify';
import { aquasecRun, testCatalog } from './helpers';
import { importWorksheet } from '../../../src/lib/worksheet/import-worksheet';
import {
  emptyWorksheet,
  OWN_THREAT,
  WORKSHEET_FORMAT,
  WORKSHEET_VERSION,
} from '../../../src/lib/worksheet/worksheet';

const wc = testCatalog();
const now = new Date('2025-05-01T10:00:00.000Z');
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click me](https://evil.example/a)',
  '![pixel](https://evil.example/p.png)',
  'see https://evil.example/b and www.evil.example and mail@evil.example',
  '`code` | pipe | ~~strike~~ *em* _em_ $x$',
  '# heading',
  '> quote',
  '- list item',
  '1. numbered',
  '&lt;b&gt;entity&#x3C;/b>',
  'bell\u0007 escape\u001b[31m nul\u0000 rtl\u202e',
];

const before = parseBenchRun(
  aquasecRun('20.10', [
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    {
      tag: 'FAIL',
      id: '5.10',
      title: "Ensure that the host's network namespace is not shared",
      details: HOSTILE,
    },
    {
      tag: 'FAIL',
      id: '5.11',
      title: 'Ensure that the memory usage for container is limited',
      details: ['web', 'db'],
    },
  ])
);
const after = parseBenchRun(
  aquasecRun('20.10', [
    { tag: 'PASS', id: '2.15', title: 'Ensure live restore is Enabled' },
    { tag: 'FAIL', id: '5.10', title: "Ensure that the host's network namespace is not shared" },
    { tag: 'PASS', id: '5.11', title: 'Ensure that the memory usage for container is limited' },
  ])
);

function worksheet(): Worksheet {
  const views = describeFindings(before, wc);
  let ws = reduceWorksheet(emptyWorksheet(), { type: 'set-input', text: 'pasted' });
  for (const v of views) {
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key: v.key,
      patch: { threat: 'DOCKER-D-01', why: `Why ${v.finding.id}` },
    });
  }
  const key = views[1]!.key;
  ws = reduceWorksheet(ws, {
    type: 'edit-pick',
    key,
    patch: {
      threat: OWN_THREAT,
      ownThreat: HOSTILE.join(' '),
      why: HOSTILE.join('\n'),
      steps: 'docker run --network bridge\n```\n# not a heading',
      verify: HOSTILE.join('\n'),
    },
  });
  return ws;
}

// GitHub-flavoured Markdown as Astro renders it: the strictest reader of the export at hand.
const processor = createMarkdownProcessor({ syntaxHighlight: false });
async function render(md: string): Promise<string> {
  return (await (await processor).render(md)).code;
}

describe('escaping', () => {
  test('control characters go, newline and tab stay', () => {
    expect(stripControl('a\u0000b\u0007c\u001b[31md\te\r\nf\u202eg\u0085')).toBe('abc[31md\te\nfg');
  });

  test('a code block fence is longer than any backtick run inside', () => {
    expect(codeBlock('a ```` b')).toBe('`````text\na ```` b\n`````');
  });

  test('a code block of a text with very many backtick runs is made, not a stack overflow', () => {
    const text = '` '.repeat(300_000) + '``';
    expect(codeBlock(text)).toBe(`\`\`\`text\n${text}\n\`\`\``);
  });

  test('hostile text renders as the same text, never as markup', async () => {
    for (const h of HOSTILE) {
      const html = await render(escapeMarkdown(h));
      expect(html, h).not.toMatch(
        /<(a|img|script|h\d|blockquote|ul|ol|code|em|strong|del|table|b)\b/
      );
    }
    const html = await render(escapeMarkdown('[click me](https://evil.example/a)'));
    expect(html).toBe('<p>[click me](https\u2060://evil.example/a)</p>');
  });

  test('plain titles stay readable', () => {
    expect(
      escapeMarkdown("Ensure that the 'on-failure' container restart policy is set to '5'")
    ).toBe("Ensure that the 'on-failure' container restart policy is set to '5'");
    expect(escapeMarkdown('5.10 Ensure memory is limited')).toBe('5\\.10 Ensure memory is limited');
  });
});

describe('worksheetMarkdown', () => {
  test('has the run summary, each pick with threat, reasons, steps, verification and before/after', () => {
    let ws = worksheet();
    const comparisons = comparePicks(ws.picks, before, after, wc);
    const live = comparisons[0]!;
    ws = reduceWorksheet(ws, {
      type: 'verify-pick',
      key: live.pick,
      evidence: evidenceFrom(live, now)!,
    });
    const md = worksheetMarkdown(ws, { run: before, afterRun: after, catalog: wc, now });
    expect(md).toContain('## Docker-bench Run Results and Analysis');
    expect(md).toContain('| Tool | aquasecurity/docker-bench (text output) |');
    expect(md).toContain('| Benchmark | CIS Docker 1.6.0 |\n| Recognised from | header "20.10"');
    expect(md).toContain(
      '### 1. 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled'
    );
    expect(md).toContain('```text\n[FAIL] 2.15 Ensure live restore is Enabled\n```');
    expect(md).toContain(
      '- **Threat:** DOCKER-D-01 A container exhausts the host (Denial of service, one of the five Step 1 threats)'
    );
    expect(md).toContain('- **Status:** verified');
    expect(md).toContain(
      '- **Evidence:** the run after hardening reports \\[PASS\\] 2.15 Ensure live restore is Enabled (line 3, matched by check number)'
    );
    expect(md).toContain('#### Why I harden it\n\nWhy 2.15');
    expect(md).toContain('| Result | Failed (FAIL), line 3 | Passed (PASS), line 3 |');
    expect(md).toContain(
      'In this run, 5.11 is the memory limit, the check the exercise calls 5.10'
    );
    expect(md).toContain(
      '### 3. 5.11 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure that the memory usage for container is limited'
    );
    expect(md).toContain('#### What the benchmark reported\n\n```text\nweb\ndb\n```');
    expect(md).toContain(
      '### The run after hardening\n\n1 failed and 2 passed checks, against 3 failed and 0 passed before.'
    );
  });

  test('hostile container names and answers render as text in the whole document', async () => {
    const md = worksheetMarkdown(worksheet(), { run: before, afterRun: after, catalog: wc, now });
    expect(stripControl(md)).toBe(md);
    const html = await render(md);
    expect(html).not.toMatch(/<(a|img|script|h1|blockquote)\b/);
    expect(html).not.toContain('<h4>not a heading');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    // Three sections and three picks, nothing more: hostile text adds no heading.
    expect(html.match(/<h3\b/g)).toHaveLength(6);
  });

  test('lists what is still open', () => {
    const md = worksheetMarkdown(emptyWorksheet(), { catalog: wc, now });
    expect(md).toContain('_No run pasted._');
    expect(md).toContain('Still open:\n\n- Paste a benchmark run');
  });
});

describe('JSON export and import', () => {
  test('imports back to the same worksheet, hostile text included', () => {
    const ws = worksheet();
    const json = worksheetJson(ws, now);
    expect(JSON.parse(json)).toMatchObject({
      format: WORKSHEET_FORMAT,
      version: WORKSHEET_VERSION,
      exportedAt: now.toISOString(),
    });
    expect(importWorksheet(json)).toEqual({ ok: true, worksheet: ws });
    expect(importWorksheet(`\ufeff${json}`)).toEqual({ ok: true, worksheet: ws });
  });

  test('refuses what is not a worksheet and recovers another version', () => {
    const notJson = importWorksheet('nope');
    expect(notJson.ok).toBe(false);
    expect(notJson.message).toMatch(/not JSON/);
    const notWorksheet = importWorksheet('{"a":1}');
    expect(notWorksheet.ok).toBe(false);
    expect(notWorksheet.message).toMatch(/not a worksheet/);
    const other = importWorksheet(
      JSON.stringify({
        format: WORKSHEET_FORMAT,
        version: 9,
        worksheet: { input: { text: 'x' }, picks: [{ findingId: '5.1', title: 't' }] },
      })
    );
    expect(other.ok).toBe(true);
    expect(other.message).toMatch(/another version.*1 picks/);
  });

  test('file names are dated', () => {
    expect(exportFileName('md', now)).toBe('run-analysis-2025-05-01.md');
  });
});

describe('before and after', () => {
  test('matches the same check first (id with its title or concept), then the same concept', () => {
    const ws = worksheet();
    const c = comparePicks(ws.picks, before, after, wc);
    expect(c.map((x) => [x.before?.outcome, x.after?.outcome, x.matchedBy])).toEqual([
      ['fail', 'pass', 'id'],
      ['fail', 'fail', 'id'],
      ['fail', 'pass', 'id'],
    ]);
    // CIS Docker 1.2.0 numbers the memory limit 5.10 and has no host-network check of that number: the
    // 1.6.0 picks are found by concept, never by the id that now names another check.
    const older = parseBenchRun(
      aquasecRun('18.09', [
        { tag: 'PASS', id: '5.10', title: 'Ensure that the memory usage for container is limited' },
        { tag: 'FAIL', id: '5.9', title: "Ensure that the host's network namespace is not shared" },
      ])
    );
    expect(
      comparePicks(ws.picks, before, older, wc).map((x) => [x.after?.id, x.matchedBy])
    ).toEqual([
      [undefined, undefined],
      ['5.9', 'concept'],
      ['5.10', 'concept'],
    ]);
    const unknown = parseBenchRun(
      aquasecRun('20.10', [
        { tag: 'FAIL', id: '9.9', title: 'Ensure a check the catalog does not know' },
      ])
    );
    const pick = reduceWorksheet(emptyWorksheet(), {
      type: 'pick',
      finding: unknown.findings[0]!,
    }).picks;
    const fixed = parseBenchRun(
      aquasecRun('20.10', [
        { tag: 'PASS', id: '9.9', title: 'Ensure a check the catalog does not know' },
      ])
    );
    expect(comparePicks(pick, unknown, fixed, wc)[0]).toMatchObject({
      matchedBy: 'id',
      before: { outcome: 'fail' },
      after: { outcome: 'pass' },
    });
    const byId = comparePicks(ws.picks, before, fixed, wc);
    expect(byId[2]!.after).toBeUndefined();
    expect(evidenceFrom(byId[2]!, now)).toBeUndefined();
  });
});
