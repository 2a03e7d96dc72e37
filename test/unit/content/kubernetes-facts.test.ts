import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import { BENCHMARKS } from '../../../src/lib/content/benchmarks';
import {
  MS_THREAT_MATRIX_IDS,
  MS_THREAT_MATRIX_TECHNIQUES,
  msThreatMatrixUrl,
} from '../../../src/lib/content/mappings';
import { loadThreatsFromDisk } from '../../../src/lib/content/node';

/**
 * Facts on the Kubernetes check and threat pages that a review against primary sources found wrong
 * once. Each test reads the whole text a reader sees, so a sentence reintroducing the error fails it.
 */

const content = join(process.cwd(), 'content');
const threats = loadThreatsFromDisk(content);
const catalog = loadCatalogFromDisk(content);

interface Page {
  name: string;
  text: string;
}

const conceptPages: Page[] = [...catalog.concepts.values()]
  .filter((c) => c.platform === 'kubernetes')
  .map((c) => ({
    name: `concept ${c.concept}`,
    text: [c.name, c.what, c.why, c.remediation, c.audit, c.impact].join('\n\n'),
  }));

const threatPages: Page[] = threats
  .filter((t) => t.data.platform === 'kubernetes')
  .map((t) => ({
    name: t.data.id,
    text: [
      t.data.title,
      t.data.summary,
      t.data.likelihood.reason,
      t.data.impact.reason,
      ...t.data.mitigations.flatMap((m) => [m.title, m.description, m.verify]),
      t.data.brief?.correction ?? '',
      t.body,
    ].join('\n\n'),
  }));

const pages = [...conceptPages, ...threatPages];

/** Sentences, split at a full stop, colon or semicolon followed by a space or line break. */
const sentences = (text: string) => text.split(/(?<=[.;:])\s+/);
const paragraphs = (text: string) => text.split(/\n\s*\n/);

