import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import {
  findingInRun,
  idInRun,
  threatChecksInRun,
  threatChecksText,
} from '../../../src/lib/worksheet/numbering';
import { aquasecRun, testCatalog } from './helpers';

const wc = testCatalog();
const MEMORY = 'Ensure that the memory usage for container is limited';

const current = parseBenchRun(
  aquasecRun('20.10', [
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    { tag: 'PASS', id: '5.10', title: "Ensure that the host's network namespace is not shared" },
    {
      tag: 'FAIL',
      id: '5.11',
      title: MEMORY,
      details: ['"docker inspect" requires at least 1 argument.'],
    },
  ])
);
const older = parseBenchRun(
  aquasecRun('18.09', [
    { tag: 'PASS', id: '5.9', title: "Ensure that the host's network namespace is not shared" },
    { tag: 'FAIL', id: '5.10', title: MEMORY },
  ])
);

describe('check ids in their run’s numbering', () => {
  test('an id says its benchmark and version when the run’s is known, and stays bare otherwise', () => {
    expect(idInRun('5.10', current)).toBe(
      '5.10 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0)'
    );
    expect(idInRun('5.10', older)).toBe(
      '5.10 (CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2)'
    );
    expect(idInRun('5.10', undefined)).toBe('5.10');
    // docker-bench-security v1.6.0 shifts section 5 of CIS Docker 1.6.0: the tool release says which.
    const benchmark = { id: 'cis-docker-1.6.0', confidence: 'high', evidence: '' } as const;
    expect(
      idInRun('5.11', {
        tool: 'docker-bench-security',
        checkSet: 'docker-bench-security-1.6.0',
        benchmark,
      })
    ).toBe('5.11 (CIS Docker 1.6.0, docker-bench-security v1.6.0)');
    expect(idInRun('5.11', { tool: 'docker-bench-security', benchmark })).toBe(
      '5.11 (CIS Docker 1.6.0)'
    );
    expect(findingInRun({ id: '5.11', title: MEMORY }, current)).toBe(
      `5.11 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) ${MEMORY}`
    );
  });

  test('a threat’s controls are shown in the numbering of the run at hand', () => {
    const now = threatChecksInRun('DOCKER-D-01', describeFindings(current, wc), wc);
    expect(now.map((c) => c.id)).toEqual(['2.15', '5.11']);
    expect(threatChecksText(now, current)).toBe(
      "Its checks in this run's numbering (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0): 2.15 failed, 5.11 failed (audit could not run)."
    );
    // The same threat in a CIS Docker 1.2.0 run: the memory limit is 5.10 there.
    expect(
      threatChecksText(threatChecksInRun('DOCKER-D-01', describeFindings(older, wc), wc), older)
    ).toBe(
      "Its checks in this run's numbering (CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2): 5.10 failed."
    );
    expect(
      threatChecksText(threatChecksInRun('DOCKER-E-01', describeFindings(older, wc), wc), older)
    ).toBe(
      "Its checks in this run's numbering (CIS Docker 1.2.0, aquasecurity/docker-bench cis-1.2): 5.9 passed."
    );
    expect(threatChecksInRun('DOCKER-X-99', describeFindings(current, wc), wc)).toEqual([]);
    expect(threatChecksText([], current)).toBeUndefined();
  });
});
