/** Collection queries shared by several pages. */
import { getCollection } from 'astro:content';
import { buildCatalog, checksByConcept } from './lib/catalog';
import { controlResolver } from './lib/content/controls';
import { catalogExport } from './lib/content/export';
import { url } from './lib/site';

/** A resolver from {benchmark, id} to the check's title and concept, built once per build. */
let resolver: Promise<ReturnType<typeof controlResolver>> | undefined;
export function getControlResolver() {
  resolver ??= getCollection('checkSets').then((sets) => controlResolver(sets.map((s) => s.data)));
  return resolver;
}

/** The check catalog and each concept's checks per check set, built once per build rather than once per check page. */
let checkIndex:
  | Promise<{
      catalog: ReturnType<typeof buildCatalog>;
      byConcept: ReturnType<typeof checksByConcept>;
    }>
  | undefined;
export function getCheckIndex() {
  checkIndex ??= Promise.all([getCollection('checkSets'), getCollection('checkConcepts')]).then(
    ([sets, concepts]) => {
      const catalog = buildCatalog(
        sets.map((s) => s.data),
        concepts.map((c) => c.data)
      );
      return { catalog, byConcept: checksByConcept(catalog) };
    }
  );
  return checkIndex;
}

/** The public threat catalog, as /threats.json publishes it. */
export async function getCatalogExport(site: URL | undefined) {
  const [threats, models, resolve] = await Promise.all([
    getCollection('threats'),
    getCollection('models'),
    getControlResolver(),
  ]);
  return catalogExport(
    new URL(url('/'), site ?? 'http://localhost/').href,
    threats.map((t) => t.data),
    models.map((m) => m.data),
    resolve
  );
}
