import type { SearchContext, SearchGroup } from '../../../src/lib/search/query';

/** A result group: its page, and the parts shown beneath it. */
export type Expectation = string | ((g: SearchGroup) => boolean);

export interface RelevanceCase {
  /** What a reader types or pastes. */
  query: string;
  /** What must be among the first three results: a URL (of the page or a part shown under it) or a test. */
  top3: Expectation;
  /** When set, what must come first. */
  first?: Expectation;
  /** The platform of the page the reader is on and the check set of the run they loaded. */
  context?: SearchContext;
}

const urls = (g: SearchGroup) => [g.page.display.u, ...g.sections.map((s) => s.display.u)];
export const matches = (g: SearchGroup, e: Expectation): boolean =>
  typeof e === 'string' ? urls(g).includes(e) : e(g);

const stride = (letter: string) => (g: SearchGroup) =>
  g.page.stride.some((s) => s.startsWith(letter.toLowerCase()) || s.charAt(0) === letter);
const kubernetes = (g: SearchGroup) => g.page.platform === 'kubernetes';
const threatOf = (prefix: string) => (g: SearchGroup) =>
  g.page.kind === 'threat' && g.page.display.u.startsWith(prefix);
const check = (platform: string, concept: string) => `/checks/${platform}/${concept}/`;
const run = (section: string) => `/guides/reading-a-run/#${section}`;
const docker = (checkSet: string): SearchContext => ({ platform: 'docker', checkSet });
const kube = (checkSet: string): SearchContext => ({ platform: 'kubernetes', checkSet });

