/** The STRIDE vocabulary shared by content, search and the worksheet. */

export const STRIDE_CATEGORIES = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const;

export type StrideCategory = (typeof STRIDE_CATEGORIES)[number];

export const STRIDE_LABELS: Record<StrideCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
};

/** One-letter codes, as used in threat ids (DOCKER-S-01). */
export const STRIDE_LETTERS: Record<StrideCategory, string> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  'information-disclosure': 'I',
  'denial-of-service': 'D',
  'elevation-of-privilege': 'E',
};

/** The security property each category violates. */
export const STRIDE_PROPERTIES: Record<StrideCategory, string> = {
  spoofing: 'Authenticity',
  tampering: 'Integrity',
  repudiation: 'Non-repudiation',
  'information-disclosure': 'Confidentiality',
  'denial-of-service': 'Availability',
  'elevation-of-privilege': 'Authorization',
};

export const PLATFORMS = ['docker', 'kubernetes'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  docker: 'Docker',
  kubernetes: 'Kubernetes',
};

export const ELEMENT_KINDS = ['process', 'data-store', 'external-entity'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/**
 * STRIDE-per-element: which categories apply to which kind of element
 * (Shostack, Threat Modeling: Designing for Security, ch. 3).
 */
export const STRIDE_PER_ELEMENT: Record<ElementKind, readonly StrideCategory[]> = {
  'external-entity': ['spoofing', 'repudiation'],
  process: STRIDE_CATEGORIES,
  'data-store': ['tampering', 'repudiation', 'information-disclosure', 'denial-of-service'],
};

export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Severity from likelihood and impact on the OWASP Risk Rating grid:
 * critical only when both are high; otherwise the sum of their ranks decides.
 */
export function severityFor(likelihood: Level, impact: Level): Severity {
  const l = LEVELS.indexOf(likelihood) + 1;
  const i = LEVELS.indexOf(impact) + 1;
  if (l === 3 && i === 3) return 'critical';
  if (l + i >= 5) return 'high';
  if (l + i === 4) return 'medium';
  return 'low';
}
/** Parses a threat id such as DOCKER-S-01 into its parts. */
export function parseThreatId(
  id: string
): { platform: Platform; letter: string; number: number } | undefined {
  const m = /^(DOCKER|K8S)-([STRIDE])-(\d{2})$/.exec(id);
  if (!m) return undefined;
  return {
    platform: m[1] === 'DOCKER' ? 'docker' : 'kubernetes',
    letter: m[2]!,
    number: Number(m[3]),
  };
}
