// Renders the model diagrams to CSP-safe SVG ahead of time: content/models/*.yaml -> src/diagrams/<platform>.{mmd,svg}
// plus one src/diagrams/diagrams.css. Needs mermaid, playwright-core and /usr/bin/chromium; the site build does not.
// Usage: npm run diagrams [-- --check]   (--check writes nothing and exits 1 when a file would change)
//        node scripts/diagrams.mjs --models=DIR --threats=DIR --out=DIR   (other inputs or output, e.g. test fixtures)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? resolve(arg.slice(name.length + 3)) : join(root, fallback);
};
const modelsDir = option('models', 'content/models');
const threatsDir = option('threats', 'content/threats');
const outDir = option('out', 'src/diagrams');
const check = process.argv.includes('--check');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const started = performance.now();

/** Lists files under dir (recursively) whose name ends with ext, sorted, as { path, text }. */
function readFiles(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ path: relative(root, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
}

// The generator is TypeScript in src/lib/model so that the unit tests and this script share one implementation.
const loadGenerator = () =>
  loadTs(root, [
    'src/lib/model/sources.ts',
    'src/lib/model/render-config.ts',
    'src/lib/model/decorations.ts',
  ]);

function mermaidPin() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const pin = pkg.devDependencies?.mermaid ?? pkg.dependencies?.mermaid;
  if (!pin || !/^\d+\.\d+\.\d+$/.test(pin))
    throw new Error('package.json must pin mermaid to an exact version');
  const installed = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('mermaid/package.json'), 'utf8')
  ).version;
  if (installed !== pin)
    throw new Error(`installed mermaid ${installed} differs from the pin ${pin}: run npm ci`);
  return pin;
}

/**
 * Runs in the page: renders one source with one theme and rewrites the SVG so that it needs no inline style.
 * Returns the markup and the CSS rules it still uses, as { selector, decls: [property, value, important][] }.
 */
