import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import {
  checkCatalogText,
  checkDuplicates,
  checkIncomplete,
  checkThreatCount,
  checkUncovered,
  checkWeakClaims,
  contentWords,
  stillCatalogText,
  threatGuidance,
  uncoveredCategories,
} from '../../../src/lib/worksheet/guidance';
import {
  threatCatalogData,
  type OwnThreat,
  type ThreatModelSources,
} from '../../../src/lib/worksheet/own-threats';
import type { StrideCategory } from '../../../src/lib/stride';
import { contentThreats } from './helpers';
import { timeRatio } from './linear-time';

const models = ['docker', 'kubernetes'].map((p) =>
  yaml.load(readFileSync(join(process.cwd(), 'content/models', `${p}.yaml`), 'utf8'))
) as ThreatModelSources['models'];
const data = threatCatalogData({
  threats: contentThreats() as unknown as ThreatModelSources['threats'],
  models,
});

let n = 0;
const entry = (
  stride: StrideCategory | '',
  component: string,
  description: string,
  origin?: string
): OwnThreat => ({ id: `e${++n}`, stride, component, description, ...(origin ? { origin } : {}) });

describe("the catalog's words or the user's own", () => {
  const d01 = data.docker.threats.find((t) => t.id === 'DOCKER-D-01')!;

  test("the catalog's text, or it lightly edited, is still the catalog's, and the guidance says so", () => {
    const kept = entry('denial-of-service', 'containers', d01.summary, 'DOCKER-D-01');
    const edited = entry(
      'denial-of-service',
      'containers',
      `${d01.summary.replace(/\bthe\b/, 'this')} Also on my host.`,
      'DOCKER-D-01'
    );
    expect(stillCatalogText(kept, data.docker.threats)).toBe(true);
    expect(stillCatalogText(edited, data.docker.threats)).toBe(true);
    expect(checkCatalogText([kept], data.docker.threats)).toEqual([
      {
        kind: 'catalog-text',
        entries: [1],
        threatId: 'DOCKER-D-01',
        message:
          'Threat 1 is still (nearly) the catalog’s text of DOCKER-D-01: rewrite it in your own words, for your setting.',
      },
    ]);
  });

  test('a rewrite, an emptied entry or a text that did not start from the catalog is not', () => {
    const own =
      'Our batch worker has no memory limit; one bad job takes the node and the API down.';
    expect(stillCatalogText(entry('', '', own, 'DOCKER-D-01'), data.docker.threats)).toBe(false);
    expect(stillCatalogText(entry('', '', '', 'DOCKER-D-01'), data.docker.threats)).toBe(false);
    expect(stillCatalogText(entry('', '', d01.summary), data.docker.threats)).toBe(false);
  });
});

describe('count and completeness', () => {
  test('asks for five threats, then for fewer', () => {
    expect(checkThreatCount([], 'docker')[0]!.message).toBe(
      'Add 5 more Docker threats: the write-up asks for five, and none is listed.'
    );
    expect(checkThreatCount([entry('', '', '')], 'kubernetes')[0]!.message).toBe(
      'Add 4 more Kubernetes threats: the write-up asks for five, and 1 is listed.'
    );
    expect(
      checkThreatCount(
        Array.from({ length: 5 }, () => entry('', '', '')),
        'docker'
      )
    ).toEqual([]);
    expect(
      checkThreatCount(
        Array.from({ length: 6 }, () => entry('', '', '')),
        'docker'
      )[0]!.message
    ).toMatch(/^Remove 1 Docker threat: .* 6 are listed\.$/);
  });

  test('names what each entry still lacks', () => {
    const out = checkIncomplete([
      entry('spoofing', 'dockerd', 'x'),
      entry('', '', '  '),
      entry('tampering', '', 'y'),
    ]);
    expect(out.map((g) => [g.entries, g.message])).toEqual([
      [[2], 'Threat 2 still needs a STRIDE category, the affected component and a description.'],
      [[3], 'Threat 3 still needs the affected component.'],
    ]);
  });
});

describe('uncovered STRIDE categories', () => {
  test('lists every category no entry has, in STRIDE order', () => {
    const list = [
      entry('tampering', 'registry', 'a'),
      entry('denial-of-service', 'containers', 'b'),
      entry('tampering', 'dockerd', 'c'),
      entry('', '', ''),
    ];
    expect(uncoveredCategories(list)).toEqual([
      'spoofing',
      'repudiation',
      'information-disclosure',
      'elevation-of-privilege',
    ]);
    expect(checkUncovered(list)[0]!.message).toMatch(
      /^Not covered yet: Spoofing, Repudiation, Information disclosure and Elevation of privilege\./
    );
  });

  test('says nothing once all six are covered, and names a single one alone', () => {
    const five = (
      [
        'spoofing',
        'tampering',
        'repudiation',
        'information-disclosure',
        'denial-of-service',
      ] as const
    ).map((s) => entry(s, 'dockerd', s));
    expect(checkUncovered(five)[0]!.message).toMatch(/^Not covered yet: Elevation of privilege\./);
    expect(checkUncovered([...five, entry('elevation-of-privilege', 'dockerd', 'e')])).toEqual([]);
  });
});

