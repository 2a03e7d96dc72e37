import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_CHECK_SETS, conceptIds, matchCheck } from '../../../src/lib/catalog';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import { controlResolver } from '../../../src/lib/content/controls';
import { loadThreatsFromDisk } from '../../../src/lib/content/node';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const catalog = loadCatalogFromDisk(contentDir, 'kubernetes');
const setById = (id: string) => catalog.checkSets.find((s) => s.checkSet === id)!;
const checkAt = (set: string, id: string) => setById(set).checks.find((c) => c.id === id)!;
const conceptAt = (set: string, id: string) => checkAt(set, id).concept;

describe('Kubernetes check catalog on disk', () => {
  it('holds the kube-bench check sets in order, with the check counts kube-bench ships', () => {
    expect(catalog.checkSets.map((s) => s.checkSet)).toEqual([...KUBERNETES_CHECK_SETS]);
    expect(setById('kube-bench-cis-1.6').checks).toHaveLength(122);
    expect(setById('kube-bench-cis-1.20').checks).toHaveLength(123);
    expect(setById('kube-bench-cis-1.12').checks).toHaveLength(131);
    expect(setById('kube-bench-eks-1.0.1').checks).toHaveLength(52);
  });

  it('keeps the configs kube-bench retired after v0.3.1, for the old runs people still paste', () => {
    expect(setById('kube-bench-cis-1.3')).toMatchObject({
      benchmark: 'cis-kubernetes-1.3',
      lastShippedIn: 'v0.3.1',
    });
    expect(conceptAt('kube-bench-cis-1.3', '1.1.12')).toBe('admission-deny-escalating-exec');
    expect(conceptAt('kube-bench-cis-1.3', '2.1.1')).toBe('kubelet-allow-privileged');
    expect(checkAt('kube-bench-cis-1.4', '1.1.37a').concept).toBe('audit-policy');
    expect(checkAt('kube-bench-cis-1.3', '1.1.39')).toMatchObject({
      title: 'Ensure that the API Server only makes use of Strong Cryptographic Ciphers',
    });
  });

  it('names the benchmark each check set implements, distributions under the CIS version they adapt', () => {
    expect(setById('kube-bench-cis-1.5')).toMatchObject({
      benchmark: 'cis-kubernetes-1.5',
      benchmarkName: 'CIS Kubernetes Benchmark v1.5.1',
    });
    expect(setById('kube-bench-k3s-cis-1.23').benchmark).toBe('cis-kubernetes-1.23');
    expect(setById('kube-bench-rke2-cis-1.8').benchmark).toBe('cis-kubernetes-1.8');
    expect(setById('kube-bench-cis-1.24-microk8s').benchmark).toBe('cis-kubernetes-1.24');
  });

  it('gives every check a Kubernetes concept that exists, and a node type', () => {
    const problems = catalog.checkSets.flatMap((s) =>
      s.checks
        .filter((c) => catalog.concepts.get(c.concept)?.platform !== 'kubernetes' || !c.node)
        .map((c) => `${s.checkSet} ${c.id} → ${c.concept}`)
    );
    expect(problems).toEqual([]);
  });

  it('uses every Kubernetes concept, each once per check set unless the benchmark splits one control', () => {
    const used = new Set(catalog.checkSets.flatMap((s) => s.checks.map((c) => c.concept)));
    expect([...catalog.concepts.keys()].filter((c) => !used.has(c))).toEqual([]);
    // Controls a benchmark asks for in several checks: Shielded GKE Nodes with its two node-pool settings,
    // approved registries and Binary Authorization, anonymous and unauthenticated bindings, ACK's registry
    // rights for users and nodes and its two API endpoint checks, OpenShift's health endpoints per component and
    // its SCC checks, and the OpenShift 3 guide's two etcd WAL settings.
    const split = new Set([
      // CIS 1.3 and 1.4 ask for AdvancedAuditing twice, and for compensating controls beside privileged pods.
      'kube-bench-cis-1.3 audit-policy',
      'kube-bench-cis-1.3 privileged-pods',
      'kube-bench-cis-1.3 apiserver-tls-ciphers',
      'kube-bench-cis-1.3 namespace-network-policies',
      'kube-bench-cis-1.4 audit-policy',
      'kube-bench-cis-1.4 privileged-pods',
      'kube-bench-cis-1.4 namespace-network-policies',
      'gke-shielded-nodes',
      'gke-binary-authorization',
      'unauthenticated-rbac-bindings',
      'ack-registry-access',
      'ack-endpoint-access',
      'openshift-control-plane-endpoints-rbac',
      'openshift-security-context-constraints',
      'openshift-privileged-scc-access',
      'etcd-wal-settings',
    ]);
    // The STIG asks for one setting under several rules and prints some rules twice.
    const repeated = catalog.checkSets
      .filter((s) => s.checkSet !== 'kube-bench-eks-stig-kubernetes-v1r6')
      .flatMap((s) => {
        const seen = new Set<string>();
        return s.checks.flatMap((c) => {
          const again =
            seen.has(c.concept) &&
            !split.has(c.concept) &&
            !split.has(`${s.checkSet} ${c.concept}`);
          seen.add(c.concept);
          return again ? [`${s.checkSet} ${c.id} ${c.concept}`] : [];
        });
      });
    expect(repeated).toEqual([]);
  });

  it('keeps concept slugs unique across platforms, since pages and collections are keyed by slug', () => {
    const files = ['docker', 'kubernetes'].flatMap((p) =>
      readdirSync(join(contentDir, 'checks', p))
    );
    expect(new Set(files).size).toBe(files.length);
  });

  it('explains in why every concept that maps to no threat', () => {
    for (const c of catalog.concepts.values()) {
      if (c.threats.length === 0)
        expect(c.why, c.concept).toMatch(/maps to none|no threat of this model maps to it/i);
    }
  });

  it("strips the (Automated)/(Manual) suffix but keeps kube-bench's own scored flag", () => {
    const all = catalog.checkSets.flatMap((s) => s.checks);
    expect(all.filter((c) => /\((?:automated|manual)\)/i.test(c.title))).toEqual([]);
    // cis-1.20 prints 5.2.1 as (Automated) while its YAML leaves it unscored, so kube-bench reports WARN.
    expect(checkAt('kube-bench-cis-1.20', '5.2.1')).toMatchObject({
      title: 'Minimize the admission of privileged containers',
      scored: false,
    });
    expect(checkAt('kube-bench-cis-1.12', '1.2.16')).toMatchObject({
      scored: true,
      node: 'master',
    });
  });
});

