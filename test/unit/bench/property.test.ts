import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_RESOURCES, parseBenchRun, type BenchRun } from '../../../src/lib/bench/index';
import { fixtureBytes, fixtureText } from './helpers';
import { ADVERSARIAL_SHAPES } from './adversarial';

const SAMPLES = [
  'dbs-ansi.txt',
  'dbs-p-remediation.txt',
  'dbs-json-nested.json',
  'dbs-json-pretty-remediation.json',
  'dbs-json-flat.json',
  'aquasec-18.09-remediations.txt',
  'aquasec.json',
  'kube-bench-node-types.txt',
  'kube-bench-multiline-remediation.txt',
  'kube-bench-stig.txt',
  'kube-bench-old-layout.txt',
  'kube-bench-ansi.txt',
  'kube-bench-controls-totals.json',
  'kube-bench-objects-per-line.json',
  'kube-bench-junit.xml',
  'trivy-table-log-lines-elided.txt',
  'trivy-docker-cis-all.json',
  'trivy-operator-detail.yaml',
  'kubescape-v2.9-cis-eks.json',
].map(fixtureText);

function wellFormed(run: BenchRun): void {
  expect([
    'docker-bench-security',
    'aquasec-docker-bench',
    'kube-bench',
    'trivy',
    'kubescape',
    'unknown',
  ]).toContain(run.tool);
  const c = run.totals.counted;
  expect(c.fail + c.pass + c.manual + c.info + c.skip).toBe(run.findings.length);
  for (const f of run.findings) {
    expect(f.line).toBeGreaterThan(0);
    expect(typeof f.title).toBe('string');
    expect(f.resources?.length ?? 0).toBeLessThanOrEqual(MAX_RESOURCES);
    // A result the tool did not check is never a pass.
    if (f.auditErrorCode) expect(f.outcome).not.toBe('pass');
  }
  for (const d of run.diagnostics) expect(d.message.length).toBeGreaterThan(0);
  if (run.nodeTypes)
    expect(run.nodeTypes.reduce((n, t) => n + t.counted.total, 0)).toBe(run.findings.length);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({
      maxLength: 40,
      unit: fc.constantFrom(
        '[',
        ']',
        '{',
        '}',
        '"',
        '\\',
        ':',
        ',',
        '\n',
        '\r',
        '\x1b',
        '*',
        '-',
        ' ',
        '\t',
        '5',
        '.',
        'W',
        'A',
        'R',
        'N',
        '#',
        '=',
        '\u0000',
        '\ufeff',
        '<',
        '>',
        '&',
        'V'
      ),
    }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() })
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, steps: Mutation[]): string {
  let t = text;
  for (const m of steps) {
    const at = t.length === 0 ? 0 : m.at % t.length;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.kind === 'duplicate')
      t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
    else t = t.slice(0, at);
  }
  return t;
}

describe('parseBenchRun never throws', () => {
  it('on mutated real outputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(mutation, { maxLength: 8 }),
        (sample, steps) => {
          wellFormed(parseBenchRun(mutate(sample, steps)));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => wellFormed(parseBenchRun(s))),
      { numRuns: 300 }
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'grapheme' }), (s) =>
        wellFormed(parseBenchRun(s))
      ),
      { numRuns: 200 }
    );
  });

  it('on random bytes, including UTF-16 look-alikes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (b) => wellFormed(parseBenchRun(b))),
      { numRuns: 300 }
    );
    const utf16 = fixtureBytes('dbs-utf16le-bom.txt');
    fc.assert(
      fc.property(fc.nat({ max: utf16.length }), fc.nat({ max: 255 }), (at, byte) => {
        const copy = utf16.slice(0, Math.max(at, 1));
        copy[copy.length - 1] = byte;
        wellFormed(parseBenchRun(copy));
      }),
      { numRuns: 200 }
    );
  });
});

/**
 * The fastest of several interleaved runs of each input: the minimum shrugs off GC pauses and other load on the
 * machine, and interleaving exposes both sizes to the same conditions.
 */
function fastestPairMs(small: string, big: string, runs = 7): [number, number] {
  let s = Infinity;
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    parseBenchRun(small);
    s = Math.min(s, performance.now() - t0);
    t0 = performance.now();
    parseBenchRun(big);
    b = Math.min(b, performance.now() - t0);
  }
  return [Math.max(s, 0.05), b];
}

/**
 * How many times longer the big input took than the small one, per character. A load spike can slow every
 * run of one round, so a ratio over the bound is measured again, up to five rounds, keeping the best; work
 * that really grows faster than the input stays over the bound in every round.
 */
function timeRatio(small: string, big: string, bound: number): number {
  let best = Infinity;
  for (let round = 0; round < 5 && best >= bound; round++) {
    const [smallMs, bigMs] = fastestPairMs(small, big);
    best = Math.min(best, bigMs / smallMs / (big.length / small.length));
  }
  return best;
}

