import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import {
  AUDIT_ERROR_LABEL,
  auditErrorExplanation,
  auditErrorHeadline,
  auditErrorKindText,
  auditErrorReason,
  auditErrorSummary,
  rerunAdvice,
  weakPicks,
} from '../../../src/lib/worksheet/audit-errors';
import { worksheetJson } from '../../../src/lib/worksheet/export';
import { describeFindings, groupBySection } from '../../../src/lib/worksheet/findings';
import { exportedWorksheetSchema } from '../../../src/lib/worksheet/schema';
import { reduceWorksheet } from '../../../src/lib/worksheet/state';
import { summaryRows } from '../../../src/lib/worksheet/summary';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';
import { writeupMarkdown, writeupText } from '../../../src/lib/worksheet/writeup';
import { aquasecRun, kubeBenchRun, testCatalog } from './helpers';

const wc = testCatalog();
const now = new Date('2025-05-01T10:00:00.000Z');

// A cis-1.6.0 run made where no container ran and auditd was missing, as the course VMs print it.
const run = parseBenchRun(
  aquasecRun('20.10', [
    {
      tag: 'FAIL',
      id: '1.1.3',
      title: 'Ensure auditing is configured for the Docker daemon',
      details: ['/bin/sh: line 1: auditctl: command not found'],
    },
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    {
      tag: 'FAIL',
      id: '5.11',
      title: 'Ensure that the memory usage for container is limited',
      details: ['"docker inspect" requires at least 1 argument.', "See 'docker inspect --help'."],
    },
    {
      tag: 'FAIL',
      id: '5.12',
      title: "Ensure that the container's root filesystem is mounted as read only",
      details: ['"docker inspect" requires at least 1 argument.'],
    },
    { tag: 'PASS', id: '5.10', title: "Ensure that the host's network namespace is not shared" },
  ])
);
const finding = (id: string) => run.findings.find((f) => f.id === id)!;

function picked(...ids: string[]) {
  let ws = emptyWorksheet();
  for (const id of ids) ws = reduceWorksheet(ws, { type: 'pick', finding: finding(id) });
  return ws;
}

