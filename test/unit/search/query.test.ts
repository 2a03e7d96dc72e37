import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { buildSearchFiles } from '../../../src/lib/search/build';
import {
  frontCode,
  frontDecode,
  MANIFEST_FILE,
  packFacets,
  unpackFacets,
  type CheckSetInfo,
  type SearchManifest,
} from '../../../src/lib/search/format';
import {
  checkNumbering,
  isQuestion,
  queryWords,
  search,
  SearchEngine,
  withinEdits,
  MAX_QUERY_WORDS,
  type SearchFilters,
  type SearchOptions,
} from '../../../src/lib/search/query';
import { memoryLoader } from '../../../src/lib/search/node';
import type { SearchRecord } from '../../../src/lib/search/records';
import { parseStoredContext, searchContext } from '../../../src/lib/search/context';
import { platformOfPath, storedContextText } from '../../../src/lib/search/reader';

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

const CHECK_SETS: CheckSetInfo[] = [
  {
    id: 'aquasec-cis-1.2',
    label: 'CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2',
    platform: 'docker',
  },
  {
    id: 'docker-bench-security-1.6.1',
    label: 'CIS Docker 1.6.0, docker-bench-security v1.6.1',
    platform: 'docker',
  },
  {
    id: 'kube-bench-cis-1.12',
    label: 'CIS Kubernetes 1.12, kube-bench cis-1.12',
    platform: 'kubernetes',
  },
];

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
    url: '/threats/k8s-i-01/#attack-scenario',
    title: 'Attack scenario',
    kind: 'threat',
    platform: 'kubernetes',
    stride: ['information-disclosure'],
    label: 'K8S-I-01',
    keywords: 'Attack scenario',
    text: 'The attacker copies an etcd snapshot and reads every Secret in it.',
    parent: '/threats/k8s-i-01/',
  }),
  record({
    url: '/threats/k8s-i-01/#impact',
    title: 'Impact',
    kind: 'threat',
    platform: 'kubernetes',
    stride: ['information-disclosure'],
    label: 'K8S-I-01',
    keywords: 'Impact',
    text: 'Every credential stored in etcd is disclosed.',
    parent: '/threats/k8s-i-01/',
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
    url: '/threats/docker-e-01/',
    title: 'Escaping to the host through privileged settings',
    kind: 'threat',
    platform: 'docker',
    stride: ['elevation-of-privilege'],
    ids: 'DOCKER-E-01',
    label: 'DOCKER-E-01',
    text: 'A privileged container is root on the host.',
  }),
  record({
    url: '/checks/docker/memory-limit/',
    title: 'Memory limit',
    kind: 'check',
    platform: 'docker',
    ids: '5.10 5.10 5.11',
    label: '5.10 5.11',
    keywords: 'memory-limit Ensure that the memory usage for containers is limited',
    text: 'Checks that every container has a memory limit.',
    numbering: [
      { id: '5.10', checkSets: ['aquasec-cis-1.2'] },
      { id: '5.11', checkSets: ['docker-bench-security-1.6.1'] },
    ],
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
    numbering: [
      { id: '5.9', checkSets: ['aquasec-cis-1.2'] },
      { id: '5.10', checkSets: ['docker-bench-security-1.6.1'] },
    ],
  }),
  record({
    url: '/checks/docker/privileged/',
    title: 'No privileged containers',
    kind: 'check',
    platform: 'docker',
    stride: ['elevation-of-privilege'],
    ids: '5.4',
    label: '5.4',
    keywords: '--privileged',
    text: 'Checks that no container runs privileged.',
    numbering: [{ id: '5.4', checkSets: ['aquasec-cis-1.2'] }],
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
    url: '/checks/kubernetes/audit-1-2-3/',
    title: 'Audit the API server',
    kind: 'check',
    platform: 'kubernetes',
    ids: '1.2.3 1.2.3',
    label: '1.2.3',
    text: 'Checks the API server audit flags.',
    numbering: [{ id: '1.2.3', checkSets: ['kube-bench-cis-1.12'] }],
  }),
  record({
    url: '/checks/docker/audit-daemon/',
    title: 'Audit the Docker daemon',
    kind: 'check',
    platform: 'docker',
    ids: '1.5 1.2.3',
    label: '1.5 1.2.3',
    text: 'Checks for an audit rule on dockerd.',
    numbering: [
      { id: '1.5', checkSets: ['docker-bench-security-1.6.1'] },
      { id: '1.2.3', checkSets: ['aquasec-cis-1.2'] },
    ],
  }),
  record({
    url: '/kubernetes/',
    title: 'Kubernetes model',
    platform: 'kubernetes',
    text: 'A cluster with its control plane.',
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
    parent: '/kubernetes/',
  }),
  record({
    url: '/guides/reading-a-run/',
    title: 'Reading a benchmark run',
    kind: 'guide',
    text: 'What the error lines of a run mean.',
  }),
  record({
    url: '/guides/reading-a-run/#missing-program',
    title: 'Missing program',
    kind: 'guide',
    keywords: 'Missing program /bin/sh: 1: auditctl: not found',
    text: 'auditctl comes with the audit tools, which minimal hosts lack.',
    parent: '/guides/reading-a-run/',
  }),
  record({
    url: '/about/',
    title: 'About the method',
    text: 'How the models were built.',
  }),
  record({
    url: '/about/#stride',
    title: 'What STRIDE is',
    text: 'Elevation of privilege and denial of service are two of the six.',
    parent: '/about/',
  }),
];

