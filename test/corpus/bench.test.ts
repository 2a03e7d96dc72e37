import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseBenchRun, type AuditErrorCode, type BenchRun } from '../../src/lib/bench/index';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';

interface Expected {
  tool: BenchRun['tool'];
  format: BenchRun['format'];
  /** Benchmark id; null when the run carries too little to tell. */
  benchmark?: string | null;
  checkSet?: string;
  complete: boolean;
  incompleteAfter?: string;
  /** The "Checks:" total the tool printed (docker-bench-security). */
  checks?: number;
  /** The "== Summary ==" block (aquasecurity/docker-bench): PASS, FAIL, WARN, INFO. */
  summary?: [number, number, number, number];
  /** Findings the file really holds when it differs from the printed total. */
  counted?: number;
  diagnostic?: RegExp;
  /** Findings whose own audit output shows the audit could not run, and why; none when absent. */
  auditErrors?: Record<string, AuditErrorCode>;
}

const each = (ids: string[], code: AuditErrorCode): Record<string, AuditErrorCode> =>
  Object.fromEntries(ids.map((id) => [id, code]));
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

// Derived from each folder's SOURCES.md and by reading the files themselves. v1.3.3 and the v1.3.4 Docker
// Hub image print the same titles, so the banner version decides between them, and a log without one gets
// the newer: the Hub image is what students run.
const DOCKER_BENCH: Record<string, Expected> = {
  'issue-docker-bench-security-265-v1.3.4-2017-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    complete: false,
    incompleteAfter: '1.8',
  },
  'issue-docker-bench-security-340-v1.3.4-json-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'json',
    complete: false,
    incompleteAfter: '1.9',
    counted: 7,
  },
  'issue-docker-bench-security-346-v1.3.4-broken-json-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'json',
    complete: false,
    incompleteAfter: '7.4',
    diagnostic: /not valid/,
  },
  'issue-docker-bench-security-393-v1.3.0-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.13.0',
    checkSet: 'docker-bench-security-1.3.0',
    complete: false,
    incompleteAfter: '1.11',
  },
  'issue-docker-bench-security-432-v1.3.5-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'docker-bench-security-1.3.5',
    complete: false,
    incompleteAfter: '1.2.11',
  },
  'issue-docker-bench-security-435-v1.3.5-scored-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'docker-bench-security-1.3.5-scored',
    complete: false,
    incompleteAfter: '1.2.4',
  },
  'issue-docker-bench-security-556-v1.6.0-rootless-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    complete: false,
    incompleteAfter: '3.18',
  },
  'issue-edgex-compose-23-v1.3.4-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    complete: false,
    incompleteAfter: '4.1',
    counted: 1,
  },
  'issue-mantl-1397-v1.x-2016-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    complete: false,
    incompleteAfter: '5.11',
    counted: 1,
  },
  'page-dolpa-me-v1.6.0-2024-excerpt.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    complete: false,
    counted: 0,
  },
  'repo-Aleliya-DevSecOps-Intro-v1.3.4-2026-plain.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 74,
  },
  'repo-DefectDojo-v1.3.6-with-remediation.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-1.4.0',
    checkSet: 'docker-bench-security-1.3.6',
    complete: true,
    checks: 117,
  },
  'repo-FaritSharafutdinov-DevSecOps-Intro-v1.6.0-utf16le-nobom.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'docker-bench-security-1.6.1',
    complete: true,
    checks: 117,
  },
  'repo-MoriSummerz-DevSecOps-Intro-v1.3.4-2026-ansi.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 74,
  },
  'repo-TheBugYouCantFix-DevSecOps-Intro-v1.6.0-2026-nonroot-ansi.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    complete: false,
    incompleteAfter: '4.8',
    diagnostic: /not run as root/,
  },
  'repo-andiazdi-DevSecOps-Intro-utf16le-bom-crlf-powershell.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 74,
  },
  'repo-danielambda-DevSecOps-Intro-v1.6.0-2026-ansi.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'docker-bench-security-1.6.1',
    complete: true,
    checks: 117,
  },
  'repo-hgsat123-dockerw-v1.3.4-2018-ansi.log': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 104,
    diagnostic: /3 runs/,
  },
  // The flat layout leaves 5.6 and 6.1 out although "checks" counts them.
  'repo-hgsat123-dockerw-v1.3.4-2018-flat.log.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-ce-1.1.0',
    complete: true,
    checks: 104,
    counted: 102,
    diagnostic: /leaves some checks out/,
  },
  'repo-thaovy2412-Docker-Bench-Result-v1.3.5scored-2021-ansi.log': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'docker-bench-security-1.3.5-scored',
    complete: true,
    checks: 107,
  },
  'repo-thaovy2412-Docker-Bench-Result-v1.3.5scored-2021-stdout-ansi.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'docker-bench-security-1.3.5-scored',
    complete: true,
    checks: 107,
  },
  'repo-thaovy2412-Docker-Bench-Result-v1.3.5scored-2021.log.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'docker-bench-security-1.3.5-scored',
    complete: true,
    checks: 107,
  },
  // auditctl is missing, and v1.3.0 prints that in place of the title of 1.5.
  'synthetic-v1.3.0-ansi.stdout.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.13.0',
    checkSet: 'docker-bench-security-1.3.0',
    complete: true,
    counted: 104,
    auditErrors: { '1.5': 'missing-program' },
  },
  'synthetic-v1.3.4-201908-nested.log.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 105,
  },
  'synthetic-v1.3.4-201908-nocolor.stdout.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-ce-1.1.0',
    checkSet: 'docker-bench-security-1.3.4',
    complete: true,
    checks: 105,
  },
  'synthetic-v1.6.1-ansi-with-p-remediation.stdout.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'docker-bench-security-1.6.1',
    complete: true,
    checks: 117,
  },
  'synthetic-v1.6.1-ansi-with-p.log': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'docker-bench-security-1.6.1',
    complete: true,
    checks: 117,
  },
  'synthetic-v1.6.1-c-subset.log.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-1.6.0',
    complete: true,
    checks: 2,
  },
  'synthetic-v1.6.1-nocolor-c-subset.stdout.txt': {
    tool: 'docker-bench-security',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    complete: true,
    checks: 2,
  },
  'synthetic-v1.6.1-with-p.log.json': {
    tool: 'docker-bench-security',
    format: 'json',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'docker-bench-security-1.6.1',
    complete: true,
    checks: 117,
  },
};

