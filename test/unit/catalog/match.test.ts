import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  matchCheck,
  normaliseCheckTitle,
  type CheckConcept,
  type CheckSet,
} from '../../../src/lib/catalog';

const set = (checkSet: string, checks: [string, string, string][]): CheckSet => ({
  checkSet,
  tool: 'docker-bench-security',
  benchmark: 'cis-docker-1.6.0',
  benchmarkName: 'CIS Docker Benchmark v1.6.0',
  source: { repository: 'docker/docker-bench-security', ref: 'v0', commit: '0'.repeat(40) },
  sections: [{ id: '5', title: 'Container Runtime' }],
  checks: checks.map(([id, title, concept]) => ({ id, title, section: '5', concept })),
});
const concept = (id: string): CheckConcept => ({
  concept: id,
  platform: 'docker',
  name: id,
  what: 'w',
  why: 'w',
  remediation: 'r',
  audit: 'a',
  impact: 'i',
  threats: [],
  references: [{ title: 't', url: 'https://example.org/', publisher: 'p' }],
});

describe('normaliseCheckTitle', () => {
  it('drops suffixes, case, punctuation and extra spaces', () => {
    expect(
      normaliseCheckTitle(
        "Ensure that the 'on-failure' container restart policy is set to '5' (Scored)"
      )
    ).toBe('ensure that the on failure container restart policy is set to 5');
    expect(
      normaliseCheckTitle(
        'Ensure  swarm mode is not Enabled, if not needed (Automated) (Swarm mode not enabled)'
      )
    ).toBe('ensure swarm mode is not enabled if not needed');
    expect(
      normaliseCheckTitle('Ensure experimental features are avoided (Not Scored) (Deprecated)')
    ).toBe('ensure experimental features are avoided');
  });

  it('copes with the suffix quirks of the tools', () => {
    expect(
      normaliseCheckTitle('Ensure that, if applicable, SELinux security options are set(Scored)')
    ).toBe(normaliseCheckTitle('Ensure that, if applicable, SELinux security options are set'));
    expect(
      normaliseCheckTitle('Ensure the default ulimit is configured appropriately (Manual))')
    ).toBe('ensure the default ulimit is configured appropriately');
  });

  it('drops an id the title repeats at its start, but keeps numbers inside it', () => {
    expect(
      normaliseCheckTitle('1.1.12 Ensure auditing is configured - /etc/containerd/config.toml')
    ).toBe('ensure auditing is configured etc containerd config toml');
    expect(
      normaliseCheckTitle('Ensure that the docker.sock file permissions are set to 660')
    ).toContain('660');
  });

  it('is idempotent', () => {
    const once = normaliseCheckTitle(
      'Ensure that Docker\'s default bridge "docker0" is not used (Manual)'
    );
    expect(normaliseCheckTitle(once)).toBe(once);
  });
});

describe('matchCheck on a small catalog', () => {
  const catalog = buildCatalog(
    [
      set('new', [
        ['5.10', "Ensure that the host's network namespace is not shared", 'host-net'],
        ['5.11', 'Ensure that the memory usage for containers is limited', 'memory'],
      ]),
      set('old', [
        ['5.9', "Ensure that the host's network namespace is not shared", 'host-net'],
        ['5.10', 'Ensure that the memory usage for containers is limited', 'memory'],
      ]),
    ],
    [concept('host-net'), concept('memory')]
  );

  it('lets the title win over the id', () => {
    expect(
      matchCheck(
        { id: '5.10', title: 'Ensure that the memory usage for containers is limited (Scored)' },
        catalog,
        'new'
      )
    ).toMatchObject({
      concept: 'memory',
      how: 'title',
      checkSet: 'new',
      check: { id: '5.11' },
    });
  });

  it('finds a title outside the given set when that set lacks it', () => {
    const small = buildCatalog(
      [set('a', [['1', 'Alpha check', 'memory']]), set('b', [['2', 'Beta check', 'host-net']])],
      [concept('memory'), concept('host-net')]
    );
    expect(matchCheck({ id: '1', title: 'Beta check' }, small, 'a')).toMatchObject({
      concept: 'host-net',
      checkSet: 'b',
      how: 'title',
    });
  });

  it('falls back to the id only within the given set', () => {
    expect(matchCheck({ id: '5.10', title: 'unreadable' }, catalog, 'old')).toMatchObject({
      concept: 'memory',
      how: 'id',
    });
    expect(matchCheck({ id: '5.10', title: 'unreadable' }, catalog, 'new')).toMatchObject({
      concept: 'host-net',
      how: 'id',
    });
    expect(matchCheck({ id: '5.10', title: 'unreadable' }, catalog)).toBeUndefined();
    expect(matchCheck({ id: '9.9', title: 'unreadable' }, catalog, 'new')).toBeUndefined();
  });
});