describe('ids and concepts across CIS Kubernetes versions', () => {
  it('pins anonymous auth: 1.2.1 on the API server, 4.2.1 on the kubelet', () => {
    for (const set of ['kube-bench-cis-1.6', 'kube-bench-cis-1.20', 'kube-bench-cis-1.12']) {
      expect(conceptAt(set, '1.2.1'), set).toBe('apiserver-anonymous-auth');
      expect(conceptAt(set, '4.2.1'), set).toBe('kubelet-anonymous-auth');
    }
    expect(checkAt('kube-bench-cis-1.12', '4.2.1').node).toBe('node');
    expect(checkAt('kube-bench-cis-1.12', '1.2.1').node).toBe('master');
    expect(conceptAt('kube-bench-eks-1.0.1', '3.2.1')).toBe('kubelet-anonymous-auth');
  });

  it('maps ids that moved between 1.6 and 1.12 to one concept', () => {
    const moved = [
      ['1.2.22', '1.2.16', 'audit-log-path'],
      ['1.2.21', '1.2.15', 'apiserver-profiling'],
      ['1.2.33', '1.2.27', 'encryption-provider-config'],
      ['1.2.17', '1.2.14', 'admission-node-restriction'],
      ['4.2.7', '4.2.6', 'kubelet-iptables-util-chains'],
      ['5.7.2', '5.6.2', 'seccomp-profile'],
      ['5.2.1', '5.2.2', 'privileged-pods'],
    ] as const;
    for (const [old, current, concept] of moved) {
      expect(
        [conceptAt('kube-bench-cis-1.6', old), conceptAt('kube-bench-cis-1.12', current)],
        concept
      ).toEqual([concept, concept]);
    }
  });

  it('tells a reversed recommendation from the one it reverses', () => {
    expect(conceptAt('kube-bench-cis-1.23', '1.2.3')).toBe('deny-service-external-ips-off');
    expect(conceptAt('kube-bench-k3s-cis-1.24', '1.2.3')).toBe('deny-service-external-ips-off');
    expect(conceptAt('kube-bench-cis-1.7', '1.2.3')).toBe('deny-service-external-ips');
    expect(conceptAt('kube-bench-cis-1.12', '1.2.3')).toBe('deny-service-external-ips');
    // OpenShift prints "AlwaysPullImages is set" but passes only without it, and asks protectKernelDefaults unset.
    expect(conceptAt('kube-bench-rh-1.4', '1.2.11')).toBe('openshift-always-pull-images');
    expect(conceptAt('kube-bench-cis-1.12', '1.2.11')).toBe('admission-always-pull-images');
    expect(conceptAt('kube-bench-rh-1.0', '4.2.6')).toBe('openshift-kernel-defaults');
    expect(conceptAt('kube-bench-rh-1.0', '1.2.13')).toBe('openshift-security-context-constraints');
  });

  it("reads OpenShift's names for the files and settings CIS names", () => {
    expect(conceptAt('kube-bench-rh-1.4', '1.1.13')).toBe('admin-kubeconfig-permissions');
    expect(conceptAt('kube-bench-rh-1.4', '4.1.5')).toBe('kubelet-kubeconfig-permissions');
    expect(conceptAt('kube-bench-rh-1.8', '1.2.20')).toBe('audit-log-maxbackup');
    expect(conceptAt('kube-bench-rh-0.7', '4.15')).toBe('scheduler-kubeconfig-permissions');
    expect(conceptAt('kube-bench-rh-0.7', '1.3')).toBe('apiserver-insecure-allow-any-token');
    expect(setById('kube-bench-rh-1.0')).toMatchObject({
      benchmark: 'cis-openshift-1.1',
      benchmarkName: 'CIS Red Hat OpenShift Container Platform v4 Benchmark v1.1.0',
    });
  });

  it("reads the distributions' own file names as the files CIS names", () => {
    expect(conceptAt('kube-bench-cis-1.6-k3s', '1.1.13')).toBe('admin-kubeconfig-permissions');
    expect(conceptAt('kube-bench-cis-1.6-k3s', '1.1.17')).toBe(
      'controller-manager-kubeconfig-permissions'
    );
    expect(conceptAt('kube-bench-cis-1.6-k3s', '4.1.3')).toBe('proxy-kubeconfig-permissions');
    expect(conceptAt('kube-bench-tkgi-1.2.53', '1.1.15')).toBe('scheduler-kubeconfig-permissions');
    expect(conceptAt('kube-bench-tkgi-1.2.53', '1.2.34')).toBe('encryption-providers');
  });

  it('gives STIG rules the concept of the setting kube-bench audits, an id printed twice included', () => {
    const stig = 'kube-bench-eks-stig-kubernetes-v1r6';
    expect(conceptAt(stig, 'V-242391')).toBe('kubelet-anonymous-auth');
    // Titled for the API server, audited on the kubelet.
    expect(conceptAt(stig, 'V-242390')).toBe('kubelet-anonymous-auth');
    expect(conceptAt(stig, 'V-242378')).toBe('tls-minimum-version');
    expect(setById(stig).checks.filter((c) => c.id === 'V-242381')).toHaveLength(2);
    expect(matchCheck({ id: 'V-242381', title: 'garbled' }, catalog, stig)).toMatchObject({
      concept: 'use-service-account-credentials',
      how: 'id',
    });
  });

  it('keeps ids that mean different checks in different versions apart', () => {
    expect(conceptAt('kube-bench-cis-1.6', '1.2.6')).toBe(
      'apiserver-kubelet-certificate-authority'
    );
    expect(conceptAt('kube-bench-cis-1.12', '1.2.6')).toBe(
      'apiserver-authorization-not-always-allow'
    );
    expect(conceptAt('kube-bench-cis-1.6', '4.2.6')).toBe('kubelet-protect-kernel-defaults');
    expect(conceptAt('kube-bench-cis-1.12', '4.2.6')).toBe('kubelet-iptables-util-chains');
  });

  it('lists the ids of a concept in every set that has it', () => {
    const ids = Object.fromEntries(
      conceptIds(catalog, 'audit-log-path').map((r) => [r.checkSet, r.ids])
    );
    expect(ids).toMatchObject({
      'kube-bench-cis-1.5': ['1.2.22'],
      'kube-bench-cis-1.6': ['1.2.22'],
      'kube-bench-cis-1.20': ['1.2.21'],
      'kube-bench-cis-1.23': ['1.2.19'],
      'kube-bench-cis-1.12': ['1.2.16'],
      'kube-bench-tkgi-1.2.53': ['1.2.22'],
      'trivy-k8s-cis-1.23': ['1.2.19'],
      'trivy-rke2-cis-1.24': ['1.2.19'],
      'kubescape-cis-v1.23-t1.0.1': ['1.2.18'],
      'kubescape-cis-v1.10.0': ['1.2.16'],
      'kubescape-cis-v1.12.0': ['1.2.16'],
    });
    expect(Object.keys(ids)).not.toContain('kube-bench-eks-1.0.1');
  });
});

