import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOCKER_CHECK_SETS, conceptIds, matchCheck } from '../../../src/lib/catalog';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import { readThreatIds } from '../../../src/lib/content/threat-ids';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const catalog = loadCatalogFromDisk(contentDir, 'docker');
const setById = (id: string) => catalog.checkSets.find((s) => s.checkSet === id)!;
const conceptAt = (set: string, id: string) =>
  setById(set)
    .checks.filter((c) => c.id === id)
    .map((c) => c.concept);

describe('Docker check catalog on disk', () => {
  it('holds every Docker check set, in release order', () => {
    expect(catalog.checkSets.map((s) => s.checkSet)).toEqual([...DOCKER_CHECK_SETS]);
  });

  it('gives every check a concept that exists', () => {
    const missing = catalog.checkSets.flatMap((s) =>
      s.checks
        .filter((c) => !catalog.concepts.has(c.concept))
        .map((c) => `${s.checkSet} ${c.id} → ${c.concept}`)
    );
    expect(missing).toEqual([]);
  });

  it('uses every concept in some check set', () => {
    const used = new Set(catalog.checkSets.flatMap((s) => s.checks.map((c) => c.concept)));
    expect([...catalog.concepts.keys()].filter((c) => !used.has(c))).toEqual([]);
  });

  it('names the file of each concept after the concept', () => {
    expect(catalog.concepts.size).toBeGreaterThan(100);
    for (const [key, concept] of catalog.concepts) expect(concept.concept).toBe(key);
  });

  it('cites only threats that have a page', () => {
    const known = readThreatIds(`${contentDir}threats`);
    const unknown = [...catalog.concepts.values()].flatMap((c) =>
      c.threats.filter((t) => !known.has(t)).map((t) => `${c.concept} → ${t}`)
    );
    expect(unknown).toEqual([]);
  });

  it('explains in why every concept that maps to no threat', () => {
    for (const c of catalog.concepts.values()) {
      if (c.threats.length === 0)
        expect(c.why, c.concept).toMatch(/maps to none|no threat of the model maps to it/i);
    }
  });

  it('maps every normalised title to one concept across all check sets', () => {
    const conflicts = [...catalog.byTitle]
      .filter(([, checks]) => new Set(checks.map((c) => c.check.concept)).size > 1)
      .map(([t]) => t);
    expect(conflicts).toEqual([]);
  });
});

describe('ids that mean different checks in different versions', () => {
  it('pins the course checks of CIS 1.2.0 (aquasecurity cis-1.2)', () => {
    expect(conceptAt('aquasec-cis-1.2', '5.10')).toEqual(['memory-limit']);
    expect(conceptAt('aquasec-cis-1.2', '5.14')).toEqual(['on-failure-restart-policy']);
    expect(conceptAt('aquasec-cis-1.2', '5.22')).toEqual(['exec-privileged']);
    expect(setById('aquasec-cis-1.2').benchmark).toBe('cis-docker-1.2.0');
  });

  it('keeps those ids in cis-1.3.1 and docker-bench-security up to v1.6.0', () => {
    for (const set of [
      'aquasec-cis-1.3.1',
      'docker-bench-security-1.3.4',
      'docker-bench-security-1.6.0',
    ]) {
      expect(
        [conceptAt(set, '5.10'), conceptAt(set, '5.14'), conceptAt(set, '5.22')].flat(),
        set
      ).toEqual(['memory-limit', 'on-failure-restart-policy', 'exec-privileged']);
    }
  });

  it('renumbers them in CIS 1.6.0 and docker-bench-security v1.6.1', () => {
    expect(conceptAt('aquasec-cis-1.6.0', '5.11')).toEqual(['memory-limit']);
    expect(conceptAt('aquasec-cis-1.6.0', '5.10')).toEqual(['host-network-namespace']);
    expect(conceptAt('aquasec-cis-1.6.0', '5.15')).toEqual(['on-failure-restart-policy']);
    expect(conceptAt('aquasec-cis-1.6.0', '5.23')).toEqual(['exec-privileged']);
    expect(conceptAt('docker-bench-security-1.6.1', '5.10')).toEqual(['host-network-namespace']);
    expect(conceptAt('docker-bench-security-1.6.1', '5.11')).toEqual(['memory-limit']);
  });

  it('keeps the two checks that share an id in aquasecurity cis-1.6.0', () => {
    expect(conceptAt('aquasec-cis-1.6.0', '5.12').sort()).toEqual([
      'cpu-priority',
      'read-only-root-filesystem',
    ]);
    expect(conceptAt('aquasec-cis-1.6.0', '7.1').sort()).toEqual([
      'swarm-manager-count',
      'swarm-mode-disabled',
    ]);
  });
});

