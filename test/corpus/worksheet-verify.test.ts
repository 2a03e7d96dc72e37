import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseBenchRun, type BenchRun } from '../../src/lib/bench/index';
import { buildWorksheetCatalog } from '../../src/lib/worksheet/data';
import { describeFindings } from '../../src/lib/worksheet/findings';
import type { Worksheet } from '../../src/lib/worksheet/schema';
import { reduceWorksheet } from '../../src/lib/worksheet/state';
import {
  comparePicks,
  evidenceFrom,
  nowPasses,
  relatedTexts,
} from '../../src/lib/worksheet/verify';
import { weakPicks } from '../../src/lib/worksheet/audit-errors';
import { emptyWorksheet } from '../../src/lib/worksheet/worksheet';
import { contentWorksheetData } from '../unit/worksheet/helpers';

// Verification after hardening on real course runs: the uweTelco pair (CIS Docker 1.6.0, before and after
// hardening 2.15, 2.16 and 3.17) and Barhome's CIS Docker 1.2.0 run, whose 2.14 and 2.17 have sub-checks.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';
const dir = join(shared, 'fixtures', 'aquasec-docker-bench');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

const wc = buildWorksheetCatalog(contentWorksheetData('docker'));
const now = new Date('2025-05-01T10:00:00.000Z');

function picks(run: BenchRun, ids: string[]): Worksheet {
  let ws = emptyWorksheet();
  for (const v of describeFindings(run, wc).filter((x) => ids.includes(x.finding.id)))
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
  return ws;
}

const summary = (before: BenchRun, after: BenchRun, ws: Worksheet) =>
  comparePicks(ws.picks, before, after, wc).map((c) => [
    c.before?.id,
    c.after?.id,
    c.after?.status,
    c.matchedBy,
    nowPasses(c),
  ]);

describe('verification after hardening on real runs', () => {
  if (!existsSync(dir)) {
    it.skipIf(!required)(`needs ${dir} (set STRIDE_SHARED to the shared folder)`, () => {
      throw new Error(`The corpus folder ${dir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`);
    });
    return;
  }
  const uweBefore = parseBenchRun(
    read('uweTelco-nd064-c3-microservices-security-project-starter-before-hardening.txt')
  );
  const uweAfter = parseBenchRun(
    read('uweTelco-nd064-c3-microservices-security-project-starter-after-hardening.txt')
  );
  const barhomeText = read('Barhome-microSecurity-run3-18.09.txt');
  const barhome = parseBenchRun(barhomeText);

  it('the uweTelco pair: the three hardened checks pass as the same checks; the others do not, and a result whose audit could not run is never a pass', () => {
    const ws = picks(uweBefore, ['2.15', '2.16', '3.17', '2.14', '5.11']);
    expect(summary(uweBefore, uweAfter, ws)).toEqual([
      ['2.14', '2.14', 'FAIL', 'id', false],
      ['2.15', '2.15', 'PASS', 'id', true],
      ['2.16', '2.16', 'PASS', 'id', true],
      ['3.17', '3.17', 'PASS', 'id', true],
      ['5.11', '5.11', 'FAIL', 'id', false],
    ]);
    const c = comparePicks(ws.picks, uweBefore, uweAfter, wc);
    expect(evidenceFrom(c[1]!, now)).toMatchObject({ findingId: '2.15', matchedBy: 'id' });
    // 5.11 (the memory limit) could not be audited in either run: no container was running.
    expect(c[4]!.after?.auditErrorCode).toBe('nothing-to-inspect');
    expect(evidenceFrom(c[4]!, now)).toBeUndefined();
    expect(weakPicks(ws, uweBefore).map((w) => w.finding.id)).toEqual(['5.11']);
  });

  it('sub-checks are distinct: when 2.17.a passes and 2.17.b fails, each pick shows its own result and names the other', () => {
    // The daemon now starts with --no-new-privileges (2.17.a), while the containers' own setting (2.17.b)
    // is unchanged: the real run with that one result changed.
    const fixedText = barhomeText.replace(
      '[FAIL] 2.17.a Ensure containers are restricted from acquiring new privileges',
      '[PASS] 2.17.a Ensure containers are restricted from acquiring new privileges'
    );
    expect(fixedText).not.toBe(barhomeText);
    const fixed = parseBenchRun(fixedText);
    const ws = picks(barhome, ['2.17.a', '2.17.b']);
    expect(summary(barhome, fixed, ws)).toEqual([
      ['2.17.a', '2.17.a', 'PASS', 'id', true],
      ['2.17.b', '2.17.b', 'FAIL', 'id', false],
    ]);
    const [a, b] = comparePicks(ws.picks, barhome, fixed, wc);
    expect(relatedTexts(a!)).toEqual([
      '2.17.b Ensure containers are restricted from acquiring new privileges is a separate check of the same concept: Failed (FAIL) in the run after hardening.',
    ]);
    expect(relatedTexts(b!)).toEqual([
      '2.17.a Ensure containers are restricted from acquiring new privileges is a separate check of the same concept: Passed (PASS) in the run after hardening.',
    ]);
    expect(evidenceFrom(a!, now)).toMatchObject({ findingId: '2.17.a', matchedBy: 'id' });
  });

  it('across numberings a pick is found by concept, never by the id another version gives another check', () => {
    // CIS Docker 1.2.0's 2.15 is the seccomp profile; 1.6.0 numbers live restore 2.15 and seccomp 2.17.
    const ws = picks(barhome, ['2.14.a', '2.15', '2.17.a']);
    expect(summary(barhome, uweAfter, ws)).toEqual([
      ['2.14.a', '2.16', 'PASS', 'concept', true],
      ['2.15', '2.17', 'WARN', 'concept', false],
      ['2.17.a', '2.14', 'FAIL', 'concept', false],
    ]);
  });
});
