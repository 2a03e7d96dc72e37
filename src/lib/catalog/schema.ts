import { z } from 'zod';
import { PLATFORMS } from '../stride';
import { referenceSchema } from '../content/schema';

/** Zod schemas for the benchmark catalog: check sets (content/benchmarks) and check concepts (content/checks). */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const checkSetId = z
  .string()
  .regex(
    /^[a-z0-9]+([.-][a-z0-9]+)*$/,
    'must be lower-case words and version numbers joined by hyphens'
  );
const threatId = z
  .string()
  .regex(/^(DOCKER|K8S)-[STRIDE]-\d{2}$/, 'must be a threat id such as DOCKER-E-01');

export const BENCH_TOOLS = [
  'docker-bench-security',
  'aquasec-docker-bench',
  'kube-bench',
  'trivy',
  'kubescape',
] as const;
export type BenchTool = (typeof BENCH_TOOLS)[number];

/** kube-bench's node types: which controls file of a benchmark a check comes from, and where it runs. */
export const NODE_TYPES = [
  'master',
  'node',
  'etcd',
  'controlplane',
  'policies',
  'managedservices',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const checkSchema = z.object({
  /** As printed: 5.10, 2.2.a, 1.1.37a, C.5.3.1, or a STIG rule id such as V-242390. The same id can mean another check in another check set. */
  id: z
    .string()
    .regex(
      /^((C\.)?\d+(\.\d+)*(\.?[a-z])?|V-\d+)$/,
      'must be a check number such as 5.10, 2.2.a or 1.1.37a, or a STIG id such as V-242390'
    ),
  /** As printed, without the (Scored)/(Automated) suffix. */
  title: nonEmpty,
  section: z.string().regex(/^\d+(\.\d+)?$/, 'must be a section id such as 5 or 1.1'),
  scored: z.boolean().optional(),
  level: z.union([z.literal(1), z.literal(2)]).optional(),
  concept: slug,
  /** Printed only when the run asks for it (enterprise or community checks). */
  optIn: z.boolean().optional(),
  /** kube-bench's node type whose controls file holds the check (for Trivy and kubescape, the one CIS places it on). */
  node: z.enum(NODE_TYPES).optional(),
});

export const checkSetSchema = z
  .object({
    checkSet: checkSetId,
    tool: z.enum(BENCH_TOOLS),
    /** The benchmark and version whose numbering the check set prints; tool configs that adapt one share its id. */
    benchmark: z
      .string()
      .regex(
        /^[a-z]+(-[a-z0-9.]+)+$/,
        'must be a benchmark id with its version, such as cis-docker-1.2.0, cis-kubernetes-1.12 or eks-stig-kubernetes-v1r6'
      ),
    benchmarkName: nonEmpty,
    /**
     * The versions the tool prints for this check set, which is not always its release: docker-bench-security's
     * banner version, aquasecurity/docker-bench's header id (18.09, 20.10).
     */
    printedVersions: z.array(nonEmpty).optional(),
    /** False when the tool prints no (Scored)/(Automated) suffix after the titles: `scored` is then CIS's flag. */
    titleSuffixes: z.boolean().optional(),
    /** For a check set the tool no longer ships: its last release that did (runs from it are still pasted). */
    lastShippedIn: nonEmpty.optional(),
    source: z.object({
      repository: nonEmpty,
      ref: nonEmpty,
      commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a full commit hash'),
    }),
    sections: z.array(z.object({ id: nonEmpty, title: nonEmpty })).min(1),
    checks: z.array(checkSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const sections = new Set(set.sections.map((s) => s.id));
    set.checks.forEach((c, i) => {
      if (!sections.has(c.section)) {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', i, 'section'],
          message: `check ${c.id} names unknown section "${c.section}"`,
        });
      }
    });
  });

/** The shape of a concept, without resolving its threat ids. */
export const checkConceptShape = z.object({
  concept: slug,
  platform: z.enum(PLATFORMS),
  name: nonEmpty,
  what: nonEmpty,
  why: nonEmpty,
  remediation: nonEmpty,
  audit: nonEmpty,
  impact: nonEmpty,
  threats: z.array(threatId),
  references: z.array(referenceSchema).min(1, 'needs at least one reference'),
});

/** A concept whose threat ids must all be in `knownThreats` (read from content/threats at config time). */
export function checkConceptSchema(knownThreats: ReadonlySet<string>) {
  return checkConceptShape.superRefine((c, ctx) => {
    c.threats.forEach((t, i) => {
      if (!knownThreats.has(t)) {
        ctx.addIssue({
          code: 'custom',
          path: ['threats', i],
          message: `unknown threat id "${t}" in concept ${c.concept}; no threat page declares it`,
        });
      }
    });
  });
}

export type Check = z.infer<typeof checkSchema>;
export type CheckSet = z.infer<typeof checkSetSchema>;
export type CheckConcept = z.infer<typeof checkConceptShape>;
