import { z } from 'zod';
import {
  ELEMENT_KINDS,
  LEVELS,
  PLATFORMS,
  SEVERITIES,
  STRIDE_CATEGORIES,
  parseThreatId,
  severityFor,
  STRIDE_LETTERS,
} from '../stride';
import { BENCHMARK_IDS } from './benchmarks';
import { MS_THREAT_MATRIX_IDS } from './mappings';

/** Zod schemas for everything under content/. Cross-references are checked against the models given. */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const referenceSchema = z.object({
  title: nonEmpty,
  url: z
    .string()
    .url('must be a full URL')
    .refine((u) => u.startsWith('https://'), 'must be an https:// URL'),
  publisher: nonEmpty,
});

export const controlSchema = z.object({
  benchmark: z.enum(BENCHMARK_IDS, {
    errorMap: () => ({
      message: `unknown benchmark; known benchmarks are ${BENCHMARK_IDS.join(', ')}`,
    }),
  }),
  id: z.string().regex(/^\d+(\.\d+)*$/, 'must be a check number such as 5.10'),
});

export const mitigationSchema = z.object({
  title: nonEmpty,
  description: nonEmpty,
  controls: z.array(controlSchema).default([]),
  verify: nonEmpty,
});

const rated = z.object({ rating: z.enum(LEVELS), reason: nonEmpty });

export const briefClaimSchema = z.object({
  stride: z.enum(STRIDE_CATEGORIES),
  claim: nonEmpty,
  verdict: z.enum(['accurate', 'partly-accurate', 'inaccurate']),
  correction: nonEmpty,
});

/** Component ids per platform, to check the threats' references against. */
export type ComponentIndex = Record<(typeof PLATFORMS)[number], ReadonlySet<string>>;

export function threatSchema(components: ComponentIndex) {
  return z
    .object({
      id: z
        .string()
        .regex(/^(DOCKER|K8S)-[STRIDE]-\d{2}$/, 'must look like DOCKER-S-01 or K8S-E-02'),
      platform: z.enum(PLATFORMS),
      stride: z.enum(STRIDE_CATEGORIES),
      title: nonEmpty,
      summary: nonEmpty,
      components: z.array(slug).min(1, 'must name at least one component'),
      likelihood: rated,
      impact: rated,
      severity: z.object({ rating: z.enum(SEVERITIES), reason: nonEmpty }),
      mitigations: z.array(mitigationSchema).min(1, 'must list at least one mitigation'),
      attack: z
        .array(
          z.string().regex(/^T\d{4}(\.\d{3})?$/, 'must be an ATT&CK technique id such as T1611')
        )
        .min(1),
      msThreatMatrix: z
        .array(
          z.enum(MS_THREAT_MATRIX_IDS, {
            errorMap: () => ({
              message:
                'must be a technique id of the current Threat Matrix for Kubernetes, such as MS-TA9013',
            }),
          })
        )
        .default([]),
      references: z
        .array(referenceSchema)
        .min(2, 'needs at least two references to primary sources'),
      brief: briefClaimSchema.optional(),
    })
    .superRefine((t, ctx) => {
      const parsed = parseThreatId(t.id);
      if (parsed && parsed.platform !== t.platform) {
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: `id ${t.id} does not match platform ${t.platform}`,
        });
      }
      if (parsed && parsed.letter !== STRIDE_LETTERS[t.stride]) {
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: `id ${t.id} does not match STRIDE category ${t.stride}`,
        });
      }
      const known = components[t.platform];
      t.components.forEach((c, i) => {
        if (!known.has(c)) {
          ctx.addIssue({
            code: 'custom',
            path: ['components', i],
            message: `unknown component "${c}" for ${t.platform}; known: ${[...known].join(', ')}`,
          });
        }
      });
      const expected = severityFor(t.likelihood.rating, t.impact.rating);
      if (t.severity.rating !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['severity', 'rating'],
          message: `likelihood ${t.likelihood.rating} and impact ${t.impact.rating} give severity ${expected}, not ${t.severity.rating}`,
        });
      }
    });
}

