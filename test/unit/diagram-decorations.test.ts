import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  boundaryTarget,
  decorationRules,
  diagramDecorations,
} from '../../src/lib/model/decorations';
import { parseModel } from '../../src/lib/model/sources';
import { viewBoxSize } from '../../src/lib/model/svg';

const small = parseModel({
  path: 'docker-small.yaml',
  text: readFileSync(new URL('../fixtures/models/docker-small.yaml', import.meta.url), 'utf8'),
});

describe('diagramDecorations', () => {
  it('names each line as Mermaid does and tags it with its ends and the boundaries it crosses', () => {
    const m = structuredClone(small);
    m.flows.push({ from: 'docker-cli', to: 'dockerd', label: 'second call', boundary: 'TB-D1' });
    const d = diagramDecorations(m, 'docker');
    expect(d.edges[0]).toEqual({
      edge: 'L_c_docker_cli_c_dockerd_0',
      classes: ['e-c_docker_cli', 'e-c_dockerd', 'x-tb-d1'],
    });
    expect(d.edges[2]).toEqual({
      edge: 'L_c_dockerd_c_image_store_0',
      classes: ['e-c_dockerd', 'e-c_image_store'],
    });
    // a second line between the same two nodes is numbered 1
    expect(d.edges.at(-1)?.edge).toBe('L_c_docker_cli_c_dockerd_1');
  });

  it('gives every component a link class and every drawn boundary a link to its table row', () => {
    const d = diagramDecorations(small, 'docker');
    expect(d.nodes.map((n) => n.cls)).toEqual(
      small.components.map((c) => `n-c_${c.id.replaceAll('-', '_')}`)
    );
    expect(d.boundaries).toEqual([
      {
        id: 'TB-D1',
        cls: 'b-tb-d1',
        href: '/docker/#tb-d1',
        title: 'TB-D1: Clients to the Docker API',
        target: 'dg-docker-tb-d1',
      },
      {
        id: 'TB-D2',
        cls: 'b-tb-d2',
        href: '/docker/#tb-d2',
        title: 'TB-D2: Host to registry',
        target: 'dg-docker-tb-d2',
      },
    ]);
    expect(boundaryTarget('docker', 'TB-D2')).toBe('dg-docker-tb-d2');
  });

  it('leaves out a boundary no flow crosses: the picture has no label to link', () => {
    const m = structuredClone(small);
    m.boundaries.push({ id: 'TB-D9', name: 'Unused', description: 'x', defaultProtection: 'y' });
    expect(diagramDecorations(m, 'docker').boundaries.map((b) => b.id)).toEqual(['TB-D1', 'TB-D2']);
  });
});

describe('decorationRules', () => {
  const rules = decorationRules('docker', diagramDecorations(small, 'docker'));

  it('lights up the lines of a hovered or focused component and dims the rest, scoped to its diagram', () => {
    expect(rules).toContain(
      '#dg-docker:has(a.n-c_dockerd:is(:hover,:focus-visible)) .e-c_dockerd{--dg-on:1}'
    );
    expect(rules[0]).toMatch(/^#dg-docker:has\(.*\) :is\(\.flowchart-link,\.edgeLabel\)\{opacity:/);
    for (const r of rules) expect(r.startsWith('#dg-docker')).toBe(true);
  });

  it("lights up a boundary's lines while its label is hovered, focused or the address's target", () => {
    expect(rules).toContain(
      '#dg-docker:has(a.b-tb-d2:is(:hover,:focus-visible,:target)) .x-tb-d2{--dg-on:1}'
    );
    expect(rules).toHaveLength(2 + small.components.length + small.boundaries.length);
  });
});

describe('viewBoxSize', () => {
  it("reads a diagram's natural size from its viewBox", () => {
    expect(viewBoxSize('<svg id="x" viewBox="0 0 1165.4 1519.25" role="img">')).toEqual({
      width: 1165.4,
      height: 1519.25,
    });
    expect(() => viewBoxSize('<svg width="10">')).toThrow(/viewBox/);
  });
});
