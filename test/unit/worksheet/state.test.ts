import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../src/lib/bench/types';
import { pickKey, prefillVerify, reduceWorksheet } from '../../../src/lib/worksheet/state';
import { testCatalog } from './helpers';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';

const wc = testCatalog();
const memory: Finding = {
  id: '5.11',
  title: 'Ensure that the memory usage for container is limited',
  status: 'FAIL',
  outcome: 'fail',
  section: '5',
  details: ['web'],
  line: 154,
};
const live: Finding = {
  id: '2.15',
  title: 'Ensure live restore is Enabled',
  status: 'FAIL',
  outcome: 'fail',
  section: '2',
  details: [],
  line: 40,
  remediation: 'Set "live-restore": true in daemon.json.',
};
const key = pickKey({ findingId: memory.id, title: memory.title });
const evidence = {
  findingId: '5.11',
  title: memory.title,
  status: 'PASS',
  outcome: 'pass' as const,
  line: 150,
  matchedBy: 'concept' as const,
  recordedAt: '2025-01-01T00:00:00.000Z',
};

describe('reduceWorksheet', () => {
  test('a new pick is planned and pre-filled from the catalog', () => {
    const info = wc.concepts.get('memory-limit');
    const ws = reduceWorksheet(emptyWorksheet(), {
      type: 'pick',
      finding: memory,
      concept: 'memory-limit',
      info,
    });
    expect(ws.picks).toEqual([
      {
        findingId: '5.11',
        title: memory.title,
        concept: 'memory-limit',
        threat: '',
        ownThreat: '',
        why: '',
        steps: 'Start containers with --memory.',
        verify: prefillVerify(memory, info),
        status: 'planned',
      },
    ]);
    expect(ws.picks[0]!.verify).toMatch(
      /^docker ps --quiet --all .*\n\nRun the benchmark again: check 5\.11 "Ensure that the memory usage for container is limited" should now pass\.$/s
    );
  });

  test('without a concept the tool remediation fills the steps', () => {
    const ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: live });
    expect(ws.picks[0]!.steps).toBe('Set "live-restore": true in daemon.json.');
  });

  test('picking the same finding twice changes nothing', () => {
    const once = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: memory });
    expect(reduceWorksheet(once, { type: 'pick', finding: memory })).toBe(once);
  });

  test('un-choosing keeps the text, choosing again brings it back', () => {
    let ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: memory });
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key,
      patch: { why: 'A leak starves the host.', threat: 'DOCKER-D-01' },
    });
    ws = reduceWorksheet(ws, { type: 'unpick', key });
    expect(ws.picks).toEqual([]);
    expect(ws.shelved[0]!.why).toBe('A leak starves the host.');
    ws = reduceWorksheet(ws, { type: 'pick', finding: memory });
    expect(ws.picks[0]).toMatchObject({ why: 'A leak starves the host.', threat: 'DOCKER-D-01' });
    expect(ws.shelved).toEqual([]);
  });

  test('edits touch one pick and keep the others identical', () => {
    let ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: memory });
    ws = reduceWorksheet(ws, { type: 'pick', finding: live });
    const next = reduceWorksheet(ws, {
      type: 'edit-pick',
      key,
      patch: { steps: 'docker run --memory 256m' },
    });
    expect(next.picks[0]!.steps).toBe('docker run --memory 256m');
    expect(next.picks[1]).toBe(ws.picks[1]);
    expect(next.input).toBe(ws.input);
    expect(reduceWorksheet(ws, { type: 'edit-pick', key: 'nope', patch: { why: 'x' } })).toBe(ws);
  });

  test('verifying keeps the evidence; stepping back to applied drops it', () => {
    let ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: memory });
    ws = reduceWorksheet(ws, { type: 'verify-pick', key, evidence });
    expect(ws.picks[0]).toMatchObject({ status: 'verified', evidence });
    ws = reduceWorksheet(ws, { type: 'edit-pick', key, patch: { status: 'applied' } });
    expect(ws.picks[0]!.status).toBe('applied');
    expect(ws.picks[0]!.evidence).toBeUndefined();
  });

  test('runs, replace and start over', () => {
    let ws = reduceWorksheet(emptyWorksheet(), {
      type: 'set-input',
      text: 'run',
      fileName: 'before.txt',
    });
    ws = reduceWorksheet(ws, { type: 'set-after', text: 'after' });
    expect(ws.input).toEqual({ text: 'run', fileName: 'before.txt' });
    expect(ws.after).toEqual({ text: 'after' });
    const other = { ...emptyWorksheet(), input: { text: 'other' } };
    expect(reduceWorksheet(ws, { type: 'replace', worksheet: other })).toBe(other);
    expect(reduceWorksheet(ws, { type: 'start-over' })).toEqual(emptyWorksheet());
  });

  test("the course exercise's rules switch off and on, and starting over keeps the choice", () => {
    const ws = emptyWorksheet();
    expect(ws.exerciseRules).toBe(true);
    expect(reduceWorksheet(ws, { type: 'set-exercise-rules', on: true })).toBe(ws);
    const free = reduceWorksheet(ws, { type: 'set-exercise-rules', on: false });
    expect(free.exerciseRules).toBe(false);
    expect(reduceWorksheet(free, { type: 'start-over' })).toEqual({
      ...emptyWorksheet(),
      exerciseRules: false,
    });
  });
});
