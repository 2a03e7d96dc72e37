import type { DetectedBenchmark } from './types';

/**
 * Trivy's built-in compliance specs (aquasecurity/trivy-checks pkg/compliance, and the unversioned ids Trivy used
 * from v0.36 to v0.52 and trivy-operator's `cis`) with the CIS benchmark each follows.
 */
export interface TrivySpec {
  /** The id Trivy uses today. */
  id: string;
  /** Older ids of the same spec. */
  aliases: readonly string[];
  /** Recognises the spec by the title a summary table prints. */
  title: RegExp;
  /** CIS benchmark id; undefined for specs that are not CIS benchmarks (NSA, Pod Security Standards). */
  benchmark?: string;
  /** The catalog check set with the spec's controls. */
  checkSet?: string;
  /** Top-level sections whose checks read the control plane (API server, controller manager, scheduler, etcd). */
  controlPlaneSections: readonly string[];
  /** Controls that are not manual yet map to no check, so Trivy reports them as passing whatever the cluster. */
  noCheck: readonly string[];
  /** How many controls the spec has under its current id. */
  controls?: number;
}

const SPECS: readonly TrivySpec[] = [
  {
    id: 'k8s-cis-1.23',
    aliases: ['k8s-cis', 'cis'],
    title: /^CIS Kubernetes Benchmarks? v1\.23/i,
    benchmark: 'cis-kubernetes-1.23',
    checkSet: 'trivy-k8s-cis-1.23',
    controlPlaneSections: ['1', '2', '3'],
    noCheck: [],
    controls: 116,
  },
  {
    id: 'rke2-cis-1.24',
    aliases: [],
    title: /RKE2 v1\.24/i,
    benchmark: 'cis-kubernetes-1.24',
    checkSet: 'trivy-rke2-cis-1.24',
    controlPlaneSections: ['1', '2', '3'],
    noCheck: [],
    controls: 116,
  },
  {
    id: 'eks-cis-1.4',
    aliases: ['eks-cis'],
    title: /EKS CIS Foundations v1\.4/i,
    benchmark: 'cis-eks-1.4.0',
    checkSet: 'trivy-eks-cis-1.4',
    controlPlaneSections: ['1', '2'],
    noCheck: ['5.1.1'],
    controls: 51,
  },
  {
    id: 'docker-cis-1.6.0',
    aliases: ['docker-cis'],
    title: /^CIS Docker Community Edition Benchmark/i,
    benchmark: 'cis-docker-1.6.0',
    checkSet: 'trivy-docker-cis-1.6.0',
    controlPlaneSections: [],
    noCheck: [],
    controls: 12,
  },
  {
    id: 'k8s-nsa-1.0',
    aliases: ['k8s-nsa', 'nsa'],
    title: /NSA|Hardening Guidance/i,
    controlPlaneSections: [],
    noCheck: [],
  },
  {
    id: 'k8s-pss-baseline-0.1',
    aliases: ['k8s-pss-baseline', 'pss-baseline'],
    title: /Pod Security Standards\W+Baseline/i,
    controlPlaneSections: [],
    noCheck: [],
  },
  {
    id: 'k8s-pss-restricted-0.1',
    aliases: ['k8s-pss-restricted', 'pss-restricted'],
    title: /Pod Security Standards\W+Restricted/i,
    controlPlaneSections: [],
    noCheck: [],
  },
  {
    id: 'aws-cis-1.4',
    aliases: [],
    title: /^AWS CIS Foundations v1\.4/i,
    controlPlaneSections: [],
    noCheck: [],
  },
  {
    id: 'aws-cis-1.2',
    aliases: [],
    title: /^AWS CIS Foundations v1\.2/i,
    controlPlaneSections: [],
    noCheck: [],
  },
];

/** The spec a report names by id, else by title; undefined for a custom spec. */
export function findTrivySpec(
  id: string | undefined,
  title: string | undefined
): TrivySpec | undefined {
  const key = id?.trim().toLowerCase();
  if (key) {
    const byId = SPECS.find((s) => s.id === key || s.aliases.includes(key));
    if (byId) return byId;
  }
  const t = title?.trim();
  return t ? SPECS.find((s) => s.title.test(t)) : undefined;
}

// Trivy v0.37 to v0.52 titled its docker-cis spec after CIS Docker CE 1.1.0; the controls were the same 4.1 to 4.11.
const DOCKER_TITLE_VERSION = /Benchmark v(\d{1,2}\.\d{1,2}\.\d{1,2})\s*$/i;

/** The CIS benchmark a report follows, with what says so; undefined for specs that are not CIS benchmarks. */
export function trivyBenchmark(
  spec: TrivySpec | undefined,
  id: string | undefined,
  title: string | undefined
): DetectedBenchmark | undefined {
  if (!spec?.benchmark) return undefined;
  const named = [id ? `spec id "${id}"` : '', title ? `title "${title}"` : '']
    .filter(Boolean)
    .join(' and ');
  if (spec.id === 'docker-cis-1.6.0' && title) {
    const v = DOCKER_TITLE_VERSION.exec(title)?.[1];
    if (v === '1.1.0')
      return {
        id: 'cis-docker-ce-1.1.0',
        confidence: 'high',
        evidence: `${named}: Trivy v0.37 to v0.52 named CIS Docker CE 1.1.0 for the same image checks 4.1 to 4.11`,
      };
  }
  return {
    id: spec.benchmark,
    confidence: 'high',
    evidence: `Trivy compliance ${named}${spec.aliases.includes(id ?? '') ? ` (the older id of ${spec.id})` : ''}`,
  };
}
