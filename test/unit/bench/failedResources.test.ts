import { describe, it, expect } from 'vitest';
import {
  ResourceList,
  kubescapeResource,
  operatorTarget,
  trivyTarget,
} from '../../../src/lib/bench/failedResources';
import type { Finding } from '../../../src/lib/bench/types';

function finding(): Finding {
  return {
    id: '5.7.3',
    title: 't',
    status: 'FAIL',
    outcome: 'fail',
    section: '5',
    details: [],
    line: 1,
  };
}

describe('naming the objects a result failed on', () => {
  it('reads Trivy targets and keeps images and files as names', () => {
    expect(trivyTarget('Deployment/owasp-juiceshop')).toEqual({
      kind: 'Deployment',
      name: 'owasp-juiceshop',
    });
    expect(trivyTarget('NodeInfo/tawa')).toEqual({ kind: 'NodeInfo', name: 'tawa' });
    expect(trivyTarget('ghcr.io/acme/api:1.0 (alpine 3.19.1)')).toEqual({
      kind: '',
      name: 'ghcr.io/acme/api:1.0 (alpine 3.19.1)',
    });
    expect(trivyTarget('Dockerfile')).toEqual({ kind: '', name: 'Dockerfile' });
  });

  it('reads trivy-operator targets, named after the report of the object', () => {
    expect(operatorTarget('shop/replicaset-shop-7d9c6f5b8d')).toEqual({
      kind: 'ReplicaSet',
      name: 'shop-7d9c6f5b8d',
      namespace: 'shop',
    });
    expect(operatorTarget('/clusterrole-admin')).toEqual({ kind: 'ClusterRole', name: 'admin' });
    expect(operatorTarget('/clusterrolebinding-ops')).toEqual({
      kind: 'ClusterRoleBinding',
      name: 'ops',
    });
    expect(operatorTarget('ns/5c6f8d9b7')).toEqual({
      kind: '',
      name: '5c6f8d9b7',
      namespace: 'ns',
    });
  });

  it('reads kubescape resource ids, RBAC subjects with the role and binding that grant them', () => {
    expect(kubescapeResource('apps/v1/kube-system/Deployment/coredns')).toEqual({
      kind: 'Deployment',
      name: 'coredns',
      namespace: 'kube-system',
    });
    expect(kubescapeResource('/v1//Node/k3d-server-0')).toEqual({
      kind: 'Node',
      name: 'k3d-server-0',
    });
    expect(
      kubescapeResource(
        '/kube-system/ServiceAccount/helm/rbac.authorization.k8s.io/v1//ClusterRole/cluster-admin/rbac.authorization.k8s.io/v1//ClusterRoleBinding/helm-admin'
      )
    ).toEqual({
      kind: 'ServiceAccount',
      name: 'helm',
      namespace: 'kube-system',
      detail: 'via ClusterRole/cluster-admin, ClusterRoleBinding/helm-admin',
    });
    expect(
      kubescapeResource(
        'rbac.authorization.k8s.io//Group/system:masters/rbac.authorization.k8s.io/v1//ClusterRole/cluster-admin/rbac.authorization.k8s.io/v1//ClusterRoleBinding/cluster-admin'
      )
    ).toMatchObject({ kind: 'Group', name: 'system:masters' });
    expect(kubescapeResource('not an id')).toEqual({ kind: '', name: 'not an id' });
  });
});

describe('ResourceList', () => {
  it('merges results on one object and joins their details', () => {
    const list = new ResourceList();
    list.add({ kind: 'DaemonSet', name: 'calico-node', detail: 'KSV012: runs as root' });
    list.add({ kind: 'DaemonSet', name: 'calico-node', detail: 'KSV014: writable root' });
    list.add({ kind: 'DaemonSet', name: 'calico-node', detail: 'KSV012: runs as root' });
    const f = finding();
    list.attach(f);
    expect(f.resources).toEqual([
      {
        kind: 'DaemonSet',
        name: 'calico-node',
        detail: 'KSV012: runs as root; KSV014: writable root',
      },
    ]);
    expect(f.resourcesOmitted).toBeUndefined();
  });

  it('keeps the first 50 objects and counts each further object once', () => {
    const list = new ResourceList();
    for (let i = 0; i < 70; i++) list.add({ kind: 'Pod', name: `p${i % 60}`, namespace: 'a' });
    const f = finding();
    list.attach(f);
    expect(list.count).toBe(60);
    expect(f.resources).toHaveLength(50);
    expect(f.resourcesOmitted).toBe(10);
  });

  it('cuts long details', () => {
    const list = new ResourceList();
    list.add({ kind: 'Pod', name: 'p', detail: 'x'.repeat(1000) });
    const f = finding();
    list.attach(f);
    expect(f.resources?.[0]?.detail?.length).toBe(300);
  });

  it('leaves a finding without failed objects untouched', () => {
    const f = finding();
    new ResourceList().attach(f);
    expect('resources' in f).toBe(false);
  });
});
