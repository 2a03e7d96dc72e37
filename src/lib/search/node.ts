import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelsFromDisk, loadThreatsFromDisk } from '../content/node';
import { loadCatalogFromDisk } from '../catalog/node';
import type { SearchSource } from './records';
import { astroSections } from './text';

/** Reads threats, models, check sets, check concepts and the about page of a checkout into a SearchSource; Node only. */
export function loadSearchSource(root: string): SearchSource {
  const content = join(root, 'content');
  const catalog = loadCatalogFromDisk(content);
  return {
    threats: loadThreatsFromDisk(content).map(({ data, body }) => ({ data, body })),
    models: loadModelsFromDisk(content),
    checkSets: [...catalog.checkSets],
    concepts: [...catalog.concepts.values()],
    pages: [
      {
        url: '/about/',
        title: 'About the method',
        sections: astroSections(readFileSync(join(root, 'src/pages/about.astro'), 'utf8')),
      },
    ],
  };
}
