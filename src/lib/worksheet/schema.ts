import { z } from 'zod';
import { emptyThreatModel, threatModelSchema } from './own-threats';

/** Zod schemas of the worksheet as saved in the browser and as exported to JSON. */

/**
 * Bumped whenever the saved shape changes; older data is migrated or set aside, never dropped. Optional
 * fields that older saves simply lack (a pick's nodeType) read as they are and need no new version.
 * Version 2 added the user's own threat model; migrate.ts brings version 1 data up.
 */
export const WORKSHEET_VERSION = 2;
export const WORKSHEET_FORMAT = 'container-stride-worksheet';

export const PICK_STATUSES = ['planned', 'applied', 'verified'] as const;
export type PickStatus = (typeof PICK_STATUSES)[number];

/** The value of the threat choice that means "an attack surface of my own Step 1 model". */
export const OWN_THREAT = 'own';

const OUTCOMES = ['fail', 'pass', 'manual', 'info', 'skip'] as const;

/** What the run after hardening said about a pick's check, kept when the pick is marked verified. */
export const evidenceSchema = z.object({
  findingId: z.string(),
  title: z.string(),
  status: z.string(),
  outcome: z.enum(OUTCOMES),
  line: z.number().int().nonnegative(),
  /** kube-bench: the node type the passing finding belongs to. */
  nodeType: z.string().optional(),
  matchedBy: z.enum(['concept', 'id']),
  recordedAt: z.string(),
});

export const hardeningPickSchema = z.object({
  findingId: z.string().min(1),
  title: z.string(),
  /** The version-independent check concept, when the catalog knows the check. */
  concept: z.string().optional(),
  /** kube-bench: the node type (master, node, etcd, ...) whose checks the finding belongs to; a run can repeat an id in two. */
  nodeType: z.string().optional(),
  /** '' (not chosen yet), a threat id such as DOCKER-D-01, OWN_THREAT, or one of the user's own threats (see ownThreatRef). */
  threat: z.string().default(''),
  /** The user's own attack surface, kept even while another threat is chosen. */
  ownThreat: z.string().default(''),
  why: z.string().default(''),
  steps: z.string().default(''),
  verify: z.string().default(''),
  status: z.enum(PICK_STATUSES).default('planned'),
  evidence: evidenceSchema.optional(),
});

export const runInputSchema = z.object({
  text: z.string().default(''),
  fileName: z.string().optional(),
});

export const worksheetSchema = z.object({
  input: runInputSchema.default({}),
  after: runInputSchema.default({}),
  picks: z.array(hardeningPickSchema).default([]),
  /** Picks the user un-chose, with their text, restored when the same finding is chosen again. */
  shelved: z.array(hardeningPickSchema).default([]),
  /** Steps 1 and 2 of the write-up: the user's own Docker and Kubernetes threats. */
  threatModel: threatModelSchema.default({}),
});

/** What localStorage holds under the worksheet key. */
export const storedWorksheetSchema = z.object({
  format: z.literal(WORKSHEET_FORMAT),
  version: z.literal(WORKSHEET_VERSION),
  savedAt: z.string(),
  /** Set when the browser's quota forced saving without the pasted runs. */
  omitted: z.array(z.enum(['input', 'after'])).optional(),
  worksheet: worksheetSchema,
});

/** What the export says about the pasted run, for a reader of the file; import does not need it. */
export const exportedRunSchema = z.object({
  tool: z.string(),
  format: z.string(),
  benchmark: z.string().optional(),
  checkSet: z.string().optional(),
  nodeTypes: z.array(z.string()).optional(),
});

/** What "Export JSON" writes and "Import JSON" reads. */
export const exportedWorksheetSchema = z.object({
  format: z.literal(WORKSHEET_FORMAT),
  version: z.literal(WORKSHEET_VERSION),
  exportedAt: z.string(),
  run: exportedRunSchema.optional(),
  worksheet: worksheetSchema,
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type HardeningPick = z.infer<typeof hardeningPickSchema>;
export type Worksheet = z.infer<typeof worksheetSchema>;
export type StoredWorksheet = z.infer<typeof storedWorksheetSchema>;
export type ExportedWorksheet = z.infer<typeof exportedWorksheetSchema>;
export type ExportedRun = z.infer<typeof exportedRunSchema>;

/** A worksheet with nothing pasted, picked or written. */
export function emptyWorksheet(): Worksheet {
  return {
    input: { text: '' },
    after: { text: '' },
    picks: [],
    shelved: [],
    threatModel: emptyThreatModel(),
  };
}
