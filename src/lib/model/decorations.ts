import type { Model } from '../content/schema';
import { boundaryAnchor, boundaryPath } from '../content/paths';
import { diagramEdges, nodeId } from './mermaid';

/**
 * What `npm run diagrams` adds to Mermaid's SVG so that the picture can be read without script: classes that
 * tie each line to the components at its ends and the boundaries it crosses, and a link on each boundary id.
 */
export interface DiagramDecorations {
  /** Each component's node id and the class its link gets. */
  nodes: { node: string; cls: string }[];
  /** Each drawn line by Mermaid's edge id (`L_<from>_<to>_<n>`), with the classes its path and label get. */
  edges: { edge: string; classes: string[] }[];
  /** Each boundary id as its label reads, the class and title of its links, and where they lead. */
  boundaries: { id: string; cls: string; href: string; title: string; target: string }[];
}

const nodeClass = (node: string) => `n-${node}`;
const endClass = (node: string) => `e-${node}`;
const crossClass = (boundaryId: string) => `x-${boundaryAnchor(boundaryId)}`;
const boundaryClass = (boundaryId: string) => `b-${boundaryAnchor(boundaryId)}`;

/** The id of the first label in diagram `name` that shows a boundary: where the boundaries table links back to. */
export const boundaryTarget = (name: string, boundaryId: string): string =>
  `dg-${name}-${boundaryAnchor(boundaryId)}`;

/** The decorations of a model's diagram, named `name` (its SVG id is `dg-<name>`). */
export function diagramDecorations(model: Model, name: string): DiagramDecorations {
  const seen = new Map<string, number>();
  const edges = diagramEdges(model).map((e) => {
    // Mermaid numbers the lines between one pair of nodes from 0, in source order.
    const pair = `L_${nodeId(e.from)}_${nodeId(e.to)}`;
    const n = seen.get(pair) ?? 0;
    seen.set(pair, n + 1);
    return {
      edge: `${pair}_${n}`,
      classes: [
        endClass(nodeId(e.from)),
        ...(e.from === e.to ? [] : [endClass(nodeId(e.to))]),
        ...e.boundaries.map(crossClass),
      ],
    };
  });
  const drawn = new Set(diagramEdges(model).flatMap((e) => e.boundaries));
  return {
    nodes: model.components.map((c) => ({ node: nodeId(c.id), cls: nodeClass(nodeId(c.id)) })),
    edges,
    boundaries: model.boundaries
      .filter((b) => drawn.has(b.id))
      .map((b) => ({
        id: b.id,
        cls: boundaryClass(b.id),
        href: boundaryPath(model.platform, b.id),
        title: `${b.id}: ${b.name}`,
        target: boundaryTarget(name, b.id),
      })),
  };
}

/**
 * CSS rules that light up, while a component's link is hovered or focused, the lines at that component and
 * their boundary labels, dimming the rest; the same for a boundary's links, and for a boundary that the
 * address points at (followed back from the boundaries table). Only CSS: the model pages ship no script.
 */
export function decorationRules(name: string, d: DiagramDecorations): string[] {
  const svg = `#dg-${name}`;
  const active = ':is(:hover,:focus-visible)';
  const any = `${svg}:has(a:is(.dg-n,.dg-b)${active},a.dg-b:target)`;
  return [
    `${any} :is(.flowchart-link,.edgeLabel){opacity:calc(0.15 + 0.85 * var(--dg-on,0))!important}`,
    `${any} .flowchart-link{stroke-width:calc(1px + 2px * var(--dg-on,0))!important}`,
    ...d.nodes.map((n) => `${svg}:has(a.${n.cls}${active}) .${endClass(n.node)}{--dg-on:1}`),
    ...d.boundaries.map(
      (b) =>
        `${svg}:has(a.${b.cls}:is(:hover,:focus-visible,:target)) .${crossClass(b.id)}{--dg-on:1}`
    ),
  ];
}
