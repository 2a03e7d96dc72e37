import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  FIX_FIRST_TITLES,
  fixFirstLink,
  guideLink,
  RUN_PROBLEM_CODES,
  RUN_PROBLEM_TITLES,
  runProblemGuides,
} from '../../../src/lib/guides';
import { headingSlug } from '../../../src/lib/search/text';

const guide = (slug: string) =>
  readFileSync(join(import.meta.dirname, '../../../content/guides', `${slug}.mdx`), 'utf8');
const headings = (text: string) => [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
const title = (text: string) => /^title: (.+)$/m.exec(text)?.[1]?.trim();

describe('the guides the worksheet links to', () => {
  test('each run problem is a section of Reading a benchmark run, its anchor the code, in page order', () => {
    const sections = headings(guide('reading-a-run'));
    expect(sections).toEqual(RUN_PROBLEM_CODES.map((c) => RUN_PROBLEM_TITLES[c]));
    for (const code of RUN_PROBLEM_CODES) expect(headingSlug(RUN_PROBLEM_TITLES[code])).toBe(code);
  });

  test('the Fix first links name each platform’s page by its title', () => {
    expect(fixFirstLink('docker')).toBe('/guides/fix-first-docker/');
    expect(fixFirstLink('kubernetes')).toBe('/guides/fix-first-kubernetes/');
    expect(title(guide('fix-first-docker'))).toBe(FIX_FIRST_TITLES.docker);
    expect(title(guide('fix-first-kubernetes'))).toBe(FIX_FIRST_TITLES.kubernetes);
  });

  test('a run’s audit errors link their sections once each, the most frequent first', () => {
    const findings = [
      { auditErrorCode: 'missing-program' as const },
      {},
      { auditErrorCode: 'nothing-to-inspect' as const },
      { auditErrorCode: 'nothing-to-inspect' as const },
      { auditErrorCode: 'missing-program' as const },
      { auditErrorCode: 'nothing-to-inspect' as const },
    ];
    expect(runProblemGuides(findings)).toEqual([
      {
        code: 'nothing-to-inspect',
        title: 'Nothing to inspect',
        href: '/guides/reading-a-run/#nothing-to-inspect',
      },
      {
        code: 'missing-program',
        title: 'Missing program',
        href: guideLink('missing-program'),
      },
    ]);
    expect(runProblemGuides([{}, {}])).toEqual([]);
  });
});
