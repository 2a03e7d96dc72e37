// Writes the check sets of Trivy's CIS compliance specs and kubescape's CIS frameworks from the id → title tables
// in ../shared/research/trivy-kubescape-spec-maps (STRIDE_SHARED overrides ../shared).
// Run: node scripts/compliance-catalog-from-research.mjs; with --check it only reports check sets that are stale.
// Each control gets the concept of the check with the same CIS id in the kube-bench check set of the same CIS version
// when their titles agree, else of a check with the same title, else the one MAPPING below names.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { loadTs } from './load-ts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.STRIDE_SHARED ?? resolve(root, '../shared');
const maps = join(shared, 'research/trivy-kubescape-spec-maps');
const content = join(root, 'content');
const check = process.argv.includes('--check');

const { normaliseCheckTitle } = await loadTs(root, ['src/lib/catalog/index.ts']);

// The spec maps were taken from these commits (README.md of the spec maps).
const TRIVY_CHECKS = '80e5382269707262f35cf893bdc0805cb72217e9';
const REGOLIBRARY = 'ce7ef32aef7a7d272016c3f0d1105c60d6b266fb';

// Section names as the CIS documents print them: kubescape's regolibrary frameworks carry them for CIS Kubernetes,
// EKS and AKS; kube-bench's gke-1.9.0 config for GKE; CIS Docker 1.6.0 for its section 4.
const KUBERNETES_SECTIONS = {
  1: 'Control Plane Components',
  1.1: 'Control Plane Node Configuration Files',
  1.2: 'API Server',
  1.3: 'Controller Manager',
  1.4: 'Scheduler',
  2: 'etcd',
  3: 'Control Plane Configuration',
  3.1: 'Authentication and Authorization',
  3.2: 'Logging',
  4: 'Worker Nodes',
  4.1: 'Worker Node Configuration Files',
  4.2: 'Kubelet',
  4.3: 'kube-proxy',
  5: 'Policies',
  5.1: 'RBAC and Service Accounts',
  5.2: 'Pod Security Standards',
  5.3: 'Network Policies and CNI',
  5.4: 'Secrets Management',
  5.5: 'Extensible Admission Control',
  5.7: 'General Policies',
};
const EKS_SECTIONS = {
  2: 'Control Plane Configuration',
  2.1: 'Logging',
  3: 'Worker Nodes',
  3.1: 'Worker Node Configuration Files',
  3.2: 'Kubelet',
  3.3: 'Container Optimized OS',
  4: 'Policies',
  4.1: 'RBAC and Service Accounts',
  4.2: 'Pod Security Standards',
  4.3: 'CNI Plugin',
  4.4: 'Secrets Management',
  4.5: 'General Policies',
  4.6: 'General Policies',
  5: 'Managed services',
  5.1: 'Image Registry and Image Scanning',
  5.2: 'Identity and Access Management (IAM)',
  5.3: 'AWS EKS Key Management Service',
  5.4: 'Cluster Networking',
  5.5: 'Authentication and Authorization',
  5.6: 'Other Cluster Configurations',
};
const AKS_SECTIONS = {
  2: 'Master (Control Plane) Configuration',
  2.1: 'Logging',
  3: 'Worker Nodes',
  3.1: 'Worker Node Configuration Files',
  3.2: 'Kubelet',
  4: 'Policies',
  4.1: 'RBAC and Service Accounts',
  4.2: 'Pod Security Standards',
  4.3: 'Azure Policy / OPA',
  4.4: 'CNI Plugin',
  4.5: 'Secrets Management',
  4.6: 'Extensible Admission Control',
  4.7: 'General Policies',
  5: 'Managed services',
  5.1: 'Image Registry and Image Scanning',
  5.2: 'Access and identity options for Azure Kubernetes Service (AKS)',
  5.3: 'Key Management Service (KMS)',
  5.4: 'Cluster Networking',
  5.5: 'Authentication and Authorization',
  5.6: 'Other Cluster Configurations',
};
const GKE_SECTIONS = {
  3: 'Worker Nodes',
  3.1: 'Worker Node Configuration Files',
  4: 'Kubernetes Policies',
  4.1: 'RBAC and Service Accounts',
  4.2: 'Pod Security Standards',
  4.3: 'Network Policies and CNI',
  4.4: 'Secrets Management',
  4.5: 'Extensible Admission Control',
  4.6: 'General Policies',
  5: 'Managed Services',
  5.1: 'Image Registry and Image Scanning',
  5.2: 'Identity and Access Management (IAM)',
  5.3: 'Cloud Key Management Service (Cloud KMS)',
  5.4: 'Node Metadata',
  5.5: 'Node Configuration and Maintenance',
  5.6: 'Cluster Networking',
  5.7: 'Logging',
  5.8: 'Authentication and Authorization',
  5.9: 'Storage',
  '5.10': 'Other Cluster Configurations',
};
const DOCKER_SECTIONS = { 4: 'Container Images and Build File Configuration' };

