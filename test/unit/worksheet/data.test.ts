import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { expect, test } from 'vitest';
import { checkSetSchema } from '../../../src/lib/catalog/schema';
import { analyzeInput } from '../../../src/lib/worksheet/analyze';
import { packCheckSets, unpackCheckSets } from '../../../src/lib/worksheet/data';

test('packed check sets unpack to the id, title and concept of every check', () => {
  const set = checkSetSchema.parse(
    yaml.load(
      readFileSync(join(process.cwd(), 'content/benchmarks/docker/aquasec-cis-1.6.0.yaml'), 'utf8')
    )
  );
  const again = { ...set, checkSet: 'copy' };
  const packed = packCheckSets([set, again]);
  expect(packed.titles.length).toBe(new Set(set.checks.map((c) => c.title)).size);
  expect(unpackCheckSets(packed)).toEqual(
    [set, again].map((s) => ({
      checkSet: s.checkSet,
      checks: s.checks.map(({ id, title, concept }) => ({ id, title, concept })),
    }))
  );
});

test('the bytes of a UTF-16 file are parsed and decoded to text for the box', () => {
  const text =
    '[INFO] 20.10 CIS Docker Community Edition Benchmark\n[INFO] 2 Docker daemon configuration\n[FAIL] 2.15 Ensure live restore is Enabled (Manual)\n';
  const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
  const { run, text: decoded } = analyzeInput(bytes);
  expect(decoded).toBe(text);
  expect(run.findings.map((f) => [f.id, f.outcome])).toEqual([['2.15', 'fail']]);
  expect(analyzeInput(text).text).toBe(text);
});
