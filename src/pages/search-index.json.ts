import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import aboutSource from './about.astro?raw';
import { buildRecords } from '../lib/search/records';
import { buildSearchIndex } from '../lib/search/build';
import { astroSections } from '../lib/search/text';

/** The site search index, built from the content collections at build time and by the dev server. */
export const prerender = true;

export const GET: APIRoute = async () => {
  const [threats, models, checkSets, concepts] = await Promise.all([
    getCollection('threats'),
    getCollection('models'),
    getCollection('checkSets'),
    getCollection('checkConcepts'),
  ]);
  const records = buildRecords({
    threats: threats.map((t) => ({ data: t.data, body: t.body ?? '' })),
    models: models.map((m) => m.data),
    checkSets: checkSets.map((s) => s.data),
    concepts: concepts.map((c) => c.data),
    pages: [{ url: '/about/', title: 'About the method', sections: astroSections(aboutSource) }],
  });
  return new Response(JSON.stringify(buildSearchIndex(records)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
