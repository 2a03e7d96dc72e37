import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { modelSchema, type ThreatData } from '../content/schema';
import { checkConceptShape, checkSetSchema } from '../catalog/schema';
import type { SearchSource, ThreatSource } from './records';
import { astroSections } from './text';

/** Node-only reading of content/ into a SearchSource, for tests and measurements; browser bundles never import it. */

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

function readYaml(file: string): unknown {
  return yaml.load(readFileSync(file, 'utf8'));
}

/** Splits an MDX file into its YAML front matter and its body. */
export function readThreatFile(file: string): ThreatSource {
  const source = readFileSync(file, 'utf8');
  const m = FRONTMATTER.exec(source);
  if (!m) throw new Error(`${file}: no front matter`);
  const data = yaml.load(m[1] ?? '') as ThreatData;
  return { data: { ...data, msThreatMatrix: data.msThreatMatrix ?? [] }, body: source.slice(m[0].length) };
}

/** Reads threats, models, check sets, check concepts and the about page from a checkout. */
export function loadSearchSource(root: string): SearchSource {
  const content = join(root, 'content');
  return {
    threats: files(join(content, 'threats'), '.mdx').map(readThreatFile),
    models: files(join(content, 'models'), '.yaml').map((f) => modelSchema.parse(readYaml(f))),
    checkSets: files(join(content, 'benchmarks'), '.yaml').map((f) => checkSetSchema.parse(readYaml(f))),
    concepts: files(join(content, 'checks'), '.yaml').map((f) => checkConceptShape.parse(readYaml(f))),
    pages: [{ url: '/about/', title: 'About the method', sections: astroSections(readFileSync(join(root, 'src/pages/about.astro'), 'utf8')) }],
  };
}
