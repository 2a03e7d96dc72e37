// Writes content/benchmarks/docker/<checkSet>.yaml from the research tables of docker-bench-security and
// aquasecurity/docker-bench. Run: node scripts/catalog-from-research.mjs (STRIDE_SHARED overrides ../shared).
// Titles, ids, sections, scored flags and levels carry over; concepts are our slugs for the research keys.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.STRIDE_SHARED ?? resolve(root, '../shared');
const research = join(shared, 'research/docker-bench');
const outDir = join(root, 'content/benchmarks/docker');

/** Research concept key → concept slug. Keys that name the same recommendation under another path merge. */
const CONCEPTS = {
  apparmor: 'apparmor-profile',
  audit_daemon: 'audit-docker-daemon',
  'audit_path:/etc/containerd/config.toml': 'audit-containerd-config',
  'audit_path:/etc/default/docker': 'audit-etc-default-docker',
  'audit_path:/etc/docker': 'audit-etc-docker',
  'audit_path:/etc/docker/daemon.json': 'audit-daemon-json',
  'audit_path:/etc/sysconfig/docker': 'audit-etc-sysconfig-docker',
  'audit_path:/run/containerd': 'audit-run-containerd',
  'audit_path:/usr/bin/containerd': 'audit-containerd-binary',
  'audit_path:/usr/bin/docker-containerd': 'audit-containerd-binary',
  'audit_path:/usr/bin/containerd-shim': 'audit-containerd-shim',
  'audit_path:/usr/bin/containerd-shim-runc-v1': 'audit-containerd-shim-runc-v1',
  'audit_path:/usr/bin/containerd-shim-runc-v2': 'audit-containerd-shim-runc-v2',
  'audit_path:/usr/bin/docker-runc': 'audit-runc-binary',
  'audit_path:/usr/bin/runc': 'audit-runc-binary',
  'audit_path:/usr/sbin/runc': 'audit-runc-binary',
  'audit_path:/var/lib/docker': 'audit-var-lib-docker',
  'audit_path:containerd.sock': 'audit-containerd-socket',
  'audit_path:docker.service': 'audit-docker-service',
  'audit_path:docker.socket': 'audit-docker-socket-unit',
  aufs: 'aufs-storage-driver',
  authz: 'authorization-plugin',
  autolock: 'swarm-autolock',
  autolock_rotate: 'swarm-autolock-key-rotation',
  backup: 'container-data-backup',
  base_device: 'base-device-size',
  bind_iface: 'bind-host-interface',
  ca_certs: 'swarm-ca-rotation',
  'cap_specific:dac_read_search': 'cap-dac-read-search',
  'cap_specific:sys_admin': 'cap-sys-admin',
  'cap_specific:sys_module': 'cap-sys-module',
  'cap_specific:sys_ptrace': 'cap-sys-ptrace',
  capabilities: 'restrict-capabilities',
  cgroup_usage: 'container-cgroup-parent',
  client_bundles: 'ucp-client-bundles',
  container_nnp: 'container-no-new-privileges',
  container_sprawl: 'container-sprawl',
  content_trust: 'content-trust',
  copy_add: 'copy-not-add',
  cpu: 'cpu-priority',
  daemon_cgroup: 'daemon-cgroup-parent',
  daemon_nnp: 'daemon-no-new-privileges',
  daemon_seccomp: 'daemon-seccomp-profile',
  daemon_tls: 'daemon-tls',
  daemon_ulimit: 'daemon-default-ulimit',
  docker0: 'default-bridge-unused',
  docker_current: 'docker-up-to-date',
  docker_socket: 'docker-socket-not-mounted',
  dtr_scanning: 'dtr-image-scanning',
  exec_privileged: 'exec-privileged',
  exec_user: 'exec-user-root',
  experimental: 'experimental-features',
  ext_certs: 'ucp-external-certificates',
  'file_owner:/etc/default/docker file': 'etc-default-docker-ownership',
  'file_perms:/etc/default/docker file': 'etc-default-docker-permissions',
  'file_owner:/etc/docker directory': 'etc-docker-ownership',
  'file_perms:/etc/docker directory': 'etc-docker-permissions',
  'file_owner:/etc/sysconfig/docker file': 'etc-sysconfig-docker-ownership',
  'file_perms:/etc/sysconfig/docker file': 'etc-sysconfig-docker-permissions',
  'file_owner:containerd socket file': 'containerd-socket-ownership',
  'file_perms:containerd socket file': 'containerd-socket-permissions',
  'file_owner:daemon.json file': 'daemon-json-ownership',
  'file_perms:daemon.json file': 'daemon-json-permissions',
  'file_owner:docker server certificate file': 'server-certificate-ownership',
  'file_perms:docker server certificate file': 'server-certificate-permissions',
  'file_owner:docker server certificate key file': 'server-key-ownership',
  'file_owner:docker server key file': 'server-key-ownership',
  'file_perms:docker server certificate key file': 'server-key-permissions',
  'file_perms:docker server key file': 'server-key-permissions',
  'file_owner:docker socket file': 'docker-socket-ownership',
  'file_perms:docker socket file': 'docker-socket-permissions',
  'file_owner:docker.service file': 'docker-service-ownership',
  'file_perms:docker.service file': 'docker-service-permissions',
  'file_owner:docker.socket file': 'docker-socket-unit-ownership',
  'file_perms:docker.socket file': 'docker-socket-unit-permissions',
  'file_owner:registry certificate file': 'registry-certificate-ownership',
  'file_perms:registry certificate file': 'registry-certificate-permissions',
  'file_owner:tls ca certificate file': 'tls-ca-certificate-ownership',
  'file_perms:tls ca certificate file': 'tls-ca-certificate-permissions',
  harden_host: 'harden-host',
  health_runtime: 'runtime-health-check',
  healthcheck_image: 'image-healthcheck',
  host_devices: 'host-devices',
  host_ipc: 'host-ipc-namespace',
  host_net: 'host-network-namespace',
  host_pid: 'host-pid-namespace',
  host_userns: 'host-user-namespace',
  host_uts: 'host-uts-namespace',
  icc: 'inter-container-communication',
  image_sprawl: 'image-sprawl',
  image_user: 'image-non-root-user',
  insecure_registry: 'insecure-registries',
  iptables: 'iptables-management',
  latest_image: 'latest-image-version',
  ldap: 'ucp-ldap',
  legacy_registry: 'legacy-registry-v1',
  live_restore: 'live-restore',
  log_level: 'daemon-log-level',
  manager_nodes: 'swarm-manager-count',
  memory: 'memory-limit',
  mgmt_plane: 'swarm-plane-separation',
  monitor_usage: 'monitor-container-usage',
  mount_propagation: 'mount-propagation',
  needed_ports: 'needed-ports-only',
  node_certs: 'swarm-node-certificate-rotation',
  overlay_encrypt: 'overlay-encryption',
  partition: 'separate-partition',
  pids_limit: 'pids-limit',
  priv_ports: 'privileged-ports',
  privileged: 'privileged-containers',
  rbac: 'ucp-rbac',
  readonly_rootfs: 'read-only-root-filesystem',
  remote_logging: 'centralised-logging',
  restart_policy: 'on-failure-restart-policy',
  rootless: 'rootless-daemon',
  runtime_ulimit: 'runtime-ulimit-override',
  scan_rebuild: 'image-scan-rebuild',
  seccomp_default: 'seccomp-not-disabled',
  secrets_dockerfile: 'no-secrets-in-dockerfiles',
  security_audits: 'security-audits',
  selinux: 'selinux-options',
  sensitive_dirs: 'sensitive-host-directories',
  session_lifetime: 'ucp-session-lifetime',
  session_limit: 'ucp-session-limit',
  setuid: 'remove-setuid-setgid',
  signed_artifacts: 'signed-artifacts',
  signed_enforce: 'ucp-signed-images',
  sshd: 'no-sshd',
  swarm_bind: 'swarm-bind-interface',
  swarm_mode: 'swarm-mode-disabled',
  swarm_secrets: 'swarm-secrets',
  trusted_base: 'trusted-base-images',
  trusted_users: 'trusted-docker-users',
  unneeded_pkgs: 'minimal-packages',
  update_alone: 'update-not-alone',
  userland_proxy: 'userland-proxy',
  userns: 'user-namespace-remap',
  verified_pkgs: 'verified-packages',
};

