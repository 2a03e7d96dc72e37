import { describe, expect, it } from 'vitest';
import { threatSchema, modelSchema, type ComponentIndex } from '../../../src/lib/content/schema';

const components: ComponentIndex = {
  docker: new Set(['dockerd', 'containers']),
  kubernetes: new Set(['kubelet']),
};
const schema = threatSchema(components);

const valid = {
  id: 'DOCKER-E-09',
  platform: 'docker',
  stride: 'elevation-of-privilege',
  title: 'A test threat',
  summary: 'Summary.',
  components: ['dockerd'],
  likelihood: { rating: 'high', reason: 'Reachable by default.' },
  impact: { rating: 'medium', reason: 'One container.' },
  severity: { rating: 'high', reason: 'Follows from the grid.' },
  mitigations: [
    {
      title: 'Do a thing',
      description: 'Why.',
      controls: [{ benchmark: 'cis-docker-1.6.0', id: '5.5' }],
      verify: 'docker info',
    },
  ],
  attack: ['T1611'],
  references: [
    { title: 'A', url: 'https://docs.docker.com/engine/security/', publisher: 'Docker' },
    { title: 'B', url: 'https://attack.mitre.org/techniques/T1611/', publisher: 'MITRE' },
  ],
};

/** The paths and messages of every issue zod reports for the data. */
function problems(data: unknown): string[] {
  const r = schema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('threat schema', () => {
  it('accepts a complete threat', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('names a missing field', () => {
    const { summary: _summary, ...rest } = valid;
    expect(problems(rest)).toEqual(['summary: Required']);
  });

  it('rejects an unknown STRIDE category', () => {
    expect(problems({ ...valid, stride: 'lateral-movement' })[0]).toMatch(
      /^stride: Invalid enum value/
    );
  });

  it('rejects a component the platform model does not have, naming the known ones', () => {
    expect(problems({ ...valid, components: ['dockerd', 'kubelet'] })).toEqual([
      'components.1: unknown component "kubelet" for docker; known: dockerd, containers',
    ]);
  });

  it('rejects a mitigation citing an unknown benchmark', () => {
    const mitigations = [
      { ...valid.mitigations[0], controls: [{ benchmark: 'cis-docker-9.9', id: '5.5' }] },
    ];
    expect(problems({ ...valid, mitigations })).toEqual([
      expect.stringMatching(
        /^mitigations\.0\.controls\.0\.benchmark: unknown benchmark; known benchmarks are cis-docker-1\.2\.0/
      ),
    ]);
  });

  it('needs at least two references', () => {
    expect(problems({ ...valid, references: valid.references.slice(0, 1) })).toEqual([
      'references: needs at least two references to primary sources',
    ]);
  });

  it('rejects a severity that does not follow from likelihood and impact', () => {
    expect(problems({ ...valid, severity: { rating: 'low', reason: 'x' } })).toEqual([
      'severity.rating: likelihood high and impact medium give severity high, not low',
    ]);
  });

  it('rejects an id whose letter or platform disagrees with the data', () => {
    expect(problems({ ...valid, id: 'K8S-S-01' })).toEqual([
      'id: id K8S-S-01 does not match platform docker',
      'id: id K8S-S-01 does not match STRIDE category elevation-of-privilege',
    ]);
  });
});

describe('model schema', () => {
  const model = {
    platform: 'docker',
    title: 'T',
    scope: 'S',
    versions: [{ name: 'Docker Engine', version: '28' }],
    assumptions: ['A'],
    zones: [{ id: 'host', name: 'Host', description: 'd' }],
    components: [
      { id: 'dockerd', name: 'dockerd', kind: 'process', zone: 'host', description: 'd' },
    ],
    boundaries: [{ id: 'TB-D1', name: 'B', description: 'd', defaultProtection: 'p' }],
    flows: [{ from: 'dockerd', to: 'dockerd', label: 'l' }],
    references: [{ title: 'A', url: 'https://docs.docker.com/', publisher: 'Docker' }],
  };

  it('accepts a consistent model', () => {
    expect(modelSchema.safeParse(model).success).toBe(true);
  });

  it('rejects flows and components that point nowhere', () => {
    const r = modelSchema.safeParse({
      ...model,
      components: [{ ...model.components[0], zone: 'cloud' }],
      flows: [{ from: 'dockerd', to: 'runc', label: 'l', boundary: 'TB-D9' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'components.0.zone: unknown zone "cloud"',
      'flows.0.to: unknown component "runc"',
      'flows.0.boundary: unknown trust boundary "TB-D9"',
    ]);
  });
});
