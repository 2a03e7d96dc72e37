import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import { exerciseNotes, unmetRules, type RuleId } from '../../../src/lib/worksheet/rules';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import { pickKey, reduceWorksheet } from '../../../src/lib/worksheet/state';
import { aquasecRun, testCatalog } from './helpers';
import { emptyWorksheet, OWN_THREAT } from '../../../src/lib/worksheet/worksheet';

const wc = testCatalog();
const MEMORY = 'Ensure that the memory usage for container is limited';
const RESTART = "Ensure that the 'on-failure' container restart policy is set to '5'";
const EXEC_PRIV = 'Ensure that docker exec commands are not used with the privileged option';
const HOST_NET = "Ensure that the host's network namespace is not shared";

// CIS 1.2.0 (header 18.09) numbers the exercise's checks 5.10, 5.14 and 5.22.
const cis12 = parseBenchRun(
  aquasecRun('18.09', [
    { tag: 'FAIL', id: '2.14', title: 'Ensure live restore is Enabled' },
    { tag: 'FAIL', id: '5.10', title: MEMORY },
    { tag: 'FAIL', id: '5.14', title: RESTART },
    { tag: 'FAIL', id: '5.22', title: EXEC_PRIV },
    { tag: 'PASS', id: '5.9', title: HOST_NET },
  ])
);
// CIS 1.6.0 (header 20.10) gives the same checks 5.11, 5.15 and 5.23, and 5.10 to the host network namespace.
const cis16 = parseBenchRun(
  aquasecRun('20.10', [
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    { tag: 'FAIL', id: '5.10', title: HOST_NET },
    { tag: 'FAIL', id: '5.11', title: MEMORY },
    { tag: 'FAIL', id: '5.15', title: RESTART },
    { tag: 'FAIL', id: '5.23', title: EXEC_PRIV },
    {
      tag: 'PASS',
      id: '5.24',
      title: 'Ensure that docker exec commands are not used with the user=root option',
    },
  ])
);

function pickAll(
  run: typeof cis12,
  ids: string[],
  threat = 'DOCKER-D-01',
  why = 'Because.'
): Worksheet {
  const views = describeFindings(run, wc);
  let ws = emptyWorksheet();
  for (const id of ids) {
    const v = views.find((x) => x.finding.id === id);
    if (!v) throw new Error(`no finding ${id}`);
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
    ws = reduceWorksheet(ws, { type: 'edit-pick', key: v.key, patch: { threat, why } });
  }
  return ws;
}

const rules = (ws: Worksheet, run = cis12): RuleId[] =>
  unmetRules(ws, run, { threatIds: new Set(wc.threats.keys()) }).map((r) => r.rule);

