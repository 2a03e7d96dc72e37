import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { PLATFORMS } from '../stride';
import type { ComponentIndex } from './schema';

/** Reads the component ids of every model in content/models, for checking threats' references at load time. */
export function readComponentIndex(modelsDir: string): ComponentIndex {
  const index: Record<string, Set<string>> = Object.fromEntries(
    PLATFORMS.map((p) => [p, new Set<string>()])
  );
  for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.yaml'))) {
    const data = yaml.load(readFileSync(join(modelsDir, file), 'utf8')) as {
      platform?: string;
      components?: { id?: string }[];
    };
    const set = data?.platform ? index[data.platform] : undefined;
    if (!set) continue;
    for (const c of data.components ?? []) if (typeof c.id === 'string') set.add(c.id);
  }
  return { docker: index.docker ?? new Set(), kubernetes: index.kubernetes ?? new Set() };
}
