import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { realIndexFile } from './real-index';
import { loadSearchIndex, search, type SearchResult } from '../../../src/lib/search/query';

// Built once from content/ with the endpoint's code, serialised and parsed as the browser gets it.
const json = JSON.stringify(realIndexFile());
const engine = loadSearchIndex(JSON.parse(json));

type Expectation = string | ((r: SearchResult) => boolean);
const stride = (letter: string) => (r: SearchResult) => (r.doc.s ?? '').includes(letter);
const kubernetes = (r: SearchResult) => r.doc.p === 1;

/** What a reader types, and what must come first. A string is the URL of the first result. */
const TABLE: [string, Expectation][] = [
  ['5.10', '/checks/docker/memory-limit/'],
  ['5.14', '/checks/docker/on-failure-restart-policy/'],
  ['5.22', '/checks/docker/exec-privileged/'],
  ['5.4', '/checks/docker/privileged-containers/'],
  ['K8S-I-01', '/threats/k8s-i-01/'],
  ['k8s-i-01', '/threats/k8s-i-01/'],
  ['DOCKER-S-02', '/threats/docker-s-02/'],
  ['docker-e-01', '/threats/docker-e-01/'],
  ['--icc', '/checks/docker/inter-container-communication/'],
  ['icc', '/checks/docker/inter-container-communication/'],
  ['no-new-privileges', '/checks/docker/daemon-no-new-privileges/'],
  ['--privileged', '/checks/docker/exec-privileged/'],
  ['CAP_NET_RAW', '/threats/k8s-s-01/'],
  ['NET_RAW', '/checks/kubernetes/net-raw-capability/'],
  ['CAP_SYS_ADMIN', '/checks/docker/cap-sys-admin/'],
  ['docker.sock', '/checks/docker/docker-socket-not-mounted/'],
  ['/var/run/docker.sock', '/checks/docker/docker-socket-not-mounted/'],
  ['DOCKER_CONTENT_TRUST', '/checks/docker/content-trust/'],
  ['etcd', '/kubernetes/#component-etcd'],
  ['kubelet 10250', '/kubernetes/#component-kubelet'],
  ['2375', '/docker/#component-dockerd'],
  ['privesc', stride('E')],
  ['k8s', kubernetes],
  ['dos', stride('D')],
  ['mitm', stride('S')],
  ['kubernetes rbac', '/threats/k8s-e-02/'],
  ['psp', kubernetes],
  ['kubelt', '/kubernetes/#component-kubelet'],
  ['etdc', '/kubernetes/#component-etcd'],
  ['memroy limit', '/checks/docker/memory-limit/'],
  ['kube', kubernetes],
  ['seccomp', (r) => r.doc.k === 1 && r.doc.u.includes('seccomp')],
  ['apparmor', '/checks/docker/apparmor-profile/'],
  ['userns-remap', '/checks/docker/user-namespace-remap/'],
  ['memory limit', '/checks/docker/memory-limit/'],
  ['restart policy on-failure', '/checks/docker/on-failure-restart-policy/'],
  ['docker exec privileged', '/checks/docker/exec-privileged/'],
  ['kubelet anonymous auth', '/checks/kubernetes/kubelet-anonymous-auth/'],
  ['serviceaccount token', '/kubernetes/#component-service-account-tokens'],
  ['image signing content trust', '/checks/docker/content-trust/'],
  ['read-only root filesystem', '/checks/docker/read-only-root-filesystem/'],
  ['fork bomb', '/threats/docker-d-01/'],
  ['secrets encryption at rest', '/threats/k8s-i-01/'],
  ['arp spoofing', '/threats/k8s-s-01/'],
  ['admission webhook', '/kubernetes/#component-admission-webhooks'],
  ['container escape', (r) => r.doc.u.startsWith('/threats/docker-e-')],
  ['hostPath', '/checks/kubernetes/hostpath-volumes/'],
  ['metadata 169.254.169.254', '/kubernetes/#component-cloud-metadata'],
  ['title:etcd', '/kubernetes/#component-etcd'],
  ['🐳 etcd', '/kubernetes/#component-etcd'],
];

describe('the real index', () => {
  test.each(TABLE)('%s', (query, expected) => {
    const [first] = search(engine, query);
    expect(first, `no result for ${query}`).toBeDefined();
    if (typeof expected === 'string') expect(first!.doc.u).toBe(expected);
    else expect(expected(first!), `first result ${first!.doc.u}`).toBe(true);
  });

  test('fits its budget: at most 60 KB gzip for the whole catalog', () => {
    expect(gzipSync(json, { level: 9 }).length).toBeLessThanOrEqual(60 * 1024);
  });

  test('every record kind is there, deep-linked', () => {
    const kinds = new Set(engine.docs.map((d) => d.k));
    expect([...kinds].sort()).toEqual([0, 1, 2, 3]);
    expect(engine.docs.some((d) => /^\/threats\/[a-z0-9-]+\/#[a-z-]+$/.test(d.u))).toBe(true);
    expect(engine.docs.some((d) => d.u.startsWith('/about/#'))).toBe(true);
    expect(engine.docs.some((d) => /^\/(docker|kubernetes)\/#component-/.test(d.u))).toBe(true);
  });

  // Figures, printed and never asserted: timings belong to `npm run bench`, not to pass/fail.
  test('figures: size, load time, query latency', () => {
    const loads: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      loadSearchIndex(JSON.parse(json));
      loads.push(performance.now() - start);
    }
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const [query] of TABLE) {
        const start = performance.now();
        search(engine, query);
        times.push(performance.now() - start);
      }
    }
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(2);
    console.log(
      `search index: ${engine.docs.length} records, ${(json.length / 1024).toFixed(1)} KB raw, ${(gzipSync(json, { level: 9 }).length / 1024).toFixed(1)} KB gzip; ` +
        `parse+load median ${pct(loads, 50)} ms; query p50 ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms over ${times.length} queries`,
    );
    expect(times.length).toBe(TABLE.length * 20);
  });
});
