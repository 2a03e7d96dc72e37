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

export const guidePath = (slug: GuideSlug): string => `/guides/${slug}/`;

/** The Fix first page of each platform. */
export const FIX_FIRST_PATHS: Readonly<Record<Platform, string>> = {
  docker: guidePath('fix-first-docker'),
  kubernetes: guidePath('fix-first-kubernetes'),
};

/** Path and anchor of the section of Reading a benchmark run that explains a run problem. */
export function guideLink(code: RunProblemCode): string {
  return `${guidePath('reading-a-run')}#${code}`;
}

/** The Fix first page for a platform. */
export function fixFirstLink(platform: Platform): string {
  return FIX_FIRST_PATHS[platform];
}