async function renderInPage({ name, source, config, hash, decorations }) {
  const id = `dg-${name}`;
  /* global mermaid */
  mermaid.initialize(config);
  const { svg } = await mermaid.render(id, source);
  // mermaid serialises as HTML (xlink:href without its namespace declaration): parse it as HTML.
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${svg}`, 'text/html');
  const root = doc.body.querySelector('svg');

  const styleEls = [...root.querySelectorAll('style')];
  const cssText = styleEls.map((s) => s.textContent).join('\n');
  styleEls.forEach((s) => s.remove());

  const splitTop = (text, sep) => {
    const parts = [];
    let depth = 0,
      quote = '',
      start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote && text[i - 1] !== '\\') quote = '';
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      else if (ch === sep && depth === 0) {
        parts.push(text.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(text.slice(start));
    return parts.map((p) => p.trim()).filter(Boolean);
  };
  const parseDecls = (text) =>
    splitTop(text, ';').map((d) => {
      const colon = d.indexOf(':');
      let value = d.slice(colon + 1).trim();
      const important = /!\s*important$/i.test(value);
      if (important) value = value.slice(0, value.lastIndexOf('!')).trimEnd();
      return [d.slice(0, colon).trim().toLowerCase(), value, important];
    });

  // Inline style attributes become classes; !important keeps the precedence they had over mermaid's #id rules.
  const styleClasses = new Map();
  for (const el of [root, ...root.querySelectorAll('[style]')]) {
    const value = el.getAttribute('style');
    if (value === null) continue;
    el.removeAttribute('style');
    const decls = parseDecls(value);
    if (decls.length === 0) continue;
    const key = decls.map(([p, v]) => `${p}:${v}`).join(';');
    let cls = styleClasses.get(key);
    if (!cls) styleClasses.set(key, (cls = `s${styleClasses.size}`));
    el.classList.add(cls);
  }

  // Real links: href instead of xlink:href, and the tooltip (a title attribute only mermaid's JS shows) as <title>.
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('xlink:href') ?? a.getAttribute('href');
    a.removeAttribute('xlink:href');
    if (href) a.setAttribute('href', href);
    const titled = a.hasAttribute('title') ? a : a.querySelector('[title]');
    if (titled) {
      const title = doc.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = titled.getAttribute('title');
      titled.removeAttribute('title');
      a.prepend(title);
    }
  }
  for (const el of root.querySelectorAll('[title]')) el.removeAttribute('title');
  root.setAttribute('aria-roledescription', 'flowchart');

  // mermaid writes one tspan per word; one per line renders the same and weighs far less.
  for (const row of root.querySelectorAll('tspan.text-outer-tspan')) {
    const words = [...row.children];
    const [first, ...rest] = words;
    const sameAttrs = (a, b) =>
      a.attributes.length === b.attributes.length &&
      [...a.attributes].every((x) => b.getAttribute(x.name) === x.value);
    if (
      !first ||
      row.childNodes.length !== words.length ||
      !rest.every((w) => w.children.length === 0 && sameAttrs(w, first))
    )
      continue;
    first.textContent = words.map((w) => w.textContent).join('');
    rest.forEach((w) => w.remove());
  }

  // Classes that tie each component's link, and each line, to what the stylesheet lights up together.
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const missing = (what) => {
    throw new Error(`${what} is not in mermaid's output`);
  };
  for (const { node, cls } of decorations.nodes) {
    const link = root.querySelector(`[id^="${id}-flowchart-${node}-"]`)?.closest('a');
    if (!link) missing(`the link of node ${node}`);
    link.classList.add('dg-n', cls);
  }
  for (const { edge, classes } of decorations.edges) {
    const path = root.querySelector(`path[id="${id}-${edge}"]`);
    const label = root.querySelector(`g.label[data-id="${edge}"]`)?.closest('g.edgeLabel');
    if (!path || !label) missing(`edge ${edge}`);
    path.classList.add(...classes);
    label.classList.add(...classes);
  }
  // Each boundary id in a label becomes a link to its row in the boundaries table; its first one is where that
  // table links back to.
  const boundaries = new Map(decorations.boundaries.map((b) => [b.id, b]));
  const anchored = new Set();
  for (const text of root.querySelectorAll('g.edgeLabel text')) {
    for (const row of text.querySelectorAll('tspan')) {
      if (row.children.length > 0) continue;
      const parts = row.textContent.split(/([\s,]+)/);
      if (!parts.some((p) => boundaries.has(p))) continue;
      row.textContent = '';
      for (const part of parts) {
        const b = boundaries.get(part);
        if (!b) {
          if (part) row.append(part);
          continue;
        }
        const a = doc.createElementNS(SVG_NS, 'a');
        a.setAttribute('href', b.href);
        a.setAttribute('class', `dg-b ${b.cls}`);
        if (!anchored.has(b.id)) {
          a.setAttribute('id', b.target);
          anchored.add(b.id);
        }
        const title = doc.createElementNS(SVG_NS, 'title');
        title.textContent = b.title;
        a.append(title, part);
        row.append(a);
      }
    }
  }
  for (const b of decorations.boundaries) if (!anchored.has(b.id)) missing(`a label of ${b.id}`);

  // Links that only steer the layout (~~~) draw nothing: drop their paths and their empty labels.
  for (const path of root.querySelectorAll('path.edge-thickness-invisible')) path.remove();
  for (const label of root.querySelectorAll('g.edgeLabel'))
    if (label.textContent.trim() === '') label.remove();

  // Keep only the CSS that matches something in this static SVG (hover and focus states count as matching).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  const matches = (selector) => {
    const bare = selector.replace(
      /:(hover|focus|focus-visible|focus-within|active|visited)\b/g,
      ''
    );
    try {
      return doc.querySelector(bare || '*') !== null;
    } catch {
      return true;
    }
  };
  const rules = [];
  const keyframes = [];
  for (const rule of sheet.cssRules) {
    if (rule instanceof CSSStyleRule) {
      const selectors = splitTop(rule.selectorText, ',').filter(matches);
      if (selectors.length)
        rules.push({ selector: selectors.join(','), decls: parseDecls(rule.style.cssText) });
    } else if (rule instanceof CSSKeyframesRule) {
      keyframes.push(rule);
    } else {
      throw new Error(`unexpected CSS rule in mermaid's output: ${rule.cssText.slice(0, 80)}`);
    }
  }
  const animated = rules
    .flatMap((r) => r.decls)
    .filter(([p]) => p.startsWith('animation'))
    .map(([, v]) => v)
    .join(' ');
  for (const k of keyframes) {
    if (new RegExp(`(^|[\\s,])${k.name}([\\s,]|$)`).test(animated))
      rules.push({ selector: `@keyframes ${k.name}`, raw: k.cssText });
  }
  for (const [key, cls] of styleClasses) {
    rules.push({
      selector: `#${id}.${cls},#${id} .${cls}`,
      decls: parseDecls(key).map(([p, v]) => [p, v, true]),
    });
  }

  // Drop markers, filters and gradients nothing refers to (repeat: a dropped filter may be the only user of a gradient).
  const cssRefs = JSON.stringify(rules);
  for (;;) {
    const markup = root.outerHTML + cssRefs;
    const unused = [
      ...root.querySelectorAll(
        'marker[id], filter[id], linearGradient[id], radialGradient[id], pattern[id]'
      ),
    ].filter(
      (el) =>
        !markup.includes(`url(#${el.id})`) &&
        !markup.includes(`url("#${el.id}")`) &&
        !markup.includes(`href="#${el.id}"`)
    );
    if (unused.length === 0) break;
    unused.forEach((el) => el.remove());
  }
  for (const defs of root.querySelectorAll('defs')) if (defs.children.length === 0) defs.remove();

  root.setAttribute('data-source-sha256', hash);
  return { svg: new XMLSerializer().serializeToString(root), rules };
}