describe('duplicates', () => {
  test('two entries from the same catalog threat are one threat', () => {
    const out = checkDuplicates([
      entry('tampering', 'registry', 'Images are swapped in the registry.', 'DOCKER-T-01'),
      entry('spoofing', 'dockerd', 'x'),
      entry('tampering', 'image-store', 'Something else entirely.', 'DOCKER-T-01'),
    ]);
    expect(out.map(({ message: _, ...rest }) => rest)).toEqual([
      { kind: 'duplicate', entries: [1, 3], threatId: 'DOCKER-T-01' },
    ]);
    expect(out[0]!.message).toMatch(/^Threats 1 and 3 both start from DOCKER-T-01/);
  });

  test('same category and component with very similar text is a duplicate; different text or component is not', () => {
    const a = entry(
      'denial-of-service',
      'containers',
      'A container without a memory limit exhausts the host memory.'
    );
    const b = entry(
      'denial-of-service',
      'containers',
      'Containers without memory limits exhaust the memory of the host!'
    );
    const c = entry(
      'denial-of-service',
      'containers',
      'Logs without rotation fill the disk under /var/lib/docker.'
    );
    const d = entry(
      'denial-of-service',
      'host-kernel',
      'A container without a memory limit exhausts the host memory.'
    );
    const out = checkDuplicates([a, b, c, d]);
    expect(out.map((g) => g.entries)).toEqual([[1, 2]]);
    expect(out[0]!.message).toMatch(/same category and component and say almost the same thing/);
  });

  test('blank descriptions are not called duplicates', () => {
    expect(
      checkDuplicates([entry('spoofing', 'dockerd', ''), entry('spoofing', 'dockerd', '')])
    ).toEqual([]);
  });

  test('three or more copies of one threat are one message naming every entry', () => {
    const same = 'A container without a memory limit exhausts the host memory.';
    const out = checkDuplicates([
      entry('tampering', 'registry', 'a', 'DOCKER-T-01'),
      entry('denial-of-service', 'containers', same),
      entry('tampering', 'registry', 'b', 'DOCKER-T-01'),
      entry('denial-of-service', 'containers', same),
      entry('tampering', 'registry', 'c', 'DOCKER-T-01'),
      entry('denial-of-service', 'containers', same),
    ]);
    expect(out.map((g) => g.entries)).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    expect(out[0]!.message).toMatch(/^Threats 1, 3 and 5 all start from DOCKER-T-01/);
    expect(out[1]!.message).toMatch(/^Threats 2, 4 and 6 have the same category.*written 3 times/);
  });

  test('a second entry from one catalog threat is reported once, not again for its text', () => {
    const text = 'Images are swapped in the registry.';
    const out = checkDuplicates([
      entry('tampering', 'registry', text, 'DOCKER-T-01'),
      entry('tampering', 'registry', text, 'DOCKER-T-01'),
    ]);
    expect(out.map((g) => g.threatId)).toEqual(['DOCKER-T-01']);
  });
});

describe('a list of 10,000 entries', () => {
  test('finds the one repeated text and the one shared origin among them', () => {
    const list = Array.from({ length: 10_000 }, (_, i) =>
      entry(
        'denial-of-service',
        'containers',
        `Threat ${i} word${i} other${i * 7} the daemon socket`
      )
    );
    list[9_999] = entry('denial-of-service', 'containers', list[4]!.description);
    list[20] = entry('tampering', 'registry', 'a', 'DOCKER-T-01');
    list[7_000] = entry('spoofing', 'dockerd', 'b', 'DOCKER-T-01');
    const out = checkDuplicates(list);
    expect(out.map((g) => g.entries)).toEqual([
      [5, 10_000],
      [21, 7_001],
    ]);
  });
});

