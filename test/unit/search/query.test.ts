import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import lunr from 'lunr';
import { buildSearchIndex, frontCode, frontDecode, MAX_TF } from '../../../src/lib/search/build';
import {
  loadSearchIndex,
  readSearchIndexFile,
  queryWords,
  search,
  MAX_QUERY_WORDS,
} from '../../../src/lib/search/query';
import { indexTerms } from '../../../src/lib/search/tokenizer';
import type { SearchRecord } from '../../../src/lib/search/records';

const record = (
  over: Partial<SearchRecord> & Pick<SearchRecord, 'url' | 'title'>
): SearchRecord => ({
  kind: 'page',
  stride: [],
  ids: '',
  keywords: '',
  text: '',
  excerpt: '',
  ...over,
});

const records: SearchRecord[] = [
  record({
    url: '/threats/k8s-i-01/',
    title: 'Secrets read straight from etcd',
    kind: 'threat',
    platform: 'kubernetes',
    stride: ['information-disclosure'],
    ids: 'K8S-I-01',
    label: 'K8S-I-01',
    text: 'Anyone with the etcd client key reads every Secret.',
  }),
  record({
    url: '/threats/docker-s-01/',
    title: 'A container impersonates its neighbours',
    kind: 'threat',
    platform: 'docker',
    stride: ['spoofing'],
    ids: 'DOCKER-S-01',
    label: 'DOCKER-S-01',
    text: 'CAP_NET_RAW lets a container forge ARP replies on docker0.',
  }),
  record({
    url: '/checks/docker/memory-limit/',
    title: 'Memory limit',
    kind: 'check',
    platform: 'docker',
    ids: '5.10 5.11',
    label: '5.10 5.11',
    keywords: 'memory-limit Ensure that the memory usage for containers is limited',
    text: 'Checks that every container has a memory limit.',
  }),
  record({
    url: '/checks/docker/host-network/',
    title: 'Host network namespace',
    kind: 'check',
    platform: 'docker',
    ids: '5.9 5.10',
    label: '5.9 5.10',
    keywords: 'Ensure the host network namespace is not shared',
    text: 'Checks --network host is not used.',
  }),
  record({
    url: '/checks/docker/icc/',
    title: 'Inter-container communication',
    kind: 'check',
    platform: 'docker',
    ids: '2.1',
    label: '2.1',
    keywords: '--icc',
    text: 'Start dockerd with --icc=false.',
  }),
  record({
    url: '/kubernetes/#component-kubelet',
    title: 'kubelet',
    kind: 'component',
    platform: 'kubernetes',
    stride: ['tampering', 'repudiation'],
    ids: 'kubelet',
    keywords: '10250/tcp',
    text: 'The node agent.',
  }),
  record({
    url: '/about/#stride',
    title: 'What STRIDE is',
    text: 'Elevation of privilege and denial of service are two of the six.',
  }),
];
const file = buildSearchIndex(records);
const engine = loadSearchIndex(readSearchIndexFile(JSON.parse(JSON.stringify(file))));
const first = (q: string, filters = {}) => search(engine, q, filters)[0]?.doc.u;

