import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { worksheetData } from '../lib/worksheet/data';

/** The Docker threats, check concepts and check sets, fetched when the worksheet page starts. */
export const GET: APIRoute = async () => {
  const data = worksheetData(
    'docker',
    (await getCollection('threats')).map((t) => t.data),
    (await getCollection('checkConcepts')).map((c) => c.data),
    (await getCollection('checkSets')).map((s) => s.data)
  );
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