describe('the duplicate check takes time linear in the list', () => {
  // A list of thousands (an imported file) once took seconds per keystroke: every pair was compared.
  const descriptions = (n: number, same: boolean) =>
    Array.from({ length: n }, (_, i) =>
      same
        ? 'A container without a memory limit exhausts the host memory.'
        : `Threat ${i} word${i} other${i * 7} thing${i * 13} about${i * 31} the daemon socket`
    );
  const shapes: [string, (n: number) => OwnThreat[]][] = [
    [
      'every entry from one catalog threat',
      (n) => descriptions(n, true).map((d) => entry('tampering', 'registry', d, 'DOCKER-T-01')),
    ],
    [
      'every entry the same text, category and component',
      (n) => descriptions(n, true).map((d) => entry('denial-of-service', 'containers', d)),
    ],
    [
      'every entry different text under one category and component',
      (n) => descriptions(n, false).map((d) => entry('denial-of-service', 'containers', d)),
    ],
    [
      'every entry its own component',
      (n) => descriptions(n, true).map((d, i) => entry('denial-of-service', `c${i}`, d)),
    ],
  ];
  for (const [name, make] of shapes) {
    test(name, () => {
      const small = make(250);
      const big = make(2000);
      const ratio = timeRatio(
        (list: OwnThreat[]) => threatGuidance(list, 'docker', data.docker.threats),
        { input: small, size: small.length },
        { input: big, size: big.length },
        4
      );
      expect(ratio, `per entry, the 8x list took ${ratio.toFixed(1)}x the time`).toBeLessThan(4);
    });
  }
});

describe("the brief's weak claims", () => {
  const docker = data.docker.threats;
  const kube = data.kubernetes.threats;

  test('stems words so inflections meet', () => {
    expect([...contentWords('The daemon overwhelms; unauthorised changes')]).toEqual([
      ...contentWords('daemon overwhelm unauthorized change'),
    ]);
  });

  test.each([
    [
      'docker',
      'denial-of-service',
      'Excessive traffic from the client overwhelms the daemon.',
      'DOCKER-D-01',
    ],
    [
      'docker',
      'denial-of-service',
      'The daemon can be overwhelmed by excessive client traffic and crash.',
      'DOCKER-D-01',
    ],
    [
      'docker',
      'elevation-of-privilege',
      'An attacker gains access to the host through network spoofing.',
      'DOCKER-E-01',
    ],
    [
      'docker',
      'spoofing',
      'A sidecar with access to the primary container namespace spoofs the namespace of the primary.',
      'DOCKER-S-01',
    ],
    ['kubernetes', 'repudiation', 'Unauthorized changes to the kubelet.', 'K8S-T-01'],
    [
      'kubernetes',
      'denial-of-service',
      'Excessive traffic to the kube-apiserver can overwhelm the endpoint.',
      'K8S-D-01',
    ],
  ] as const)('%s %s "%s" is noted with %s', (platform, stride, text, id) => {
    const out = checkWeakClaims(
      [
        entry('spoofing', 'dockerd', 'Unrelated: a forged image signature.'),
        entry(stride, '', text),
      ],
      platform === 'docker' ? docker : kube
    );
    expect(out.map(({ message: _, ...rest }) => rest)).toEqual([
      { kind: 'weak-claim', entries: [2], threatId: id },
    ]);
    expect(out[0]!.message).toContain(`${id} "`);
    expect(out[0]!.message).toMatch(
      /^Threat 2 reads like a .* claim this catalog found (only partly right|wrong)\./
    );
  });

  test.each([
    [
      'docker',
      'elevation-of-privilege',
      'An attacker can gain access to the host through a privileged container.',
    ],
    ['docker', 'denial-of-service', 'Containers without memory or PID limits exhaust the host.'],
    [
      'docker',
      'tampering',
      'An attacker implants a malicious image into the registry and organisations pull it.',
    ],
    [
      'kubernetes',
      'tampering',
      'Unauthorized changes to the kubelet configuration reopen its anonymous API.',
    ],
    [
      'kubernetes',
      'information-disclosure',
      'Sensitive information may be disclosed via the etcd key value store.',
    ],
  ] as const)('%s %s "%s" is not noted', (platform, stride, text) => {
    expect(
      checkWeakClaims([entry(stride, '', text)], platform === 'docker' ? docker : kube)
    ).toEqual([]);
  });

  test('every message comes back at once, in working order', () => {
    const list = [
      entry(
        'denial-of-service',
        'dockerd',
        'Excessive traffic from the client overwhelms the daemon.',
        'DOCKER-D-01'
      ),
      entry('denial-of-service', 'containers', 'Same origin again.', 'DOCKER-D-01'),
      entry('', '', ''),
    ];
    expect(threatGuidance(list, 'docker', docker).map((g) => g.kind)).toEqual([
      'count',
      'incomplete',
      'duplicate',
      'weak-claim',
      'uncovered',
    ]);
  });
});