describe('results whose audit could not run', () => {
  test('come after the meaningful findings of their section, failed ones too', () => {
    const groups = groupBySection(describeFindings(run, wc), run);
    expect(groups.map((g) => g.findings.map((v) => v.finding.id))).toEqual([
      ['1.1.3'],
      ['2.15'],
      ['5.10', '5.11', '5.12'],
    ]);
  });

  test('the run summary counts them, by kind, with the checks, the reasons and how to run again', () => {
    const s = auditErrorSummary(run)!;
    expect(s).toMatchObject({ total: 3, of: 5, failed: 3, failedOf: 4 });
    expect(s.kinds.map((k) => [k.code, k.count, k.ids])).toEqual([
      ['nothing-to-inspect', 2, ['5.11', '5.12']],
      ['missing-program', 1, ['1.1.3']],
    ]);
    expect(auditErrorHeadline(s)).toBe(
      '3 of 5 results are not meaningful: the audit could not run, so they say nothing about this host. 3 of the 4 failed findings are among them: a failure whose audit could not run is not evidence.'
    );
    expect(auditErrorKindText(s.kinds[1]!)).toBe(
      '1 because a program the audit runs is not installed (auditctl is not installed): 1.1.3.'
    );
    const advice = rerunAdvice(s);
    expect(advice).toMatch(/start the containers you want checked/);
    expect(advice).toMatch(/install auditd, which provides auditctl and ausearch/);
    expect(advice).toMatch(/run the benchmark again and paste the new run\.$/);
  });

  test('a run whose audits all ran has no summary, no row and no weak pick', () => {
    const clean = parseBenchRun(
      aquasecRun('20.10', [{ tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' }])
    );
    expect(auditErrorSummary(clean)).toBeUndefined();
    expect(summaryRows(clean).map((r) => r.label)).not.toContain(AUDIT_ERROR_LABEL);
    expect(weakPicks(picked(), clean)).toEqual([]);
  });

  test('the summary rows say how many results are not evidence', () => {
    expect(summaryRows(run).find((r) => r.label === AUDIT_ERROR_LABEL)?.value).toBe(
      '3 results (3 failed): not evidence, they say nothing about this host'
    );
  });

  test('each affected finding explains itself: why, what its result is worth, what to do', () => {
    expect(auditErrorExplanation(finding('5.11'))).toBe(
      'The audit of 5.11 could not run: there was no container or image to inspect. Its result "Failed (FAIL)" says nothing about this host, so it is not evidence either way. To get a real result, start the containers you want checked (and keep their images and networks) before the run, then run the benchmark again.'
    );
    expect(auditErrorExplanation(finding('1.1.3'))).toMatch(/install auditd/);
    expect(auditErrorExplanation(finding('2.15'))).toBeUndefined();
  });

  test('picking one is allowed, and the rules call it a weak pick', () => {
    const ws = picked('5.11', '2.15');
    expect(ws.picks).toHaveLength(2);
    const weak = weakPicks(ws, run);
    expect(weak.map((w) => w.finding.id)).toEqual(['5.11']);
    expect(weak[0]!.message).toMatch(
      /^5\.11 Ensure that the memory usage for container is limited is a weak pick: its audit could not run \(there was no container or image to inspect\), so its failed result is not evidence/
    );
  });

  test('Markdown and plain-text exports say the pick’s result is not evidence, and the run’s count', () => {
    const ws = picked('5.11', '2.15');
    for (const out of [
      writeupMarkdown(ws, { run, catalog: wc, now }),
      writeupText(ws, { run, catalog: wc, now }),
    ]) {
      expect(out).toContain(
        'Audit could not run: there was no container or image to inspect. This result is not evidence: it says nothing about the host.'
      );
      expect(out).toContain('not evidence: the audit could not run');
      expect(out).toMatch(/Weak picks/);
      expect(out).toMatch(/3 results \(3 failed\): not evidence/);
      // The pick whose audit ran says nothing of the kind.
      const live = out.slice(out.indexOf('2.15 Ensure live restore'));
      expect(live).not.toContain('This result is not evidence');
    }
  });

  test('the JSON export names the run’s counts by kind and each pick that is not evidence, and imports back', () => {
    const ws = picked('5.11', '2.15');
    const doc = exportedWorksheetSchema.parse(JSON.parse(worksheetJson(ws, now, run)));
    expect(doc.run?.auditErrors).toEqual({
      results: 3,
      failed: 3,
      byCode: { 'nothing-to-inspect': 2, 'missing-program': 1 },
    });
    expect(doc.run?.picksNotEvidence).toEqual([
      {
        findingId: '5.11',
        title: 'Ensure that the memory usage for container is limited',
        auditErrorCode: 'nothing-to-inspect',
        auditError: 'there was no container or image to inspect',
        note: 'Audit could not run: there was no container or image to inspect. This result is not evidence: it says nothing about the host.',
      },
    ]);
    expect(doc.worksheet).toEqual(ws);
  });

  test('kube-bench’s own "audit test did not run" is named by its kind in sentences, its command line kept for the details', () => {
    const command =
      'failed to run: "stat -c %U:%G /var/lib/etcd", output: "stat: cannot stat", error: exit status 1';
    const kube = parseBenchRun(
      kubeBenchRun([
        {
          nodeType: 'master',
          id: '1',
          title: 'Control Plane Security Configuration',
          checks: [
            {
              tag: 'FAIL',
              id: '1.1.12',
              title: 'Ensure that the etcd data directory ownership is set to etcd:etcd',
            },
          ],
        },
      ]).replace('1.1.12 Fix 1.1.12.', `1.1.12 audit test did not run: ${command}`)
    );
    const f = kube.findings[0]!;
    expect(f.auditErrorCode).toBe('audit-did-not-run');
    expect(auditErrorReason(f)).toBe('the audit command failed');
    expect(auditErrorExplanation(f)).toContain(command);
    const ws = reduceWorksheet(emptyWorksheet(), { type: 'pick', finding: f });
    expect(weakPicks(ws, kube)[0]!.message).toContain(
      'its audit could not run (the audit command failed)'
    );
    expect(auditErrorSummary(kube)!.kinds[0]!.reasons).toEqual([]);
  });
});
