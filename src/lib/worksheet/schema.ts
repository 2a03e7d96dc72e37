import * as z from 'zod/v4-mini';
import { STRIDE_CATEGORIES } from '../stride';
import { PICK_STATUSES, WORKSHEET_FORMAT, WORKSHEET_VERSION } from './worksheet';

/**
 * Zod schemas of the worksheet as saved in the browser and as exported to JSON. Zod's mini build keeps
 * them small, and the page loads them only when it reads saved or imported data.
 */

// Zod 4 probes for eval to compile fast parsers; the page's Content-Security-Policy forbids eval, and
// the probe alone is reported as a violation. These schemas are small: parse them without compiling.
z.config({ jitless: true });

const OUTCOMES = ['fail', 'pass', 'manual', 'info', 'skip'] as const;

// Defaults are functions so that no two parses share one array.
const text = () => z._default(z.string(), '');
const list = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), () => []);

export const ownThreatSchema = z.object({
  /** Stable while the entry lives, so a pick stays tied to it when entries are reordered. */
  id: z.string().check(z.minLength(1)),
  /** The catalog threat the entry started from, if any. */
  origin: z.optional(z.string()),
  stride: z._default(z.union([z.enum(STRIDE_CATEGORIES), z.literal('')]), ''),
  /** A component id of the platform's model, or '' when not chosen yet. */
  component: text(),
  description: text(),
});

/** Steps 1 and 2 of the write-up: the user's own Docker and Kubernetes threats. */
export const threatModelSchema = z.object({
  docker: list(ownThreatSchema),
  kubernetes: list(ownThreatSchema),
});

/** What the run after hardening said about a pick's check, kept when the pick is marked verified. */
export const evidenceSchema = z.object({
  findingId: z.string(),
  title: z.string(),
  status: z.string(),
  outcome: z.enum(OUTCOMES),
  line: z.int().check(z.nonnegative()),
  /** kube-bench: the node type the passing finding belongs to. */
  nodeType: z.optional(z.string()),
  matchedBy: z.enum(['concept', 'id']),
  recordedAt: z.string(),
});

export const hardeningPickSchema = z.object({
  findingId: z.string().check(z.minLength(1)),
  title: z.string(),
  /** The version-independent check concept, when the catalog knows the check. */
  concept: z.optional(z.string()),
  /** kube-bench: the node type (master, node, etcd, ...) whose checks the finding belongs to; a run can repeat an id in two. */
  nodeType: z.optional(z.string()),
  /** '' (not chosen yet), a threat id such as DOCKER-D-01, OWN_THREAT, or one of the user's own threats (see ownThreatRef). */
  threat: text(),
  /** The user's own attack surface, kept even while another threat is chosen. */
  ownThreat: text(),
  why: text(),
  steps: text(),
  verify: text(),
  status: z._default(z.enum(PICK_STATUSES), 'planned'),
  evidence: z.optional(evidenceSchema),
});

export const runInputSchema = z.object({
  text: text(),
  fileName: z.optional(z.string()),
});

export const worksheetSchema = z.object({
  input: z.prefault(runInputSchema, {}),
  after: z.prefault(runInputSchema, {}),
  picks: list(hardeningPickSchema),
  /** Picks the user un-chose, with their text, restored when the same finding is chosen again. */
  shelved: list(hardeningPickSchema),
  threatModel: z.prefault(threatModelSchema, {}),
  /**
   * The course exercise's rules (exactly three picks, one beyond the exercise's checks) when true; any number
   * of picks when false. On for a worksheet that does not say, as on a first visit.
   */
  exerciseRules: z._default(z.boolean(), true),
});

/** What localStorage holds under the worksheet key. */
export const storedWorksheetSchema = z.object({
  format: z.literal(WORKSHEET_FORMAT),
  version: z.literal(WORKSHEET_VERSION),
  savedAt: z.string(),
  /** Set when the browser's quota forced saving without the pasted runs. */
  omitted: z.optional(z.array(z.enum(['input', 'after']))),
  worksheet: worksheetSchema,
});

/** What the export says about the pasted run, for a reader of the file; import does not need it. */
export const exportedRunSchema = z.object({
  tool: z.string(),
  format: z.string(),
  benchmark: z.optional(z.string()),
  checkSet: z.optional(z.string()),
  /** Trivy's compliance spec or kubescape's framework, e.g. k8s-cis-1.23 or cis-v1.23-t1.0.1. */
  spec: z.optional(z.string()),
  nodeTypes: z.optional(z.array(z.string())),
  /** Results whose audit could not run, in all, failed, and by kind: they say nothing about the host. */
  auditErrors: z.optional(
    z.object({
      results: z.int(),
      failed: z.int(),
      byCode: z.record(z.string(), z.int()),
    })
  ),
  /** The picks whose result is not evidence because their audit could not run, each saying so. */
  picksNotEvidence: z.optional(
    z.array(
      z.object({
        findingId: z.string(),
        title: z.string(),
        nodeType: z.optional(z.string()),
        auditErrorCode: z.string(),
        auditError: z.string(),
        note: z.string(),
      })
    )
  ),
});

/** What "Export JSON" writes and "Import JSON" reads. */
export const exportedWorksheetSchema = z.object({
  format: z.literal(WORKSHEET_FORMAT),
  version: z.literal(WORKSHEET_VERSION),
  exportedAt: z.string(),
  run: z.optional(exportedRunSchema),
  worksheet: worksheetSchema,
});

/** Who saved the worksheet last, under META_KEY. */
export const saveMetaSchema = z.object({
  tabId: z.string(),
  revision: z.int().check(z.nonnegative()),
  savedAt: z.string(),
});

export type OwnThreat = z.infer<typeof ownThreatSchema>;
export type ThreatModel = z.infer<typeof threatModelSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type HardeningPick = z.infer<typeof hardeningPickSchema>;
export type Worksheet = z.infer<typeof worksheetSchema>;
export type StoredWorksheet = z.infer<typeof storedWorksheetSchema>;
export type ExportedWorksheet = z.infer<typeof exportedWorksheetSchema>;
export type ExportedRun = z.infer<typeof exportedRunSchema>;
export type SaveMeta = z.infer<typeof saveMetaSchema>;
