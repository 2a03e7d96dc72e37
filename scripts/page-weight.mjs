// Page weight from a built site: what each page type makes a first visit download, gzipped, against its
// budget. Shared by `npm test` (a failed budget fails the suite) and `npm run bench` (rows of its table).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** HTML + CSS + JS of a content page's first visit, KB gzip. */
export const CONTENT_PAGE_BUDGET_KB = 40;
/** The worksheet is an application rather than a content page: its whole first visit, KB gzip. */
export const WORKSHEET_PAGE_BUDGET_KB = 60;
/** The JavaScript the worksheet loads up to its load event, KB gzip; the parser and the catalog come later. */
export const WORKSHEET_JS_BUDGET_KB = 32;

export const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const SPACE = /\s/;
const BINDINGS = /^[\w\s{},*$]*$/;

/**
 * The modules a bundled script imports statically (`import"./a.js"`, `import{b as c}from"./d.js"`),
 * not import() or import.meta. Read token by token: no regex here can backtrack.
 */
/**
 * @param {string} code
 * @returns {string[]}
 */
export function staticImports(code) {
  const found = [];
  for (const m of code.matchAll(/\bimport\b/g)) {
    let before = m.index - 1;
    while (before >= 0 && SPACE.test(code[before])) before--;
    if (before >= 0 && !';}'.includes(code[before])) continue;
    let i = m.index + 'import'.length;
    while (SPACE.test(code[i] ?? '')) i++;
    if (code[i] !== '"' && code[i] !== "'") {
      const from = code.indexOf('from', i);
      if (from < 0 || !BINDINGS.test(code.slice(i, from))) continue;
      i = from + 'from'.length;
      while (SPACE.test(code[i] ?? '')) i++;
    }
    const quote = code[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = code.indexOf(quote, i + 1);
    if (end > i) found.push(code.slice(i + 1, end));
  }
  return found;
}

/** @typedef {{ raw: number, gzip: number }} Weight bytes, as stored and gzipped */

/**
 * The file of a built site that an address of it names, for a site built for base path `base` (BASE_PATH);
 * an address outside the base names none of its files.
 * @param {string} dist
 * @param {string} base
 * @param {string} address
 */
function builtFile(dist, base, address) {
  if (!address.startsWith(base)) throw new Error(`${address} is outside the base path ${base}`);
  return join(dist, address.slice(base.length));
}

/**
 * Files a page loads before its load event: its HTML, its stylesheets, its scripts and what they import
 * statically (a dynamic import() loads on demand, after the page), each with its size raw and gzipped.
 * Scripts are listed by the address the page loads them from, under the base path the site was built for.
 * @param {string} dist
 * @param {string} pagePath a site path such as "/worksheet/", without the base path
 * @param {string} [base]
 * @returns {{ html: Weight, css: Weight, js: Weight, jsFiles: string[] }}
 */
export function pageAssets(dist, pagePath, base = '/') {
  const html = readFileSync(join(dist, pagePath, 'index.html'));
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const js = new Set();
  const queue = [
    ...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  while (queue.length) {
    const src = queue.shift();
    if (js.has(src)) continue;
    js.add(src);
    for (const spec of staticImports(readFileSync(builtFile(dist, base, src), 'utf8')))
      queue.push(new URL(spec, `http://x${src}`).pathname);
  }
  /** @type {(files: string[]) => Weight} */
  const sum = (files) =>
    files.reduce(
      (acc, f) => {
        const buf = readFileSync(builtFile(dist, base, f));
        return { raw: acc.raw + buf.length, gzip: acc.gzip + gz(buf) };
      },
      { raw: 0, gzip: 0 }
    );
  return {
    html: { raw: html.length, gzip: gz(html) },
    css: sum(css),
    js: sum([...js]),
    jsFiles: [...js],
  };
}

/**
 * One page of each type the site has, as [type, site path], the first threat and check page found in the
 * build (made for base path `base`).
 * @param {string} dist
 * @param {string} [base]
 * @returns {[string, string][]}
 */
export function pageTypes(dist, base = '/') {
  /** The site path of the first link of page `listPage` to a page under it, such as "/threats/x/". */
  const first = (listPage) => {
    const file = join(dist, listPage, 'index.html');
    if (!existsSync(file)) return undefined;
    const under = `${base}${listPage}/`;
    for (const [, href] of readFileSync(file, 'utf8').matchAll(/href="([^"]+)"/g))
      if (href.startsWith(under) && /^[a-z0-9-]+\/$/.test(href.slice(under.length)))
        return `/${href.slice(base.length)}`;
    return undefined;
  };
  return [
    ['home', '/'],
    ['model page', '/docker/'],
    ['model page', '/kubernetes/'],
    ['threat page', first('threats')],
    ['threats table', '/threats/'],
    ['crosswalk', '/crosswalk/'],
    ['check page', first('checks/docker')],
    ['checks list', '/checks/docker/'],
    ['about', '/about/'],
    ['search page', '/search/'],
    ['full-size diagram', '/kubernetes/diagram/'],
    ['worksheet', '/worksheet/'],
  ].filter(([, p]) => p && existsSync(join(dist, p, 'index.html')));
}

/**
 * Every page-weight budget of the build (made for base path `base`): each page type's first visit, and the
 * worksheet's JavaScript up to its load event. Each check has what it measured, in words and KB, its
 * budget and whether it holds.
 */
export function pageWeightChecks(dist, base = '/') {
  const checks = [];
  for (const [type, path] of pageTypes(dist, base)) {
    const a = pageAssets(dist, path, base);
    const total = kb(a.html.gzip + a.css.gzip + a.js.gzip);
    const budget = type === 'worksheet' ? WORKSHEET_PAGE_BUDGET_KB : CONTENT_PAGE_BUDGET_KB;
    checks.push({
      type,
      path,
      assets: a,
      what: `${type} ${path}: HTML ${kb(a.html.gzip)} + CSS ${kb(a.css.gzip)} + JS ${kb(a.js.gzip)} KB gzip`,
      value: total,
      budget,
      ok: total <= budget,
    });
    if (type === 'worksheet')
      checks.push({
        type,
        path,
        assets: a,
        what: `worksheet JavaScript up to the load event (${a.jsFiles.length} files)`,
        value: kb(a.js.gzip),
        budget: WORKSHEET_JS_BUDGET_KB,
        ok: kb(a.js.gzip) <= WORKSHEET_JS_BUDGET_KB,
      });
  }
  return checks;
}
