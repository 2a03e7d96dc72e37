import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMdxFromDisk, loadModelsFromDisk, loadThreatsFromDisk } from '../content/node';
import { guideSchema, sitePageSchema } from '../content/schema';
import { loadCatalogFromDisk } from '../catalog/node';
import type { SearchSource } from './records';
import type { SearchIndexFiles } from './format';
import type { IndexFileLoader } from './query';

/** Reads threats, models, check sets, check concepts, guides and site pages of a checkout into a SearchSource; Node only. */
export function loadSearchSource(root: string): SearchSource {
  const content = join(root, 'content');
  const catalog = loadCatalogFromDisk(content);
  return {
    threats: loadThreatsFromDisk(content).map(({ data, body }) => ({ data, body })),
    models: loadModelsFromDisk(content),
    checkSets: [...catalog.checkSets],
    concepts: [...catalog.concepts.values()],
    guides: loadMdxFromDisk(content, 'guides', guideSchema),
    pages: loadMdxFromDisk(content, 'pages', sitePageSchema),
  };
}

/** Loads index files from a folder, as a built site holds them. */
export function folderLoader(dir: string): IndexFileLoader {
  return (name) => Promise.resolve(JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
}

/** Loads index files from memory, as built; `read` is told every file a query reads. */
export function memoryLoader(
  files: SearchIndexFiles,
  read: (name: string) => void = () => undefined
): IndexFileLoader {
  return (name) => {
    read(name);
    const text = files.get(name);
    return text === undefined
      ? Promise.reject(new Error(`search index: no file ${name}`))
      : Promise.resolve(JSON.parse(text) as unknown);
  };
}