describe('unmetRules', () => {
  test('asks for a run first', () => {
    const unmet = unmetRules(emptyWorksheet(), undefined);
    expect(unmet.map((r) => r.rule)).toEqual(['run', 'three-picks']);
    expect(unmet[0]!.message).toMatch(/Paste a benchmark run/);
  });

  test('three documented failed picks tied to threats, one beyond the exercise, meet every rule', () => {
    expect(unmetRules(pickAll(cis12, ['2.14', '5.10', '5.14']), cis12)).toEqual([]);
  });

  test('counts picks both ways', () => {
    const two = unmetRules(pickAll(cis12, ['2.14', '5.10']), cis12);
    expect(two).toEqual([
      {
        rule: 'three-picks',
        message: 'Choose 1 more failed finding: the task asks for exactly three, and 2 are chosen.',
      },
    ]);
    const four = unmetRules(pickAll(cis12, ['2.14', '5.10', '5.14', '5.22']), cis12);
    expect(four[0]!.message).toBe(
      'Un-choose 1 finding: the task asks for exactly three, and 4 are chosen.'
    );
  });

  test("without the course exercise's rules any number of picks will do, even only the exercise's own checks", () => {
    const free = (ws: Worksheet) => ({ ...ws, exerciseRules: false });
    expect(rules(free(emptyWorksheet()))).toEqual(['some-picks']);
    expect(unmetRules(free(pickAll(cis12, ['5.10'])), cis12)).toEqual([]);
    expect(unmetRules(free(pickAll(cis12, ['2.14', '5.10', '5.14', '5.22'])), cis12)).toEqual([]);
    expect(exerciseNotes(free(pickAll(cis12, ['5.10'])), cis12)).toEqual([]);
    // The same picks under the exercise's rules.
    expect(rules(pickAll(cis12, ['5.10', '5.14', '5.22']))).toEqual(['beyond-exercise']);
  });

  test('a pick that cannot count comes before the picks still to choose', () => {
    expect(rules(pickAll(cis12, ['5.9']))).toEqual(['failed-only', 'three-picks']);
  });

  test('a pick that is not failed in this run is named', () => {
    const ws = pickAll(cis12, ['2.14', '5.10', '5.9']);
    const unmet = unmetRules(ws, cis12);
    expect(unmet).toHaveLength(1);
    expect(unmet[0]).toMatchObject({ rule: 'failed-only', pick: `5.9 ${HOST_NET}` });
    expect(unmet[0]!.message).toContain('"Passed" in this run, not failed');
  });

  test('a pick missing from the pasted run is named', () => {
    const ws = pickAll(cis16, ['2.15', '5.10', '5.11']);
    expect(rules(ws, cis12)).toEqual(['failed-only', 'failed-only', 'failed-only']);
  });

  test('every pick needs a threat; an own attack surface needs words', () => {
    let ws = pickAll(cis12, ['2.14', '5.10', '5.14'], '');
    expect(rules(ws)).toEqual(['threat', 'threat', 'threat']);
    const key = pickKey(ws.picks[0]!);
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key,
      patch: { threat: OWN_THREAT, ownThreat: '  ' },
    });
    const unmet = unmetRules(ws, cis12).filter((r) => r.pick === key);
    expect(unmet[0]!.message).toMatch(
      /Describe the attack surface of your own model that 2.14 protects/
    );
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key,
      patch: { ownThreat: 'Images from an unverified registry' },
    });
    expect(unmetRules(ws, cis12).filter((r) => r.pick === key)).toEqual([]);
  });

  test('a threat id the model does not have is not a threat of the model', () => {
    const ws = pickAll(cis12, ['2.14', '5.10', '5.14'], 'DOCKER-X-99');
    expect(rules(ws)).toEqual(['threat', 'threat', 'threat']);
  });

  test('every pick needs a reason', () => {
    expect(rules(pickAll(cis12, ['2.14', '5.10', '5.14'], 'DOCKER-D-01', ' '))).toEqual([
      'why',
      'why',
      'why',
    ]);
  });
});

describe('at least one pick beyond the exercise, by concept', () => {
  test('the exercise numbering: 5.10, 5.14 and 5.22 are all the exercise', () => {
    const unmet = unmetRules(pickAll(cis12, ['5.10', '5.14', '5.22']), cis12);
    expect(unmet.map((r) => r.rule)).toEqual(['beyond-exercise']);
    expect(unmet[0]!.message).toMatch(/All your picks are checks the exercise already hardened/);
  });

  test('CIS 1.6.0 numbering: 5.11, 5.15 and 5.23 are the same three checks', () => {
    expect(rules(pickAll(cis16, ['5.11', '5.15', '5.23']), cis16)).toEqual(['beyond-exercise']);
  });

  test("CIS 1.6.0's 5.10 is another check, so it counts as different", () => {
    expect(rules(pickAll(cis16, ['5.10', '5.11', '5.15']), cis16)).toEqual([]);
  });

  test('a check the catalog does not know counts as different', () => {
    const run = parseBenchRun(
      aquasecRun('18.09', [
        { tag: 'FAIL', id: '5.10', title: MEMORY },
        { tag: 'FAIL', id: '5.14', title: RESTART },
        { tag: 'FAIL', id: '9.9', title: 'Ensure something the catalog never heard of' },
      ])
    );
    expect(rules(pickAll(run, ['5.10', '5.14', '9.9']), run)).toEqual([]);
  });

  test('explains a renumbered exercise check and a reused number', () => {
    const notes = exerciseNotes(pickAll(cis16, ['5.10', '5.11', '2.15']), cis16).map(
      (n) => n.message
    );
    expect(notes).toEqual([
      "In this run, 5.10 (Ensure that the host's network namespace is not shared) is not the exercise's 5.10, which is the memory limit: CIS Docker 1.6.0 gives that number to another check, so it counts as different from the exercise.",
      "In this run, 5.11 is the memory limit, the check the exercise calls 5.10: CIS Docker 1.6.0 numbers it 5.11, so it counts as one of the exercise's three.",
    ]);
  });

  test('names an exercise check under its own number', () => {
    expect(exerciseNotes(pickAll(cis12, ['5.22']), cis12).map((n) => n.message)).toEqual([
      "5.22 is docker exec with --privileged, one of the exercise's three checks.",
    ]);
  });
});