describe('Kubernetes facts corrected after review', () => {
  it('never says Secrets are stored in etcd as base64', () => {
    // etcd holds the serialized object; base64 exists only in the API's JSON representation.
    const claims = pages.flatMap((p) =>
      sentences(p.text)
        .filter((s) => /base64/i.test(s) && /etcd|stor/i.test(s) && !/\b(?:not|only)\b/i.test(s))
        .map((s) => `${p.name}: ${s}`)
    );
    expect(claims).toEqual([]);
  });

  it('says that admin.conf is revocable since kubeadm 1.29 wherever it calls the admin credential irrevocable or super-user', () => {
    const missing = pages
      .filter(
        (p) =>
          /admin\.conf/.test(p.text) &&
          /cannot be revoked|system:masters/.test(p.text) &&
          !/kubeadm:cluster-admins/.test(p.text)
      )
      .map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it("names POST or the create verb wherever it uses the kubelet's /run endpoint", () => {
    const wrong = pages.flatMap((p) =>
      paragraphs(p.text)
        .filter((para) => /10250\/run\b|`\/run`/.test(para) && !/\bPOST\b|`create`/.test(para))
        .map((para) => `${p.name}: ${para.slice(0, 120)}`)
    );
    expect(wrong).toEqual([]);
  });

  it('shows exec over a WebSocket GET as the path that get on nodes/proxy opens (K8S-R-02)', () => {
    const r02 = threats.find((t) => t.data.id === 'K8S-R-02')!;
    const scenario = r02.body.split('## Impact')[0]!;
    expect(scenario).toMatch(/only `get` on `nodes\/proxy`/);
    expect(scenario).toMatch(/wss:\/\/<node-ip>:10250\/exec\//);
    expect(scenario).toMatch(/WebSocket handshake[^.]*GET/);
  });

  it('places CVE-2018-1002105 at the API server proxy boundary with the releases that fixed it', () => {
    const citing = threats.filter((t) =>
      t.data.references.some((r) => r.url === 'https://nvd.nist.gov/vuln/detail/CVE-2018-1002105')
    );
    expect(citing.map((t) => t.data.id)).toContain('K8S-E-02');
    for (const t of citing) {
      expect(t.data.components, t.data.id).toContain('kube-apiserver');
      expect(t.body, t.data.id).toMatch(/1\.10\.11, 1\.11\.5 and 1\.12\.3/);
      expect(t.body, t.data.id).toMatch(/aggregated API server/);
    }
  });

  it('cites impersonation at its own page and the NCC Group article through an archived copy', () => {
    const urls = [
      ...threats.flatMap((t) => t.data.references.map((r) => `${t.data.id} ${r.url}`)),
      ...[...catalog.concepts.values()].flatMap((c) =>
        c.references.map((r) => `${c.concept} ${r.url}`)
      ),
    ];
    expect(urls.filter((u) => u.includes('authentication/#user-impersonation'))).toEqual([]);
    expect(urls.filter((u) => / https:\/\/research\.nccgroup\.com\//.test(u))).toEqual([]);
  });
});

describe('Microsoft Threat Matrix for Kubernetes links', () => {
  it('links a technique id to its own page on the matrix site', () => {
    expect(msThreatMatrixUrl('MS-TA9030')).toBe(
      'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/techniques/Access%20Kubelet%20API/'
    );
    expect(msThreatMatrixUrl('MS-TA9009')).toBe(
      'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/techniques/Application%20Exploit%20(RCE)/'
    );
  });

  it('knows no retired technique: Access Kubernetes dashboard (MS-TA9032) became part of MS-TA9005', () => {
    expect(MS_THREAT_MATRIX_IDS).not.toContain('MS-TA9032');
    expect(() => msThreatMatrixUrl('MS-TA9032')).toThrow(/MS-TA9032/);
  });

  it('points no threat reference at the site root, only at technique pages the threat lists', () => {
    const site = 'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/';
    const pageIds = new Map(MS_THREAT_MATRIX_IDS.map((id) => [msThreatMatrixUrl(id), id]));
    const problems = threats.flatMap((t) =>
      t.data.references
        .filter((r) => r.url.startsWith(site))
        .flatMap((r) => {
          const id = pageIds.get(r.url);
          if (!id) return [`${t.data.id}: ${r.url} is not a technique page`];
          const listed = (t.data.msThreatMatrix as string[]).includes(id);
          const titled = r.title.includes(id);
          return listed && titled ? [] : [`${t.data.id}: ${r.title} (${id}) is not in its list`];
        })
    );
    expect(problems).toEqual([]);
    expect(
      threats.filter((t) => t.data.references.some((r) => r.url.startsWith(site))).length
    ).toBeGreaterThan(10);
  });

  it('has a page name for every id a threat cites', () => {
    const cited = new Set(threats.flatMap((t) => t.data.msThreatMatrix));
    expect([...cited].filter((id) => !(id in MS_THREAT_MATRIX_TECHNIQUES))).toEqual([]);
  });
});

describe('Kubernetes check concepts and their sources', () => {
  const kubeBench = catalog.checkSets.filter((s) => s.tool === 'kube-bench');

  it('cite the kube-bench definition of one of their checks, pinned to a release tag or commit', () => {
    const definitions = new Map<string, Set<string>>();
    for (const set of kubeBench)
      for (const check of set.checks) {
        const file = `${set.source.ref}/${check.node}.yaml`;
        definitions.set(check.concept, (definitions.get(check.concept) ?? new Set()).add(file));
      }
    const pinned =
      /^https:\/\/github\.com\/aquasecurity\/kube-bench\/blob\/(?:v\d+\.\d+\.\d+|[0-9a-f]{40})\/(cfg\/[^/#]+\/[a-z]+\.yaml)#L\d+-L\d+$/;
    const missing = [...definitions].flatMap(([concept, files]) => {
      const cited = (catalog.concepts.get(concept)?.references ?? []).map(
        (r) => pinned.exec(r.url)?.[1]
      );
      return cited.some((f) => f !== undefined && files.has(f)) ? [] : [concept];
    });
    expect(missing).toEqual([]);
    expect(definitions.size).toBeGreaterThan(100);
  });

  it('are cited back by every threat they list, through a check of a benchmark threats cite', () => {
    const citable = new Map<string, string>();
    for (const [benchmark, info] of Object.entries(BENCHMARKS))
      if (info.platform === 'kubernetes' && 'referenceCheckSet' in info)
        citable.set(info.referenceCheckSet, benchmark);
    const checksOf = new Map<string, Set<string>>();
    for (const set of kubeBench) {
      const benchmark = citable.get(set.checkSet);
      if (!benchmark) continue;
      for (const check of set.checks)
        checksOf.set(
          check.concept,
          (checksOf.get(check.concept) ?? new Set()).add(`${benchmark} ${check.id}`)
        );
    }
    const citedBy = new Map(
      threats.map((t) => [
        t.data.id,
        new Set(t.data.mitigations.flatMap((m) => m.controls.map((c) => `${c.benchmark} ${c.id}`))),
      ])
    );
    const unbacked = [...catalog.concepts.values()]
      .filter((c) => c.platform === 'kubernetes' && checksOf.has(c.concept))
      .flatMap((c) =>
        c.threats
          .filter((t) => ![...checksOf.get(c.concept)!].some((k) => citedBy.get(t)?.has(k)))
          .map((t) => `${c.concept} lists ${t}, which cites none of its checks`)
      );
    expect(unbacked).toEqual([]);
  });
});
