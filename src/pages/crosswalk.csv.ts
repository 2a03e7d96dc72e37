import type { APIRoute } from 'astro';
import { getCatalogExport } from '../collections';
import { crosswalkCsv, crosswalkRows } from '../lib/content/export';

export const GET: APIRoute = async ({ site }) =>
  new Response(crosswalkCsv(crosswalkRows(await getCatalogExport(site))), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
