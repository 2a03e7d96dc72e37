import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConceptSchema, checkSetSchema } from '../../../src/lib/catalog';
import { readThreatIds } from '../../../src/lib/content/threat-ids';

const concept = {
  concept: 'memory-limit',
  platform: 'docker',
  name: 'Container memory limited',
  what: 'w',
  why: 'w',
  remediation: 'r',
  audit: 'a',
  impact: 'i',
  threats: ['DOCKER-D-01'],
  references: [
    {
      title: 'Resource constraints',
      url: 'https://docs.docker.com/engine/containers/resource_constraints/',
      publisher: 'Docker',
    },
  ],
};

describe('checkConceptSchema', () => {
  it('accepts known threat ids', () => {
    expect(checkConceptSchema(new Set(['DOCKER-D-01'])).safeParse(concept).success).toBe(true);
  });

  it('rejects an unknown threat id and names it', () => {
    const result = checkConceptSchema(new Set(['DOCKER-D-01'])).safeParse({
      ...concept,
      threats: ['DOCKER-D-09'],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('DOCKER-D-09');
  });

  it('needs a reference', () => {
    expect(
      checkConceptSchema(new Set(['DOCKER-D-01'])).safeParse({ ...concept, references: [] }).success
    ).toBe(false);
  });
});

describe('checkSetSchema', () => {
  const base = {
    checkSet: 'aquasec-cis-1.2',
    tool: 'aquasec-docker-bench',
    benchmark: 'cis-docker-1.2.0',
    benchmarkName: 'CIS Docker Benchmark v1.2.0',
    source: {
      repository: 'aquasecurity/docker-bench',
      ref: 'cfg/cis-1.2',
      commit: 'c463c39d1c80f3a801073a9187967dbf46588d47',
    },
    sections: [{ id: '2', title: 'Docker daemon configuration' }],
    checks: [
      {
        id: '2.2.a',
        title: 'Ensure the logging level is set to info',
        section: '2',
        scored: true,
        level: 1,
        concept: 'daemon-log-level',
      },
    ],
  };

  it('accepts sub-ids such as 2.2.a', () => {
    expect(checkSetSchema.safeParse(base).success).toBe(true);
  });

  it('rejects a check in an undeclared section', () => {
    const bad = { ...base, checks: [{ ...base.checks[0], section: '5' }] };
    expect(checkSetSchema.safeParse(bad).success).toBe(false);
  });
});

describe('readThreatIds', () => {
  it('reads the id line of each threat page, in nested folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threats-'));
    mkdirSync(join(dir, 'docker'));
    writeFileSync(
      join(dir, 'docker', 'a.mdx'),
      '---\nid: DOCKER-S-01\ntitle: x\n---\nbody id: DOCKER-X-99\n'
    );
    writeFileSync(join(dir, 'docker', 'b.mdx'), "---\r\ntitle: y\r\nid: 'DOCKER-E-01'\r\n---\r\n");
    writeFileSync(join(dir, 'notes.md'), '---\nid: DOCKER-T-09\n---\n');
    expect([...readThreatIds(dir)].sort()).toEqual(['DOCKER-E-01', 'DOCKER-S-01']);
  });
});
