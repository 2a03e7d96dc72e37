import { describe, expect, test } from 'vitest';
import { pickNames } from '../../../src/lib/worksheet/pick-names';
import type { HardeningPick } from '../../../src/lib/worksheet/schema';
import { pickKeys, reduceWorksheet } from '../../../src/lib/worksheet/state';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';

const pick = (
  findingId: string,
  title: string,
  extra: Partial<HardeningPick> = {}
): HardeningPick => ({
  findingId,
  title,
  threat: '',
  ownThreat: '',
  why: '',
  steps: '',
  verify: '',
  status: 'planned',
  ...extra,
});
const READ_ONLY = pick(
  '5.12',
  "Ensure that the container's root filesystem is mounted as read only",
  {
    concept: 'read-only-root-filesystem',
  }
);
const CPU = pick('5.12', 'Ensure that CPU priority is set appropriately on container');
const CONCEPTS: Record<string, string> = {
  'read-only-root-filesystem': 'Read-only root filesystem',
};
const conceptName = (c: string) => CONCEPTS[c];

describe('pick names', () => {
  test('an id no other pick has is the name', () => {
    expect(
      pickNames([READ_ONLY, pick('2.15', 'Ensure live restore is Enabled')], conceptName)
    ).toEqual(['5.12', '2.15']);
  });

  test('two checks numbered 5.12 are told apart by the concept name, else the title', () => {
    expect(pickNames([READ_ONLY, CPU], conceptName)).toEqual([
      '5.12 (read-only root filesystem)',
      '5.12 (ensure that CPU priority is set appropriately on container)',
    ]);
  });

  test('one check under two kube-bench node types names the node type', () => {
    const a = pick('4.2.1', 'Ensure anonymous auth is disabled', { nodeType: 'node' });
    const b = pick('4.2.1', 'Ensure anonymous auth is disabled', { nodeType: 'master' });
    const [na, nb] = pickNames([a, b], conceptName);
    expect(na).toMatch(/^4\.2\.1 \(ensure anonymous auth is disabled, node \(worker node\)\)$/);
    expect(nb).not.toBe(na);
  });

  test('one finding picked twice (an imported file) is numbered', () => {
    expect(pickNames([CPU, CPU], conceptName)).toEqual([
      '5.12 (ensure that CPU priority is set appropriately on container), pick 1',
      '5.12 (ensure that CPU priority is set appropriately on container), pick 2',
    ]);
  });
});

describe('two picks of one finding', () => {
  const ws = {
    ...emptyWorksheet(),
    picks: [
      { ...CPU, why: 'first' },
      { ...CPU, why: 'second' },
    ],
  };

  test('have distinct keys', () => {
    const keys = pickKeys(ws.picks);
    expect(new Set(keys).size).toBe(2);
  });

  test('an edit of one leaves the other as it was', () => {
    const [, second] = pickKeys(ws.picks);
    const next = reduceWorksheet(ws, {
      type: 'edit-pick',
      key: second!,
      patch: { why: 'changed' },
    });
    expect(next.picks.map((p) => p.why)).toEqual(['first', 'changed']);
  });

  test('removing the second removes only it', () => {
    const [, second] = pickKeys(ws.picks);
    const next = reduceWorksheet(ws, { type: 'unpick', key: second! });
    expect(next.picks.map((p) => p.why)).toEqual(['first']);
    expect(next.shelved.map((p) => p.why)).toEqual(['second']);
  });
});
