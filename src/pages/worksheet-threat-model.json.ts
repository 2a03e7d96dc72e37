import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { threatCatalogData } from '../lib/worksheet/own-threats';

/** Both platforms' threats and model components, the starting points of the worksheet's threat-model steps. */
export const GET: APIRoute = async () => {
  const data = threatCatalogData({
    threats: (await getCollection('threats')).map((t) => t.data),
    models: (await getCollection('models')).map((m) => m.data),
  });
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
