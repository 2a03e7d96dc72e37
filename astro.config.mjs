// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { baseLinks } from './src/lib/content/base-links.ts';

// The path the site is served under (e.g. /container-stride/ for a GitHub project site); links follow it.
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  // Canonical URLs, the sitemap and /threats.json use this address; set SITE_URL when deploying.
  site: process.env.SITE_URL ?? 'https://container-stride.example',
  base,
  trailingSlash: 'always',
  // Shiki colours code blocks with inline styles, which the strict CSP blocks; the site's CSS styles them.
  integrations: [mdx({ syntaxHighlight: false }), sitemap()],
  // Links written in Markdown and MDX prose follow the base path too.
  markdown: { rehypePlugins: [baseLinks(base)] },
  devToolbar: { enabled: false },
  // External stylesheets and scripts only, so a strict CSP needs no hashes.
  build: { inlineStylesheets: 'never', format: 'directory' },
  vite: { build: { assetsInlineLimit: 0 } },
});
