import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildRecords, checkSetInfos } from '../../lib/search/records';
import { buildSearchFiles } from '../../lib/search/build';
import type { SearchIndexFiles } from '../../lib/search/format';

/**
 * The search index files, built once from the content collections, each also pre-compressed as
 * .gz and .br so a server can send them without compressing on every request.
 */
export const prerender = true;

let building: Promise<SearchIndexFiles> | undefined;

function indexFiles(): Promise<SearchIndexFiles> {
  building ??= (async () => {
    const [threats, models, checkSets, concepts, guides, pages] = await Promise.all([
      getCollection('threats'),
      getCollection('models'),
      getCollection('checkSets'),
      getCollection('checkConcepts'),
      getCollection('guides'),
      getCollection('pages'),
    ]);
    const sets = checkSets.map((s) => s.data);
    const records = buildRecords({
      threats: threats.map((t) => ({ data: t.data, body: t.body ?? '' })),
      models: models.map((m) => m.data),
      checkSets: sets,
      concepts: concepts.map((c) => c.data),
      guides: guides.map((g) => ({ id: g.id, data: g.data, body: g.body ?? '' })),
      pages: pages.map((p) => ({ id: p.id, data: p.data, body: p.body ?? '' })),
    });
    return buildSearchFiles(records, checkSetInfos(sets));
  })();
  return building;
}

const ENCODINGS = {
  '': (text: string) => Buffer.from(text),
  '.gz': (text: string) => gzipSync(text, { level: 9 }),
  '.br': (text: string) =>
    brotliCompressSync(text, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
} as const;

export const getStaticPaths: GetStaticPaths = async () => {
  const files = await indexFiles();
  return [...files.keys()].flatMap((name) =>
    Object.keys(ENCODINGS).map((suffix) => ({ params: { file: `${name}${suffix}` } }))
  );
};

export const GET: APIRoute = async ({ params }) => {
  const files = await indexFiles();
  const file = params.file ?? '';
  const suffix = file.endsWith('.gz') ? '.gz' : file.endsWith('.br') ? '.br' : '';
  const text = files.get(file.slice(0, file.length - suffix.length));
  if (text === undefined) return new Response(null, { status: 404 });
  return new Response(ENCODINGS[suffix](text), {
    headers: { 'Content-Type': suffix === '' ? 'application/json' : 'application/octet-stream' },
  });
};