const files = buildSearchFiles(records, CHECK_SETS);
const engine = await SearchEngine.open(memoryLoader(files));
const run = (q: string, filters: SearchFilters = {}, options: SearchOptions = {}) =>
  search(engine, q, filters, options);
/** The URL of the first result: its page, or the part it leads to when only parts matched. */
const first = async (q: string, filters: SearchFilters = {}, options: SearchOptions = {}) => {
  const [group] = (await run(q, filters, options)).groups;
  if (!group) return undefined;
  return group.matched ? group.page.display.u : group.sections[0]?.display.u;
};
const pages = async (q: string, filters: SearchFilters = {}, options: SearchOptions = {}) =>
  (await run(q, filters, options)).groups.map((g) => g.page.display.u);

describe('the shipped index', () => {
  test('front coding round-trips', () => {
    const terms = ['', '--icc', '5.10', '5.11', 'a'.repeat(40), 'a'.repeat(41), 'abc', 'abd'];
    expect(frontDecode(frontCode(terms))).toEqual(terms);
  });

  test('facets pack into two base-36 characters and back', () => {
    for (const [kind, platform, stride] of [
      [0, 0, 0],
      [4, 2, 63],
      [1, 1, 5],
    ] as const) {
      const packed = packFacets(kind, platform, stride);
      expect(packed).toBeLessThan(36 * 36);
      expect(unpackFacets(packed)).toEqual({ kind, platform, stride });
    }
  });

  test('a query reads the manifest, the shards of its words and the display of what it shows, nothing else', async () => {
    const read = new Set<string>();
    const counted = await SearchEngine.open(memoryLoader(files, (n) => read.add(n)));
    await search(counted, 'etcd');
    const manifest = JSON.parse(files.get(MANIFEST_FILE)!) as SearchManifest;
    expect(read.has(MANIFEST_FILE)).toBe(true);
    expect([...read].every((n) => n === MANIFEST_FILE || files.has(n))).toBe(true);
    expect([...read].filter((n) => n.startsWith(`${manifest.dir}/t`)).length).toBeGreaterThan(0);
    expect([...read].some((n) => n.startsWith(`${manifest.dir}/w`))).toBe(false);
  });

  test('the files live in a folder named by a hash of their content, so a changed index gets a new one', () => {
    const folder = (f: Map<string, string>) =>
      (JSON.parse(f.get(MANIFEST_FILE)!) as SearchManifest).dir;
    const again = buildSearchFiles(records, CHECK_SETS);
    const changed = buildSearchFiles(
      records.map((r, i) => (i === 0 ? { ...r, excerpt: 'changed' } : r)),
      CHECK_SETS
    );
    expect(folder(again)).toBe(folder(files));
    expect(folder(changed)).not.toBe(folder(files));
    expect(
      [...files.keys()].every((n) => n === MANIFEST_FILE || n.startsWith(`${folder(files)}/`))
    ).toBe(true);
  });

  test('a record whose page comes after it is refused at build time', () => {
    expect(() =>
      buildSearchFiles(
        [record({ url: '/a/#b', title: 'B', parent: '/a/' }), record({ url: '/a/', title: 'A' })],
        []
      )
    ).toThrow(/must come before it/);
  });

  test('an index of another version, or a manifest naming a folder outside the index, is refused', async () => {
    const old = new Map(files);
    old.set(MANIFEST_FILE, JSON.stringify({ v: 1, docs: [] }));
    await expect(SearchEngine.open(memoryLoader(old))).rejects.toThrow(
      /manifest.json has version 1, not version 2/
    );
    old.set(MANIFEST_FILE, '"<!doctype html>"');
    await expect(SearchEngine.open(memoryLoader(old))).rejects.toThrow(/is not a JSON object/);
    const manifest = JSON.parse(files.get(MANIFEST_FILE)!) as SearchManifest;
    old.set(MANIFEST_FILE, JSON.stringify({ ...manifest, dir: '../x' }));
    await expect(SearchEngine.open(memoryLoader(old))).rejects.toThrow(/names no index folder/);
  });

  test('a shard or display chunk that is not what it should be fails its query with its name', async () => {
    const manifest = JSON.parse(files.get(MANIFEST_FILE)!) as SearchManifest;
    const broken = new Map(files);
    for (let i = 0; i < manifest.shards.length; i++)
      broken.set(`${manifest.dir}/t${i}.json`, '["not a shard"]');
    await expect(search(await SearchEngine.open(memoryLoader(broken)), 'etcd')).rejects.toThrow(
      /t\d+\.json is not a term shard/
    );
    const chunks = new Map(files);
    chunks.set(`${manifest.dir}/d0.json`, '[{"u":"/x/"}]');
    await expect(search(await SearchEngine.open(memoryLoader(chunks)), 'etcd')).rejects.toThrow(
      /d0\.json has result 0 without its URL, title or excerpt/
    );
  });
});