/** Merges the light and dark rule lists: values that differ become CSS variables named after their pair. */
function mergeThemes(name, light, dark, variables) {
  const fail = (why) => {
    throw new Error(
      `${name}: light and dark renders differ in their CSS (${why}); only colours may differ`
    );
  };
  if (light.length !== dark.length) fail(`${light.length} vs ${dark.length} rules`);
  return light.map((l, i) => {
    const d = dark[i];
    if (l.selector !== d.selector) fail(`${l.selector} vs ${d.selector}`);
    if (l.raw !== undefined) {
      if (l.raw !== d.raw) fail(l.selector);
      return l.raw;
    }
    if (l.decls.length !== d.decls.length) fail(`declarations of ${l.selector}`);
    const body = l.decls.map(([prop, value, important], j) => {
      const [dProp, dValue] = d.decls[j];
      if (prop !== dProp) fail(`${prop} vs ${dProp} in ${l.selector}`);
      let v = value;
      if (value !== dValue) {
        const varName = `--dg-${createHash('sha256').update(`${value}|${dValue}`).digest('hex').slice(0, 6)}`;
        const known = variables.get(varName);
        if (known && (known.light !== value || known.dark !== dValue))
          throw new Error(`CSS variable name clash: ${varName}`);
        variables.set(varName, { light: value, dark: dValue });
        v = `var(${varName})`;
      }
      return `${prop}:${v}${important ? '!important' : ''}`;
    });
    return `${l.selector}{${body.join(';')}}`;
  });
}

// Colours for the model's own vocabulary (element kinds, trust zones, boundary-crossing flows), per theme.
const PALETTE = {
  '--dg-process-bg': ['#e3edfb', '#1d3557'],
  '--dg-process-fg': ['#2b5797', '#8ab4f8'],
  '--dg-store-bg': ['#e2f3e7', '#173d2a'],
  '--dg-store-fg': ['#2c6e49', '#81c995'],
  '--dg-external-bg': ['#f1efe9', '#35332e'],
  '--dg-external-fg': ['#5f5a4f', '#c9c3b6'],
  '--dg-zone-bg': ['rgba(90, 90, 140, 0.07)', 'rgba(170, 170, 230, 0.08)'],
  '--dg-zone-fg': ['#77778f', '#8f8fa8'],
  '--dg-boundary': ['#b3261e', '#f2b8b5'],
  '--dg-label-bg': ['#ffffff', '#1b1b1f'],
};

const SHARED_RULES = `
svg[id^='dg-'] .node.kind-process>:is(rect,path,polygon){fill:var(--dg-process-bg)!important;stroke:var(--dg-process-fg)!important}
svg[id^='dg-'] .node.kind-data-store>:is(rect,path,polygon){fill:var(--dg-store-bg)!important;stroke:var(--dg-store-fg)!important}
svg[id^='dg-'] .node.kind-external-entity>:is(rect,path,polygon){fill:var(--dg-external-bg)!important;stroke:var(--dg-external-fg)!important}
svg[id^='dg-'] .cluster>rect{fill:var(--dg-zone-bg)!important;stroke:var(--dg-zone-fg)!important}
svg[id^='dg-'] .edgeLabel rect{fill:var(--dg-label-bg)!important;opacity:0.9!important}
svg[id^='dg-'] .flowchart-link.edge-pattern-dotted{stroke:var(--dg-boundary)!important;stroke-width:2px!important;stroke-dasharray:6 4!important}
svg[id^='dg-'] a:focus-visible .node>:is(rect,path,polygon){stroke-width:3px!important}
svg[id^='dg-'] a:hover .node>:is(rect,path,polygon){stroke-width:2.5px!important}
svg[id^='dg-'] a.dg-b{fill:var(--link,#1d4ed8)!important;text-decoration:underline}
svg[id^='dg-'] .edgeLabel:has(a.dg-b:target)>.label rect{stroke:var(--focus,#c2410c)!important;stroke-width:2px!important}
`.trim();

