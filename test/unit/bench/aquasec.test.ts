import { describe, it, expect } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { fixtureText } from './helpers';

describe('aquasecurity/docker-bench', () => {
  const run = parseBenchRun(fixtureText('aquasec-18.09-remediations.txt'));

  it('reads results, sections and the 18.09 header', () => {
    expect(run.tool).toBe('aquasec-docker-bench');
    expect(run.format).toBe('text');
    expect(run.checkSet).toBe('aquasec-cis-1.2');
    expect(run.benchmark).toMatchObject({ id: 'cis-docker-1.2.0', confidence: 'high' });
    expect(run.sections.map((s) => s.id)).toEqual(['1', '2', '5', '7']);
    expect(run.findings.map((f) => f.id)).toEqual([
      '1.1.1',
      '1.2.3',
      '2.2.a',
      '2.2.b',
      '5.10',
      '5.14',
      '5.22',
      '7.1',
    ]);
  });

  it('maps FAIL to fail and WARN to manual', () => {
    const byId = new Map(run.findings.map((f) => [f.id, f]));
    expect(byId.get('5.10')).toMatchObject({
      status: 'FAIL',
      outcome: 'fail',
      scored: true,
      title: 'Ensure that the memory usage for container is limited',
    });
    expect(byId.get('5.22')).toMatchObject({ status: 'WARN', outcome: 'manual' });
    expect(byId.get('7.1')).toMatchObject({ status: 'INFO', outcome: 'info' });
    expect(byId.get('1.2.3')?.details).toEqual(['/bin/sh: 1: auditctl: not found']);
  });

  it('attaches multi-line remediations to their findings', () => {
    const byId = new Map(run.findings.map((f) => [f.id, f]));
    expect(byId.get('5.10')?.remediation).toBe(
      'Run the container with only as much memory as it needs.\nFor example:\ndocker run --memory 256m nginx'
    );
    expect(byId.get('2.2.b')?.remediation).toBe(
      'Ensure that the Docker daemon configuration file has the following configuration included\n"log-level": "info"'
    );
    expect(byId.get('2.2.a')?.remediation).toBeUndefined();
    expect(byId.get('7.1')?.remediation).toBe('Test marked as skip');
  });

  it('takes the Summary block as printed totals, matching the count', () => {
    expect(run.totals.printed).toEqual({ pass: 1, fail: 4, warn: 2, info: 1 });
    expect(run.totals.counted).toEqual({ fail: 4, pass: 1, manual: 2, info: 1, skip: 0, total: 8 });
    expect(run.complete).toBe(true);
    expect(run.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([
      'audit-errors',
    ]);
  });

  it('marks the check whose audit output shows a missing program, and keeps its remediation', () => {
    const byId = new Map(run.findings.map((f) => [f.id, f]));
    expect(byId.get('1.2.3')).toMatchObject({
      auditErrorCode: 'missing-program',
      auditError: 'auditctl is not installed',
      remediation: 'Install auditd and add a rule for the Docker daemon.',
    });
    expect(run.findings.filter((f) => f.auditErrorCode !== undefined)).toHaveLength(1);
    const warning = run.diagnostics.find((d) => d.code === 'audit-errors');
    expect(warning?.message).toMatch(/^1 result says nothing about this host/);
    expect(warning?.message).toMatch(/auditctl is not installed/);
    expect(warning?.message).toMatch(/install auditd, which provides auditctl and ausearch/);
  });

  it('explains a Summary that disagrees with the results', () => {
    const bad = parseBenchRun(fixtureText('aquasec-summary-mismatch.txt'));
    expect(
      bad.diagnostics.some(
        (d) => d.severity === 'warning' && /5 checks FAIL printed, 4 read/.test(d.message)
      )
    ).toBe(true);
  });

  it('marks a cut-off run incomplete', () => {
    const cut = parseBenchRun(fixtureText('aquasec-truncated.txt'));
    expect(cut.complete).toBe(false);
    expect(cut.incompleteAfter).toBe('5.10');
  });

  it('tells CIS 1.6.0 from its 20.10 header and new checks, and matches duplicate ids in order', () => {
    const r = parseBenchRun(fixtureText('aquasec-20.10.txt'));
    expect(r.checkSet).toBe('aquasec-cis-1.6.0');
    expect(r.benchmark?.id).toBe('cis-docker-1.6.0');
    const twelves = r.findings.filter((f) => f.id === '5.12');
    expect(twelves.map((f) => f.remediation)).toEqual(['Use --cpu-shares.', undefined]);
    expect(r.complete).toBe(true);
  });

  it('reads --json output', () => {
    const r = parseBenchRun(fixtureText('aquasec.json'));
    expect(r.tool).toBe('aquasec-docker-bench');
    expect(r.format).toBe('json');
    expect(r.benchmark?.id).toBe('cis-docker-1.2.0');
    expect(r.findings.map((f) => [f.id, f.outcome, f.remediation])).toEqual([
      ['5.10', 'fail', 'Run with --memory.'],
      ['5.22', 'manual', 'Avoid --privileged.'],
    ]);
    expect(r.totals.printed).toEqual({ pass: 0, fail: 1, warn: 1, info: 0 });
    expect(r.complete).toBe(true);
  });
});

describe('aquasecurity output filtered with grep FAIL', () => {
  const run = parseBenchRun(fixtureText('aquasec-grep-fail.txt'));

  it('is recognised, and its 1.1.x ids and (Manual) suffixes name cis-1.6.0', () => {
    expect(run.tool).toBe('aquasec-docker-bench');
    expect(run.checkSet).toBe('aquasec-cis-1.6.0');
    expect(run.benchmark?.id).toBe('cis-docker-1.6.0');
    expect(run.benchmark?.evidence).toMatch(/^no header; 8 check titles match/);
  });

  it('reads its "8 checks FAIL" line and says only the failures are there', () => {
    expect(run.findings).toHaveLength(8);
    expect(run.totals.printed).toEqual({ fail: 8 });
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBeUndefined();
    const note = run.diagnostics.find((d) => d.code === 'filtered-output');
    expect(note?.severity).toBe('info');
    expect(note?.message).toMatch(/as many as its "8 checks FAIL" line says/);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['filtered-output']);
  });

  it('warns when the count line disagrees', () => {
    const cut = parseBenchRun(fixtureText('aquasec-grep-fail.txt').replace('8 checks', '9 checks'));
    expect(cut.diagnostics.find((d) => d.code === 'filtered-output')?.severity).toBe('warning');
  });
});