// Audit errors read from each file: the lines under a FAIL and, for checks whose audit exited with an error,
// the entry under "== Remediations ==" (it prints the audit's output there). "stat: cannot stat ...: No such
// file or directory" is not among them: the audit ran and found no file, which is the tool's answer.
// uweTelco ran on SUSE with no container running: 4.1 printed only GNU xargs' --max-args warning.
const UWE_AUDIT_ERRORS = {
  ...each([...range('1.1.', 3, 7), ...range('1.1.', 9, 18), '5.24'], 'missing-program'),
  ...each(['4.1', '5.11', '5.12', '5.15', '5.26', '5.29'], 'nothing-to-inspect'),
};

const AQUASEC: Record<string, Expected> = {
  // Debian sh: "/bin/sh: 1: auditctl: not found" under 1.2.3-1.2.12, ausearch under 5.22/5.23; no container
  // running: '"docker inspect" requires at least 1 argument.' under 5.10, 5.11, 5.14, 5.25 and 5.28.
  'Barhome-microSecurity-run3-18.09.txt': {
    tool: 'aquasec-docker-bench',
    format: 'text',
    benchmark: 'cis-docker-1.2.0',
    checkSet: 'aquasec-cis-1.2',
    complete: true,
    summary: [36, 34, 43, 10],
    auditErrors: {
      ...each([...range('1.2.', 3, 12), '5.22', '5.23'], 'missing-program'),
      ...each(['5.10', '5.11', '5.14', '5.25', '5.28'], 'nothing-to-inspect'),
    },
  },
  // auditctl is missing for every audit-rule check that called it (1.1.8 and 1.1.9 did not: their files
  // are absent), ausearch for 5.23; containers were running, so section 5 is real.
  'rne1223-nd064-c3-microservices-security-project-starter-starter-docker-bench.txt': {
    tool: 'aquasec-docker-bench',
    format: 'text',
    benchmark: 'cis-docker-1.3.1',
    checkSet: 'aquasec-cis-1.3.1',
    complete: true,
    summary: [30, 38, 38, 10],
    auditErrors: each(
      [...range('1.1.', 3, 7), ...range('1.1.', 10, 18), '5.23'],
      'missing-program'
    ),
  },
  // 1.1.13 is a WARN: its auditctl error shows only under "== Remediations ==".
  'uweTelco-nd064-c3-microservices-security-project-starter-after-hardening.txt': {
    tool: 'aquasec-docker-bench',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'aquasec-cis-1.6.0',
    complete: true,
    summary: [34, 33, 41, 10],
    auditErrors: UWE_AUDIT_ERRORS,
  },
  'uweTelco-nd064-c3-microservices-security-project-starter-before-hardening.txt': {
    tool: 'aquasec-docker-bench',
    format: 'text',
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'aquasec-cis-1.6.0',
    complete: true,
    summary: [31, 36, 41, 10],
    auditErrors: UWE_AUDIT_ERRORS,
  },
};