// The node type kube-bench files each top-level section under, which the CIS layout fixes: generic CIS Kubernetes
// numbers the control plane 1 to 3; the managed-service benchmarks start at 2 with what the provider leaves to you.
const KUBERNETES_NODES = { 1: 'master', 2: 'etcd', 3: 'controlplane', 4: 'node', 5: 'policies' };
const MANAGED_NODES = { 2: 'controlplane', 3: 'node', 4: 'policies', 5: 'managedservices' };

const trivy = (spec, def) => ({
  tool: 'trivy',
  key: spec,
  source: {
    repository: 'aquasecurity/trivy-checks',
    ref: `pkg/compliance/${spec}.yaml`,
    commit: TRIVY_CHECKS,
  },
  ...def,
});
const kubescape = (framework, def, commit = REGOLIBRARY) => ({
  tool: 'kubescape',
  key: framework,
  checkSet: `kubescape-${framework}`,
  source: { repository: 'kubescape/regolibrary', ref: `frameworks/${framework}.json`, commit },
  ...def,
});

// Trivy's k8s-cis-1.23 and kubescape's cis-v1.23-t1.0.1 are written with the kube-bench sets by
// scripts/kube-catalog-from-research.mjs; this script maps the others' controls onto their concepts too.
const SETS = [
  trivy('rke2-cis-1.24', {
    checkSet: 'trivy-rke2-cis-1.24',
    platform: 'kubernetes',
    benchmark: 'cis-kubernetes-1.24',
    benchmarkName:
      'CIS Kubernetes V1.24 Benchmark, RKE2 self-assessment, as Trivy checks it (spec rke2-cis-1.24)',
    sections: KUBERNETES_SECTIONS,
    nodes: KUBERNETES_NODES,
  }),
  trivy('eks-cis-1.4', {
    checkSet: 'trivy-eks-cis-1.4',
    platform: 'kubernetes',
    benchmark: 'cis-eks-1.4.0',
    benchmarkName:
      'CIS Amazon EKS Benchmark v1.4.0, as Trivy checks it (spec eks-cis-1.4, before v0.53 eks-cis)',
    sections: EKS_SECTIONS,
    nodes: MANAGED_NODES,
  }),
  trivy('docker-cis-1.6.0', {
    checkSet: 'trivy-docker-cis-1.6.0',
    platform: 'docker',
    benchmark: 'cis-docker-1.6.0',
    benchmarkName:
      'CIS Docker Benchmark v1.6.0, section 4 only, as Trivy checks images (spec docker-cis-1.6.0)',
    sections: DOCKER_SECTIONS,
  }),
  kubescape('cis-v1.10.0', {
    platform: 'kubernetes',
    benchmark: 'cis-kubernetes-1.10',
    benchmarkName: 'CIS Kubernetes Benchmark v1.10.0, as kubescape checks it',
    sections: KUBERNETES_SECTIONS,
    nodes: KUBERNETES_NODES,
  }),
  kubescape('cis-v1.12.0', {
    platform: 'kubernetes',
    benchmark: 'cis-kubernetes-1.12',
    benchmarkName: 'CIS Kubernetes Benchmark v1.12.0, as kubescape checks it',
    sections: KUBERNETES_SECTIONS,
    nodes: KUBERNETES_NODES,
  }),
  kubescape(
    'cis-eks-t1.2.0',
    {
      platform: 'kubernetes',
      benchmark: 'cis-eks-1.2.0',
      benchmarkName: 'CIS Amazon EKS Benchmark v1.2.0, as kubescape checks it',
      sections: { ...EKS_SECTIONS, 4.2: 'Pod Security Policies' },
      nodes: MANAGED_NODES,
    },
    'a14cc0db3e5331e67f10480f2c468130ba62594d'
  ),
  kubescape('cis-eks-t1.7.0', {
    platform: 'kubernetes',
    benchmark: 'cis-eks-1.7.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.7.0, as kubescape checks it',
    sections: EKS_SECTIONS,
    nodes: MANAGED_NODES,
  }),
  kubescape('cis-eks-t1.8.0', {
    platform: 'kubernetes',
    benchmark: 'cis-eks-1.8.0',
    benchmarkName: 'CIS Amazon EKS Benchmark v1.8.0, as kubescape checks it',
    sections: EKS_SECTIONS,
    nodes: MANAGED_NODES,
  }),
  kubescape('cis-aks-t1.2.0', {
    platform: 'kubernetes',
    benchmark: 'cis-aks-1.2',
    benchmarkName: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.2.0, as kubescape checks it',
    sections: AKS_SECTIONS,
    nodes: MANAGED_NODES,
  }),
  kubescape('cis-aks-t1.8.0', {
    platform: 'kubernetes',
    benchmark: 'cis-aks-1.8',
    benchmarkName: 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0, as kubescape checks it',
    sections: AKS_SECTIONS,
    nodes: MANAGED_NODES,
  }),
  kubescape('cis-gke-v1.9.0', {
    platform: 'kubernetes',
    benchmark: 'cis-gke-1.9.0',
    benchmarkName: 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0, as kubescape checks it',
    sections: GKE_SECTIONS,
    nodes: MANAGED_NODES,
  }),
];

