import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pageAssets, staticImports } from '../../scripts/page-weight.mjs';

describe('page weight', () => {
  test('static imports of a bundled script count; import(), import.meta and the word in text do not', () => {
    expect(
      staticImports(
        'import"./a.js";import{b as c}from"./d.js";\nimport * as e from \'./f.js\';' +
          'const g=()=>import("./h.js");import.meta.url;const s="import x from ./i.js";' +
          'x.import("j")'
      )
    ).toEqual(['./a.js', './d.js', './f.js']);
  });

  test('a page weighs its HTML, its stylesheets and the scripts it loads before its load event', () => {
    const dist = mkdtempSync(join(tmpdir(), 'page-weight-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), text);
    };
    write(
      'page/index.html',
      '<link rel="stylesheet" href="/_astro/a.css"><script type="module" src="/_astro/entry.js"></script>'
    );
    write('_astro/a.css', 'body{}');
    write('_astro/entry.js', 'import{x}from"./shared.js";const p=()=>import("./later.js");');
    write('_astro/shared.js', 'export const x=1;');
    write('_astro/later.js', 'export const y=2;');
    const assets = pageAssets(dist, '/page/');
    expect(assets.jsFiles).toEqual(['/_astro/entry.js', '/_astro/shared.js']);
    expect(assets.css.raw).toBe(6);
    expect(assets.js.gzip).toBeGreaterThan(0);
  });
});
