import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, brokenLinks, builtHtml, builtPages, DIST, watch } from './helpers';

const pages = builtPages();

test('the built site has the pages a reader expects', () => {
  for (const p of ['/', '/docker/', '/kubernetes/', '/threats/', '/about/'])
    expect(pages).toContain(p);
  expect(
    pages.filter((p) => p.startsWith('/threats/') && p !== '/threats/').length
  ).toBeGreaterThanOrEqual(10);
});

test('every internal link and fragment in dist resolves', () => {
  expect(brokenLinks()).toEqual([]);
});

// Shards let the two workers share the pages, about 70 each; every page is checked in both themes.
const SHARDS = 6;
const cases = (['light', 'dark'] as const).flatMap((theme) =>
  Array.from({ length: SHARDS }, (_, shard) => ({ theme, shard }))
);
for (const { theme, shard } of cases) {
  test(`axe finds no violation on any page in the ${theme} theme (part ${shard + 1} of ${SHARDS})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    const report: string[] = [];
    for (const p of pages.filter((_, i) => i % SHARDS === shard)) {
      await page.goto(p);
      for (const v of await axeViolations(page))
        report.push(`${p}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.slice(0, 3))}`);
    }
    expect(report).toEqual([]);
  });
}

test('no page requests anything from another origin or logs an error', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  for (const p of pages) await page.goto(p, { waitUntil: 'load' });
  const origin = new URL(baseURL!).origin;
  expect(seen.requests.length).toBeGreaterThan(pages.length);
  expect(seen.requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('content pages ship no diagram JavaScript', () => {
  for (const p of pages) {
    for (const [, src] of builtHtml(p).matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) {
      expect(readFileSync(join(DIST, src!), 'utf8'), `${p} loads ${src}`).not.toMatch(/mermaid/i);
    }
  }
});

// Whitespace inside a link or other inline element, or before the punctuation that follows it, is
// rendered: "Docker " underlined, "runc , containerd". Formatting markup inside Astro expressions adds
// such whitespace, so the built pages are checked rather than the sources.
test('no inline element starts or ends with a space, and no space stands before punctuation', () => {
  const inline = new Set(
    'a abbr b cite code em i kbd mark q samp small span strong sub sup time var'.split(' ')
  );
  const found: string[] = [];
  for (const p of pages) {
    // Whitespace in preformatted text and scripts is content.
    const html = builtHtml(p).replace(/<(pre|script|style|textarea)\b[^>]*>.*?<\/\1>/gs, '');
    const report = (index: number, what: string) =>
      found.push(`${p}: ${what}: …${html.slice(Math.max(0, index - 40), index + 40)}…`);
    for (const m of html.matchAll(/<([a-z]+)(\s[^>]*)?>\s/g))
      // Text only screen readers read may lead with a space that separates it from the visible text.
      if (inline.has(m[1]!) && !/\bclass="[^"]*\bvisually-hidden\b/.test(m[2] ?? ''))
        report(m.index, 'space at the start of an inline element');
    for (const m of html.matchAll(/\s<\/([a-z]+)>/g))
      if (inline.has(m[1]!)) report(m.index, 'space at the end of an inline element');
    for (const m of html.matchAll(/<\/([a-z]+)>\s+[),.:;]/g))
      if (inline.has(m[1]!)) report(m.index, 'space between an inline element and punctuation');
    for (const m of html.matchAll(/[^\s<>]\s+[),.:;](?=[\s<])/g))
      report(m.index, 'space before punctuation');
  }
  expect(found.length, found.slice(0, 20).join('\n')).toBe(0);
});

test('every table row has a cell for each column of its header', () => {
  const short: string[] = [];
  const cells = (row: string) => row.match(/<t[dh][\s>]/g)?.length ?? 0;
  for (const p of pages) {
    for (const [, table] of builtHtml(p).matchAll(/<table\b(.*?)<\/table>/gs)) {
      const head = /<thead\b.*?<\/thead>/s.exec(table!)?.[0];
      const body = /<tbody\b.*?<\/tbody>/s.exec(table!)?.[0];
      if (!head || !body) continue;
      const columns = cells(head);
      for (const row of body.split(/<tr[\s>]/).slice(1))
        if (cells(row) !== columns)
          short.push(`${p}: ${cells(row)} of ${columns} cells in ${row.slice(0, 80)}…`);
    }
  }
  expect(short.length, short.slice(0, 20).join('\n')).toBe(0);
});
