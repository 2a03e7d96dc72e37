import type { Component, Model } from '../content/schema';
import type { ElementKind } from '../stride';
import { componentPath } from '../content/paths';

/** A threat as the diagram needs it: only what names it, never its prose. */
export interface ThreatRef {
  id: string;
  title: string;
}

export type ThreatsByComponent = Record<string, readonly ThreatRef[]>;

export interface DescribedComponent {
  id: string;
  name: string;
  kind: ElementKind;
  ports: string[];
  /** The model page section that lists this component with its threats. */
  href: string;
}

export interface DescribedZone {
  id: string;
  name: string;
  /** The enclosing zone, when this one is nested. */
  parent?: string;
  /** 0 for a top-level zone, 1 for a zone inside it, and so on. */
  depth: number;
  components: DescribedComponent[];
}

export interface DescribedFlow {
  from: { id: string; name: string };
  to: { id: string; name: string };
  label: string;
  boundary?: { id: string; name: string };
}

/** A trust boundary with the flows that cross it, as the diagram's legend lists them. */
export interface DescribedBoundary {
  id: string;
  name: string;
  flows: DescribedFlow[];
}

/** The diagram's text alternative as data, for screen readers and print. */
export interface ModelDescription {
  title: string;
  summary: string;
  zones: DescribedZone[];
  flows: DescribedFlow[];
  boundaries: DescribedBoundary[];
}

/** Ports longer than this stay off the diagram (the model page lists them) so boxes stay narrow. */
const MAX_PORT_IN_LABEL = 24;

/** Label lines wrap at about this many characters: narrow boxes keep the whole diagram within a page column. */
const NODE_LINE = 16;
const EDGE_LINE = 18;

const KIND_NOUN: Record<ElementKind, [string, string]> = {
  process: ['process', 'processes'],
  'data-store': ['data store', 'data stores'],
  'external-entity': ['external entity', 'external entities'],
};

/** Zones in drawing order: each zone followed by the zones nested in it, in model order. */
function zonesInOrder(model: Model): { zone: Model['zones'][number]; depth: number }[] {
  const ids = new Set(model.zones.map((z) => z.id));
  const out: { zone: Model['zones'][number]; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (zone: Model['zones'][number], depth: number) => {
    if (seen.has(zone.id)) throw new Error(`zone "${zone.id}" is nested inside itself`);
    seen.add(zone.id);
    out.push({ zone, depth });
    for (const child of model.zones.filter((z) => z.parent === zone.id)) visit(child, depth + 1);
  };
  for (const zone of model.zones.filter((z) => !z.parent || !ids.has(z.parent))) visit(zone, 0);
  const cyclic = model.zones.find((z) => !seen.has(z.id));
  if (cyclic) throw new Error(`zone "${cyclic.id}" is nested inside itself`);
  return out;
}

function plural(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Describes a model's components, zones and flows as data, the diagram's text alternative. */
export function describeModel(model: Model): ModelDescription {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const boundaries = new Map(model.boundaries.map((b) => [b.id, b]));
  const zones: DescribedZone[] = zonesInOrder(model).map(({ zone, depth }) => ({
    id: zone.id,
    name: zone.name,
    ...(zone.parent ? { parent: zone.parent } : {}),
    depth,
    components: model.components
      .filter((c) => c.zone === zone.id)
      .map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        ports: [...c.ports],
        href: componentPath(model.platform, c.id),
      })),
  }));
  const named = (id: string) => ({ id, name: byId.get(id)?.name ?? id });
  const flows: DescribedFlow[] = model.flows.map((f) => {
    const boundary = f.boundary ? boundaries.get(f.boundary) : undefined;
    return {
      from: named(f.from),
      to: named(f.to),
      label: f.label,
      ...(boundary ? { boundary: { id: boundary.id, name: boundary.name } } : {}),
    };
  });

  const kinds = (['process', 'data-store', 'external-entity'] as const)
    .map((k) => [k, model.components.filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => plural(n, KIND_NOUN[k]));
  const zoneSentences = zones
    .filter((z) => z.components.length > 0)
    .map(
      (z) =>
        `${z.name}${z.parent ? ` (inside ${zones.find((p) => p.id === z.parent)?.name ?? z.parent})` : ''}: ${list(z.components.map((c) => c.name))}.`
    );
  const crossing = flows.filter((f) => f.boundary);
  const crossingText = crossing.length
    ? ` ${plural(crossing.length, ['flow crosses', 'flows cross'])} a trust boundary and ${crossing.length === 1 ? 'is' : 'are'} drawn dashed: ${list(
        crossing.map((f) => `${f.from.name} to ${f.to.name} (${f.boundary!.id}, ${f.label})`)
      )}.`
    : ' No flow crosses a trust boundary.';
  const summary =
    `Data-flow diagram of ${model.title}, with ${list(kinds)} in ${plural(zones.length, ['trust zone', 'trust zones'])}. ` +
    `${zoneSentences.join(' ')} ` +
    `${plural(flows.length, ['data flow connects', 'data flows connect'])} them.${crossingText} ` +
    'Each component links to its threats on the model page.';
  return {
    title: `Data-flow diagram: ${model.title}`,
    summary,
    zones,
    flows,
    boundaries: model.boundaries.map((b) => ({
      id: b.id,
      name: b.name,
      flows: flows.filter((f) => f.boundary?.id === b.id),
    })),
  };
}

