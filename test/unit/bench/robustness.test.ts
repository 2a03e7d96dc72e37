import { describe, it, expect } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { fixtureText } from './helpers';

describe('input that is not a benchmark run', () => {
  it('says the input is empty', () => {
    for (const input of ['', '   \n\n', new Uint8Array()]) {
      const run = parseBenchRun(input);
      expect(run.tool).toBe('unknown');
      expect(run.findings).toEqual([]);
      expect(run.diagnostics[0]?.message).toMatch(/empty/);
    }
  });

  it('recognises binary data', () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const run = parseBenchRun(bytes);
    expect(run.tool).toBe('unknown');
    expect(run.diagnostics[0]?.message).toMatch(/binary/);
  });

  it('explains a random log', () => {
    const run = parseBenchRun(fixtureText('random.log'));
    expect(run.tool).toBe('unknown');
    expect(run.diagnostics[0]?.severity).toBe('error');
    expect(run.diagnostics[0]?.message).toMatch(/No benchmark results/);
  });

  it('recognises kube-bench and reads it', () => {
    const run = parseBenchRun(fixtureText('kube-bench.txt'));
    expect(run.tool).toBe('kube-bench');
    expect(run.findings.map((f) => [f.id, f.outcome])).toEqual([
      ['4.1.1', 'pass'],
      ['4.1.2', 'fail'],
    ]);
  });

  it('cuts huge lines and stays quick on a single 5 MB line', () => {
    const run = parseBenchRun(`[WARN] 5.10 - ${'x'.repeat(5_000_000)}\n`);
    expect(run.findings[0]?.title.length).toBeLessThan(10_001);
    expect(run.diagnostics.some((d) => /cut/.test(d.message))).toBe(true);
  });

  it('reads a paste where the ESC bytes were lost', () => {
    const run = parseBenchRun(
      '[1;31m[WARN][0m 5.10 - Ensure that the memory usage for containers is limited (Automated)\n'
    );
    expect(run.findings[0]).toMatchObject({ id: '5.10', outcome: 'fail' });
  });
});