describe('controls the Kubernetes threats cite', () => {
  const threats = loadThreatsFromDisk(contentDir).filter((t) => t.data.platform === 'kubernetes');
  const resolve = controlResolver(catalog.checkSets);
  const cited = threats.flatMap((t) =>
    t.data.mitigations.flatMap((m) => m.controls.map((c) => ({ threat: t.data.id, ...c })))
  );

  it('cite CIS Kubernetes 1.12, and its reference check set resolves each to a concept that lists the threat', () => {
    expect(cited.length).toBeGreaterThan(50);
    const problems = cited
      .map((c) => ({ c, concept: resolve(c.benchmark, c.id)?.concept }))
      .filter(
        ({ c, concept }) => !concept || !catalog.concepts.get(concept)?.threats.includes(c.threat)
      )
      .map(
        ({ c, concept }) => `${c.threat} cites ${c.benchmark} ${c.id} → ${concept ?? 'nothing'}`
      );
    expect(problems).toEqual([]);
  });
});

describe('matchCheck on kube-bench findings', () => {
  const anonymous = 'Ensure that the --anonymous-auth argument is set to false (Automated)';

  it('tells the API server from the kubelet when both print the same title', () => {
    expect(
      matchCheck({ id: '4.2.1', title: anonymous }, catalog, 'kube-bench-cis-1.12')
    ).toMatchObject({ concept: 'kubelet-anonymous-auth', how: 'title' });
    expect(
      matchCheck({ id: '1.2.1', title: anonymous }, catalog, 'kube-bench-cis-1.12')
    ).toMatchObject({ concept: 'apiserver-anonymous-auth', how: 'title' });
    // Without the run's set, the first set in the catalog's order whose 3.2.1 has that title: a managed service's.
    expect(matchCheck({ id: '3.2.1', title: anonymous }, catalog)).toMatchObject({
      concept: 'kubelet-anonymous-auth',
      checkSet: 'kube-bench-aks-1.0',
      check: { id: '3.2.1' },
    });
  });

  it('matches by title across versions, whatever the id', () => {
    const profiling = 'Ensure that the --profiling argument is set to false (Automated)';
    expect(
      matchCheck({ id: '1.2.21', title: profiling }, catalog, 'kube-bench-cis-1.12')
    ).toMatchObject({ concept: 'apiserver-profiling' });
    expect(matchCheck({ id: '1.3.2', title: profiling }, catalog)).toMatchObject({
      concept: 'controller-manager-profiling',
    });
    expect(matchCheck({ id: '1.4.9', title: profiling }, catalog)).toMatchObject({
      concept: 'scheduler-profiling',
    });
    const auditPath = {
      id: '1.2.22',
      title: 'Ensure that the --audit-log-path argument is set (Automated)',
    };
    expect(matchCheck(auditPath, catalog, 'kube-bench-cis-1.6')).toMatchObject({
      concept: 'audit-log-path',
      check: { id: '1.2.22' },
    });
    expect(matchCheck(auditPath, catalog, 'kube-bench-cis-1.12')).toMatchObject({
      concept: 'audit-log-path',
      check: { id: '1.2.16' },
    });
    expect(
      matchCheck(
        {
          id: '4.2.1',
          title: 'Ensure that the anonymous-auth argument is set to false (Automated)',
        },
        catalog,
        'kube-bench-cis-1.6'
      )
    ).toMatchObject({
      concept: 'kubelet-anonymous-auth',
    });
  });

  it('falls back to the id within the given set when the title is unreadable', () => {
    expect(
      matchCheck({ id: '1.2.6', title: 'garbled' }, catalog, 'kube-bench-cis-1.6')
    ).toMatchObject({ concept: 'apiserver-kubelet-certificate-authority', how: 'id' });
    expect(
      matchCheck({ id: '1.2.6', title: 'garbled' }, catalog, 'kube-bench-cis-1.12')
    ).toMatchObject({ concept: 'apiserver-authorization-not-always-allow', how: 'id' });
  });
});

