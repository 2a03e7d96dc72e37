import { MAX_RESOURCES, type FailedResource, type Finding } from './types';

/** What a finding keeps of the resources it failed on: the first MAX_RESOURCES, merged by object, and a count. */

const MAX_DETAIL = 300;

/** Collects the resources one control failed on; one entry per object, its details joined. */
export class ResourceList {
  private readonly byKey = new Map<string, FailedResource>();
  private readonly order: FailedResource[] = [];
  private extra = 0;

  add(resource: FailedResource): void {
    const key = `${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}`;
    const known = this.byKey.get(key);
    if (known) {
      if (resource.detail) known.detail = joinDetail(known.detail, resource.detail);
      return;
    }
    if (this.order.length >= MAX_RESOURCES) {
      // Past the cap only the count matters, but a repeated object must still count once.
      if (!this.byKey.has(key)) {
        this.byKey.set(key, resource);
        this.extra++;
      }
      return;
    }
    const kept: FailedResource = { kind: resource.kind, name: resource.name };
    if (resource.namespace) kept.namespace = resource.namespace;
    if (resource.detail) kept.detail = cut(resource.detail);
    this.byKey.set(key, kept);
    this.order.push(kept);
  }

  get count(): number {
    return this.order.length + this.extra;
  }

  /** Sets `resources` and `resourcesOmitted` on a finding when anything was collected. */
  attach(finding: Finding): void {
    if (this.order.length === 0) return;
    finding.resources = this.order;
    if (this.extra > 0) finding.resourcesOmitted = this.extra;
  }
}

function cut(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_DETAIL ? `${t.slice(0, MAX_DETAIL - 1)}…` : t;
}

function joinDetail(known: string | undefined, more: string): string {
  if (!known) return cut(more);
  if (known.length >= MAX_DETAIL || known.includes(more)) return known;
  return cut(`${known}; ${more}`);
}

const KIND = /^[A-Z][A-Za-z]{1,62}$/;

/** A Trivy target: "Deployment/owasp-juiceshop" or "NodeInfo/node-1"; an image, a file or anything else is a name. */
export function trivyTarget(target: string): FailedResource {
  const slash = target.indexOf('/');
  const kind = slash > 0 ? target.slice(0, slash) : '';
  if (!KIND.test(kind) || slash === target.length - 1) return { kind: '', name: target };
  return { kind, name: target.slice(slash + 1) };
}

// trivy-operator names its reports "<kind in lower case>-<name>"; longest kinds first, so "clusterrole" is not "role".
const OPERATOR_KINDS: readonly [string, string][] = [
  ['clusterrolebinding', 'ClusterRoleBinding'],
  ['replicationcontroller', 'ReplicationController'],
  ['clusterrole', 'ClusterRole'],
  ['rolebinding', 'RoleBinding'],
  ['statefulset', 'StatefulSet'],
  ['replicaset', 'ReplicaSet'],
  ['deployment', 'Deployment'],
  ['daemonset', 'DaemonSet'],
  ['cronjob', 'CronJob'],
  ['service', 'Service'],
  ['ingress', 'Ingress'],
  ['node', 'Node'],
  ['role', 'Role'],
  ['job', 'Job'],
  ['pod', 'Pod'],
];

/** A trivy-operator check target, "<namespace>/<kind>-<name>" (the namespace is empty for cluster objects). */
export function operatorTarget(target: string): FailedResource {
  const slash = target.indexOf('/');
  const namespace = slash >= 0 ? target.slice(0, slash) : '';
  const report = slash >= 0 ? target.slice(slash + 1) : target;
  const lower = report.toLowerCase();
  const kind = OPERATOR_KINDS.find(([prefix]) => lower.startsWith(`${prefix}-`));
  const resource: FailedResource = kind
    ? { kind: kind[1], name: report.slice(kind[0].length + 1) }
    : { kind: '', name: report };
  if (namespace) resource.namespace = namespace;
  return resource;
}

function isKind(part: string | undefined): boolean {
  const c = part?.charCodeAt(0) ?? 0;
  return c >= 65 && c <= 90;
}

/**
 * A kubescape resource id: "<group>/<version>/<namespace>/<kind>/<name>" ("apps/v1/default/Deployment/web",
 * "/v1//Node/n1"). RBAC subjects are "<group>/<namespace>/<kind>/<name>" followed by the role and the binding that
 * grant them, each in the long form; those two become the detail ("via ClusterRole/x, ClusterRoleBinding/y").
 */
export function kubescapeResource(id: string): FailedResource {
  const parts = id.split('/');
  let head: string[];
  let rest: string[];
  if (parts.length >= 4 && isKind(parts[2]) && !isKind(parts[3])) {
    head = ['', parts[1] ?? '', parts[2] ?? '', parts[3] ?? ''];
    rest = parts.slice(4);
  } else if (parts.length >= 5 && isKind(parts[3])) {
    head = ['', parts[2] ?? '', parts[3] ?? '', parts[4] ?? ''];
    rest = parts.slice(5);
  } else {
    return { kind: '', name: id };
  }
  const resource: FailedResource = { kind: head[2] as string, name: head[3] as string };
  if (head[1]) resource.namespace = head[1];
  const via: string[] = [];
  for (let i = 0; i + 4 < rest.length && via.length < 4; i += 5) {
    const kind = rest[i + 3];
    const name = rest[i + 4];
    if (isKind(kind) && name) via.push(`${kind}/${name}`);
  }
  if (via.length > 0) resource.detail = `via ${via.join(', ')}`;
  return resource;
}
