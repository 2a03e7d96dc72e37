import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Platform } from '../stride';
import { buildCatalog, checkSetPlatform, type Catalog } from './index';
import { checkConceptShape, checkSetSchema } from './schema';

/** Node-only loading of the catalog; kept apart so browser bundles never pull in fs. */

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

function parseFile<T>(file: string, parse: (data: unknown) => T): T {
  try {
    return parse(yaml.load(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Reads and validates content/benchmarks and content/checks under `contentDir` into a Catalog, of one platform if given. */
export function loadCatalogFromDisk(contentDir: string, platform?: Platform): Catalog {
  const sets = yamlFiles(join(contentDir, 'benchmarks')).map((f) =>
    parseFile(f, (d) => checkSetSchema.parse(d))
  );
  const concepts = yamlFiles(join(contentDir, 'checks')).map((f) =>
    parseFile(f, (d) => checkConceptShape.parse(d))
  );
  return buildCatalog(
    sets.filter((s) => !platform || checkSetPlatform(s) === platform),
    concepts.filter((c) => !platform || c.platform === platform)
  );
}
