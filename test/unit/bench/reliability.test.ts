import { describe, it, expect } from 'vitest';
import { parseBenchRun, type BenchRun, type DiagnosticCode } from '../../../src/lib/bench/index';
import { fixtureText } from './helpers';

const codes = (run: BenchRun): DiagnosticCode[] => run.diagnostics.map((d) => d.code);
const only = (run: BenchRun, code: DiagnosticCode) =>
  run.diagnostics.filter((d) => d.code === code);

describe('repeated lines give one diagnostic', () => {
  it('130,000 checks without an id: one note that counts them, every finding kept', () => {
    const run = parseBenchRun(
      `[INFO] 2 - Docker daemon configuration\n${'[WARN] Ensure something\n'.repeat(130_000)}`
    );
    expect(codes(run)).not.toContain('internal-error');
    expect(run.findings).toHaveLength(130_000);
    const notes = only(run, 'check-without-id');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/^130,000 lines like this one print a check without/);
    expect(notes[0]?.message).toMatch(/the first is line 2/);
    expect(run.diagnostics.length).toBeLessThan(10);
  });

  it('130,000 lines of shell errors: one note, no internal error', () => {
    const run = parseBenchRun(
      `[WARN] 1.1 - Ensure a separate partition for containers has been created\n${'x: command not found\n'.repeat(130_000)}`
    );
    expect(codes(run)).not.toContain('internal-error');
    expect(run.diagnostics.length).toBeLessThan(10);
    expect(run.diagnostics.some((d) => /130,000/.test(d.message))).toBe(true);
  });

  it('one id-less check keeps the precise wording', () => {
    const run = parseBenchRun(
      '[INFO] 2 - Docker daemon configuration\n[PASS] 2.17 - Ensure x\n[INFO] Ensure that experimental features are not implemented in production (Scored) (Deprecated)\n'
    );
    expect(only(run, 'check-without-id')[0]?.message).toMatch(
      /^Line 3 prints a check without its number .* listed as 2\.18/
    );
  });
});

describe('runs that stop early are not complete', () => {
  const text = fixtureText('kube-bench-node-types.txt');
  const lines = text.split('\n');
  const start = lines.indexOf('== Summary node ==');

  it('a kube-bench run cut anywhere inside a summary block is truncated', () => {
    for (let end = start + 1; end <= start + 4; end++) {
      // The run ends with this node's summary: everything after it is left out.
      const cut = parseBenchRun(lines.slice(0, end).join('\n'));
      expect(cut.complete, `cut after line ${end}`).toBe(false);
      expect(codes(cut)).toContain('truncated');
    }
    const whole = parseBenchRun(lines.slice(0, start + 5).join('\n'));
    expect(whole.complete).toBe(true);
  });

  it('a summary without its INFO line is cut', () => {
    const run = parseBenchRun(
      '[INFO] 4 Worker Node Security Configuration\n[INFO] 4.1 Worker Node Configuration Files\n[PASS] 4.1.1 Ensure x (Automated)\n\n== Summary total ==\n1 checks PASS\n0 checks FAIL\n0 checks WARN\n'
    );
    expect(run.complete).toBe(false);
    expect(run.incompleteAfter).toBe('4.1.1');
  });
});

describe('the benchmark a kube-bench JSON version names', () => {
  const json = (version: string) =>
    JSON.stringify({
      Controls: [
        {
          id: '3',
          version,
          text: 'Worker Node Security Configuration',
          node_type: 'node',
          tests: [
            {
              section: '3.1',
              desc: 'Worker Node Configuration Files',
              results: [
                {
                  test_number: '3.1.1',
                  test_desc:
                    'Ensure that the kubeconfig file permissions are set to 644 or more restrictive (Scored)',
                  status: 'PASS',
                },
              ],
            },
          ],
          total_pass: 1,
          total_fail: 0,
          total_warn: 0,
          total_info: 0,
        },
      ],
      Totals: { total_pass: 1, total_fail: 0, total_warn: 0, total_info: 0 },
    });

  it('eks-1.0, a folder kube-bench no longer ships, is CIS EKS 1.0, not another family', () => {
    const run = parseBenchRun(json('eks-1.0'));
    expect(run.benchmark?.id).toBe('cis-eks-1.0');
    expect(run.benchmark?.confidence).toBe('medium');
    expect(run.benchmark?.evidence).toMatch(/"eks-1\.0"/);
    expect(run.checkSet ?? '').toMatch(/^(kube-bench-eks-|$)/);
  });

  it('a folder kube-bench ships is taken as it is', () => {
    expect(parseBenchRun(json('eks-1.0.1')).benchmark).toMatchObject({
      id: 'cis-eks-1.0.1',
      confidence: 'high',
    });
  });
});

