import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import fc from 'fast-check';
import { KUBE_BENCH_FINGERPRINTS } from '../../../src/lib/bench/kubeBenchFingerprints';
import {
  decodeFingerprint,
  detectKubeBench,
  encodeFingerprint,
  kubeBenchmarkId,
  kubeCheckSet,
  kubeTitleKey,
  titleHash,
} from '../../../src/lib/bench/kubeBenchDetect';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const tsv = join(shared, 'research', 'kube-bench', 'checks-index-all-benchmarks.tsv');
const catalogDir = join(repoRoot, 'content', 'benchmarks', 'kubernetes');

describe('kube-bench title keys', () => {
  it('drop case, punctuation and the suffix but keep its style', () => {
    expect(kubeTitleKey('Ensure that the --profiling argument is set to false (Automated) ')).toBe(
      'a:ensure that the profiling argument is set to false'
    );
    expect(kubeTitleKey('Ensure that the --profiling argument is set to false (Not Scored)')).toBe(
      's:ensure that the profiling argument is set to false'
    );
    expect(kubeTitleKey('Secrets must not be stored as environment variables.(manual)')).toBe(
      'a:secrets must not be stored as environment variables'
    );
    expect(titleHash('A  title (Manual)')).toBe(titleHash('a title (Automated)'));
    expect(titleHash('A title (Scored)')).not.toBe(titleHash('A title (Automated)'));
  });
});

describe('fingerprint rows', () => {
  it('pack consecutive ids into runs and start a new run at a gap, an id without a dot or a repeat', () => {
    const checks: [string, string][] = [
      ['#1', 'aa'],
      ['#1.1', 'bb'],
      ['#1.2', 'cc'],
      ['1.1.1', 'dd'],
      ['1.1.2', 'ee'],
      ['1.1.4', 'ff'],
      ['V-242381', 'gg'],
      ['V-242382', 'hh'],
      ['V-242381', 'ii'],
      ['5.10', 'jj'],
      ['5.11', 'kk'],
    ];
    const body = encodeFingerprint(checks);
    expect(body).toBe(
      '#1=aa #1.1=bbcc 1.1.1=ddee 1.1.4=ff V-242381=gg V-242382=hh V-242381=ii 5.10=jjkk'
    );
    // The repeated STIG id decodes to its first hash.
    expect(decodeFingerprint(body)).toEqual(new Map(checks.filter(([, hash]) => hash !== 'ii')));
  });

  it('decode to the first hash of every id, whatever the ids', () => {
    // Few prefixes and small numbers, so neighbouring, gapped and repeated ids all turn up often.
    const id = fc
      .tuple(
        fc.constantFrom('', '1.', '1.2.', '#1.', 'V-2423', 'x.0'),
        fc.integer({ min: 0, max: 6 })
      )
      .map(([prefix, n]) => `${prefix}${n}`);
    const hash = fc
      .constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
      .chain((a) => fc.constantFrom('A', 'z', '9', '+', '/').map((b) => a + b));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, hash), { maxLength: 60 }), (checks) => {
        const first = new Map<string, string>();
        for (const [i, h] of checks) if (!first.has(i)) first.set(i, h);
        expect(decodeFingerprint(encodeFingerprint(checks))).toEqual(first);
      })
    );
  });
});

describe('kube-bench benchmark names', () => {
  it('follow the catalog naming', () => {
    expect(kubeBenchmarkId('cis-1.12')).toBe('cis-kubernetes-1.12');
    expect(kubeBenchmarkId('k3s-cis-1.23')).toBe('cis-kubernetes-1.23');
    expect(kubeBenchmarkId('eks-1.0.1')).toBe('cis-eks-1.0.1');
    expect(kubeBenchmarkId('rh-1.8')).toBe('cis-openshift-1.8');
    expect(kubeBenchmarkId('eks-stig-kubernetes-v1r6')).toBe('eks-stig-kubernetes-v1r6');
    expect(kubeCheckSet('cis-1.6')).toBe('kube-bench-cis-1.6');
  });

  it('are high-confidence only when the titles leave no doubt', () => {
    expect(detectKubeBench(new Map())).toEqual({});
    const few = detectKubeBench(
      new Map([
        [
          '1.1.1',
          'Ensure that the API server pod specification file permissions are set to 644 or more restrictive (Automated)',
        ],
      ])
    );
    expect(few.benchmark?.confidence).toBe('low');
  });
});

