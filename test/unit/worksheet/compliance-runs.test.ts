import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { buildWorksheetCatalog } from '../../../src/lib/worksheet/data';
import { runPlatform } from '../../../src/lib/worksheet/platform';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import { summaryRows } from '../../../src/lib/worksheet/summary';
import { contentWorksheetData } from './helpers';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');
const catalogs = {
  docker: buildWorksheetCatalog(contentWorksheetData('docker')),
  kubernetes: buildWorksheetCatalog(contentWorksheetData('kubernetes')),
};

describe('Trivy and kubescape runs in the worksheet data', () => {
  test.each([
    ['trivy-operator-detail.yaml', 'kubernetes', 'Trivy (YAML report)'],
    ['trivy-table-log-lines-elided.txt', 'kubernetes', 'Trivy (text output)'],
    ['kubescape-v2.9-cis-eks.json', 'kubernetes', 'kubescape (JSON report)'],
    ['trivy-docker-cis-all.json', 'docker', 'Trivy (JSON report)'],
  ] as const)('%s: explains every failed control from the catalog', (file, platform, tool) => {
    const run = parseBenchRun(fixture(file));
    expect(runPlatform(run)).toBe(platform);
    const views = describeFindings(run, catalogs[platform]);
    const failed = views.filter((v) => v.finding.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((v) => !v.info).map((v) => v.finding.id)).toEqual([]);
    expect(summaryRows(run).find((r) => r.label === 'Tool')?.value).toBe(tool);
  });
});