function buildCss(variables, diagramRules) {
  const block = (i) =>
    [
      ...Object.entries(PALETTE).map(([k, v]) => `${k}:${v[i]}`),
      ...[...variables].map(([k, v]) => `${k}:${i === 0 ? v.light : v.dark}`),
    ].join(';');
  return [
    '/* Generated by `npm run diagrams` from content/models; do not edit. */',
    `:root{${block(0)}}`,
    `:root[data-theme='dark']{${block(1)}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme='light']){${block(1)}}}`,
    `@media print{:root,:root:not([data-theme='light']){${block(0)}}}`,
    ...diagramRules,
    SHARED_RULES,
    '',
  ].join('\n');
}

async function main() {
  const gen = await loadGenerator();
  const pin = mermaidPin();
  const sources = gen.diagramSources(readFiles(modelsDir, '.yaml'), readFiles(threatsDir, '.mdx'));
  for (const { name } of sources)
    if (!gen.DIAGRAM_NAME.test(name))
      throw new Error(`diagram name "${name}" must match ${gen.DIAGRAM_NAME}`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const outputs = new Map();
  const variables = new Map();
  const diagramRules = [];
  try {
    const page = await browser.newPage();
    await page.addScriptTag({
      path: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'),
    });
    for (const { name, source, decorations } of sources) {
      const t0 = performance.now();
      const hash = gen.sourceHash(source, pin);
      const render = async (theme) => {
        try {
          return await page.evaluate(renderInPage, {
            name,
            source,
            config: { ...gen.MERMAID_CONFIG, ...theme },
            hash,
            decorations,
          });
        } catch (e) {
          throw new Error(`${name}.mmd: ${e.message.split('\n')[0]}`);
        }
      };
      const light = await render(gen.THEMES.light);
      const dark = await render(gen.THEMES.dark);
      if (light.svg !== dark.svg)
        throw new Error(`${name}: light and dark SVG markup differ; only their CSS may`);
      diagramRules.push(...mergeThemes(name, light.rules, dark.rules, variables));
      diagramRules.push(...gen.decorationRules(name, decorations));
      // Narrower than this, the labels would be drawn under MIN_LABEL_PX: the page shows a summary first.
      const width = Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(light.svg)?.[1]);
      if (!width) throw new Error(`${name}: the SVG has no viewBox`);
      const readable = Math.ceil((width * gen.MIN_LABEL_PX) / gen.FONT_PX);
      diagramRules.push(
        `@container diagram (max-width: ${readable - 1}px){.diagram-${name} .diagram-compact{display:block}}`
      );
      outputs.set(`${name}.mmd`, source);
      outputs.set(`${name}.svg`, `${light.svg}\n`);
      console.log(
        `${name}: ${Math.round(width)} px wide, ${Buffer.byteLength(light.svg)} B SVG, ${light.rules.length} CSS rules, ${Math.round(performance.now() - t0)} ms`
      );
    }
  } finally {
    await browser.close();
  }
  outputs.set('diagrams.css', buildCss(variables, diagramRules));

  const changed = [];
  for (const [file, text] of outputs) {
    const path = join(outDir, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    changed.push(file);
    if (!check) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path, text);
    }
  }
  const stale = existsSync(outDir)
    ? readdirSync(outDir).filter((f) => /\.(?:mmd|svg)$/.test(f) && !outputs.has(f))
    : [];
  for (const file of stale) {
    changed.push(`${file} (removed)`);
    if (!check) rmSync(join(outDir, file));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `${sources.length} diagram(s), ${changed.length} file(s) ${check ? 'would change' : 'changed'}${changed.length ? `: ${changed.join(', ')}` : ''} (${seconds} s)`
  );
  if (check && changed.length) process.exit(1);
}

main().catch((e) => {
  console.error(`diagrams: ${e.message}`);
  process.exit(1);
});
