import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseBenchRun } from '../../src/lib/bench/index';
import { matchCheck } from '../../src/lib/catalog';
import { loadCatalogFromDisk } from '../../src/lib/catalog/node';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.STRIDE_SHARED
  ? resolve(process.env.STRIDE_SHARED)
  : resolve(repoRoot, '../shared');
const required = process.env.STRIDE_REQUIRE_CORPUS === '1';
const maps = join(shared, 'research', 'trivy-kubescape-spec-maps');
const reports = join(shared, 'fixtures', 'trivy-kubescape');

describe('the Trivy and kubescape check sets', () => {
  if (!existsSync(maps) || !existsSync(reports)) {
    it.skipIf(!required)(`needs ${maps} and ${reports} (set STRIDE_SHARED)`, () => {
      throw new Error('The spec maps or reports are missing and STRIDE_REQUIRE_CORPUS=1 is set.');
    });
    return;
  }
  const generator = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'compliance-catalog-from-research.mjs'), '--check'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, STRIDE_SHARED: shared } }
  );
  // "left out, no concept: <check set> <id> ..." for controls no concept fits yet.
  const leftOut = new Set(
    [...generator.stderr.matchAll(/^left out, no concept: (\S+) (\S+) /gm)].map(
      (m) => `${m[1]} ${m[2]}`
    )
  );

  it('are what the generator writes from the spec maps today', () => {
    expect(generator.stderr.split('\n').filter((l) => l.startsWith('stale'))).toEqual([]);
    expect(generator.status).toBe(0);
  });

  it('explain every control of the real reports, except those no concept fits yet', () => {
    const catalog = loadCatalogFromDisk(join(repoRoot, 'content'), 'kubernetes');
    for (const file of readdirSync(reports).filter((f) => f.endsWith('.json'))) {
      const run = parseBenchRun(readFileSync(join(reports, file), 'utf8'));
      expect(run.checkSet, file).toBeDefined();
      const unexplained = run.findings
        .filter((f) => !matchCheck(f, catalog, run.checkSet))
        .map((f) => `${run.checkSet} ${f.id}`);
      expect(
        unexplained.filter((u) => !leftOut.has(u)),
        file
      ).toEqual([]);
      const inOwnSet = run.findings.filter(
        (f) => matchCheck(f, catalog, run.checkSet)?.checkSet === run.checkSet
      );
      expect(inOwnSet.length, file).toBe(run.findings.length - unexplained.length);
    }
  });
});
