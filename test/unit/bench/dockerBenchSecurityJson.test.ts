import { describe, it, expect } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { scanJson, field, scalarText } from '../../../src/lib/bench/tolerantJson';
import { fixtureText } from './helpers';

describe('docker-bench-security JSON', () => {
  it('reads the flat layout and keeps every duplicate key as a detail', () => {
    const run = parseBenchRun(fixtureText('dbs-json-flat.json'));
    expect(run.tool).toBe('docker-bench-security');
    expect(run.format).toBe('json');
    expect(run.toolVersion).toBe('1.3.4');
    expect(run.findings.map((f) => [f.id, f.status, f.outcome])).toEqual([
      ['1.1', 'WARN', 'fail'],
      ['1.4', 'INFO', 'info'],
      ['2.13', 'INFO', 'info'],
      ['4.6', 'WARN', 'fail'],
      ['5.10', 'PASS', 'pass'],
      ['5.22', 'NOTE', 'manual'],
    ]);
    expect(run.findings.find((f) => f.id === '4.6')?.details).toEqual([
      '[busybox:latest]',
      '[redis:latest]',
    ]);
    expect(run.findings.find((f) => f.id === '1.4')?.details).toEqual([
      'docker:x:999:ubuntu,jenkins',
    ]);
    expect(run.totals.printed).toEqual({ checks: 6, score: 0 });
    expect(run.complete).toBe(true);
    expect(run.diagnostics.some((d) => /titles are missing/.test(d.message))).toBe(true);
  });

  it('reads the nested one-object-per-line layout, splitting item lists into details', () => {
    const run = parseBenchRun(fixtureText('dbs-json-nested.json'));
    expect(run.sections.map((s) => s.id)).toEqual(['1', '5']);
    expect(run.findings.map((f) => f.id)).toEqual(['1.1.1', '1.2.1', '5.10', '5.22']);
    const f510 = run.findings.find((f) => f.id === '5.10');
    expect(f510).toMatchObject({
      title: 'Ensure that the memory usage for containers is limited',
      scored: true,
      section: '5',
      line: 10,
    });
    expect(f510?.details).toEqual([
      'Containers running without memory restrictions: web',
      'Containers running without memory restrictions: db',
    ]);
    expect(run.checkSet).toBe('docker-bench-security-1.3.5-scored');
    expect(run.benchmark?.id).toBe('cis-docker-1.2.0');
    expect(run.totals.counted).toMatchObject({ fail: 2, manual: 1, info: 1, total: 4 });
    expect(run.complete).toBe(true);
    expect(run.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads the pretty layout with remediation and impact', () => {
    const run = parseBenchRun(fixtureText('dbs-json-pretty-remediation.json'));
    const f = run.findings.find((x) => x.id === '5.11');
    expect(f?.remediation).toBe(
      'Run the container with only as much memory as it needs, using the --memory argument. Remediation Impact: Containers may be stopped when they exceed the limit.'
    );
    expect(f?.details).toEqual(['Container running without memory restrictions: web']);
    expect(run.findings.find((x) => x.id === '5.1')?.remediation).toBeUndefined();
    expect(run.checkSet).toBe('docker-bench-security-1.6.1');
    expect(run.complete).toBe(true);
  });

  it('reads the -c subset layout with results straight under tests', () => {
    const run = parseBenchRun(fixtureText('dbs-json-c-subset.json'));
    expect(run.findings.map((f) => f.id)).toEqual(['5.11']);
    expect(run.sections).toEqual([]);
    expect(run.complete).toBe(true);
  });

  it('recovers the results around invalid JSON and says what broke', () => {
    const run = parseBenchRun(fixtureText('dbs-json-broken.json'));
    expect(run.findings.map((f) => f.id)).toEqual(['7.1', '7.4', '7.5']);
    expect(run.findings.find((f) => f.id === '7.4')?.details).toEqual([
      'Unencrypted overlay network: a (swarm)',
    ]);
    const d = run.diagnostics.find((x) => /not valid/.test(x.message));
    expect(d?.severity).toBe('warning');
    expect(d?.line).toBe(7);
  });

  it('marks cut-off JSON incomplete after the last readable check', () => {
    const run = parseBenchRun(fixtureText('dbs-json-truncated.json'));
    expect(run.findings.map((f) => f.id)).toEqual(['1.1.1', '1.1.2']);
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('1.1.2');
  });
});

describe('tolerant JSON scanner', () => {
  it('keeps duplicate keys in order', () => {
    const scan = scanJson('{"a": 1, "a": 2}');
    const obj = scan.root.entries[0]?.value;
    expect(obj && obj.kind === 'object' ? obj.entries.map((e) => scalarText(e.value)) : []).toEqual(
      ['1', '2']
    );
    expect(scan.problemCount).toBe(0);
  });

  it('reads a quote printed unescaped inside a value', () => {
    const scan = scanJson(
      '{"desc": "Ensure that Docker\'s default bridge "docker0" is not used", "result": "PASS"}'
    );
    const obj = scan.root.entries[0]?.value;
    expect(obj && obj.kind === 'object' ? scalarText(field(obj, 'desc')) : undefined).toBe(
      'Ensure that Docker\'s default bridge "docker0" is not used'
    );
    expect(obj && obj.kind === 'object' ? scalarText(field(obj, 'result')) : undefined).toBe(
      'PASS'
    );
  });

  it('decodes escapes and survives deep nesting', () => {
    const arr = scanJson('["a\\"b\\u0041\\n"]').root.entries[0]?.value;
    expect(arr && arr.kind === 'array' ? scalarText(arr.entries[0]?.value) : undefined).toBe(
      'a"bA\n'
    );
    const deep = scanJson('['.repeat(10_000) + ']'.repeat(10_000));
    expect(deep.problemCount).toBeGreaterThan(0);
  });
});
