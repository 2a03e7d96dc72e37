import { describe, expect, it } from 'vitest';
import { applyTableQuery, readTableQuery } from '../../src/lib/table-query';

const rows = [
  {
    id: 'DOCKER-S-01',
    platform: 'docker',
    stride: 'spoofing',
    strideRank: '0',
    severity: 'high',
    severityRank: '2',
    components: 'docker:containers docker:bridge-network',
  },
  {
    id: 'DOCKER-E-01',
    platform: 'docker',
    stride: 'elevation-of-privilege',
    strideRank: '5',
    severity: 'critical',
    severityRank: '3',
    components: 'docker:dockerd',
  },
  {
    id: 'K8S-D-01',
    platform: 'kubernetes',
    stride: 'denial-of-service',
    strideRank: '4',
    severity: 'medium',
    severityRank: '1',
    components: 'kubernetes:kube-apiserver',
  },
];
const all = { platform: '', stride: '', severity: '', components: '' };
const ids = (r: { id: string }[]) => r.map((x) => x.id);

describe('threat table query', () => {
  it('keeps rows matching every filter', () => {
    expect(
      ids(
        applyTableQuery(
          rows,
          (r) => r,
          { ...all, platform: 'docker' },
          { key: 'id', descending: false }
        )
      )
    ).toEqual(['DOCKER-E-01', 'DOCKER-S-01']);
    expect(
      ids(
        applyTableQuery(
          rows,
          (r) => r,
          { ...all, platform: 'docker', severity: 'high' },
          { key: 'id', descending: false }
        )
      )
    ).toEqual(['DOCKER-S-01']);
    expect(
      ids(
        applyTableQuery(
          rows,
          (r) => r,
          { ...all, components: 'docker:bridge-network' },
          { key: 'id', descending: false }
        )
      )
    ).toEqual(['DOCKER-S-01']);
    expect(
      applyTableQuery(
        rows,
        (r) => r,
        { ...all, components: 'docker:bridge' },
        { key: 'id', descending: false }
      )
    ).toEqual([]);
  });

  it('sorts severity by rank, not alphabetically', () => {
    expect(
      ids(applyTableQuery(rows, (r) => r, all, { key: 'severity', descending: true }))
    ).toEqual(['DOCKER-E-01', 'DOCKER-S-01', 'K8S-D-01']);
    expect(ids(applyTableQuery(rows, (r) => r, all, { key: 'stride', descending: false }))).toEqual(
      ['DOCKER-S-01', 'K8S-D-01', 'DOCKER-E-01']
    );
  });

  it('reads missing form fields as "all"', () => {
    expect(readTableQuery(new Map([['platform', 'docker']]), Object.keys(all))).toEqual({
      ...all,
      platform: 'docker',
    });
  });
});
