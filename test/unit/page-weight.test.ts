import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pageAssets, pageTypes, staticImports } from '../../scripts/page-weight.mjs';

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

  const builtSite = () => {
    const dist = mkdtempSync(join(tmpdir(), 'page-weight-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), text);
    };
    return { dist, write };
  };

  test('a page weighs its HTML, its stylesheets and the scripts it loads before its load event', () => {
    const { dist, write } = builtSite();
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

  test('a site built for a base path is weighed from the files its addresses name under that base', () => {
    const { dist, write } = builtSite();
    write(
      'page/index.html',
      '<link rel="stylesheet" href="/sub/_astro/a.css"><script type="module" src="/sub/_astro/entry.js"></script>'
    );
    write('_astro/a.css', 'body{}');
    write('_astro/entry.js', 'import"./shared.js";');
    write('_astro/shared.js', 'export const x=1;');
    const assets = pageAssets(dist, '/page/', '/sub/');
    expect(assets.jsFiles).toEqual(['/sub/_astro/entry.js', '/sub/_astro/shared.js']);
    expect(assets.css.raw).toBe(6);
    write('root/index.html', '<script type="module" src="/_astro/entry.js"></script>');
    expect(() => pageAssets(dist, '/root/', '/sub/')).toThrow(
      '/_astro/entry.js is outside the base path /sub/'
    );
  });

  test('the threat and check pages weighed are the first ones their lists link to, under the base path', () => {
    const { dist, write } = builtSite();
    for (const p of ['', 'docker/', 'kubernetes/', 'crosswalk/', 'about/'])
      write(`${p}index.html`, '<p>page</p>');
    write(
      'threats/index.html',
      '<a href="/sub/threats/#top"></a><a href="/sub/threats/docker-s-01/"></a>'
    );
    write('threats/docker-s-01/index.html', '<p>threat</p>');
    write('checks/docker/index.html', '<a href="/sub/checks/docker/memory-limit/"></a>');
    write('checks/docker/memory-limit/index.html', '<p>check</p>');
    const types = Object.fromEntries(pageTypes(dist, '/sub/'));
    expect(types['threat page']).toBe('/threats/docker-s-01/');
    expect(types['check page']).toBe('/checks/docker/memory-limit/');
    expect(pageTypes(dist).map(([type]) => type)).not.toContain('threat page');
  });
});
