import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeModel,
  diagramEdges,
  escapeLabel,
  modelToMermaid,
  wrapWords,
} from '../../src/lib/model/mermaid';
import {
  diagramSources,
  frontmatter,
  parseModel,
  threatsByComponent,
} from '../../src/lib/model/sources';

const fixture = (name: string) => {
  const path = `test/fixtures/models/${name}`;
  return {
    path,
    text: readFileSync(new URL(`../fixtures/models/${name}`, import.meta.url), 'utf8'),
  };
};
const small = parseModel(fixture('docker-small.yaml'));
const hostile = parseModel(fixture('hostile-labels.yaml'));
const threat = (id: string, components: string[], body = 'Prose.') =>
  `---\nid: ${id}\nplatform: docker\ntitle: Title of ${id}\nsummary: ${body}\ncomponents: [${components.join(', ')}]\n---\n\n## Attack scenario\n\n${body}\n`;

describe('modelToMermaid', () => {
  const source = modelToMermaid(small, {
    dockerd: [
      { id: 'DOCKER-E-01', title: 'x' },
      { id: 'DOCKER-S-01', title: 'y' },
    ],
  });
  const lines = source.split('\n');

  it('is a top-to-bottom flowchart with a title and a one-line description', () => {
    expect(lines[0]).toBe('flowchart TB');
    expect(lines[1]).toBe(
      '  accTitle: Data-flow diagram: Docker Engine on one Linux host (test model)'
    );
    expect(lines[2]).toMatch(
      /^ {2}accDescr: Data-flow diagram of .*2 processes, 1 data store and 2 external entities in 4 trust zones\./
    );
    expect(lines[2]).toContain(
      'Docker CLI to Docker daemon (dockerd) (TB-D1, REST API over the socket)'
    );
  });

  it('draws each zone as a subgraph, nested zones inside their parent', () => {
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('subgraph z_host["Docker host (root)"]')).toBeGreaterThan(0);
    expect(at('subgraph z_container["Container"]')).toBeGreaterThan(at('subgraph z_host'));
    // the container zone closes before the host zone does
    const hostEnd = lines.findIndex((l, i) => i > at('subgraph z_container') && l === '    end');
    expect(lines[hostEnd + 1]).toBe('  end');
    expect(lines.filter((l) => l.trim().startsWith('subgraph ')).length).toBe(
      lines.filter((l) => l.trim() === 'end').length
    );
  });

  it('gives each kind of element its shape and class, names wrapped to keep boxes narrow', () => {
    expect(source).toContain('c_image_store[("Image and<br/>layer store")]');
    expect(source).toContain('c_registry["Registry<br/>443/tcp"]');
    // a port too long for the box stays on the model page only
    expect(source).toContain('c_dockerd("Docker daemon<br/>(dockerd)")');
    expect(source).toContain('c_app("Application<br/>process")');
    expect(source).toContain('class c_dockerd,c_app kind-process');
    expect(source).toContain('class c_image_store kind-data-store');
    expect(source).toContain('class c_docker_cli,c_registry kind-external-entity');
  });

  it('draws boundary-crossing flows dashed, labelled with the boundary id only; other flows solid', () => {
    expect(source).toContain('c_docker_cli -.->|"TB-D1"| c_dockerd');
    expect(source).toContain('c_dockerd -.->|"TB-D2"| c_registry');
    expect(source).toContain('c_dockerd -->|"Layers and<br/>metadata"| c_image_store');
  });

  it('draws two flows that cross boundaries in opposite directions as one line with two heads', () => {
    const both = structuredClone(small);
    both.flows.push({ from: 'registry', to: 'dockerd', label: 'Image push', boundary: 'TB-D1' });
    const text = modelToMermaid(both, {});
    expect(text).toContain('c_dockerd <-.->|"TB-D1, TB-D2"| c_registry');
    expect(text).not.toContain('c_registry -');
  });

  it('stacks the top-level zones with invisible links', () => {
    expect(source).toContain('c_docker_cli ~~~ c_dockerd');
    expect(source).toContain('c_image_store ~~~ c_registry');
  });

  it("puts a zone's last components in rows of four, only the last row linked to the next zone", () => {
    const wide = structuredClone(small);
    for (const n of [1, 2, 3, 4, 5])
      wide.components.push({
        id: `store-${n}`,
        name: `Store ${n}`,
        kind: 'data-store',
        zone: 'host',
        ports: [],
        description: 'x',
      });
    const links = modelToMermaid(wide, {})
      .split('\n')
      .filter((l) => l.includes('~~~'))
      .map((l) => l.trim());
    // in model order the host's last components are image-store, app, store-1 ... store-5
    expect(links).toContain('c_image_store ~~~ c_store_3');
    expect(links).toContain('c_app ~~~ c_store_4');
    expect(links).toContain('c_store_1 ~~~ c_store_5');
    expect(links.filter((l) => l.endsWith('~~~ c_registry')).sort()).toEqual([
      'c_store_3 ~~~ c_registry',
      'c_store_4 ~~~ c_registry',
      'c_store_5 ~~~ c_registry',
    ]);
  });

  it('links every component to its section of the model page, saying how many threats it has', () => {
    expect(source).toContain(
      'click c_dockerd href "/docker/#component-dockerd" "Threats to Docker daemon (dockerd) (2 threats)"'
    );
    expect(source).toContain(
      'click c_registry href "/docker/#component-registry" "Threats to Registry (none listed)"'
    );
    expect(lines.filter((l) => l.trim().startsWith('click ')).length).toBe(small.components.length);
  });

  it('is deterministic', () => {
    expect(modelToMermaid(small, {})).toBe(modelToMermaid(structuredClone(small), {}));
  });

  it('rejects zones nested inside themselves', () => {
    const cyclic = structuredClone(small);
    cyclic.zones = cyclic.zones.map((z) => (z.id === 'host' ? { ...z, parent: 'container' } : z));
    expect(() => modelToMermaid(cyclic, {})).toThrow(/nested inside itself/);
  });
});

