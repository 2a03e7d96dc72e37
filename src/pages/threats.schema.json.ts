import type { APIRoute } from 'astro';
import { catalogJsonSchema } from '../lib/content/export';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(catalogJsonSchema(), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/schema+json' },
  });