/** What readers type, paste and ask, and what the first results must hold. */
export const TABLE: RelevanceCase[] = [
  // Check numbers, threat ids, flags, capabilities, paths and ports.
  { query: '5.10', top3: check('docker', 'memory-limit'), first: check('docker', 'memory-limit') },
  { query: '5.14', top3: check('docker', 'on-failure-restart-policy') },
  { query: '5.22', top3: check('docker', 'exec-privileged') },
  { query: '5.4', top3: check('docker', 'privileged-containers') },
  { query: 'K8S-I-01', top3: '/threats/k8s-i-01/', first: '/threats/k8s-i-01/' },
  { query: 'k8s-i-01', top3: '/threats/k8s-i-01/', first: '/threats/k8s-i-01/' },
  { query: 'DOCKER-S-02', top3: '/threats/docker-s-02/', first: '/threats/docker-s-02/' },
  { query: 'docker-e-01', top3: '/threats/docker-e-01/', first: '/threats/docker-e-01/' },
  { query: '--icc', top3: check('docker', 'inter-container-communication') },
  { query: 'icc', top3: check('docker', 'inter-container-communication') },
  { query: 'no-new-privileges', top3: check('docker', 'daemon-no-new-privileges') },
  { query: '--privileged', top3: check('docker', 'exec-privileged') },
  { query: 'CAP_NET_RAW', top3: '/threats/k8s-s-01/' },
  { query: 'NET_RAW', top3: check('kubernetes', 'net-raw-capability') },
  { query: 'CAP_SYS_ADMIN', top3: check('docker', 'cap-sys-admin') },
  { query: 'docker.sock', top3: check('docker', 'docker-socket-not-mounted') },
  { query: '/var/run/docker.sock', top3: check('docker', 'docker-socket-not-mounted') },
  { query: 'DOCKER_CONTENT_TRUST', top3: check('docker', 'content-trust') },
  { query: 'etcd', top3: '/kubernetes/#component-etcd', first: '/kubernetes/#component-etcd' },
  { query: 'kubelet 10250', top3: '/kubernetes/#component-kubelet' },
  { query: '2375', top3: '/docker/#component-dockerd' },
  { query: 'hostPath', top3: check('kubernetes', 'hostpath-volumes') },
  { query: 'metadata 169.254.169.254', top3: '/kubernetes/#component-cloud-metadata' },
  // Shorthand, synonyms and typos.
  { query: 'privesc', top3: stride('E') },
  { query: 'k8s', top3: kubernetes },
  { query: 'kube', top3: kubernetes },
  { query: 'dos', top3: stride('D') },
  { query: 'mitm', top3: stride('S') },
  { query: 'psp', top3: kubernetes },
  { query: 'kubernetes rbac', top3: '/threats/k8s-e-02/' },
  { query: 'kubelt', top3: '/kubernetes/#component-kubelet' },
  { query: 'etdc', top3: '/kubernetes/#component-etcd' },
  { query: 'memroy limit', top3: check('docker', 'memory-limit') },
  // Words and phrases.
  {
    query: 'seccomp',
    top3: (g) => g.page.kind === 'check' && g.page.display.u.includes('seccomp'),
  },
  { query: 'apparmor', top3: check('docker', 'apparmor-profile') },
  { query: 'userns-remap', top3: check('docker', 'user-namespace-remap') },
  { query: 'memory limit', top3: check('docker', 'memory-limit') },
  { query: 'restart policy on-failure', top3: check('docker', 'on-failure-restart-policy') },
  { query: 'docker exec privileged', top3: check('docker', 'exec-privileged') },
  { query: 'kubelet anonymous auth', top3: check('kubernetes', 'kubelet-anonymous-auth') },
  { query: 'serviceaccount token', top3: '/kubernetes/#component-service-account-tokens' },
  { query: 'image signing content trust', top3: check('docker', 'content-trust') },
  { query: 'read-only root filesystem', top3: check('docker', 'read-only-root-filesystem') },
  { query: 'fork bomb', top3: '/threats/docker-d-01/' },
  { query: 'secrets encryption at rest', top3: '/threats/k8s-i-01/' },
  { query: 'arp spoofing', top3: '/threats/docker-s-01/' },
  { query: 'admission webhook', top3: '/kubernetes/#component-admission-webhooks' },
  { query: 'container escape', top3: threatOf('/threats/docker-e-') },
  { query: 'title:etcd', top3: '/kubernetes/#component-etcd' },
  { query: '🐳 etcd', top3: '/kubernetes/#component-etcd' },
  // Error lines pasted from a run.
  {
    query: '/bin/sh: 1: auditctl: not found',
    top3: run('missing-program'),
    first: run('missing-program'),
  },
  { query: 'auditctl: not found', top3: run('missing-program') },
  { query: '/bin/sh: line 1: ausearch: command not found', top3: run('missing-program') },
  { query: 'systemctl: command not found', top3: run('missing-program') },
  { query: 'Required program not found: auditctl', top3: run('missing-program') },
  {
    query: '"docker inspect" requires at least 1 argument.',
    top3: run('nothing-to-inspect'),
    first: run('nothing-to-inspect'),
  },
  { query: 'No containers running, skipping Section 5', top3: run('nothing-to-inspect') },
  {
    query:
      'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
    top3: run('no-daemon-access'),
  },
  {
    query: 'Error connecting to docker daemon (does docker ps work?)',
    top3: run('no-daemon-access'),
  },
  {
    query:
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    top3: run('no-daemon-access'),
  },
  { query: 'stat: illegal option -- c', top3: run('unsupported-option') },
  {
    query: 'panic: reflect: indirection through nil pointer to embedded struct',
    top3: run('docker-cli-crash'),
  },
  { query: 'template: :1:2: executing "" at <.LoggingDriver>', top3: run('docker-cli-crash') },
  {
    query:
      '1.1.20 audit test did not run: failed to run: "find /etc/kubernetes/pki -name \'*.crt\' | xargs stat -c permissions=%a"',
    top3: run('audit-did-not-run'),
  },
  { query: 'audit test did not run', top3: run('audit-did-not-run') },
  {
    query: 'This control requires the Kubescape operator installed',
    top3: run('kubescape-skipped'),
  },
  { query: 'trivy passes control plane on EKS', top3: run('trivy-control-plane-not-visible') },
  // Questions.
  { query: 'what should I fix first', top3: '/guides/fix-first-docker/' },
  {
    query: 'which failed kubernetes checks should I fix first',
    top3: '/guides/fix-first-kubernetes/',
  },
  { query: 'why is privileged bad', top3: '/threats/docker-e-01/' },
  { query: 'why is mounting the docker socket dangerous', top3: '/threats/docker-e-01/' },
  {
    query: 'how do I limit container memory',
    top3: (g) => /memory-limit|docker-d-01/.test(g.page.display.u),
  },
  { query: 'what is STRIDE', top3: '/about/#what-stride-is' },
  { query: 'how is severity rated', top3: '/about/#how-severity-is-rated' },
  { query: 'why does 5.10 fail when no containers are running', top3: run('nothing-to-inspect') },
  { query: 'how do I rerun kube-bench so the audit runs', top3: run('audit-did-not-run') },
  { query: 'why are secrets in etcd a risk', top3: '/threats/k8s-i-01/' },
  // Numbers that mean different checks in different versions, with and without a run loaded.
  {
    query: '5.10',
    context: docker('aquasec-cis-1.2'),
    top3: check('docker', 'memory-limit'),
    first: check('docker', 'memory-limit'),
  },
  {
    query: '5.10',
    context: docker('docker-bench-security-1.6.1'),
    top3: check('docker', 'host-network-namespace'),
    first: check('docker', 'host-network-namespace'),
  },
  {
    query: '5.14',
    context: docker('aquasec-cis-1.6.0'),
    top3: check('docker', 'bind-host-interface'),
    first: check('docker', 'bind-host-interface'),
  },
  {
    query: '5.22',
    context: docker('docker-bench-security-1.6.1'),
    top3: check('docker', 'seccomp-not-disabled'),
    first: check('docker', 'seccomp-not-disabled'),
  },
  {
    query: '2.1',
    context: docker('aquasec-cis-1.3.1'),
    top3: check('docker', 'rootless-daemon'),
    first: check('docker', 'rootless-daemon'),
  },
  {
    query: '2.1',
    context: docker('aquasec-cis-1.2'),
    top3: check('docker', 'inter-container-communication'),
    first: check('docker', 'inter-container-communication'),
  },
  {
    query: '1.2.3',
    context: docker('aquasec-cis-1.2'),
    top3: check('docker', 'audit-docker-daemon'),
    first: check('docker', 'audit-docker-daemon'),
  },
  {
    query: '1.2.3',
    context: kube('kube-bench-cis-1.20'),
    top3: check('kubernetes', 'apiserver-kubelet-https'),
    first: check('kubernetes', 'apiserver-kubelet-https'),
  },
  {
    query: '1.2.3',
    context: kube('kube-bench-cis-1.12'),
    top3: check('kubernetes', 'deny-service-external-ips'),
    first: check('kubernetes', 'deny-service-external-ips'),
  },
  {
    query: '1.2.3',
    context: { platform: 'docker' },
    top3: check('docker', 'audit-docker-daemon'),
    first: check('docker', 'audit-docker-daemon'),
  },
  {
    query: '1.2.16',
    context: kube('kube-bench-cis-1.6'),
    top3: check('kubernetes', 'admission-pod-security-policy'),
    first: check('kubernetes', 'admission-pod-security-policy'),
  },
  {
    query: 'privileged',
    context: { platform: 'kubernetes' },
    top3: kubernetes,
    first: kubernetes,
  },
];