describe('work grows linearly with the input', () => {
  // Inputs shaped to trip quadratic scanning or backtracking. Time per character of the 8x input may be at
  // most 6x that of the small one: linear work stays near 1 (caches and garbage collection cost a bigger
  // input a little more per character), quadratic work reaches 8 and, with backtracking, far more.
  const shapes: [string, (n: number) => string][] = [
    ['a real run repeated', (n) => fixtureText('dbs-ansi.txt').repeat(n * 40)],
    [
      'result lines of one long run',
      (n) =>
        fixtureText('dbs-v1.6.1-plain.txt')
          .replace(/\[INFO\] 1 - /, '')
          .repeat(n * 200)
          .replace(/Initializing/g, 'Init'),
    ],
    ['kube-bench output repeated', (n) => fixtureText('kube-bench-node-types.txt').repeat(n * 40)],
    [
      'one kube-bench remediation block with many FAIL checks',
      (n) =>
        `[INFO] 1 Control Plane Security Configuration\n${Array.from({ length: n * 2000 }, (_, i) => `[FAIL] 1.2.${i} Ensure x (Automated)\n`).join('')}\n== Remediations master ==\n${Array.from({ length: n * 2000 }, (_, i) => `1.2.${n * 2000 - i} fix\n\n`).join('')}`,
    ],
    ['kube-bench JUnit repeated', (n) => fixtureText('kube-bench-junit.xml').repeat(n * 100)],
    [
      'many kube-bench sections',
      (n) =>
        Array.from(
          { length: n * 3000 },
          (_, i) => `[INFO] ${i} Section ${i}\n[FAIL] ${i}.1 Ensure x (Automated)\n`
        ).join(''),
    ],
    [
      'many remediation headers for one section',
      (n) =>
        `[INFO] 1 Control Plane Security Configuration\n${'[FAIL] 1.1.1 Ensure x (Automated)\n'.repeat(n * 2000)}${'== Remediations master ==\n'.repeat(n * 2000)}`,
    ],
    [
      'unclosed JUnit failures',
      (n) =>
        `<testsuites><testsuite name="Worker Node Security Configuration">${'<testcase name="4.1.1 x"><failure>'.repeat(n * 3000)}`,
    ],
    [
      'aquasecurity output repeated',
      (n) => fixtureText('aquasec-18.09-remediations.txt').repeat(n * 40),
    ],
    [
      'JSON results repeated',
      (n) =>
        `{"tests": [${'{"id": "5.10", "desc": "x \\"q\\" (Scored)", "result": "WARN", "items": ["a"]},'.repeat(n * 800)}]}`,
    ],
    ['brackets and digits', (n) => '[1;'.repeat(n * 20_000) + '[' + '9'.repeat(n * 20_000)],
    ['unclosed quotes', (n) => '{"a": "'.repeat(n * 10_000)],
    ['deep nesting', (n) => '[{'.repeat(n * 10_000)],
    [
      'Trivy table rows repeated',
      (n) =>
        fixtureText('trivy-table-log-lines-elided.txt')
          .split('\n')
          .filter((l) => l.startsWith('│ 5'))
          .join('\n')
          .concat('\n')
          .repeat(n * 200)
          .replace(
            /^/,
            'Summary Report for compliance: CIS Kubernetes Benchmarks v1.23\n│ ID │ Severity │ Control Name │ Status │ Issues │\n'
          ),
    ],
    [
      'box bars without cells',
      (n) => `│ ID │ Severity │ Control Name │\n${'│'.repeat(n * 20_000)}\n`,
    ],
    [
      'table headers that never close',
      (n) => `${'│ ID │ Severity │ Control Name '.repeat(300)}\n`.repeat(n * 10),
    ],
    ['elided rows', (n) => `Summary Report for compliance: x\n${'[...]\n'.repeat(n * 5000)}`],
    [
      'trivy-operator YAML with many results',
      (n) =>
        `apiVersion: aquasecurity.github.io/v1alpha1\nkind: ClusterComplianceReport\nstatus:\n  detailReport:\n    results:\n${Array.from(
          { length: n * 300 },
          (_, i) =>
            `    - id: 5.7.${i}\n      name: Apply Security Context\n      checks:\n      - checkID: AVD-KSV-0021\n        success: false\n        target: ns/replicaset-app-${i}\n        messages:\n        - runs as root\n`
        ).join('')}`,
    ],
    [
      'YAML nested deeper and deeper',
      (n) => `kind: ClusterComplianceReport\nstatus: ${'['.repeat(n * 2000)}`,
    ],
    [
      'kubescape results for many resources',
      (n) =>
        JSON.stringify({
          summaryDetails: {
            frameworks: [
              {
                name: 'cis-v1.12.0',
                controls: {
                  'C-0017': { controlID: 'C-0017', name: 'CIS-5.2.5 x', status: 'failed' },
                },
              },
            ],
          },
          results: Array.from({ length: n * 600 }, (_, i) => ({
            resourceID: `apps/v1/ns/Deployment/a${i}`,
            controls: [{ controlID: 'C-0017', status: { status: 'failed' }, rules: [] }],
          })),
        }),
    ],
    [
      'kubescape resource ids of slashes',
      (n) =>
        JSON.stringify({
          summaryDetails: {
            frameworks: [
              { name: 'cis-v1.12.0', controls: { c: { controlID: 'c', status: 'failed' } } },
            ],
          },
          results: [
            {
              resourceID: '/A'.repeat(n * 20_000),
              controls: [{ controlID: 'c', status: 'failed' }],
            },
          ],
        }),
    ],
    [
      'suffix-like parentheses',
      (n) => `[WARN] 5.10 - ${'(Scored) '.repeat(Math.min(n * 130, 1100))}\n`.repeat(20),
    ],
    ...ADVERSARIAL_SHAPES.map((shape): [string, (n: number) => string] => [
      `${shape.name} (${shape.targets})`,
      shape.make,
    ]),
  ];
  for (const [name, make] of shapes) {
    it(name, () => {
      const small = make(1);
      const big = make(8);
      const ratio = timeRatio(small, big, 6);
      expect(ratio, `per character, the 8x input took ${ratio.toFixed(1)}x the time`).toBeLessThan(
        6
      );
    });
  }
});