/**
 * Mermaid turns `#name;` into an HTML entity, so a `#` that would start one gets a zero-width space after it.
 * Of its entities only `#amp;`, `#lt;` and `#gt;` come out as text in every kind of label.
 */
function entities(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/#(?=\w+;)/g, '#\u200b')
    .replace(/[&<>]/g, (ch) => (ch === '&' ? '#amp;' : ch === '<' ? '#lt;' : '#gt;'));
}

/**
 * Escapes text for a quoted Mermaid node, subgraph or edge label. A double quote would end the label and
 * no escape for it survives Mermaid's SVG text labels, so it becomes a single quote; a leading backtick
 * would make the label Markdown, so a zero-width space goes before it.
 */
export function escapeLabel(text: string): string {
  return entities(text).replace(/"/g, "'").replace(/^`/, '\u200b`');
}

/** Escapes text Mermaid reads to the end of the line or the closing quote (accTitle, accDescr, tooltips). */
function escapeLine(text: string): string {
  return entities(text).replace(/"/g, '#quot;').replace(/%/g, '#37;');
}

/** The Mermaid id of a component's node; prefixed so that ids such as `end` or `click` stay ids. */
export const nodeId = (componentId: string) => `c_${componentId.replace(/-/g, '_')}`;
const zoneId = (id: string) => `z_${id.replace(/-/g, '_')}`;

function greedyLines(words: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Splits text at spaces into as few lines of at most `width` characters as greedy filling gives, made as
 * even as possible so that a box is no wider than its text needs; a longer word keeps a line of its own.
 */
export function wrapWords(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines = greedyLines(words, width);
  const total = words.join(' ').length;
  for (let w = Math.ceil(total / Math.max(lines.length, 1)); w < width; w++) {
    const even = greedyLines(words, w);
    if (even.length === lines.length) return even;
  }
  return lines;
}

const wrapped = (text: string, width: number) =>
  wrapWords(text, width).map(escapeLabel).join('<br/>');

function nodeLabel(c: Component): string {
  const port = c.ports[0];
  const name = wrapped(c.name, NODE_LINE);
  const shown = port && port.length <= MAX_PORT_IN_LABEL && !c.name.includes(port);
  return shown ? `${name}<br/>${escapeLabel(port)}` : name;
}

function node(c: Component): string {
  const label = `"${nodeLabel(c)}"`;
  switch (c.kind) {
    case 'process':
      return `${nodeId(c.id)}(${label})`;
    case 'data-store':
      return `${nodeId(c.id)}[(${label})]`;
    case 'external-entity':
      return `${nodeId(c.id)}[${label}]`;
  }
}

function tooltip(c: Component, threats: readonly ThreatRef[] | undefined): string {
  const n = threats?.length ?? 0;
  return escapeLine(
    `Threats to ${c.name} (${n === 0 ? 'none listed' : plural(n, ['threat', 'threats'])})`
  );
}

/** At most this many of a zone's last components (those with no flow onward inside it) share a row. */
const ROW = 4;

/**
 * Invisible links that stack the top-level zones in model order. A zone's last components (no flow to
 * another component of the same zone) go in rows of at most ROW, each below the one in the row before; the
 * last row links to each component at the top of the next zone (no flow from one inside it). Without them
 * the layout puts zones side by side, or every last component of a zone on one row: too wide to read.
 */
function stackingLinks(model: Model, topZones: string[]): [string, string][] {
  const parents = new Map(model.zones.map((z) => [z.id, z.parent]));
  const topOf = (zone: string): string => {
    let z = zone;
    for (let p = parents.get(z); p && parents.has(p); p = parents.get(z)) z = p;
    return z;
  };
  const group = new Map(model.components.map((c) => [c.id, topOf(c.zone)]));
  const inside = model.flows.filter(
    (f) => f.from !== f.to && group.get(f.from) === group.get(f.to)
  );
  const members = (zone: string) =>
    model.components.filter((c) => group.get(c.id) === zone).map((c) => c.id);
  const links: [string, string][] = [];
  topZones.forEach((zone, i) => {
    const last = members(zone).filter((id) => !inside.some((f) => f.from === id));
    for (let j = 0; j + ROW < last.length; j++) links.push([last[j]!, last[j + ROW]!]);
    const next = topZones[i + 1];
    if (next === undefined) return;
    const bottom = last.slice(Math.floor((last.length - 1) / ROW) * ROW);
    const top = members(next).filter((id) => !inside.some((f) => f.to === id));
    for (const from of bottom) for (const to of top) links.push([from, to]);
  });
  return links;
}

/** A line of the drawing: one flow, or two flows in opposite directions that both cross a boundary. */
export interface DiagramEdge {
  from: string;
  to: string;
  twoWay: boolean;
  /** Ids of the trust boundaries the flows cross, in model order; empty when the flow stays inside a zone. */
  boundaries: string[];
  /** The flow's label, for a flow inside a zone (crossing flows are labelled by boundary id only). */
  label: string;
}

/**
 * The edges to draw, in model order. A flow that crosses a boundary back the way another came shares that
 * flow's line: two long parallel edges would double the lanes the layout reserves between zones.
 */
export function diagramEdges(model: Model): DiagramEdge[] {
  const order = new Map(model.boundaries.map((b, i) => [b.id, i]));
  const edges: DiagramEdge[] = [];
  for (const f of model.flows) {
    const back = f.boundary
      ? edges.find((e) => e.from === f.to && e.to === f.from && e.boundaries.length && !e.twoWay)
      : undefined;
    if (back) {
      back.twoWay = true;
      if (!back.boundaries.includes(f.boundary!)) {
        back.boundaries.push(f.boundary!);
        back.boundaries.sort((a, b) => order.get(a)! - order.get(b)!);
      }
      continue;
    }
    edges.push({
      from: f.from,
      to: f.to,
      twoWay: false,
      boundaries: f.boundary ? [f.boundary] : [],
      label: f.label,
    });
  }
  return edges;
}

/** Builds the Mermaid flowchart source of a model's data-flow diagram; pure and deterministic. */
export function modelToMermaid(model: Model, threatsByComponent: ThreatsByComponent): string {
  const description = describeModel(model);
  const lines: string[] = [
    'flowchart TB',
    `  accTitle: ${escapeLine(description.title)}`,
    `  accDescr: ${escapeLine(description.summary)}`,
  ];
  const components = new Map(model.components.map((c) => [c.id, c]));

  // A zone is drawn only when it or a zone inside it holds a component: Mermaid draws an empty subgraph as a stray box.
  const occupied = new Set<string>();
  const parents = new Map(model.zones.map((z) => [z.id, z.parent]));
  for (const c of model.components) {
    for (let z: string | undefined = c.zone; z && !occupied.has(z); z = parents.get(z))
      occupied.add(z);
  }
  const ordered = description.zones.filter((z) => occupied.has(z.id));
  ordered.forEach((zone, i) => {
    const indent = '  '.repeat(zone.depth + 1);
    lines.push(`${indent}subgraph ${zoneId(zone.id)}["${escapeLabel(zone.name)}"]`);
    for (const c of zone.components) lines.push(`${indent}  ${node(components.get(c.id)!)}`);
    const next = ordered[i + 1];
    // Close this zone and every enclosing zone the next one is not nested in.
    const closeTo = next ? next.depth : 0;
    for (let d = zone.depth; d >= closeTo; d--) lines.push(`${'  '.repeat(d + 1)}end`);
  });

  for (const e of diagramEdges(model)) {
    const label = e.boundaries.length
      ? escapeLabel(e.boundaries.join(', '))
      : wrapped(e.label, EDGE_LINE);
    const arrow = e.boundaries.length ? '-.->' : '-->';
    lines.push(`  ${nodeId(e.from)} ${e.twoWay ? '<' : ''}${arrow}|"${label}"| ${nodeId(e.to)}`);
  }

  for (const [from, to] of stackingLinks(
    model,
    ordered.filter((z) => z.depth === 0).map((z) => z.id)
  )) {
    lines.push(`  ${nodeId(from)} ~~~ ${nodeId(to)}`);
  }

  for (const kind of ['process', 'data-store', 'external-entity'] as const) {
    const ids = model.components.filter((c) => c.kind === kind).map((c) => nodeId(c.id));
    if (ids.length) lines.push(`  class ${ids.join(',')} kind-${kind}`);
  }
  for (const c of model.components) {
    lines.push(
      `  click ${nodeId(c.id)} href "${componentPath(model.platform, c.id)}" "${tooltip(c, threatsByComponent[c.id])}"`
    );
  }
  return `${lines.join('\n')}\n`;
}