describe('what the text says when it holds no results', () => {
  it('docker-bench-security that could not reach the daemon says so and what to do', () => {
    const run = parseBenchRun('Error connecting to docker daemon (does docker ps work?)\n');
    expect(run.tool).toBe('docker-bench-security');
    expect(codes(run)).toEqual(['daemon-unreachable']);
    const message = run.diagnostics[0]?.message ?? '';
    expect(message).toMatch(/could not reach the Docker daemon/);
    expect(message).toMatch(/docker group/);
    expect(message).toMatch(/docker\.sock/);
  });

  it('a missing program that stops docker-bench-security is named', () => {
    const run = parseBenchRun('Required program not found: jq\n');
    expect(run.tool).toBe('docker-bench-security');
    expect(only(run, 'tool-stopped')[0]?.message).toMatch(/Required program not found: jq/);
  });

  it('aquasecurity/docker-bench that could not ask Docker its version says so', () => {
    const run = parseBenchRun(
      'Version check failed: exit status 1\nAlternatively, you can specify the version with --version\n'
    );
    expect(run.tool).toBe('aquasec-docker-bench');
    expect(only(run, 'tool-stopped')[0]?.message).toMatch(/--version/);
    expect(codes(run)).not.toContain('no-results');
  });

  it('a kube-bench summary alone says only the summary was pasted', () => {
    const run = parseBenchRun(
      '== Summary total ==\n43 checks PASS\n10 checks FAIL\n11 checks WARN\n0 checks INFO\n'
    );
    expect(run.tool).toBe('kube-bench');
    expect(run.complete).toBe(false);
    expect(codes(run)).toContain('summary-only');
    expect(codes(run)).not.toContain('not-recognised');
    expect(only(run, 'summary-only')[0]?.message).toMatch(/Only the summary/);
  });

  it('a bare "== Summary ==" alone says the same without naming a tool', () => {
    const run = parseBenchRun('== Summary ==\n36 checks PASS\n34 checks FAIL\n');
    expect(run.tool).toBe('unknown');
    expect(codes(run)).toEqual(['summary-only']);
  });
});

describe('pastes that render escapes as control pictures', () => {
  it('read like coloured runs', () => {
    const coloured = fixtureText('dbs-ansi.txt');
    const pictures = coloured.split('\x1b').join('\u241b');
    expect(pictures).not.toEqual(coloured);
    const a = parseBenchRun(coloured);
    const b = parseBenchRun(pictures);
    expect(b.findings.map((f) => [f.id, f.status, f.title])).toEqual(
      a.findings.map((f) => [f.id, f.status, f.title])
    );
    expect(b.findings.length).toBeGreaterThan(0);
    expect(b.findings.every((f) => !f.title.includes('\u241b'))).toBe(true);
  });
});

describe('broken aquasecurity JSON', () => {
  it('gets the invalid-JSON warning every JSON reader gives', () => {
    const text = fixtureText('aquasec.json');
    const run = parseBenchRun(text.slice(0, text.indexOf('"test_number": "5.22"') + 30));
    expect(run.tool).toBe('aquasec-docker-bench');
    expect(run.format).toBe('json');
    expect(codes(run)).toContain('invalid-json');
    expect(only(run, 'invalid-json')[0]?.message).toMatch(/^This JSON is not valid/);
    expect(run.diagnostics.some((d) => /== Remediations ==/.test(d.message))).toBe(false);
    expect(run.findings.map((f) => f.id)).toContain('5.10');
  });
});

describe('the JUnit reader', () => {
  it('cuts a very long line like the text readers do', () => {
    const long = 'x'.repeat(20_000);
    const run = parseBenchRun(
      `<testsuites>\n<testsuite name="Worker Node Security Configuration" tests="1" failures="1">\n<testcase name="4.1.1 ${long}" classname="Worker Node Configuration Files">\n<failure type="">fix it</failure>\n</testcase>\n</testsuite>\n</testsuites>\n`
    );
    expect(run.format).toBe('junit');
    expect(codes(run)).toContain('long-lines-cut');
    expect(run.findings[0]?.title.length).toBeLessThan(10_001);
  });
});