export const componentSchema = z.object({
  id: slug,
  name: nonEmpty,
  kind: z.enum(ELEMENT_KINDS),
  zone: slug,
  description: nonEmpty,
  ports: z.array(nonEmpty).default([]),
  /** Said on the model page when no threat of the catalog names this component. */
  noThreatsReason: nonEmpty.optional(),
});

export const zoneSchema = z.object({
  id: slug,
  name: nonEmpty,
  parent: slug.optional(),
  description: nonEmpty,
});

export const boundarySchema = z.object({
  id: z.string().regex(/^TB-[DK]\d+$/, 'must look like TB-D1 or TB-K3'),
  name: nonEmpty,
  description: nonEmpty,
  defaultProtection: nonEmpty,
});

export const flowSchema = z.object({
  from: slug,
  to: slug,
  label: nonEmpty,
  boundary: z.string().optional(),
});

export const modelSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    title: nonEmpty,
    scope: nonEmpty,
    versions: z.array(z.object({ name: nonEmpty, version: nonEmpty })).min(1),
    assumptions: z.array(nonEmpty).min(1),
    outOfScope: z.array(nonEmpty).default([]),
    zones: z.array(zoneSchema).min(1),
    components: z.array(componentSchema).min(1),
    boundaries: z.array(boundarySchema).min(1),
    flows: z.array(flowSchema).min(1),
    references: z.array(referenceSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const zones = new Set(m.zones.map((z) => z.id));
    const comps = new Set(m.components.map((c) => c.id));
    const tbs = new Set(m.boundaries.map((b) => b.id));
    m.zones.forEach((zn, i) => {
      if (zn.parent && !zones.has(zn.parent))
        ctx.addIssue({
          code: 'custom',
          path: ['zones', i, 'parent'],
          message: `unknown zone "${zn.parent}"`,
        });
    });
    m.components.forEach((c, i) => {
      if (!zones.has(c.zone))
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'zone'],
          message: `unknown zone "${c.zone}"`,
        });
    });
    m.flows.forEach((f, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!comps.has(f[end]))
          ctx.addIssue({
            code: 'custom',
            path: ['flows', i, end],
            message: `unknown component "${f[end]}"`,
          });
      }
      if (f.boundary && !tbs.has(f.boundary))
        ctx.addIssue({
          code: 'custom',
          path: ['flows', i, 'boundary'],
          message: `unknown trust boundary "${f.boundary}"`,
        });
    });
    const dupes = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    for (const d of dupes([...m.components.map((c) => c.id), ...m.zones.map((z) => z.id)])) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: `id "${d}" is used twice` });
    }
  });

export type Reference = z.infer<typeof referenceSchema>;
export type Control = z.infer<typeof controlSchema>;
export type Mitigation = z.infer<typeof mitigationSchema>;
export type ThreatData = z.infer<ReturnType<typeof threatSchema>>;
export type Model = z.infer<typeof modelSchema>;
export type Component = z.infer<typeof componentSchema>;

/** A guidance page (content/guides): how to act on benchmark results, in the site's voice. */
export const guideSchema = z.object({
  title: nonEmpty,
  /** One or two sentences: the page's lede, its meta description and the excerpt search shows. */
  summary: nonEmpty,
  /** The platform a guide is about; absent when it covers both. */
  platform: z.enum(PLATFORMS).optional(),
  references: z.array(referenceSchema).min(2, 'needs at least two references to primary sources'),
});

/** A page of the site whose prose is kept in content/pages rather than in its template. */
export const sitePageSchema = z.object({
  title: nonEmpty,
  description: nonEmpty,
  lede: nonEmpty,
  references: z.array(referenceSchema).default([]),
});

export type GuideData = z.infer<typeof guideSchema>;
export type SitePageData = z.infer<typeof sitePageSchema>;
