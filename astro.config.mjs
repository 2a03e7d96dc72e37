// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: 'https://container-stride.example',
  trailingSlash: 'always',
  integrations: [mdx()],
  devToolbar: { enabled: false },
  // External stylesheets and scripts only, so a strict CSP needs no hashes.
  build: { inlineStylesheets: 'never', format: 'directory' },
  vite: { build: { assetsInlineLimit: 0 } },
});