describe('the compact index', () => {
  test('reads back from JSON as written, and names what is wrong in a file that does not fit', () => {
    const json = JSON.parse(JSON.stringify(file)) as unknown;
    expect(readSearchIndexFile(json)).toEqual(file);
    const broken = (change: (copy: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
      change(copy);
      return () => readSearchIndexFile(copy);
    };
    expect(() => readSearchIndexFile('<!doctype html>')).toThrow(/not a JSON object/);
    expect(broken((c) => (c.v = 2))).toThrow(/version 2, expected 1/);
    expect(broken((c) => (c.postings = 'a,b'))).toThrow(/"postings" is not a list of strings/);
    expect(broken((c) => (c.docs = [...file.docs, { u: '/x/', k: 0, x: '' }]))).toThrow(
      new RegExp(`document ${file.docs.length} lacks its url, title`)
    );
    expect(broken((c) => (c.docs = [{ ...file.docs[0], p: 'docker' }]))).toThrow(/document 0/);
  });

  test('front coding round-trips', () => {
    const terms = ['', '--icc', '5.10', '5.11', 'a'.repeat(40), 'a'.repeat(41), 'abc', 'abd'];
    expect(frontDecode(frontCode(terms))).toEqual(terms);
  });

  test('loads into the same index lunr builds from the same terms', () => {
    const direct = lunr(function () {
      this.ref('r');
      for (const [field, boost] of [
        ['ids', 12],
        ['title', 6],
        ['keywords', 2],
        ['text', 1],
      ] as const)
        this.field(field, { boost });
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.tokenizer = ((value: unknown) =>
        indexTerms(typeof value === 'string' ? value : '').map(
          (t) => new lunr.Token(t, {})
        )) as unknown as typeof lunr.tokenizer;
      records.forEach((r, i) =>
        this.add({ r: String(i), ids: r.ids, title: r.title, keywords: r.keywords, text: r.text })
      );
      // The compact form keeps term frequencies only up to MAX_TF; lunr builds field vectors after this.
      const frequencies = (
        this as unknown as { fieldTermFrequencies: Record<string, Record<string, number>> }
      ).fieldTermFrequencies;
      for (const table of Object.values(frequencies))
        for (const term of Object.keys(table)) table[term] = Math.min(table[term] ?? 1, MAX_TF);
    });
    // Term numbers differ (insertion order there, sorted here), so compare by term.
    const byTerm = (index: lunr.Index) => {
      const json = index.toJSON() as unknown as {
        fieldVectors: [string, number[]][];
        invertedIndex: [string, Record<string, unknown>][];
      };
      const names = new Map(
        json.invertedIndex.map(([term, posting]) => [posting._index as number, term])
      );
      const postings = Object.fromEntries(
        json.invertedIndex.map(([term, { _index, ...fields }]) => [term, fields])
      );
      const vectors = Object.fromEntries(
        json.fieldVectors.map(([ref, v]) => [
          ref,
          Object.fromEntries(v.flatMap((x, i) => (i % 2 === 0 ? [[names.get(x), v[i + 1]]] : []))),
        ])
      );
      return { postings, vectors };
    };
    expect(byTerm(engine.index)).toEqual(byTerm(direct));
  });
});

describe('search', () => {
  test('ids, flags and capabilities match whole and by part', () => {
    expect(first('K8S-I-01')).toBe('/threats/k8s-i-01/');
    expect(first('k8s-i-01')).toBe('/threats/k8s-i-01/');
    expect(first('--icc')).toBe('/checks/docker/icc/');
    expect(first('icc')).toBe('/checks/docker/icc/');
    expect(first('net_raw')).toBe('/threats/docker-s-01/');
    expect(first('10250')).toBe('/kubernetes/#component-kubelet');
  });

  test('the number a concept has in most check sets comes first', () => {
    expect(
      search(engine, '5.10')
        .map((r) => r.doc.u)
        .slice(0, 2)
    ).toEqual(['/checks/docker/memory-limit/', '/checks/docker/host-network/']);
  });

  test('the last word is a prefix while typing, not on a submitted search', () => {
    expect(first('kube')).toBe('/kubernetes/#component-kubelet');
    expect(first('etc')).toBe('/threats/k8s-i-01/');
    expect(search(engine, 'etc', {}, { prefix: false })).toEqual([]);
  });

  test('synonyms and typos', () => {
    expect(first('privesc')).toBe('/about/#stride');
    expect(first('dos')).toBe('/about/#stride');
    expect(first('kubelt')).toBe('/kubernetes/#component-kubelet');
    expect(first('memroy')).toBe('/checks/docker/memory-limit/');
  });

  test('all words must match when some document has them all, otherwise any may', () => {
    expect(search(engine, 'etcd secret').map((r) => r.doc.u)).toEqual(['/threats/k8s-i-01/']);
    const any = search(engine, 'etcd zzzzqqq');
    expect(any.map((r) => r.doc.u)).toEqual(['/threats/k8s-i-01/']);
    const either = search(engine, 'etcd arp', {}, { prefix: false }).map((r) => r.doc.u);
    expect(either).toEqual(expect.arrayContaining(['/threats/k8s-i-01/', '/threats/docker-s-01/']));
  });

  test('filters narrow by platform, STRIDE category and kind', () => {
    expect(search(engine, '5.10', { kind: 'threat' })).toEqual([]);
    expect(
      search(engine, 'container', { platform: 'kubernetes' }).every((r) => r.doc.p === 1)
    ).toBe(true);
    expect(search(engine, 'kubelet', { stride: 'repudiation' }).map((r) => r.doc.u)).toEqual([
      '/kubernetes/#component-kubelet',
    ]);
    expect(search(engine, 'kubelet', { stride: 'spoofing' })).toEqual([]);
  });

  test('results carry the matched index terms', () => {
    expect(search(engine, 'privileges')[0]?.terms).toContain('privileg');
  });
});

describe('hostile input', () => {
  const hostile = [
    '',
    ' ',
    ':',
    '+',
    '-',
    '~',
    '^',
    '*',
    '"',
    "'",
    'title:etcd',
    '+etcd -kubelet',
    'etcd~2',
    'etcd^10',
    'etc*',
    '*etcd',
    '"etcd client"',
    '\\',
    '(((',
    '[a-',
    '}{',
    '--',
    '-.-',
    '...',
    '5.',
    '.5',
    '%00',
    '\u0000',
    '\uD800',
    '🐳',
    '🐳 etcd',
    '👩‍👩‍👧',
    'x'.repeat(10_000),
    'a '.repeat(5_000),
    'constructor',
    '__proto__',
    'hasOwnProperty',
    'toString',
    'null',
    'undefined',
    'NaN',
  ];

  test.each(
    hostile.map((q) => [
      q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q),
      q,
    ])
  )('%s does not throw', (_, q) => {
    expect(() => search(engine, q)).not.toThrow();
    expect(() => search(engine, q, {}, { prefix: false })).not.toThrow();
  });

  test('operators are ignored and the words still match', () => {
    expect(first('title:etcd')).toBe('/threats/k8s-i-01/');
    expect(first('+etcd')).toBe('/threats/k8s-i-01/');
    expect(first('etcd~2')).toBe('/threats/k8s-i-01/');
    expect(first('etcd^10')).toBe('/threats/k8s-i-01/');
    expect(first('"etcd"')).toBe('/threats/k8s-i-01/');
    expect(first('🐳 etcd')).toBe('/threats/k8s-i-01/');
  });

  test('a long query is cut to a few words', () => {
    expect(queryWords('w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11').length).toBe(MAX_QUERY_WORDS);
  });

  test('no string throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (q) => {
        search(engine, q);
      }),
      { numRuns: 500 }
    );
  });
});
