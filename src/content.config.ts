import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { modelSchema, threatSchema } from './lib/content/schema';
import { readComponentIndex } from './lib/content/models';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));

const threats = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}threats`, generateId: ({ data }) => String(data.id).toLowerCase() }),
  schema: threatSchema(readComponentIndex(`${contentDir}models`)),
});

const models = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${contentDir}models` }),
  schema: modelSchema,
});

export const collections = { threats, models };