function check(run: BenchRun, want: Expected): void {
  expect(run.tool).toBe(want.tool);
  expect(run.format).toBe(want.format);
  if (want.benchmark !== undefined) expect(run.benchmark?.id ?? null).toBe(want.benchmark);
  if (want.checkSet !== undefined) expect(run.checkSet).toBe(want.checkSet);
  expect(run.complete).toBe(want.complete);
  if (want.incompleteAfter !== undefined) expect(run.incompleteAfter).toBe(want.incompleteAfter);
  if (!want.complete) expect(run.diagnostics.some((d) => d.severity !== 'info')).toBe(true);
  if (want.checks !== undefined) {
    expect(run.totals.printed?.checks).toBe(want.checks);
    expect(run.totals.counted.total).toBe(want.counted ?? want.checks);
  } else if (want.counted !== undefined) {
    expect(run.totals.counted.total).toBe(want.counted);
  }
  if (want.summary) {
    const [pass, fail, warn, info] = want.summary;
    expect(run.totals.printed).toEqual({ pass, fail, warn, info });
    expect(run.totals.counted).toMatchObject({
      pass,
      fail,
      manual: warn,
      info,
      skip: 0,
      total: pass + fail + warn + info,
    });
  }
  const audits = want.auditErrors ?? {};
  const marked = run.findings.filter((f) => f.auditErrorCode !== undefined);
  expect(Object.fromEntries(marked.map((f) => [f.id, f.auditErrorCode]))).toEqual(audits);
  expect(marked.length, 'one finding per id').toBe(Object.keys(audits).length);
  for (const f of marked) expect(f.auditError, `${f.id} says why`).toBeTruthy();
  const warning = run.diagnostics.filter((d) => d.code === 'audit-errors');
  expect(warning.map((d) => d.severity)).toEqual(marked.length > 0 ? ['warning'] : []);
  if (marked.length > 0)
    expect(warning[0]?.message).toMatch(new RegExp(`^${marked.length} results? says? nothing`));
  if (want.complete && want.counted === undefined) {
    expect(run.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(
      run.diagnostics
        .filter(
          (d) => d.code === 'not-root' || d.code === 'tool-stopped' || d.code === 'audit-errors'
        )
        .map((d) => d.code)
    );
  }
  if (want.diagnostic)
    expect(run.diagnostics.some((d) => want.diagnostic?.test(d.message))).toBe(true);
  const counted = run.totals.counted;
  expect(counted.fail + counted.pass + counted.manual + counted.info + counted.skip).toBe(
    counted.total
  );
  expect(counted.total).toBe(run.findings.length);
}

function corpus(folder: string, table: Record<string, Expected>): void {
  const dir = join(shared, 'fixtures', folder);
  const present = existsSync(dir);
  describe(`real outputs in fixtures/${folder}`, () => {
    if (!present) {
      it.skipIf(!required)(`needs ${dir} (set STRIDE_SHARED to the shared folder)`, () => {
        throw new Error(`The corpus folder ${dir} is missing and STRIDE_REQUIRE_CORPUS=1 is set.`);
      });
      return;
    }
    const files = readdirSync(dir)
      .filter((f) => f !== 'SOURCES.md')
      .sort();
    it('has an expectation for every file', () => {
      expect(files).toEqual(Object.keys(table).sort());
    });
    for (const file of files) {
      const want = table[file];
      it(`reads ${file}`, () => {
        const bytes = new Uint8Array(readFileSync(join(dir, file)));
        const run = parseBenchRun(bytes);
        expect(want).toBeDefined();
        if (want) check(run, want);
      });
    }
  });
}

if (!existsSync(join(shared, 'fixtures'))) {
  console.warn(
    `Benchmark corpus not found at ${join(shared, 'fixtures')}: corpus tests are skipped (set STRIDE_SHARED, or STRIDE_REQUIRE_CORPUS=1 to fail).`
  );
}

corpus('docker-bench', DOCKER_BENCH);
corpus('aquasec-docker-bench', AQUASEC);

describe('before and after hardening (uweTelco)', () => {
  const dir = join(shared, 'fixtures', 'aquasec-docker-bench');
  it.skipIf(!existsSync(dir) && !required)('shows the three checks the student fixed', () => {
    const read = (name: string) =>
      parseBenchRun(
        new Uint8Array(
          readFileSync(
            join(
              dir,
              `uweTelco-nd064-c3-microservices-security-project-starter-${name}-hardening.txt`
            )
          )
        )
      );
    const before = read('before');
    const after = read('after');
    expect(before.findings.map((f) => [f.id, f.title])).toEqual(
      after.findings.map((f) => [f.id, f.title])
    );
    const fixed = before.findings
      .filter((f, i) => f.outcome === 'fail' && after.findings[i]?.outcome === 'pass')
      .map((f) => f.id);
    expect(fixed).toEqual(['2.15', '2.16', '3.17']);
    expect(before.totals.counted.fail - after.totals.counted.fail).toBe(3);
  });
});

describe('real aquasecurity runs filtered with grep FAIL', () => {
  const dir = join(shared, 'fixtures', 'aquasec-docker-bench');
  // Without the header, the titles and their suffixes name the config; the "N checks FAIL" line is read.
  const want: [string, string, number][] = [
    ['Barhome-microSecurity-run3-18.09.txt', 'aquasec-cis-1.2', 34],
    [
      'rne1223-nd064-c3-microservices-security-project-starter-starter-docker-bench.txt',
      'aquasec-cis-1.3.1',
      38,
    ],
    [
      'uweTelco-nd064-c3-microservices-security-project-starter-before-hardening.txt',
      'aquasec-cis-1.6.0',
      36,
    ],
  ];
  for (const [file, checkSet, fail] of want) {
    it.skipIf(!existsSync(dir) && !required)(`detects ${checkSet} in ${file}`, () => {
      const text = readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.includes('FAIL'))
        .join('\n');
      const run = parseBenchRun(text);
      expect(run.tool).toBe('aquasec-docker-bench');
      expect(run.checkSet).toBe(checkSet);
      expect(run.totals.printed).toEqual({ fail });
      expect(run.totals.counted).toMatchObject({ fail, total: fail });
      expect(run.complete).toBe(false);
      expect(run.diagnostics.map((d) => d.code)).toContain('filtered-output');
      expect(run.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(
        run.findings.some((f) => f.auditErrorCode) ? ['audit-errors'] : []
      );
    });
  }
});
