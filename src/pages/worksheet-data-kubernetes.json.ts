import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { worksheetData } from '../lib/worksheet/data';

/** The Kubernetes threats, check concepts and check sets, fetched only when a kube-bench run arrives. */
export const GET: APIRoute = async () => {
  const data = worksheetData(
    'kubernetes',
    (await getCollection('threats')).map((t) => t.data),
    (await getCollection('checkConcepts')).map((c) => c.data),
    (await getCollection('checkSets')).map((s) => s.data)
  );
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
