import { expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import {
  describeFindings,
  filterFindings,
  fixFirstGroups,
  groupBySection,
  sectionsWithFindings,
} from '../../../src/lib/worksheet/findings';
import { completeness, diagnosticText, summaryRows } from '../../../src/lib/worksheet/summary';
import { aquasecRun, testCatalog } from './helpers';

const wc = testCatalog();
const run = parseBenchRun(
  aquasecRun('20.10', [
    {
      tag: 'PASS',
      id: '2.14',
      title: 'Ensure containers are restricted from acquiring new privileges',
    },
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    { tag: 'WARN', id: '5.9', title: 'Ensure that only needed ports are open on the container' },
    {
      tag: 'FAIL',
      id: '5.11',
      title: 'Ensure that the memory usage for container is limited',
      details: ['web-frontend', 'db'],
    },
  ])
);
const views = describeFindings(run, wc);

test('findings carry the concept, its explanation and its threats', () => {
  const memory = views.find((v) => v.finding.id === '5.11')!;
  expect(memory.concept).toBe('memory-limit');
  expect(memory.info?.name).toBe('Memory limit per container');
  expect(memory.threats.map((t) => t.id)).toEqual(['DOCKER-D-01']);
  expect(views.find((v) => v.finding.id === '5.9')!.threats).toEqual([]);
});

test('groups by section with failed findings first', () => {
  const groups = groupBySection(views, run);
  expect(groups.map((g) => [g.section, g.title, g.findings.map((v) => v.finding.id)])).toEqual([
    ['2', 'Docker daemon configuration', ['2.15', '2.14']],
    ['5', 'Container Runtime Configuration', ['5.11', '5.9']],
  ]);
  expect(sectionsWithFindings(run).map((s) => s.id)).toEqual(['2', '5']);
});

test('fix first: grouped by the most severe threat each check mitigates, failed first, audit errors last', () => {
  const mixed = parseBenchRun(
    aquasecRun('20.10', [
      {
        tag: 'FAIL',
        id: '2.14',
        title: 'Ensure containers are restricted from acquiring new privileges',
      },
      { tag: 'PASS', id: '2.15', title: 'Ensure live restore is Enabled' },
      { tag: 'FAIL', id: '5.10', title: "Ensure that the host's network namespace is not shared" },
      { tag: 'FAIL', id: '5.11', title: 'Ensure that the memory usage for container is limited' },
    ])
  );
  const described = describeFindings(mixed, wc);
  expect(described.map((v) => v.severity)).toEqual([undefined, 'high', 'critical', 'high']);
  const groups = (vs: typeof described) =>
    fixFirstGroups(vs).map((g) => [g.title, g.findings.map((v) => v.finding.id)]);
  expect(groups(described)).toEqual([
    // Critical before high; a failed high before a passed one.
    ['Fix first: critical and high severity', ['5.10', '5.11', '2.15']],
    ['Not tied to a threat of the model', ['2.14']],
  ]);
  // A result whose audit could not run comes after every meaningful one, whatever its threat.
  const broken = described.map((v) =>
    v.finding.id === '5.10'
      ? {
          ...v,
          finding: {
            ...v.finding,
            auditError: 'docker is not installed',
            auditErrorCode: 'missing-program' as const,
          },
        }
      : v
  );
  expect(groups(broken)).toEqual([
    ['Fix first: critical and high severity', ['5.11', '2.15']],
    ['Not tied to a threat of the model', ['2.14']],
    ['Audit could not run', ['5.10']],
  ]);
});

test('filters by section, outcome and text (details and concept names included)', () => {
  const ids = (f: Parameters<typeof filterFindings>[1]) =>
    filterFindings(views, f).map((v) => v.finding.id);
  expect(ids({ section: '', outcome: 'all', text: '' })).toEqual(['2.14', '2.15', '5.9', '5.11']);
  expect(ids({ section: '5', outcome: 'all', text: '' })).toEqual(['5.9', '5.11']);
  expect(ids({ section: '', outcome: 'fail', text: '' })).toEqual(['2.15', '5.11']);
  expect(ids({ section: '', outcome: 'all', text: 'FRONTEND' })).toEqual(['5.11']);
  expect(ids({ section: '', outcome: 'all', text: 'per container' })).toEqual(['5.11']);
  expect(ids({ section: '2', outcome: 'manual', text: '' })).toEqual([]);
});

test('summarises the run in words', () => {
  const rows = summaryRows(run);
  expect(rows.map((r) => r.label === 'Recognised from' || r)).toEqual([
    { label: 'Tool', value: 'aquasecurity/docker-bench (text output)' },
    { label: 'Tool version', value: 'not printed' },
    { label: 'Benchmark', value: 'CIS Docker 1.6.0' },
    true,
    { label: 'Check numbering', value: 'CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0' },
    {
      label: 'Findings',
      value: '4 in all: 2 failed, 1 manual check, 0 information, 1 passed, 0 not checked',
    },
    { label: 'Complete', value: 'yes, the run reached its end' },
  ]);
  // In the words of the tool's user: its config name, not the site's id for it.
  expect(rows.find((r) => r.label === 'Recognised from')?.value).toMatch(
    /^header "20\.10"; \d+ check titles match the numbering of aquasecurity\/docker-bench cis-1\.6\.0/
  );
  expect(completeness({ ...run, complete: false, incompleteAfter: '5.11' })).toBe(
    'no: the run stops after check 5.11'
  );
  expect(
    diagnosticText({
      code: 'several-runs',
      line: 12,
      severity: 'warning',
      message: 'Two runs\nin one log',
    })
  ).toBe('Warning (line 12): Two runs in one log');
});
