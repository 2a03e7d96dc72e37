import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { modelSchema, threatSchema, type Model, type ThreatData } from './schema';
import { readComponentIndex } from './models';

/** Node-only loading of threats and models from content/, validated as the build validates them. */

export interface ThreatFile {
  file: string;
  data: ThreatData;
  /** The MDX body: scenario, impact, discussion. */
  body: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads every model under content/models. */
export function loadModelsFromDisk(contentDir: string): Model[] {
  const dir = join(contentDir, 'models');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => modelSchema.parse(yaml.load(readFileSync(join(dir, f), 'utf8'))));
}

/** Reads every threat under content/threats; throws naming the file on invalid data. */
export function loadThreatsFromDisk(contentDir: string): ThreatFile[] {
  const dir = join(contentDir, 'threats');
  const schema = threatSchema(readComponentIndex(join(contentDir, 'models')));
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const m = FRONTMATTER.exec(text);
      const parsed = schema.safeParse(m ? yaml.load(m[1]!) : undefined);
      if (!m || !parsed.success) {
        throw new Error(
          `${relative(contentDir, join(dir, f))}: ${parsed.success ? 'no frontmatter' : parsed.error.message}`
        );
      }
      return { file: f, data: parsed.data, body: m[2]! };
    });
}

/** An MDX file of a collection without cross-references: its id (file name), data and body. */
export interface MdxFile<T> {
  id: string;
  data: T;
  body: string;
}

/** Reads every .mdx file directly in content/<folder>, validated with the schema; throws naming the file. */
export function loadMdxFromDisk<T>(
  contentDir: string,
  folder: string,
  schema: {
    safeParse(data: unknown): { success: true; data: T } | { success: false; error: Error };
  }
): MdxFile<T>[] {
  const dir = join(contentDir, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const m = FRONTMATTER.exec(readFileSync(join(dir, f), 'utf8'));
      const parsed = schema.safeParse(m ? yaml.load(m[1]!) : undefined);
      if (!m || !parsed.success)
        throw new Error(
          `${folder}/${f}: ${parsed.success ? 'no frontmatter' : parsed.error.message}`
        );
      return { id: f.slice(0, -'.mdx'.length), data: parsed.data, body: m[2]! };
    });
}
