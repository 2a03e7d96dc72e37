import type { Worksheet } from './schema';
import { emptyThreatModel } from './own-threats';

/**
 * The worksheet as the page keeps it: its format and version, the values its fields take and where it is
 * saved. The validators live in schema.ts, which the page loads only to read saved or imported data.
 */

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

/** The pasted run before hardening (input) or after it. */
export type RunField = 'input' | 'after';

export const STORAGE_KEY = 'container-stride:worksheet';
/** Who saved last, kept small and apart so another tab's save is noticed without reading the whole worksheet. */
export const META_KEY = 'container-stride:worksheet:meta';
export const ASIDE_PREFIX = 'container-stride:worksheet:set-aside:';

/** A worksheet with nothing pasted, picked or written. */
export function emptyWorksheet(): Worksheet {
  return {
    input: { text: '' },
    after: { text: '' },
    picks: [],
    shelved: [],
    threatModel: emptyThreatModel(),
    exerciseRules: true,
  };
}