const shared =
  process.env.STRIDE_SHARED ??
  resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared');
const fixtures = join(shared, 'fixtures/kube-bench');

describe.skipIf(!existsSync(fixtures))('every check of the real kube-bench runs', () => {
  const runs = [
    ['text-cis-1.20-kind-kube-bench-ci.txt', 'kube-bench-cis-1.20', 123],
    // MicroK8s runs no etcd process, so kube-bench skipped its seven etcd checks.
    ['text-cis-1.6-microk8s-2023-04-11.txt', 'kube-bench-cis-1.6', 115],
    ['text-eks-1.0.1-node-eks-workshop.txt', 'kube-bench-eks-1.0.1', 15],
  ] as const;
  for (const [file, checkSet, count] of runs) {
    it(`matches by title in ${file}`, () => {
      const sections = new Set(setById(checkSet).sections.map((s) => s.id));
      const findings = [
        ...readFileSync(join(fixtures, file), 'utf8').matchAll(
          /^\[(?:PASS|FAIL|WARN|INFO)\] (\d+(?:\.\d+)+) (.+)$/gm
        ),
      ]
        .map((m) => ({ id: m[1]!, title: m[2]! }))
        .filter((f) => !sections.has(f.id));
      expect(findings).toHaveLength(count);
      const unmatched = findings.filter((f) => {
        const m = matchCheck(f, catalog, checkSet);
        return m?.how !== 'title' || m.checkSet !== checkSet || m.check.id !== f.id;
      });
      expect(unmatched).toEqual([]);
    });
  }
});