/**
 * Concepts for controls that neither the same CIS id in the same CIS version nor an identical title settles, keyed by
 * normalised title (with the check set first where a title means different checks in different sets). Each title
 * differs from the tool configs' only in wording or in a number that CIS changed between versions (600 for 644).
 */
const MAPPING = {
  'ensure that the admin conf file permissions are set to 600': 'admin-kubeconfig-permissions',
  'ensure that the kubernetes pki certificate file permissions are set to 600 or more restrictive':
    'pki-certificate-permissions',
  // Trivy's spelling; 1.2 is the API server's group in every CIS Kubernetes version.
  'ensure that the client ca file argument is set appropriate': 'apiserver-client-ca-file',
  'ensure that the certificate authorities file permissions are set to 600 or more restrictive':
    'kubelet-client-ca-permissions',
  'verify that the read only port argument is set to 0': 'kubelet-read-only-port',
  'ensure copy is used instead of add': 'copy-not-add',
  // kube-bench's EKS configs say "Amazon EKS Service Accounts"; no kube-bench config has CIS EKS 1.4.0.
  'prefer using dedicated eks service accounts': 'cloud-workload-identity',
  // Trivy names 5.2.11 as it names 5.2.10, but checks it with KSV-0103, its Windows HostProcess check: CIS 5.2.11.
  'trivy-rke2-cis-1.24 5.2.11': 'windows-host-process',
};

