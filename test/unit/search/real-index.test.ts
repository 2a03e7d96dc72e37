import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { realIndexFiles } from './real-index';
import { matches, TABLE } from './query-table';
import { search, SearchEngine } from '../../../src/lib/search/query';
import { memoryLoader } from '../../../src/lib/search/node';
import {
  MANIFEST_FILE,
  type DisplayDoc,
  type SearchManifest,
} from '../../../src/lib/search/format';
import { guideLink, RUN_PROBLEM_CODES, FIX_FIRST_PATHS } from '../../../src/lib/guides';
import { numberingText } from '../../../src/components/search-ui';
import { controlLabelInCheckSet } from '../../../src/lib/catalog/numbering';
import { checkSetPlatform } from '../../../src/lib/catalog/index';
import { loadSearchSource } from '../../../src/lib/search/node';
import { join } from 'node:path';

const files = realIndexFiles();
const manifest = JSON.parse(files.get(MANIFEST_FILE)!) as SearchManifest;
const engine = await SearchEngine.open(memoryLoader(files));
const displays: DisplayDoc[] = await Promise.all(
  Array.from({ length: engine.documents }, (_, doc) => engine.display(doc))
);
const gz = (name: string) => gzipSync(files.get(name)!, { level: 9 }).length;

describe('relevance: what readers type, paste and ask', () => {
  test('the table covers at least 60 queries of every kind', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  test.each(
    TABLE.map(
      (c) =>
        [
          `${c.query.length > 70 ? `${c.query.slice(0, 70)}…` : c.query}${c.context ? ` (${JSON.stringify(c.context)})` : ''}`,
          c,
        ] as const
    )
  )('%s', async (_, c) => {
    const { groups } = await search(engine, c.query, {}, c.context ? { context: c.context } : {});
    const shown = groups.map((g) => [g.page.display.u, ...g.sections.map((s) => s.display.u)]);
    expect(
      groups.slice(0, 3).some((g) => matches(g, c.top3)),
      `top 3: ${JSON.stringify(shown.slice(0, 3))}`
    ).toBe(true);
    if (c.first)
      expect(groups[0] && matches(groups[0], c.first), `first: ${JSON.stringify(shown[0])}`).toBe(
        true
      );
  });
});

describe('the real index', () => {
  test('every record kind is there, deep-linked, each part after its page', () => {
    const urls = displays.map((d) => d.u);
    expect(urls).toContain('/about/');
    expect(urls.some((u) => /^\/threats\/[a-z0-9-]+\/#[a-z-]+$/.test(u))).toBe(true);
    expect(urls.some((u) => u.startsWith('/about/#'))).toBe(true);
    expect(urls.some((u) => /^\/(?:docker|kubernetes)\/#component-/.test(u))).toBe(true);
    expect(urls.some((u) => u.startsWith('/checks/'))).toBe(true);
    expect(displays.every((d) => d.u.startsWith('/'))).toBe(true);
    expect(manifest.chunkStarts.length).toBeGreaterThan(1);
    for (let doc = 0; doc < engine.documents; doc++) {
      const page = engine.page(doc);
      expect(page).toBeLessThanOrEqual(doc);
      if (page !== doc) expect(displays[doc]?.u.startsWith(`${displays[page]?.u}#`)).toBe(true);
    }
  });

  test('a check number is labelled as the check pages label it, in the check set of the run loaded', async () => {
    const sets = loadSearchSource(join(import.meta.dirname, '../../..')).checkSets;
    for (const [query, checkSet] of [
      ['5.10', 'aquasec-cis-1.2'],
      ['5.10', 'docker-bench-security-1.6.1'],
      ['1.2.3', 'kube-bench-cis-1.20'],
    ] as const) {
      const set = sets.find((s) => s.checkSet === checkSet)!;
      const context = { platform: checkSetPlatform(set), checkSet };
      const [group] = (await search(engine, query, {}, { context })).groups;
      const label = group && numberingText(group.page);
      expect(label?.startsWith(controlLabelInCheckSet(query, set)), label).toBe(true);
    }
  });

  test('every run problem and Fix first page the worksheet links to is a search result', () => {
    const urls = new Set(displays.map((d) => d.u));
    for (const code of RUN_PROBLEM_CODES) expect(urls).toContain(guideLink(code));
    for (const path of Object.values(FIX_FIRST_PATHS)) expect(urls).toContain(path);
  });

  test('a first query reads a small part of the index: at most 30 KB gzip of index files', async () => {
    const worst = { query: '', bytes: 0 };
    for (const c of TABLE) {
      const read = new Set<string>();
      const fresh = await SearchEngine.open(memoryLoader(files, (n) => read.add(n)));
      await search(fresh, c.query, {}, c.context ? { context: c.context } : {});
      const bytes = [...read].reduce((sum, n) => sum + gz(n), 0);
      if (bytes > worst.bytes) Object.assign(worst, { query: c.query, bytes });
    }
    expect(worst.bytes, `"${worst.query}"`).toBeLessThanOrEqual(30 * 1024);
  });
});