describe('search', () => {
  test('ids, flags and capabilities match whole and by part', async () => {
    expect(await first('K8S-I-01')).toBe('/threats/k8s-i-01/');
    expect(await first('k8s-i-01')).toBe('/threats/k8s-i-01/');
    expect(await first('--icc')).toBe('/checks/docker/icc/');
    expect(await first('icc')).toBe('/checks/docker/icc/');
    expect(await first('net_raw')).toBe('/threats/docker-s-01/');
    expect(await first('10250')).toBe('/kubernetes/#component-kubelet');
  });

  test('the number a concept has in most check sets comes first', async () => {
    expect((await pages('5.10')).slice(0, 2)).toEqual([
      '/checks/docker/memory-limit/',
      '/checks/docker/host-network/',
    ]);
  });

  test('the last word is a prefix while typing, not on a submitted search', async () => {
    expect(await pages('kube')).toEqual(['/kubernetes/']);
    expect(await first('etc')).toBe('/threats/k8s-i-01/');
    expect((await run('etc', {}, { prefix: false })).groups).toEqual([]);
  });

  test('synonyms and typos', async () => {
    expect(await first('privesc')).toBe('/about/#stride');
    expect(await first('dos')).toBe('/about/#stride');
    expect(await first('kubelt')).toBe('/kubernetes/#component-kubelet');
    expect(await first('memroy')).toBe('/checks/docker/memory-limit/');
  });

  test('all words must match when some record has them all, otherwise any may', async () => {
    expect(await pages('etcd secret')).toEqual(['/threats/k8s-i-01/']);
    expect(await pages('etcd zzzzqqq')).toEqual(['/threats/k8s-i-01/']);
    expect(await pages('etcd arp', {}, { prefix: false })).toEqual(
      expect.arrayContaining(['/threats/k8s-i-01/', '/threats/docker-s-01/'])
    );
  });

  test('parts of one page are one result, its best parts beneath it', async () => {
    const { groups } = await run('etcd');
    expect(groups.map((g) => g.page.display.u)).toEqual(['/threats/k8s-i-01/']);
    const [group] = groups;
    expect(group?.matched).toBe(true);
    expect(group?.sections.map((s) => s.display.u).sort()).toEqual([
      '/threats/k8s-i-01/#attack-scenario',
      '/threats/k8s-i-01/#impact',
    ]);
    expect((await run('etcd', {}, { sections: 1 })).groups[0]?.sections).toHaveLength(1);
  });

  test('a page is shown above its matching part even when the page itself does not match', async () => {
    const [group] = (await run('10250')).groups;
    expect(group?.page.display.u).toBe('/kubernetes/');
    expect(group?.matched).toBe(false);
    expect(group?.page.score).toBe(0);
    expect(group?.sections[0]?.display.u).toBe('/kubernetes/#component-kubelet');
  });

  test('a question prefers the threat that explains over the check that lists', async () => {
    expect(isQuestion('why is privileged bad')).toBe(true);
    expect(isQuestion('privileged')).toBe(false);
    expect(isQuestion('privileged containers?')).toBe(true);
    expect(await first('privileged')).toBe('/checks/docker/privileged/');
    expect(await first('why is privileged bad')).toBe('/threats/docker-e-01/');
  });

  test('an error line pasted whole finds the guide section that explains it', async () => {
    expect(await first('/bin/sh: 1: auditctl: not found')).toBe(
      '/guides/reading-a-run/#missing-program'
    );
  });

  test('the whole title typed outranks a longer record that has the words', async () => {
    expect(await first('audit the docker daemon')).toBe('/checks/docker/audit-daemon/');
  });

  test('filters narrow by platform, STRIDE category and kind', async () => {
    expect((await run('5.10', { kind: 'threat' })).groups).toEqual([]);
    const kube = await run('container', { platform: 'kubernetes' });
    expect(kube.groups.every((g) => g.page.platform === 'kubernetes')).toBe(true);
    expect(await first('kubelet', { stride: 'repudiation' })).toBe(
      '/kubernetes/#component-kubelet'
    );
    expect((await run('kubelet', { stride: 'spoofing' })).groups).toEqual([]);
    expect(await pages('privileged', { kind: 'guide' })).toEqual([]);
    expect(await pages('auditctl', { kind: 'guide' })).toEqual(['/guides/reading-a-run/']);
  });

  test('results carry the matched index terms', async () => {
    expect((await run('privileges')).groups[0]?.page.terms).toContain('privileg');
  });
});

