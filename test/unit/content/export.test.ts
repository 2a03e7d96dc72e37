import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  catalogExport,
  catalogJsonSchema,
  crosswalkCsv,
  crosswalkRows,
  csvField,
} from '../../../src/lib/content/export';
import type { Model, ThreatData } from '../../../src/lib/content/schema';

const threat: ThreatData = {
  id: 'DOCKER-E-01',
  platform: 'docker',
  stride: 'elevation-of-privilege',
  title: 'Escape, "quoted", with a comma',
  summary: 'S',
  components: ['dockerd'],
  likelihood: { rating: 'high', reason: 'r' },
  impact: { rating: 'high', reason: 'r' },
  severity: { rating: 'critical', reason: 'r' },
  mitigations: [
    {
      title: 'A',
      description: 'd',
      verify: 'v',
      controls: [
        { benchmark: 'cis-docker-1.6.0', id: '5.10' },
        { benchmark: 'cis-docker-1.6.0', id: '5.4' },
      ],
    },
    {
      title: 'B',
      description: 'd',
      verify: 'v',
      controls: [
        { benchmark: 'cis-docker-1.2.0', id: '5.22' },
        { benchmark: 'cis-docker-1.6.0', id: '5.4' },
      ],
    },
  ],
  attack: ['T1611', 'T1610'],
  msThreatMatrix: [],
  references: [
    { title: 'a', url: 'https://docs.docker.com/', publisher: 'Docker' },
    { title: 'b', url: 'https://attack.mitre.org/', publisher: 'MITRE' },
  ],
  brief: { stride: 'elevation-of-privilege', claim: 'c', verdict: 'inaccurate', correction: 'x' },
};
const model = {
  platform: 'docker',
  components: [{ id: 'dockerd', name: 'Docker daemon' }],
} as unknown as Model;
const catalog = catalogExport('https://example.org/', [threat], [model], (b, id) =>
  b === 'cis-docker-1.6.0' && id === '5.4'
    ? {
        title: 'Ensure that Linux kernel capabilities are restricted',
        concept: 'restrict-capabilities',
      }
    : undefined
);

describe('the published catalog', () => {
  it('validates against its own published JSON Schema', () => {
    const validate = new Ajv({ strict: false, formats: { uri: true } }).compile(
      catalogJsonSchema()
    );
    expect(validate(catalog), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...catalog, schemaVersion: 2 })).toBe(false);
  });

  it('carries absolute urls, component names, control titles and the brief flag', () => {
    const t = catalog.threats[0]!;
    expect(t.url).toBe('https://example.org/threats/docker-e-01/');
    const underPath = catalogExport('https://example.org/sub/', [threat], [model], () => ({
      title: 'Ensure that Linux kernel capabilities are restricted',
      concept: 'restrict-capabilities',
    }));
    expect(underPath.threats[0]!.url).toBe('https://example.org/sub/threats/docker-e-01/');
    expect(underPath.threats[0]!.mitigations[0]!.controls[0]!.checkUrl).toBe(
      'https://example.org/sub/checks/docker/restrict-capabilities/'
    );
    expect(t.components).toEqual([{ id: 'dockerd', name: 'Docker daemon' }]);
    expect(t.mitigations[0]!.controls[1]).toEqual({
      benchmark: 'cis-docker-1.6.0',
      benchmarkName: 'CIS Docker Benchmark',
      benchmarkVersion: '1.6.0',
      id: '5.4',
      label: '5.4 (CIS Docker 1.6.0)',
      title: 'Ensure that Linux kernel capabilities are restricted',
      checkUrl: 'https://example.org/checks/docker/restrict-capabilities/',
    });
    expect(t.mitigations[0]!.controls[0]).toEqual({
      benchmark: 'cis-docker-1.6.0',
      benchmarkName: 'CIS Docker Benchmark',
      benchmarkVersion: '1.6.0',
      id: '5.10',
      label: '5.10 (CIS Docker 1.6.0)',
    });
    expect(t.fromBrief).toBe(true);
  });
});

describe('the crosswalk', () => {
  it('groups controls per benchmark without duplicates, in numeric order, each in its numbering', () => {
    expect(crosswalkRows(catalog)[0]!.controls).toEqual([
      {
        benchmark: 'cis-docker-1.6.0',
        controls: [
          {
            id: '5.4',
            label: '5.4 (CIS Docker 1.6.0)',
            checkUrl: 'https://example.org/checks/docker/restrict-capabilities/',
          },
          { id: '5.10', label: '5.10 (CIS Docker 1.6.0)' },
        ],
      },
      {
        benchmark: 'cis-docker-1.2.0',
        controls: [{ id: '5.22', label: '5.22 (CIS Docker 1.2.0)' }],
      },
    ]);
  });

  it('writes RFC 4180 CSV that a spreadsheet reads as one row per threat', () => {
    const csv = crosswalkCsv(crosswalkRows(catalog));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,title,platform,stride,cis_controls,cis_control_pages,attack,ms_threat_matrix'
    );
    expect(lines[1]).toBe(
      'DOCKER-E-01,"Escape, ""quoted"", with a comma",docker,Elevation of privilege,' +
        '5.4 (CIS Docker 1.6.0); 5.10 (CIS Docker 1.6.0); 5.22 (CIS Docker 1.2.0),' +
        'https://example.org/checks/docker/restrict-capabilities/; ; ,T1611 T1610,'
    );
  });

  it('defuses cells a spreadsheet would evaluate as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('plain')).toBe('plain');
  });
});