describe('escaping hostile labels', () => {
  const source = modelToMermaid(hostile, { subgraph: [{ id: 'K8S-E-01', title: '"x" <y>' }] });
  const lines = source.split('\n');

  it('keeps every quoted label free of quotes, angle brackets and entity look-alikes', () => {
    for (const line of lines.filter((l) => /^\s*(?:c_|subgraph)/.test(l) && !l.includes('~~~'))) {
      const quoted = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      expect(quoted.length, line).toBeGreaterThan(0);
      for (const q of quoted) {
        // the only markup is the line breaks the generator puts into long labels
        expect(q.replaceAll('<br/>', '')).not.toMatch(/[<>]/);
        // every # is one of the three entities or cannot start one
        expect(q.replace(/#(?:amp|lt|gt);/g, '').replace(/#\u200b/g, '')).not.toContain('#');
      }
      // a label never ends early: the line has an even number of quotes
      expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    }
  });

  it('escapes the characters that change a label', () => {
    expect(escapeLabel('a "b" <c> & #1; d')).toBe("a 'b' #lt;c#gt; #amp; #\u200b1; d");
    expect(escapeLabel('`md`')).toBe('\u200b`md`');
    expect(escapeLabel('  two\n lines ')).toBe('two lines');
  });

  it('uses prefixed node ids, so component ids that are Mermaid keywords stay ids', () => {
    expect(source).toContain('subgraph z_end[');
    expect(source).toContain('c_subgraph(');
    expect(source).toContain('c_click[(');
    expect(lines.filter((l) => l.trim() === 'end').length).toBe(1);
  });

  it('puts only model-page links in click lines', () => {
    const clicks = lines.filter((l) => l.trim().startsWith('click '));
    expect(clicks).toHaveLength(2);
    for (const c of clicks)
      expect(c).toMatch(/^ {2}click c_\w+ href "\/kubernetes\/#component-[a-z0-9-]+" "[^"]*"$/);
    expect(source).toContain(
      '"Threats to Name with #quot;quotes#quot; and #lt;script#gt;alert(1)#lt;/script#gt; (1 threat)"'
    );
    expect(source).toContain('#37;#37; not a comment');
  });

  it('keeps accTitle and accDescr on one line each', () => {
    expect(lines[1]).toMatch(/^ {2}accTitle: [^\n]+$/);
    expect(lines[2]).toMatch(/^ {2}accDescr: [^\n]+$/);
    expect(lines[3]).toMatch(/^ {2}subgraph /);
  });
});

describe('wrapWords', () => {
  it('wraps at spaces into as few lines as the width allows, as even as it can', () => {
    expect(wrapWords('kubectl, CI and other API clients', 16)).toEqual([
      'kubectl, CI',
      'and other',
      'API clients',
    ]);
    expect(wrapWords('Layers and metadata', 18)).toEqual(['Layers and', 'metadata']);
    expect(wrapWords('etcd', 16)).toEqual(['etcd']);
    expect(wrapWords('  ', 16)).toEqual([]);
  });

  it('never makes a line longer than the width unless one word is', () => {
    const text =
      'Host kernel isolation (namespaces, cgroups, seccomp, LSM) and containerd-shim-runc-v2';
    for (const width of [8, 12, 16, 20]) {
      const lines = wrapWords(text, width);
      expect(lines.join(' ')).toBe(text);
      for (const line of lines)
        expect(line.length <= width || !line.includes(' '), `${width}: ${line}`).toBe(true);
    }
  });
});

describe('diagramEdges', () => {
  it('merges only flows that cross boundaries back the way another came, boundaries in model order', () => {
    const m = structuredClone(small);
    m.flows = [
      { from: 'registry', to: 'dockerd', label: 'pull', boundary: 'TB-D2' },
      { from: 'dockerd', to: 'registry', label: 'push', boundary: 'TB-D1' },
      { from: 'dockerd', to: 'image-store', label: 'write' },
      { from: 'image-store', to: 'dockerd', label: 'read' },
      { from: 'docker-cli', to: 'dockerd', label: 'a', boundary: 'TB-D1' },
      { from: 'docker-cli', to: 'dockerd', label: 'b', boundary: 'TB-D1' },
    ];
    expect(diagramEdges(m)).toEqual([
      {
        from: 'registry',
        to: 'dockerd',
        twoWay: true,
        boundaries: ['TB-D1', 'TB-D2'],
        label: 'pull',
      },
      { from: 'dockerd', to: 'image-store', twoWay: false, boundaries: [], label: 'write' },
      { from: 'image-store', to: 'dockerd', twoWay: false, boundaries: [], label: 'read' },
      { from: 'docker-cli', to: 'dockerd', twoWay: false, boundaries: ['TB-D1'], label: 'a' },
      { from: 'docker-cli', to: 'dockerd', twoWay: false, boundaries: ['TB-D1'], label: 'b' },
    ]);
  });
});

describe('describeModel', () => {
  const d = describeModel(small);

  it('lists zones in drawing order with depth and components linked to the model page', () => {
    expect(d.zones.map((z) => [z.id, z.depth])).toEqual([
      ['operator', 0],
      ['host', 0],
      ['container', 1],
      ['registry-zone', 0],
    ]);
    expect(d.zones[2]).toMatchObject({
      parent: 'host',
      components: [{ id: 'app', kind: 'process', href: '/docker/#component-app' }],
    });
  });

  it('lists flows with their ends, label and boundary', () => {
    expect(d.flows[0]).toEqual({
      from: { id: 'docker-cli', name: 'Docker CLI' },
      to: { id: 'dockerd', name: 'Docker daemon (dockerd)' },
      label: 'REST API over the socket',
      boundary: { id: 'TB-D1', name: 'Clients to the Docker API' },
    });
    expect(d.flows[2]).not.toHaveProperty('boundary');
  });

  it('lists each boundary with the flows that cross it, for the legend', () => {
    expect(d.boundaries).toEqual([
      { id: 'TB-D1', name: 'Clients to the Docker API', flows: [d.flows[0]] },
      { id: 'TB-D2', name: 'Host to registry', flows: [d.flows[1]] },
    ]);
  });

  it('writes a summary that names every component', () => {
    for (const c of small.components) expect(d.summary).toContain(c.name);
    expect(d.summary).not.toContain('\n');
  });
});

describe('threat input', () => {
  it('reads only ids, titles and components from the frontmatter', () => {
    const a = threatsByComponent([
      { path: 'a.mdx', text: threat('DOCKER-S-02', ['dockerd', 'app']) },
      { path: 'b.mdx', text: threat('DOCKER-S-01', ['dockerd']) },
    ]);
    expect(a.docker.dockerd!.map((t) => t.id)).toEqual(['DOCKER-S-01', 'DOCKER-S-02']);
    expect(a.docker.app).toEqual([{ id: 'DOCKER-S-02', title: 'Title of DOCKER-S-02' }]);
    expect(a.kubernetes).toEqual({});
  });

  it("gives the same diagram when only a threat's prose changes", () => {
    const model = fixture('docker-small.yaml');
    const before = diagramSources(
      [model],
      [{ path: 'a.mdx', text: threat('DOCKER-E-01', ['dockerd'], 'Old prose.') }]
    );
    const after = diagramSources(
      [model],
      [{ path: 'a.mdx', text: threat('DOCKER-E-01', ['dockerd'], 'New prose, longer.') }]
    );
    expect(after).toEqual(before);
    expect(before[0]!.name).toBe('docker');
  });

  it('names the file when a threat has no frontmatter or a model is invalid', () => {
    expect(() => threatsByComponent([{ path: 'x.mdx', text: '# no frontmatter' }])).toThrow(
      /x\.mdx/
    );
    expect(() => parseModel({ path: 'm.yaml', text: 'platform: docker\n' })).toThrow(
      /m\.yaml: title/
    );
  });

  it('finds frontmatter with CRLF line ends', () => {
    expect(frontmatter('---\r\nid: X\r\n---\r\nbody')).toBe('id: X');
    expect(frontmatter('no fences')).toBeUndefined();
  });
});