describe.skipIf(!existsSync(tsv))('the fingerprint table', () => {
  const rows = readFileSync(tsv, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .filter((r) => r[0] !== 'benchmark');
  const folders = [...new Set(rows.map((r) => r[0] as string))];

  it('has every benchmark folder of the research table, in its order', () => {
    expect(KUBE_BENCH_FINGERPRINTS.map(([f]) => f)).toEqual(folders);
  });

  it('holds the title hash of every check and heading', () => {
    for (const [folder, body] of KUBE_BENCH_FINGERPRINTS) {
      const checks = decodeFingerprint(body);
      const mine = rows.filter((r) => r[0] === folder);
      // The etcd sub-section shares its section's id; the section heading is the one kept.
      const headings = new Map<string, string>();
      const first = new Map<string, string>();
      for (const r of mine) {
        for (const [id, title] of [
          [r[5], r[6]],
          [r[2], r[3]],
        ] as [string, string][])
          if (!headings.has(`#${id}`)) headings.set(`#${id}`, title);
        if (!first.has(r[1] as string)) first.set(r[1] as string, r[7] as string);
      }
      for (const [id, title] of first)
        expect(checks.get(id), `${folder} ${id}`).toBe(titleHash(title));
      for (const [id, title] of headings)
        expect(checks.get(id), `${folder} ${id}`).toBe(titleHash(title));
      expect(checks.size, folder).toBe(first.size + headings.size);
    }
  });
});

describe.skipIf(!existsSync(catalogDir))('the Kubernetes check sets of the catalog', () => {
  // Only kube-bench's own configs are fingerprinted, and only those it still ships (no lastShippedIn).
  const files = existsSync(catalogDir)
    ? readdirSync(catalogDir)
        .filter((f) => f.endsWith('.yaml'))
        .filter((f) => {
          const text = readFileSync(join(catalogDir, f), 'utf8');
          return /^tool: kube-bench$/m.test(text) && !/^lastShippedIn:/m.test(text);
        })
    : [];
  for (const file of files) {
    it(`${file} is recognised from its own checks`, () => {
      const set = yaml.load(readFileSync(join(catalogDir, file), 'utf8')) as {
        checkSet: string;
        benchmark: string;
        checks: { id: string; title: string }[];
      };
      const folder = set.checkSet.replace(/^kube-bench-/, '');
      const table = new Map(KUBE_BENCH_FINGERPRINTS);
      expect(table.has(folder), `${folder} is in the fingerprint table`).toBe(true);
      expect(kubeBenchmarkId(folder)).toBe(set.benchmark);
      const hashes = decodeFingerprint(table.get(folder) as string);
      for (const c of set.checks) expect(hashes.has(c.id), `${folder} ${c.id}`).toBe(true);
      // The catalog drops the (Scored)/(Automated) suffix; the research table keeps the title as printed.
      const printed = new Map(
        existsSync(tsv)
          ? readFileSync(tsv, 'utf8')
              .split('\n')
              .map((l) => l.split('\t'))
              .filter((r) => r[0] === folder)
              .map((r) => [r[1] as string, r[7] as string])
          : []
      );
      const detected = detectKubeBench(
        new Map(set.checks.map((c) => [c.id, printed.get(c.id) ?? `${c.title} (Automated)`]))
      );
      expect(
        detected.checkSet === set.checkSet || detected.benchmark?.evidence.includes(folder)
      ).toBe(true);
    });
  }
});
