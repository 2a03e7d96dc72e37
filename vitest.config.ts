/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config lets component tests render .astro files with the container API.
export default getViteConfig(
  {
    test: {
      include: [
        'test/unit/**/*.test.ts',
        'test/integration/**/*.test.ts',
        'test/corpus/**/*.test.ts',
        'test/component/**/*.test.ts',
      ],
      testTimeout: 30_000,
    },
  },
  { devToolbar: { enabled: false } }
);
