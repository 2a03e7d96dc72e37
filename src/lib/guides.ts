import type { AuditErrorCode, Finding } from './bench/types';
import type { Platform } from './stride';

/**
 * The guidance pages and their stable anchors, so the worksheet and search link them one way.
 * Reading a benchmark run has one section per kind of run problem, its id equal to the code a
 * finding carries when its audit could not run (or the tool did not check at all).
 */

export const GUIDE_SLUGS = ['fix-first-docker', 'fix-first-kubernetes', 'reading-a-run'] as const;
export type GuideSlug = (typeof GUIDE_SLUGS)[number];

/** Section ids of Reading a benchmark run, in page order. */
export const RUN_PROBLEM_CODES = [
  'no-daemon-access',
  'nothing-to-inspect',
  'missing-program',
  'unsupported-option',
  'docker-cli-crash',
  'audit-did-not-run',
  'trivy-control-plane-not-visible',
  'kubescape-skipped',
] as const;
export type RunProblemCode = (typeof RUN_PROBLEM_CODES)[number];

/** Each section's heading, as the worksheet names the link to it. */
export const RUN_PROBLEM_TITLES: Readonly<Record<RunProblemCode, string>> = {
  'no-daemon-access': 'No daemon access',
  'nothing-to-inspect': 'Nothing to inspect',
  'missing-program': 'Missing program',
  'unsupported-option': 'Unsupported option',
  'docker-cli-crash': 'Docker CLI crash',
  'audit-did-not-run': 'Audit did not run',
  'trivy-control-plane-not-visible': 'Trivy: control plane not visible',
  'kubescape-skipped': 'Kubescape skipped',
};

/** The Fix first pages' titles. */
export const FIX_FIRST_TITLES: Readonly<Record<Platform, string>> = {
  docker: 'Fix first on a Docker host',
  kubernetes: 'Fix first on a Kubernetes cluster',
};

export const guidePath = (slug: GuideSlug): string => `/guides/${slug}/`;

/** The Fix first page of each platform. */
export const FIX_FIRST_PATHS: Readonly<Record<Platform, string>> = {
  docker: guidePath('fix-first-docker'),
  kubernetes: guidePath('fix-first-kubernetes'),
};

/** Path and anchor of the section of Reading a benchmark run that explains a run problem; every audit error has one. */
export function guideLink(code: RunProblemCode | AuditErrorCode): string {
  return `${guidePath('reading-a-run')}#${code}`;
}

/** The Fix first page for a platform. */
export function fixFirstLink(platform: Platform): string {
  return FIX_FIRST_PATHS[platform];
}

/** A link to the section that explains a kind of audit error. */
export interface RunProblemGuide {
  code: RunProblemCode;
  title: string;
  href: string;
}

// Why Trivy or kubescape did not check a result, by the section that explains it; Trivy's controls without a
// check and results a tool did not evaluate have none.
const NOT_CHECKED_SECTIONS: Partial<Record<AuditErrorCode, RunProblemCode>> = {
  'control-plane-not-visible': 'trivy-control-plane-not-visible',
  'requires-operator': 'kubescape-skipped',
  'needs-configuration': 'kubescape-skipped',
  'needs-integration': 'kubescape-skipped',
  'scan-error': 'kubescape-skipped',
};

/** The section of Reading a benchmark run that explains a finding's audit error or why it was not checked. */
export function runProblemOf(code: AuditErrorCode): RunProblemCode | undefined {
  return (RUN_PROBLEM_CODES as readonly string[]).includes(code)
    ? (code as RunProblemCode)
    : NOT_CHECKED_SECTIONS[code];
}

/** The sections that explain the audit errors of these findings, the most frequent first. */
export function runProblemGuides(
  findings: readonly Pick<Finding, 'auditErrorCode'>[]
): RunProblemGuide[] {
  const counts = new Map<RunProblemCode, number>();
  for (const f of findings) {
    const code = f.auditErrorCode && runProblemOf(f.auditErrorCode);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .sort(
      (a, b) => b[1] - a[1] || RUN_PROBLEM_CODES.indexOf(a[0]) - RUN_PROBLEM_CODES.indexOf(b[0])
    )
    .map(([code]) => ({ code, title: RUN_PROBLEM_TITLES[code], href: guideLink(code) }));
}