/** The community "example" checks test nothing, so the catalog leaves them out. */
const SKIPPED_KEYS = new Set(['example']);

/** aquasecurity titles whose wording matches no docker-bench-security title: a fragment of the title → key. */
const AQUASEC_TITLE_KEYS = [
  ['healthcheck instructions have been added', 'healthcheck_image'],
  ['memory usage for container is limited', 'memory'],
  ['cpu priority is set appropriately', 'cpu'],
  ['default ulimit is overwritten at runtime', 'runtime_ulimit'],
  ['host s user namespaces', 'host_userns'],
  ['etc containerd config toml', 'audit_path:/etc/containerd/config.toml'],
  ['server certificate file permissions', 'file_perms:docker server certificate file'],
  ['docker socket file permissions', 'file_perms:docker socket file'],
  ['containerd socket file ownershi', 'file_owner:containerd socket file'],
  ['containerd socket file permissions', 'file_perms:containerd socket file'],
  ['update instructions are not use alone', 'update_alone'],
  ['copy is used instead of add', 'copy_add'],
];

const DBS_LINES = [
  {
    // v1.3.1 still prints v1.3.0; v1.3.2 prints its own version and the same checks.
    line: 'v1.3.0',
    checkSet: 'docker-bench-security-1.3.0',
    benchmark: 'cis-docker-1.13.0',
    benchmarkName: 'CIS Docker 1.13.0 Benchmark v1.0.0',
    printedVersions: ['1.3.0', '1.3.2'],
  },
  {
    line: 'v1.3.3',
    checkSet: 'docker-bench-security-1.3.3',
    benchmark: 'cis-docker-ce-1.1.0',
    benchmarkName: 'CIS Docker Community Edition Benchmark v1.1.0',
    printedVersions: ['1.3.3'],
  },
  {
    line: 'v1.3.4 (untagged; Docker Hub image)',
    checkSet: 'docker-bench-security-1.3.4',
    benchmark: 'cis-docker-ce-1.1.0',
    benchmarkName: 'CIS Docker Community Edition Benchmark v1.1.0',
    printedVersions: ['1.3.4'],
  },
  {
    line: 'v1.3.5',
    checkSet: 'docker-bench-security-1.3.5',
    benchmark: 'cis-docker-1.2.0',
    benchmarkName: 'CIS Docker Benchmark v1.2.0',
    printedVersions: ['1.3.5'],
  },
  {
    line: 'v1.3.5+scored (master 2020-05..2021-05)',
    checkSet: 'docker-bench-security-1.3.5-scored',
    benchmark: 'cis-docker-1.2.0',
    benchmarkName: 'CIS Docker Benchmark v1.2.0',
    printedVersions: ['1.3.5', '1.3.6'],
  },
  {
    // The v1.3.6 tag (cd1619c, 2022-03-07) says "Based on the CIS Docker Benchmark 1.4.0" and adds check 4.12,
    // which CIS 1.4.0 introduced; builds from 2021-05 to 2022-03 printed v1.3.6 with CIS 1.3.1 and no 4.12.
    line: 'v1.3.6',
    checkSet: 'docker-bench-security-1.3.6',
    benchmark: 'cis-docker-1.4.0',
    benchmarkName: 'CIS Docker Benchmark v1.4.0',
    printedVersions: ['1.3.6'],
  },
  {
    line: 'v1.5.0',
    checkSet: 'docker-bench-security-1.5.0',
    benchmark: 'cis-docker-1.5.0',
    benchmarkName: 'CIS Docker Benchmark v1.5.0',
    printedVersions: ['1.5.0'],
  },
  {
    line: 'v1.6.0',
    checkSet: 'docker-bench-security-1.6.0',
    benchmark: 'cis-docker-1.6.0',
    benchmarkName: 'CIS Docker Benchmark v1.6.0',
    printedVersions: ['1.6.0'],
  },
  {
    line: 'v1.6.1 / master (swarm check moved to 5.1)',
    checkSet: 'docker-bench-security-1.6.1',
    benchmark: 'cis-docker-1.6.0',
    benchmarkName: 'CIS Docker Benchmark v1.6.0',
    printedVersions: ['1.6.0'],
  },
];

