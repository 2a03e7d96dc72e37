import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { guideSchema, modelSchema, sitePageSchema, threatSchema } from './lib/content/schema';
import { readComponentIndex } from './lib/content/models';
import { readThreatIds } from './lib/content/threat-ids';
import { checkConceptSchema, checkSetSchema } from './lib/catalog/schema';
import { inIdOrder } from './lib/content/ordered-loader';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const globInIdOrder = (options: Parameters<typeof glob>[0]) => inIdOrder(glob(options));

const threats = defineCollection({
  loader: globInIdOrder({
    pattern: '**/*.mdx',
    base: `${contentDir}threats`,
    generateId: ({ data }) => String(data.id).toLowerCase(),
  }),
  schema: threatSchema(readComponentIndex(`${contentDir}models`)),
});

const models = defineCollection({
  loader: globInIdOrder({ pattern: '*.yaml', base: `${contentDir}models` }),
  schema: modelSchema,
});

const checkSets = defineCollection({
  loader: globInIdOrder({
    pattern: '**/*.yaml',
    base: `${contentDir}benchmarks`,
    generateId: ({ data }) => String(data.checkSet),
  }),
  schema: checkSetSchema,
});

const checkConcepts = defineCollection({
  loader: globInIdOrder({
    pattern: '**/*.yaml',
    base: `${contentDir}checks`,
    generateId: ({ data }) => String(data.concept),
  }),
  schema: checkConceptSchema(readThreatIds(`${contentDir}threats`)),
});

const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${contentDir}guides` }),
  schema: guideSchema,
});

const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${contentDir}pages` }),
  schema: sitePageSchema,
});

export const collections = { threats, models, checkSets, checkConcepts, guides, pages };