function readTsv(name) {
  const [head, ...lines] = readFileSync(join(maps, name), 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

function yamlFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

const generated = new Set(SETS.map((s) => s.checkSet));
const toolSets = yamlFiles(join(content, 'benchmarks'))
  .map((f) => yaml.load(readFileSync(f, 'utf8')))
  .filter((s) => !generated.has(s.checkSet));
const concepts = new Set(
  yamlFiles(join(content, 'checks')).map((f) => yaml.load(readFileSync(f, 'utf8')).concept)
);
const platformOf = (set) =>
  set.benchmark.startsWith('cis-docker') ||
  ['docker-bench-security', 'aquasec-docker-bench'].includes(set.tool)
    ? 'docker'
    : 'kubernetes';

const numeric = (id) => id.split('.').map(Number);
function byId(a, b) {
  const x = numeric(a.id);
  const y = numeric(b.id);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

// Words every title uses and numbers that change between versions (600 or 644): they do not tell checks apart.
const FILLER = new Set(
  'a an and are as be for in is it of on or set sure that the to ensure verify argument arguments parameter appropriate appropriately more restrictive when possible'.split(
    ' '
  )
);
const distinctive = (title) =>
  new Set(title.split(' ').filter((w) => w && !FILLER.has(w) && !/^\d+$/.test(w)));
const within = (a, b) => [...a].every((w) => b.has(w));
/** Titles agree when one's distinctive words are all in the other: the same check, reworded or shortened. */
function agree(a, b) {
  const x = distinctive(a);
  const y = distinctive(b);
  return x.size > 0 && y.size > 0 && (within(x, y) || within(y, x));
}

const parent = (id) => id.replace(/\.[^.]+$/, '');
const familyOf = (benchmark) => benchmark.replace(/-[\d.]+$/, '');
// kubescape names the component before the flag ("the API Server --profiling argument"), kube-bench does not; the
// id and its group still tell the API server's --profiling from the scheduler's.
const COMPONENT =
  /\bthe (?:api server|controller manager|scheduler) (?=--|rotatekubeletservercertificate)/g;
const comparable = (title) => normaliseCheckTitle(title.toLowerCase().replace(COMPONENT, 'the '));

function conceptFor(set, control, unmapped) {
  const byId = MAPPING[`${set.checkSet} ${control.id}`];
  if (byId) return byId;
  const sameVersion = toolSets.filter(
    (s) => s.benchmark === set.benchmark && s.tool === 'kube-bench'
  );
  for (const s of sameVersion) {
    const c = s.checks.find((x) => x.id === control.id);
    if (c && agree(comparable(c.title), comparable(control.title))) return c.concept;
  }
  const title = comparable(control.title);
  const explicit = MAPPING[`${set.checkSet} ${title}`] ?? MAPPING[title];
  if (explicit) return explicit;
  // The same benchmark family first (EKS with EKS): managed services word their own checks alike.
  const platformSets = toolSets.filter((s) => platformOf(s) === set.platform);
  const family = platformSets.filter((s) => familyOf(s.benchmark) === familyOf(set.benchmark));
  for (const sets of [family, platformSets]) {
    const titled = sets.flatMap((s) => s.checks.filter((c) => comparable(c.title) === title));
    const kinds = new Set(titled.map((c) => c.concept));
    if (kinds.size === 1) return titled[0].concept;
    // One title for several checks (--profiling for each component): the id, then its group, decide.
    for (const narrow of [(c) => c.id === control.id, (c) => parent(c.id) === parent(control.id)]) {
      const left = new Set(titled.filter(narrow).map((c) => c.concept));
      if (left.size === 1) return [...left][0];
    }
  }
  unmapped.push(`${set.checkSet} ${control.id} "${control.title}"`);
  return undefined;
}

const SUFFIX = /\((?:automated|manual)\)$/i;

function controlsOf(set) {
  if (set.tool === 'trivy') {
    return readTsv('trivy-compliance-specs.tsv')
      .filter((r) => r.spec_id === set.key)
      .map((r) => ({
        id: r.control_id,
        title: r.control_name.trim().replace(SUFFIX, '').trim(),
        // Trivy's test for a manual control: its name contains "Manual".
        scored: !r.control_name.includes('Manual'),
      }));
  }
  return readTsv('kubescape-cis-frameworks.tsv')
    .filter((r) => r.framework === set.key)
    .map((r) => ({
      id: r.cis_id,
      title: r.control_name_as_printed.replace(/^CIS-\S+\s+/, '').trim(),
    }))
    .sort(byId);
}

function sectionsOf(set, checks) {
  const ids = new Set();
  for (const c of checks) {
    ids.add(c.section.split('.')[0]);
    ids.add(c.section);
  }
  return [...ids]
    .sort((a, b) => byId({ id: a }, { id: b }))
    .map((id) => {
      const title = set.sections[id];
      if (!title) throw new Error(`${set.checkSet}: no title for section ${id}`);
      return { id, title };
    });
}

const unmapped = [];
const unknown = [];
const out = SETS.map((set) => {
  const checks = controlsOf(set).flatMap((control) => {
    const concept = conceptFor(set, control, unmapped);
    if (!concept) return [];
    if (!concepts.has(concept)) unknown.push(`${set.checkSet} ${control.id} → ${concept}`);
    const c = {
      id: control.id,
      title: control.title,
      section: control.id.split('.').length > 2 ? parent(control.id) : control.id.split('.')[0],
    };
    if (control.scored !== undefined) c.scored = control.scored;
    c.concept = concept;
    if (set.nodes) c.node = set.nodes[control.id.split('.')[0]];
    return [c];
  });
  const doc = {
    checkSet: set.checkSet,
    tool: set.tool,
    benchmark: set.benchmark,
    benchmarkName: set.benchmarkName,
    source: set.source,
    sections: sectionsOf(set, checks),
    checks,
  };
  const file = join(content, 'benchmarks', set.platform, `${set.checkSet}.yaml`);
  const text = `# Generated by scripts/compliance-catalog-from-research.mjs; ids and titles as ${set.tool === 'trivy' ? 'Trivy' : 'kubescape'} prints them.\n${yaml.dump(doc, { lineWidth: 200, noRefs: true })}`;
  return { file, text, checks: checks.length };
});

if (unknown.length > 0) {
  console.error(unknown.map((u) => `unknown concept: ${u}`).join('\n'));
  process.exit(1);
}
// A control no concept fits yet is left out of its check set, and said so: its findings stay unexplained.
if (unmapped.length > 0)
  console.error(unmapped.map((u) => `left out, no concept: ${u}`).join('\n'));

const stale = out.filter((o) => !existsSync(o.file) || readFileSync(o.file, 'utf8') !== o.text);
if (check) {
  for (const o of stale) console.error(`stale: ${o.file.slice(root.length + 1)}`);
  process.exit(stale.length > 0 ? 1 : 0);
}
for (const o of stale) writeFileSync(o.file, o.text);
console.log(
  `${out.length} check sets, ${out.reduce((n, o) => n + o.checks, 0)} checks; ${stale.length} written`
);
