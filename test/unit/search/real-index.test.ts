import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { realIndexFile } from './real-index';
import { TABLE } from './query-table';
import { loadSearchIndex, readSearchIndexFile, search } from '../../../src/lib/search/query';

// Built once from content/ with the endpoint's code, serialised and parsed as the browser gets it.
const json = JSON.stringify(realIndexFile());
const engine = loadSearchIndex(readSearchIndexFile(JSON.parse(json)));

describe('the real index', () => {
  test.each(TABLE)('%s', (query, expected) => {
    const [first] = search(engine, query);
    expect(first, `no result for ${query}`).toBeDefined();
    if (typeof expected === 'string') expect(first!.doc.u).toBe(expected);
    else expect(expected(first!), `first result ${first!.doc.u}`).toBe(true);
  });

  test('fits its budget: at most 60 KB gzip for the whole catalog', () => {
    expect(gzipSync(json, { level: 9 }).length).toBeLessThanOrEqual(60 * 1024);
  });

  test('every record kind is there, deep-linked', () => {
    const kinds = new Set(engine.docs.map((d) => d.k));
    expect([...kinds].sort()).toEqual([0, 1, 2, 3]);
    expect(engine.docs.some((d) => /^\/threats\/[a-z0-9-]+\/#[a-z-]+$/.test(d.u))).toBe(true);
    expect(engine.docs.some((d) => d.u.startsWith('/about/#'))).toBe(true);
    expect(engine.docs.some((d) => /^\/(?:docker|kubernetes)\/#component-/.test(d.u))).toBe(true);
  });
});
