import { expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import { blankEntry } from '../../../src/lib/worksheet/own-threats';
import { worksheetProgress } from '../../../src/lib/worksheet/progress';
import { reduceWorksheet } from '../../../src/lib/worksheet/state';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';
import { aquasecRun, testCatalog } from './helpers';

const run = parseBenchRun(
  aquasecRun('20.10', [{ tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' }])
);
const states = (ws: ReturnType<typeof emptyWorksheet>, r: typeof run | undefined) =>
  worksheetProgress(ws, r, undefined).map((s) => `${s.step} ${s.label}: ${s.state}`);

test('a new worksheet has every step still to do', () => {
  expect(states(emptyWorksheet(), undefined)).toEqual([
    '1 Docker threats: 0 of 5',
    '2 Kubernetes threats: 0 of 5',
    '3 Run: to paste',
    '4 Summary: after the run',
    '5 Findings: 0 of 3',
    '6 Picks: 2 to do',
    '7 Verify: no picks yet',
    '8 Export: any time',
  ]);
});

test('five complete threats, a run and one explained pick under the engineer’s rules are done', () => {
  let ws = { ...emptyWorksheet(), exerciseRules: false };
  for (let i = 0; i < 5; i++)
    ws = reduceWorksheet(ws, {
      type: 'add-threat',
      platform: 'docker',
      entry: {
        ...blankEntry(`d${i}`),
        stride: 'tampering',
        component: 'registry',
        description: `threat ${i}`,
      },
    });
  const v = describeFindings(run, testCatalog())[0]!;
  ws = reduceWorksheet(ws, { type: 'pick', finding: v.finding, concept: v.concept, info: v.info });
  ws = reduceWorksheet(ws, {
    type: 'edit-pick',
    key: v.key,
    patch: { threat: 'DOCKER-D-01', why: 'Restarts.' },
  });
  const progress = worksheetProgress(ws, run, undefined);
  expect(progress.filter((s) => s.done).map((s) => s.label)).toEqual([
    'Docker threats',
    'Run',
    'Summary',
    'Findings',
    'Picks',
  ]);
  expect(progress[4]!.state).toBe('1 chosen');
});
