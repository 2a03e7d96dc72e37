import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boundaryPath, componentPath } from '../../src/lib/content/paths';
import { decorationRules } from '../../src/lib/model/decorations';
import { DIAGRAM_NAME, sourceHash } from '../../src/lib/model/render-config';
import { diagramSources, parseModel } from '../../src/lib/model/sources';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'src/diagrams');
const files = (sub: string, ext: string) =>
  existsSync(join(root, sub))
    ? readdirSync(join(root, sub), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(ext))
        .sort()
        .map((f) => ({
          path: relative(root, join(root, sub, f)),
          text: readFileSync(join(root, sub, f), 'utf8'),
        }))
    : [];
const names = (ext: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => f.slice(0, -ext.length))
        .sort()
    : [];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const mermaidPin = pkg.devDependencies.mermaid!;
const stale = (name: string) => `src/diagrams/${name}.svg is stale: run npm run diagrams`;

describe('generated diagrams', () => {
  const models = files('content/models', '.yaml');
  const expected = diagramSources(models, files('content/threats', '.mdx'));

  it('has one .mmd and one .svg per model, and nothing else', () => {
    expect(names('.mmd'), 'run npm run diagrams').toEqual(expected.map((e) => e.name));
    expect(names('.svg'), 'run npm run diagrams').toEqual(names('.mmd'));
    for (const name of names('.svg')) expect(name).toMatch(DIAGRAM_NAME);
  });

  it('has .mmd sources equal to what the models and threats give today', () => {
    for (const { name, source } of expected) {
      expect(
        readFileSync(join(dir, `${name}.mmd`), 'utf8'),
        `src/diagrams/${name}.mmd is out of date: run npm run diagrams`
      ).toBe(source);
    }
  });

  const css = existsSync(join(dir, 'diagrams.css'))
    ? readFileSync(join(dir, 'diagrams.css'), 'utf8')
    : '';

  for (const name of names('.svg')) {
    describe(`${name}.svg`, () => {
      const svg = readFileSync(join(dir, `${name}.svg`), 'utf8');
      const source = existsSync(join(dir, `${name}.mmd`))
        ? readFileSync(join(dir, `${name}.mmd`), 'utf8')
        : '';

      it('was rendered from the current source, settings and Mermaid pin', () => {
        expect(/data-source-sha256="([0-9a-f]{64})"/.exec(svg)?.[1], stale(name)).toBe(
          sourceHash(source, mermaidPin)
        );
      });

      it('needs no inline style or script', () => {
        for (const banned of [
          /<style/i,
          /\sstyle=/i,
          /<script/i,
          /<foreignObject/i,
          /\son[a-z]+\s*=/i,
          /javascript:/i,
          /xlink:href/,
        ]) {
          expect(svg, `${banned} in ${name}.svg`).not.toMatch(banned);
        }
      });

      it('keeps its title, description and ARIA references', () => {
        expect(svg).toMatch(new RegExp(`^<svg id="dg-${name}"`));
        expect(svg).toContain('role="graphics-document document"');
        expect(svg).toContain('aria-roledescription="flowchart"');
        expect(svg).toContain(`aria-labelledby="chart-title-dg-${name}"`);
        expect(svg).toContain(`<title id="chart-title-dg-${name}">`);
        expect(svg).toContain(`<desc id="chart-desc-dg-${name}">`);
      });

      const model = models.map(parseModel).find((m) => m.platform === name);
      /** Every link of the SVG as its opening tag's attributes, when a <title> names it. */
      const links = [...svg.matchAll(/<a ([^>]*)><title>[^<]+<\/title>/g)].map((m) => ({
        href: /\shref="([^"]+)"/.exec(` ${m[1]}`)?.[1],
        cls: /\sclass="([^"]+)"/.exec(` ${m[1]}`)?.[1] ?? '',
        id: /\sid="([^"]+)"/.exec(` ${m[1]}`)?.[1],
      }));

      it('links every component of its model to the model page, each link named by a <title>', () => {
        expect(model).toBeDefined();
        const hrefs = links.filter((l) => l.cls.split(' ').includes('dg-n')).map((l) => l.href);
        expect(hrefs.sort()).toEqual(
          model!.components.map((c) => componentPath(model!.platform, c.id)).sort()
        );
      });

      it("links each boundary id it shows to the boundary's row, the first one the row's way back", () => {
        const crossed = new Set(model!.flows.flatMap((f) => (f.boundary ? [f.boundary] : [])));
        const boundaryLinks = links.filter((l) => l.cls.split(' ').includes('dg-b'));
        expect(new Set(boundaryLinks.map((l) => l.href))).toEqual(
          new Set([...crossed].map((b) => boundaryPath(name, b)))
        );
        for (const b of crossed) {
          const targets = boundaryLinks.filter((l) => l.id === `dg-${name}-${b.toLowerCase()}`);
          expect(targets, b).toHaveLength(1);
          expect(targets[0]!.href).toBe(boundaryPath(name, b));
        }
      });

      it('tags every drawn line with the components at its ends', () => {
        const lines = [...svg.matchAll(/<path [^>]*class="([^"]*flowchart-link[^"]*)"/g)];
        expect(lines.length).toBe(expected.find((e) => e.name === name)!.decorations.edges.length);
        for (const [, cls] of lines) expect(cls).toMatch(/(^| )e-c_\w+ .*e-c_\w+/);
      });

      it('has its rules in diagrams.css, its highlight rules among them', () => {
        expect(css).toContain(`#dg-${name}{`);
        const { decorations } = expected.find((e) => e.name === name)!;
        for (const rule of decorationRules(name, decorations)) expect(css).toContain(rule);
        expect(css).toMatch(
          new RegExp(
            `@container diagram \\(max-width: \\d+px\\)\\{\\.diagram-${name} \\.diagram-compact\\{display:block\\}\\}`
          )
        );
      });
    });
  }

  it('has light, dark, system-dark and print colours in diagrams.css', () => {
    expect(css).toMatch(/^:root\{--dg-/m);
    expect(css).toContain(":root[data-theme='dark']{");
    expect(css).toContain("@media (prefers-color-scheme: dark){:root:not([data-theme='light']){");
    expect(css).toContain('@media print{');
  });
});