describe('numbering and the reader context', () => {
  test('a check shows the number typed, with the check set that numbers it so', async () => {
    const { groups } = await run('5.10');
    expect(groups[0]?.page.numbering).toMatchObject({
      id: '5.10',
      checkSet: { id: 'aquasec-cis-1.2' },
      others: 0,
    });
    expect(groups[1]?.page.numbering).toMatchObject({
      id: '5.10',
      checkSet: { id: 'docker-bench-security-1.6.1' },
    });
  });

  test('the platform of the page the reader is on comes first', async () => {
    expect(await first('1.2.3')).toBe('/checks/kubernetes/audit-1-2-3/');
    expect(await first('1.2.3', {}, { context: { platform: 'docker' } })).toBe(
      '/checks/docker/audit-daemon/'
    );
  });

  test("the run's check set decides which check a number means", async () => {
    const context = { platform: 'docker', checkSet: 'docker-bench-security-1.6.1' } as const;
    expect(await first('5.10', {}, { context })).toBe('/checks/docker/host-network/');
    const [group] = (await run('5.10', {}, { context })).groups;
    expect(group?.page.numbering?.checkSet.id).toBe('docker-bench-security-1.6.1');
    expect(
      await first('5.10', {}, { context: { platform: 'docker', checkSet: 'aquasec-cis-1.2' } })
    ).toBe('/checks/docker/memory-limit/');
  });

  test('without a typed number, a check shows its most used number', () => {
    const display = { u: '/x/', t: 'X', x: '', n: '5.10:0 5.11:1' };
    expect(checkNumbering(display, ['memori'], CHECK_SETS)).toMatchObject({ id: '5.10' });
    expect(checkNumbering(display, ['5.11'], CHECK_SETS)).toMatchObject({
      id: '5.11',
      checkSet: { id: 'docker-bench-security-1.6.1' },
    });
    expect(
      checkNumbering(display, [], CHECK_SETS, { checkSet: 'docker-bench-security-1.6.1' })
    ).toMatchObject({ id: '5.11', inContext: true });
    expect(checkNumbering({ ...display, n: '5.10:7' }, [], CHECK_SETS)).toBeUndefined();
  });
});