const AQUASEC_CONFIGS = [
  // printedVersions: the id the config's definitions.yaml gives, which the tool prints in its header line
  // ("[INFO] 18.09 CIS Docker ..."); cis-1.3.1 said 20.04 until a493aa3 (2024-03-22), then 20.10.
  {
    config: 'cis-1.2',
    checkSet: 'aquasec-cis-1.2',
    benchmark: 'cis-docker-1.2.0',
    benchmarkName: 'CIS Docker Benchmark v1.2.0',
    printedVersions: ['18.09'],
    levelsFrom: 'docker-bench-security-1.3.5',
  },
  {
    config: 'cis-1.3.1',
    checkSet: 'aquasec-cis-1.3.1',
    benchmark: 'cis-docker-1.3.1',
    benchmarkName: 'CIS Docker Benchmark v1.3.1',
    printedVersions: ['20.04', '20.10'],
    levelsFrom: 'docker-bench-security-1.3.6',
  },
  {
    config: 'cis-1.6.0',
    checkSet: 'aquasec-cis-1.6.0',
    benchmark: 'cis-docker-1.6.0',
    benchmarkName: 'CIS Docker Benchmark v1.6.0',
    printedVersions: ['20.10'],
    levelsFrom: 'docker-bench-security-1.6.0',
  },
];

const SUFFIX = /\((Scored|Not Scored|Automated|Manual)\)+\s*$/;

