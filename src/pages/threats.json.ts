import type { APIRoute } from 'astro';
import { getCatalogExport } from '../collections';

export const GET: APIRoute = async ({ site }) =>
  new Response(`${JSON.stringify(await getCatalogExport(site), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json' },
  });
