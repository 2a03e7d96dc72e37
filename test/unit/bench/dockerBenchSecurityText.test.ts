import { describe, it, expect } from 'vitest';
import { parseBenchRun, type BenchRun } from '../../../src/lib/bench/index';
import { fixtureBytes, fixtureText } from './helpers';

const BASE_COUNTS = { fail: 4, pass: 3, manual: 1, info: 3, skip: 0, total: 11 };

function ids(run: BenchRun): string[] {
  return run.findings.map((f) => f.id);
}

describe('docker-bench-security text', () => {
  const plain = parseBenchRun(fixtureText('dbs-v1.6.1-plain.txt'));

  it('reads a plain v1.6.1 run', () => {
    expect(plain.tool).toBe('docker-bench-security');
    expect(plain.format).toBe('text');
    expect(plain.toolVersion).toBe('1.6.0');
    expect(plain.checkSet).toBe('docker-bench-security-1.6.1');
    expect(plain.benchmark?.id).toBe('cis-docker-1.6.0');
    expect(plain.benchmark?.confidence).toBe('high');
    expect(plain.complete).toBe(true);
    expect(plain.totals.printed).toEqual({ checks: 11, score: -2 });
    expect(plain.totals.counted).toEqual(BASE_COUNTS);
    expect(ids(plain)).toEqual([
      '1.1.1',
      '1.1.2',
      '1.2.1',
      '2.2',
      '2.17',
      '2.18',
      '5.1',
      '5.10',
      '5.11',
      '5.14',
      '7.1',
    ]);
    expect(plain.sections.map((s) => s.id)).toEqual(['1', '2', '5', '7']);
  });

  it('normalises outcomes: WARN fails, NOTE is manual', () => {
    const byId = new Map(plain.findings.map((f) => [f.id, f]));
    expect(byId.get('1.1.1')).toMatchObject({
      status: 'WARN',
      outcome: 'fail',
      scored: true,
      section: '1',
      line: 17,
    });
    expect(byId.get('1.2.1')).toMatchObject({ status: 'NOTE', outcome: 'manual', scored: false });
    expect(byId.get('5.10')).toMatchObject({ status: 'PASS', outcome: 'pass' });
    expect(byId.get('1.1.2')).toMatchObject({
      status: 'INFO',
      outcome: 'info',
      details: ['Users: alice'],
    });
  });

  it('strips every suffix from titles and keeps the scored flag', () => {
    const f71 = plain.findings.find((f) => f.id === '7.1');
    expect(f71?.title).toBe(
      'Ensure that the minimum number of manager nodes have been created in a swarm'
    );
    expect(f71?.scored).toBe(true);
    const f218 = plain.findings.find((f) => f.id === '2.18');
    expect(f218?.title).toBe('Ensure that experimental features are not implemented in production');
    expect(f218?.scored).toBe(true);
  });

  it('numbers the deprecated check printed without an id from its place, and says so', () => {
    expect(
      plain.diagnostics.some((d) => d.line === 26 && /without its number/.test(d.message))
    ).toBe(true);
  });

  it('attaches detail lines of any indent to the preceding finding', () => {
    expect(plain.findings.find((f) => f.id === '5.11')?.details).toEqual([
      'Container running without memory restrictions: web',
    ]);
    expect(plain.findings.find((f) => f.id === '5.14')?.details).toEqual([
      'Port being bound to wildcard IP: 0.0.0.0 in web',
    ]);
  });

  it('gives the same findings with ANSI colours and the non-root warning', () => {
    const run = parseBenchRun(fixtureText('dbs-ansi.txt'));
    expect(run.totals.counted).toEqual(BASE_COUNTS);
    expect(run.findings.map((f) => f.title)).toEqual(plain.findings.map((f) => f.title));
    expect(
      run.diagnostics.some((d) => d.severity === 'warning' && /not run as root/.test(d.message))
    ).toBe(true);
    expect(run.findings.some((f) => f.title.includes('\x1b'))).toBe(false);
  });

  for (const name of [
    'dbs-crlf.txt',
    'dbs-utf16le-bom.txt',
    'dbs-utf16le-nobom.txt',
    'dbs-utf8-bom.txt',
    'dbs-fenced.md',
    'dbs-prompt.txt',
    'dbs-docker-noise.txt',
  ]) {
    it(`reads ${name} like the plain run`, () => {
      const run = parseBenchRun(fixtureBytes(name));
      expect(run.tool).toBe('docker-bench-security');
      expect(run.complete).toBe(true);
      expect(run.totals.counted).toEqual(BASE_COUNTS);
      expect(run.findings.map((f) => [f.id, f.title, f.details])).toEqual(
        plain.findings.map((f) => [f.id, f.title, f.details])
      );
      expect(
        run.findings.some((f) => f.title.includes('\r') || f.details.some((d) => d.includes('\r')))
      ).toBe(false);
    });
  }

  it('keeps line numbers of the paste when fences and prompts surround it', () => {
    const run = parseBenchRun(fixtureText('dbs-fenced.md'));
    expect(run.findings[0]?.line).toBe(20);
  });

  it('skips docker CLI notices between results and says so', () => {
    const run = parseBenchRun(fixtureText('dbs-docker-noise.txt'));
    const note = run.diagnostics.find((d) => /not part of the report/.test(d.message));
    expect(note?.message).toContain('DEPRECATION NOTICE');
    expect(note?.line).toBe(17);
  });

  it('marks a truncated paste incomplete and names the last check', () => {
    const run = parseBenchRun(fixtureText('dbs-truncated.txt'));
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('2.17');
    expect(
      run.diagnostics.some(
        (d) => d.severity === 'warning' && /stops after check 2\.17/.test(d.message)
      )
    ).toBe(true);
  });

  it('takes the last of several runs appended to one log and says so', () => {
    const run = parseBenchRun(fixtureText('dbs-two-runs.log'));
    expect(run.totals.counted).toEqual(BASE_COUNTS);
    expect(run.findings.find((f) => f.id === '5.11')?.outcome).toBe('fail');
    expect(run.diagnostics.some((d) => /2 runs/.test(d.message))).toBe(true);
    expect(run.complete).toBe(true);
  });

  it('attaches -p remediation lines (Section B) to their findings without counting them', () => {
    const run = parseBenchRun(fixtureText('dbs-p-remediation.txt'));
    expect(run.totals.counted).toEqual(BASE_COUNTS);
    const byId = new Map(run.findings.map((f) => [f.id, f]));
    expect(byId.get('5.11')?.remediation).toBe(
      'You can run the container with only as much memory as it needs, using the --memory argument. Remediation Impact: If correct memory limits are not set, the container may starve.'
    );
    expect(byId.get('2.18')?.remediation).toContain('experimental features');
    expect(byId.get('5.10')?.remediation).toBeUndefined();
    expect(run.sections.map((s) => s.id)).toEqual(['1', '2', '5', '7']);
  });

  it('reads a -c subset without section headers', () => {
    const run = parseBenchRun(fixtureText('dbs-c-subset.txt'));
    expect(ids(run)).toEqual(['5.11', '2.2']);
    expect(run.findings.map((f) => f.section)).toEqual(['5', '2']);
    expect(run.sections).toEqual([]);
    expect(run.complete).toBe(true);
    expect(run.totals.counted.total).toBe(2);
    expect(run.diagnostics.some((d) => /-c option/.test(d.message))).toBe(true);
  });

  it('accepts a v1.3.0 run without footer that ends with its last check', () => {
    const run = parseBenchRun(fixtureText('dbs-v1.3.0-no-footer.txt'));
    expect(run.checkSet).toBe('docker-bench-security-1.3.0');
    expect(run.benchmark?.id).toBe('cis-docker-1.13.0');
    expect(run.complete).toBe(true);
    expect(run.totals.printed).toBeUndefined();
    expect(run.findings.find((f) => f.id === '5.10')?.title).toBe(
      'Limit memory usage for container'
    );
  });

  it('reads the two-space padding of the Docker Hub v1.3.4 image', () => {
    const run = parseBenchRun(fixtureText('dbs-v1.3.4-padded.txt'));
    expect(ids(run)).toEqual(['1.1', '1.10', '2.13', '5.10', '5.22']);
    expect(run.findings.find((f) => f.id === '2.13')?.title).toBe(
      'Ensure operations on legacy registry (v1) are Disabled'
    );
    expect(run.checkSet).toBe('docker-bench-security-1.3.4');
    expect(run.benchmark?.id).toBe('cis-docker-ce-1.1.0');
    expect(run.totals.counted).toMatchObject({ fail: 2, manual: 1, info: 2, total: 5 });
    expect(run.complete).toBe(true);
  });

  it('keeps hostile container names verbatim as text', () => {
    const run = parseBenchRun(fixtureText('dbs-hostile-names.txt'));
    const details = run.findings.find((f) => f.id === '5.11')?.details;
    expect(details).toEqual([
      'Container running without memory restrictions: <script>alert(1)</script>',
      'Container running without memory restrictions: evil\x07name\x08\x7f\u202etxt.exe',
    ]);
  });
});