describe('matchCheck against the real catalog', () => {
  it('matches the memory limit by title in every wording', () => {
    const titles = [
      ['Limit memory usage for container', 'docker-bench-security-1.3.0'],
      ['Ensure memory usage for container is limited', 'docker-bench-security-1.3.4'],
      [
        'Ensure that the memory usage for containers is limited (Automated)',
        'docker-bench-security-1.6.1',
      ],
      ['Ensure that the memory usage for container is limited (Scored)', 'aquasec-cis-1.2'],
      ['ENSURE that the memory usage for container is limited (Manual)', 'aquasec-cis-1.6.0'],
    ] as const;
    for (const [title, set] of titles) {
      const m = matchCheck({ id: '0.0', title }, catalog, set);
      expect(m?.concept, title).toBe('memory-limit');
      expect(m?.how).toBe('title');
    }
  });

  it('prefers the check of the given set when a title exists in several', () => {
    const finding = {
      id: '5.11',
      title: 'Ensure that the memory usage for container is limited (Manual)',
    };
    expect(matchCheck(finding, catalog, 'aquasec-cis-1.6.0')).toMatchObject({
      checkSet: 'aquasec-cis-1.6.0',
      check: { id: '5.11' },
    });
    expect(matchCheck(finding, catalog, 'aquasec-cis-1.2')).toMatchObject({
      checkSet: 'aquasec-cis-1.2',
      check: { id: '5.10' },
    });
  });

  it('trusts the title over a conflicting id', () => {
    const m = matchCheck(
      { id: '5.10', title: "Ensure that the host's network namespace is not shared (Scored)" },
      catalog,
      'aquasec-cis-1.2'
    );
    expect(m).toMatchObject({
      concept: 'host-network-namespace',
      how: 'title',
      check: { id: '5.9' },
    });
  });

  it('falls back to the id within the given set when the title is unknown', () => {
    const garbled = { id: '5.10', title: 'Ensure that the memry usage is lim…' };
    expect(matchCheck(garbled, catalog, 'aquasec-cis-1.2')).toMatchObject({
      concept: 'memory-limit',
      how: 'id',
    });
    expect(matchCheck(garbled, catalog, 'docker-bench-security-1.6.1')).toMatchObject({
      concept: 'host-network-namespace',
      how: 'id',
    });
    expect(matchCheck(garbled, catalog)).toBeUndefined();
    expect(
      matchCheck({ id: '5.12', title: 'garbled' }, catalog, 'aquasec-cis-1.6.0')
    ).toBeUndefined();
  });

  it('matches a title that repeats its id, as docker-bench-security prints 1.1.12', () => {
    const m = matchCheck(
      {
        id: '1.1.12',
        title:
          '1.1.12 Ensure auditing is configured for Dockerfiles and directories - /etc/containerd/config.toml (Automated)',
      },
      catalog,
      'docker-bench-security-1.6.1'
    );
    expect(m).toMatchObject({ concept: 'audit-containerd-config', how: 'title' });
  });
});

describe('conceptIds', () => {
  it('lists the id of the memory limit in each check set', () => {
    const rows = conceptIds(catalog, 'memory-limit');
    // Trivy's docker-cis checks images, section 4 only.
    expect(rows.map((r) => r.checkSet)).toEqual(
      DOCKER_CHECK_SETS.filter((s) => s !== 'trivy-docker-cis-1.6.0')
    );
    expect(Object.fromEntries(rows.map((r) => [r.checkSet, r.ids]))).toMatchObject({
      'docker-bench-security-1.6.0': ['5.10'],
      'docker-bench-security-1.6.1': ['5.11'],
      'aquasec-cis-1.2': ['5.10'],
      'aquasec-cis-1.6.0': ['5.11'],
    });
  });

  it('lists both ids when a concept appears twice in one set, and leaves out sets without it', () => {
    const rows = conceptIds(catalog, 'swarm-mode-disabled');
    expect(rows.find((r) => r.checkSet === 'aquasec-cis-1.6.0')?.ids).toEqual(['5.1', '7.1']);
    expect(conceptIds(catalog, 'rootless-daemon').map((r) => r.checkSet)).not.toContain(
      'aquasec-cis-1.2'
    );
    expect(conceptIds(catalog, 'no-such-concept')).toEqual([]);
  });
});