const researchTsv = join(shared, 'research/kube-bench/checks-index-all-benchmarks.tsv');

describe.skipIf(!existsSync(researchTsv))('every check kube-bench ships', () => {
  const rows = readFileSync(researchTsv, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .map((r) => ({ folder: r[0]!, id: r[1]!, title: r[7]! }));

  it('has a check set per benchmark folder, with every check in printed order', () => {
    const folders = [...new Set(rows.map((r) => r.folder))];
    expect(folders).toHaveLength(46);
    expect(
      catalog.checkSets
        .filter((s) => s.tool === 'kube-bench' && !s.lastShippedIn)
        .map((s) => s.checkSet)
        .sort()
    ).toEqual(folders.map((f) => `kube-bench-${f}`).sort());
    for (const f of folders)
      expect(
        setById(`kube-bench-${f}`).checks.map((c) => c.id),
        f
      ).toEqual(rows.filter((r) => r.folder === f).map((r) => r.id));
  });

  it('resolves, as printed, to its own check in its own check set and to a concept with a page', () => {
    expect(rows).toHaveLength(4860);
    const problems = rows.flatMap((r) => {
      const checkSet = `kube-bench-${r.folder}`;
      const m = matchCheck(r, catalog, checkSet);
      if (!m) return [`${r.folder} ${r.id}: no match`];
      if (m.checkSet !== checkSet || m.check.id !== r.id)
        return [`${r.folder} ${r.id}: matched ${m.checkSet} ${m.check.id}`];
      return catalog.concepts.has(m.concept)
        ? []
        : [`${r.folder} ${r.id}: no concept ${m.concept}`];
    });
    expect(problems).toEqual([]);
  });

  it('is what the generator writes from the research table', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/kube-catalog-from-research.mjs', '--check'], {
        cwd: fileURLToPath(new URL('../../../', import.meta.url)),
        env: { ...process.env, STRIDE_SHARED: shared },
        stdio: 'pipe',
      })
    ).not.toThrow();
  });
});
