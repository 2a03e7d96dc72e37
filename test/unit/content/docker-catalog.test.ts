import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import type { CheckConcept } from '../../../src/lib/catalog/schema';
import { BENCHMARKS } from '../../../src/lib/content/benchmarks';
import { controlResolver } from '../../../src/lib/content/controls';
import { loadThreatsFromDisk } from '../../../src/lib/content/node';
import { controlSchema } from '../../../src/lib/content/schema';

const content = join(process.cwd(), 'content');
const catalog = loadCatalogFromDisk(content);
const resolve = controlResolver(catalog.checkSets);
const threats = loadThreatsFromDisk(content).filter((t) => t.data.platform === 'docker');
const concepts = [...catalog.concepts.values()].filter((c) => c.platform === 'docker');
const dockerSets = catalog.checkSets.filter((s) => s.benchmark.startsWith('cis-docker'));

const conceptText = (c: CheckConcept) =>
  [c.name, c.what, c.why, c.remediation, c.audit, c.impact].join('\n');
const threatText = (t: (typeof threats)[number]) =>
  [JSON.stringify(t.data.mitigations), t.data.summary, t.body].join('\n');

/** Each concept a threat's mitigations cite, through the benchmarks' reference check sets. */
const citedByThreat = new Map(
  threats.map((t) => [
    t.data.id,
    new Set(
      t.data.mitigations.flatMap((m) => m.controls.map((c) => resolve(c.benchmark, c.id)?.concept))
    ),
  ])
);

/** Concepts that have a check a mitigation can cite: a plain CIS number in a benchmark's reference set. */
const citable = new Set(
  Object.values(BENCHMARKS)
    .filter((b) => b.platform === 'docker')
    .flatMap((b) => catalog.checkSets.find((s) => s.checkSet === b.referenceCheckSet)?.checks ?? [])
    .filter((c) => controlSchema.shape.id.safeParse(c.id).success)
    .map((c) => c.concept)
);

describe('Docker check concepts and the threats they name', () => {
  it('are named back: each threat a concept lists cites one of that concept’s checks', () => {
    const missing = concepts
      .filter((c) => citable.has(c.concept))
      .flatMap((c) =>
        c.threats
          .filter((t) => !citedByThreat.get(t)?.has(c.concept))
          .map((t) => `${c.concept} lists ${t}, whose mitigations cite none of its checks`)
      );
    expect(missing).toEqual([]);
  });

  it('cite, for each tool that prints the check, that tool’s definition at a fixed release', () => {
    const definition = {
      'docker-bench-security':
        /^https:\/\/github\.com\/docker\/docker-bench-security\/blob\/(v\d+(\.\d+)+|[0-9a-f]{40})\/tests\/\w+\.sh$/,
      'aquasec-docker-bench':
        /^https:\/\/github\.com\/aquasecurity\/docker-bench\/blob\/[0-9a-f]{40}\/cfg\/cis-[\d.]+\/definitions\.yaml$/,
      trivy:
        /^https:\/\/github\.com\/aquasecurity\/trivy-checks\/blob\/[0-9a-f]{40}\/pkg\/compliance\/docker-cis-[\d.]+\.yaml#L\d+-L\d+$/,
    } as const;
    const missing = concepts.flatMap((c) => {
      const tools = new Set(
        dockerSets.filter((s) => s.checks.some((k) => k.concept === c.concept)).map((s) => s.tool)
      );
      return (
        [...tools]
          .filter((tool) => tool !== 'kube-bench' && tool !== 'kubescape')
          // A tool without a pattern here has no reference that counts, so it is reported missing.
          .filter(
            (tool) =>
              !c.references.some((r) =>
                (definition as Partial<Record<string, RegExp>>)[tool]?.test(r.url)
              )
          )
          .map((tool) => `${c.concept}: no reference to the ${tool} definition`)
      );
    });
    expect(missing).toEqual([]);
  });
});

describe('corrections the Docker catalog must keep', () => {
  it('never recommends Docker Content Trust without saying it is being retired', () => {
    const dct = /DOCKER_CONTENT_TRUST|content trust|docker trust (?:sign|inspect|key)/i;
    const offenders = [
      ...concepts.filter((c) => dct.test(conceptText(c))).map((c) => [c.concept, conceptText(c)]),
      ...threats.filter((t) => dct.test(threatText(t))).map((t) => [t.data.id, threatText(t)]),
    ]
      .filter(([, text]) => !/retir/i.test(text!))
      .map(([name]) => name);
    expect(offenders).toEqual([]);
  });

  it('never presents icc=false as isolating containers without the Layer 2 caveat', () => {
    const icc = /\bicc\b|enable_icc|inter-container communication/i;
    const offenders = [
      ...concepts.filter((c) => icc.test(conceptText(c))).map((c) => [c.concept, conceptText(c)]),
      ...threats.filter((t) => icc.test(threatText(t))).map((t) => [t.data.id, threatText(t)]),
    ]
      .filter(
        ([, text]) => !/\bARP\b/.test(text!) || /only explicitly linked or published/i.test(text!)
      )
      .map(([name]) => name);
    expect(offenders).toEqual([]);
  });

  it('names CVE-2024-41110 wherever it recommends an authorization plugin', () => {
    const plugin = /authori[sz]ation plugin/i;
    const offenders = [
      ...concepts.filter((c) => plugin.test(c.remediation)).map((c) => [c.concept, conceptText(c)]),
      ...threats
        .filter((t) => t.data.mitigations.some((m) => plugin.test(m.description)))
        .map((t) => [t.data.id, threatText(t)]),
    ]
      .filter(([, text]) => !text!.includes('CVE-2024-41110'))
      .map(([name]) => name);
    expect(offenders).toEqual([]);
  });

  it('calls only a client certificate and key an administrator credential of the daemon', () => {
    const sentences = [
      ...concepts.map(conceptText),
      ...threats.flatMap((t) => [
        t.data.summary,
        t.body,
        ...t.data.mitigations.map((m) => m.description),
      ]),
    ].flatMap((text) => text.split(/(?<=\.)\s/));
    expect(
      sentences.filter((s) => /administrator credential/i.test(s) && !/client/i.test(s))
    ).toEqual([]);
  });

  it('states in the audit the file mode each permission check asks for', () => {
    const offenders = dockerSets.flatMap((s) =>
      s.checks
        .map((c) => ({ c, mode: /\b(?:set to|be) (\d{3})\b/.exec(c.title)?.[1] }))
        .filter(({ mode }) => mode)
        .filter(({ c, mode }) => !catalog.concepts.get(c.concept)?.audit.includes(mode!))
        .map(
          ({ c, mode }) => `${s.checkSet} ${c.id} asks for ${mode}; ${c.concept} does not say so`
        )
    );
    expect(offenders).toEqual([]);
  });
});