describe('the context the worksheet stores for search', () => {
  test("a loaded run's platform and check set are read back; the page's platform wins", () => {
    const stored = parseStoredContext(storedContextText('docker', 'docker-bench-security-1.6.1'));
    expect(searchContext(undefined, stored)).toEqual({
      platform: 'docker',
      checkSet: 'docker-bench-security-1.6.1',
    });
    expect(searchContext(platformOfPath('/threats/k8s-e-01/'), stored)).toEqual({
      platform: 'kubernetes',
    });
    expect(
      searchContext(undefined, parseStoredContext(storedContextText('kubernetes', undefined)))
    ).toEqual({ platform: 'kubernetes' });
  });

  test('anything else stored under the key is ignored', () => {
    for (const raw of [
      null,
      '',
      '{',
      '[]',
      '{"platform":"windows"}',
      '{"platform":"docker","checkSet":"<img src=x>"}',
      JSON.stringify({ platform: 'docker', checkSet: 'a'.repeat(2000) }),
    ])
      expect(searchContext(undefined, parseStoredContext(raw))).toEqual({});
  });
});

describe('edit distance', () => {
  test('counts insertions, deletions and substitutions, and gives up past the bound', () => {
    expect(withinEdits('kubelt', 'kubelet', 1)).toBe(true);
    expect(withinEdits('etdc', 'etcd', 1)).toBe(true);
    expect(withinEdits('memroy', 'memori', 1)).toBe(false);
    expect(withinEdits('memroy', 'memori', 2)).toBe(true);
    expect(withinEdits('etdc', 'edct', 1)).toBe(false);
    expect(withinEdits('abc', 'abcdef', 2)).toBe(false);
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
    '\uffff',
  ];

  test.each(
    hostile.map((q) => [
      q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q),
      q,
    ])
  )('%s does not throw', async (_, q) => {
    await expect(run(q)).resolves.toBeDefined();
    await expect(run(q, {}, { prefix: false })).resolves.toBeDefined();
  });

  test('operators are ignored and the words still match', async () => {
    for (const q of ['title:etcd', '+etcd', 'etcd~2', 'etcd^10', '"etcd"', '🐳 etcd'])
      expect(await first(q)).toBe('/threats/k8s-i-01/');
  });

  test('a long query is cut to a few words, stop words first', () => {
    expect(queryWords('w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11')).toHaveLength(MAX_QUERY_WORDS);
    expect(queryWords('why is the privileged flag bad')).toEqual(['privileged', 'flag', 'bad']);
    expect(queryWords('docker in', true)).toEqual(['docker', 'in']);
    expect(queryWords('the')).toEqual(['the']);
  });

  test('no string throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), async (q) => {
        await run(q);
      }),
      { numRuns: 300 }
    );
  });
});
