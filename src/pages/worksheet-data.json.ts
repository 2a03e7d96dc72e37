import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { packCheckSets, type WorksheetData } from '../lib/worksheet/data';

/** The Docker threats, check concepts and check sets the worksheet needs, fetched once by the page. */
export const GET: APIRoute = async () => {
  const threats = (await getCollection('threats'))
    .map((t) => t.data)
    .filter((t) => t.platform === 'docker')
    .map((t) => ({ id: t.id, title: t.title, stride: t.stride, fromBrief: t.brief !== undefined }));
  const concepts = (await getCollection('checkConcepts'))
    .map((c) => c.data)
    .filter((c) => c.platform === 'docker')
    .map(({ concept, name, what, why, remediation, audit, impact, threats: ids }) => ({ concept, name, what, why, remediation, audit, impact, threats: ids }));
  const checkSets = packCheckSets((await getCollection('checkSets')).map((s) => s.data));
  const data: WorksheetData = { threats, concepts, checkSets };
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