function readTsv(name) {
  const [head, ...lines] = readFileSync(join(research, name), 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

function conceptOf(key) {
  const slug = CONCEPTS[key];
  if (!slug) throw new Error(`no concept slug for research key "${key}"`);
  return slug;
}

const scoredFromFlag = (flag) =>
  /^(?:Scored|Automated)$/.test(flag)
    ? true
    : /^(?:Not Scored|Manual)$/.test(flag)
      ? false
      : undefined;
const levelOf = (l) => (l === 'L1' ? 1 : l === 'L2' ? 2 : undefined);
const words = (t) =>
  t
    .replace(SUFFIX, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function addSection(sections, id, title) {
  if (!sections.some((s) => s.id === id)) sections.push({ id, title });
}

function compact(check) {
  return Object.fromEntries(Object.entries(check).filter(([, v]) => v !== undefined));
}

const dbsRows = readTsv('checks.tsv');
const keyByWords = new Map(dbsRows.map((r) => [words(r.title_normalized), r.concept_key]));
const sets = [];

for (const def of DBS_LINES) {
  const rows = dbsRows.filter(
    (r) => r.docker_bench_version_line === def.line && !SKIPPED_KEYS.has(r.concept_key)
  );
  if (rows.length === 0) throw new Error(`no rows for ${def.line}`);
  const sections = [];
  const checks = rows.map((r) => {
    addSection(sections, r.section_id, r.section_title);
    let section = r.section_id;
    const sub = /^(\d+\.\d+) (.+)$/.exec(r.subsection);
    if (sub) {
      addSection(sections, sub[1], sub[2]);
      section = sub[1];
    }
    return compact({
      id: r.id,
      title: r.title_normalized.trim(),
      section,
      scored: scoredFromFlag(r.automated_or_scored_flag),
      level: levelOf(r.level),
      concept: conceptOf(r.concept_key),
      optIn: r.runs_by_default.startsWith('no') ? true : undefined,
    });
  });
  const first = rows[0];
  // Before the 2020 (Scored) suffixes the flag came from CIS, not from what the tool prints.
  const printsFlags = !rows.every((r) => /^not printed|^community/.test(r.flag_source));
  sets.push({
    checkSet: def.checkSet,
    tool: 'docker-bench-security',
    benchmark: def.benchmark,
    benchmarkName: def.benchmarkName,
    printedVersions: def.printedVersions,
    ...(printsFlags ? {} : { titleSuffixes: false }),
    source: {
      repository: 'docker/docker-bench-security',
      ref: first.git_ref,
      commit: first.git_commit,
    },
    sections,
    checks,
  });
}

const aquasecRows = readTsv('aquasec-checks.tsv');
for (const def of AQUASEC_CONFIGS) {
  const rows = aquasecRows.filter((r) => r.benchmark === def.config);
  const levels = new Map(
    sets.find((s) => s.checkSet === def.levelsFrom).checks.map((c) => [c.concept, c.level])
  );
  const sections = [];
  const checks = rows.map((r) => {
    const w = words(r.title);
    const key =
      keyByWords.get(w) ?? AQUASEC_TITLE_KEYS.find(([fragment]) => w.includes(fragment))?.[1];
    if (!key) throw new Error(`${def.config} ${r.id}: no concept for "${r.title}"`);
    const concept = conceptOf(key);
    addSection(sections, r.section_id, r.section_title);
    const flag = SUFFIX.exec(r.title)?.[1];
    return compact({
      id: r.id,
      title: r.title.replace(SUFFIX, '').trim(),
      section: r.section_id,
      scored: flag ? scoredFromFlag(flag) : r.scored === 'true',
      level: levels.get(concept),
      concept,
    });
  });
  sets.push({
    checkSet: def.checkSet,
    tool: 'aquasec-docker-bench',
    benchmark: def.benchmark,
    benchmarkName: def.benchmarkName,
    printedVersions: def.printedVersions,
    source: {
      repository: 'aquasecurity/docker-bench',
      ref: `cfg/${def.config}`,
      commit: rows[0].git_commit,
    },
    sections,
    checks,
  });
}

mkdirSync(outDir, { recursive: true });
for (const set of sets) {
  const header = `# Generated by scripts/catalog-from-research.mjs; titles and ids as the tool prints them.\n`;
  writeFileSync(
    join(outDir, `${set.checkSet}.yaml`),
    header + yaml.dump(set, { lineWidth: 200, noRefs: true })
  );
}
console.log(
  `${sets.length} check sets, ${sets.reduce((n, s) => n + s.checks.length, 0)} checks, ${new Set(sets.flatMap((s) => s.checks.map((c) => c.concept))).size} concepts`
);
