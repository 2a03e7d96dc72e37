import {
  hardeningPickSchema,
  ownThreatSchema,
  saveMetaSchema,
  storedWorksheetSchema,
  type HardeningPick,
  type OwnThreat,
  type SaveMeta,
  type StoredWorksheet,
  type ThreatModel,
  type Worksheet,
} from './schema';
import { cutToLimits, MAX_OWN_THREATS, MAX_PICKS, overLimits } from './limits';
import { migrateWorksheetData } from './migrate';
import { oneLine, sizeText } from './text';
import {
  ASIDE_PREFIX,
  emptyWorksheet,
  META_KEY,
  STORAGE_KEY,
  WORKSHEET_FORMAT,
  WORKSHEET_VERSION,
  type RunField,
} from './worksheet';

/**
 * Saving and restoring the worksheet behind a small key-value interface (localStorage in the browser,
 * a Map in tests). Nothing is dropped: unreadable data is set aside under its own key and reported.
 */

/** The part of the Web Storage API the worksheet uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StorageMessage {
  kind: 'set-aside' | 'recovered' | 'omitted' | 'quota' | 'unavailable' | 'cleared';
  message: string;
  /** Where the original data was kept, when it was set aside. */
  key?: string;
  /** The original data, when it could not even be set aside (so the page can offer it as a download). */
  original?: string;
}

export interface LoadResult {
  worksheet: Worksheet;
  /** The revision this tab now builds on. */
  revision: number;
  messages: StorageMessage[];
  /** Runs that were too large to save last time and have to be pasted again. */
  omitted: RunField[];
  /**
   * Set when what was restored differs from what storage holds (the original was set aside): the page
   * saves it at once, so the next visit reads it as it is instead of setting the original aside again.
   */
  recovered?: true;
}

/** True for the errors browsers throw when an origin's storage quota is full. */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014
  );
}

function readMeta(store: KeyValueStorage): SaveMeta | undefined {
  const raw = store.getItem(META_KEY);
  if (raw === null) return undefined;
  try {
    const parsed = saveMetaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps unreadable data under a key of its own; returns the key, or undefined when storage refused it. */
function setAside(store: KeyValueStorage, raw: string, now: Date): string | undefined {
  const key = `${ASIDE_PREFIX}${now.toISOString()}`;
  try {
    store.setItem(key, raw);
    return key;
  } catch {
    return undefined;
  }
}

function asideMessage(
  kind: StorageMessage['kind'],
  what: string,
  key: string | undefined,
  raw: string
): StorageMessage {
  return key
    ? {
        kind,
        key,
        message: `${what} The original is kept in this browser's storage under "${key}".`,
      }
    : {
        kind,
        original: raw,
        message: `${what} The browser's storage is full, so the original could not be kept there: download it now if you need it.`,
      };
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : record(v) && typeof record(v)!.text === 'string'
      ? (record(v)!.text as string)
      : undefined;

/** Reads each entry of saved data on its own, so one damaged entry does not lose the others. */
export function salvageThreatModel(data: unknown): { model: ThreatModel; lost: number } {
  const outer = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  let lost = 0;
  const read = (v: unknown): OwnThreat[] => {
    const list = Array.isArray(v) ? v : [];
    const ok = list.flatMap((e) => {
      const parsed = ownThreatSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
    lost += list.length - ok.length;
    return ok;
  };
  return { model: { docker: read(outer.docker), kubernetes: read(outer.kubernetes) }, lost };
}

// Names of a pick's fields as the page labels them, for messages about what was reset.
const PICK_FIELD_NAMES: Record<string, string> = {
  title: 'title',
  concept: 'check concept',
  nodeType: 'node type',
  threat: 'threat',
  ownThreat: 'attack surface',
  why: 'reason',
  steps: 'hardening steps',
  verify: 'verification',
  status: 'status',
  evidence: 'evidence',
};

/**
 * Reads one saved pick field by field: a field with an invalid value takes its default and is named in
 * `reset`, so one bad value does not lose the pick's other text. Undefined without a finding id, which
 * ties the pick to its check.
 */
export function salvagePick(data: unknown): { pick: HardeningPick; reset: string[] } | undefined {
  const r = record(data);
  if (!r) return undefined;
  const raw = !('findingId' in r) && typeof r.id === 'string' ? { ...r, findingId: r.id } : r;
  const whole = hardeningPickSchema.safeParse(raw);
  if (whole.success) return { pick: whole.data, reset: [] };
  const id = hardeningPickSchema.shape.findingId.safeParse(raw.findingId);
  if (!id.success) return undefined;
  const reset: string[] = [];
  const pick: Record<string, unknown> = { findingId: id.data };
  for (const [field, name] of Object.entries(PICK_FIELD_NAMES)) {
    const schema = hardeningPickSchema.shape[field as keyof typeof hardeningPickSchema.shape];
    const value = schema.safeParse(raw[field]);
    const kept = value.success ? value.data : schema.safeParse(undefined).data;
    if (!value.success) reset.push(name);
    if (kept !== undefined) pick[field] = kept;
  }
  // A pick that lost its evidence is no longer shown verified.
  if (reset.includes('evidence') && pick.status === 'verified') pick.status = 'applied';
  return { pick: pick as HardeningPick, reset };
}

/** "status and reason": a list of names as a sentence joins them. */
const joinNames = (names: readonly string[]) =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;

/** At most this many picks are named one by one in a message about reset fields. */
const NAMED_RESETS = 5;

/** One sentence naming the picks whose invalid fields were reset, or '' when none was. */
export function resetSentence(resets: readonly { pick: HardeningPick; reset: string[] }[]): string {
  if (resets.length === 0) return '';
  const named = resets
    .slice(0, NAMED_RESETS)
    .map(({ pick, reset }) => `${oneLine(pick.findingId)} (${joinNames(reset)})`);
  const more = resets.length - named.length;
  return ` Values that could not be read were reset to their defaults, the rest of each pick kept: ${named.join('; ')}${more > 0 ? `; and ${more} more pick${more === 1 ? '' : 's'}` : ''}.`;
}

export interface SalvagedWorksheet {
  worksheet: Worksheet;
  picksLost: number;
  /** Picks kept with some fields reset to their defaults, and which. */
  resets: { pick: HardeningPick; reset: string[] }[];
}

/** Reads whatever can be read from saved data of another or a broken shape: runs, then each pick on its own. */
export function salvageWorksheet(data: unknown): SalvagedWorksheet {
  const outer = record(data) ?? {};
  const ws = record(outer.worksheet) ?? outer;
  const input = text(ws.input) ?? text(ws.paste) ?? '';
  const after = text(ws.after) ?? '';
  const resets: SalvagedWorksheet['resets'] = [];
  const readPicks = (v: unknown): { picks: HardeningPick[]; lost: number } => {
    const list = Array.isArray(v) ? v : [];
    const picks = list.flatMap((p) => {
      const salvaged = salvagePick(p);
      if (!salvaged) return [];
      if (salvaged.reset.length) resets.push(salvaged);
      return [salvaged.pick];
    });
    return { picks, lost: list.length - picks.length };
  };
  const picks = readPicks(ws.picks);
  const shelved = readPicks(ws.shelved);
  return {
    worksheet: {
      ...emptyWorksheet(),
      input: { text: input },
      after: { text: after },
      picks: picks.picks,
      shelved: shelved.picks,
      threatModel: salvageThreatModel(ws.threatModel).model,
    },
    picksLost: picks.lost + shelved.lost,
    resets,
  };
}

/** Restores the saved worksheet, recovering or setting aside what cannot be read as it is, and says what happened. */
export function loadWorksheet(store: KeyValueStorage, now: Date = new Date()): LoadResult {
  let raw: string | null;
  let meta: SaveMeta | undefined;
  try {
    raw = store.getItem(STORAGE_KEY);
    meta = readMeta(store);
  } catch {
    return {
      worksheet: emptyWorksheet(),
      revision: 0,
      omitted: [],
      messages: [
        {
          kind: 'unavailable',
          message:
            'This browser does not let the page use its storage (private mode or a blocked site setting), so nothing you do here is saved. Export JSON to keep your work.',
        },
      ],
    };
  }
  const revision = meta?.revision ?? 0;
  if (raw === null) return { worksheet: emptyWorksheet(), revision, messages: [], omitted: [] };

  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    const key = setAside(store, raw, now);
    return {
      worksheet: emptyWorksheet(),
      revision,
      omitted: [],
      recovered: true,
      messages: [
        asideMessage(
          'set-aside',
          'The worksheet saved in this browser is damaged and could not be read, so this page starts empty.',
          key,
          raw
        ),
      ],
    };
  }

  const migrated = migrateWorksheetData(data);
  const tooMuch = overLimits(record(migrated)?.worksheet);
  if (tooMuch.length > 0) {
    const cut = storedWorksheetSchema.safeParse({
      ...record(migrated),
      worksheet: cutToLimits(record(migrated)?.worksheet),
    });
    const worksheet = cut.success
      ? cut.data.worksheet
      : salvageWorksheet(cutToLimits(record(migrated)?.worksheet)).worksheet;
    const key = setAside(store, raw, now);
    return {
      worksheet,
      revision,
      omitted: [],
      recovered: true,
      messages: [
        asideMessage(
          'recovered',
          `The worksheet saved in this browser holds more than this page keeps. ${tooMuch.join(' ')} The first ${MAX_OWN_THREATS} threats of each platform and the first ${MAX_PICKS} picks were restored.`,
          key,
          raw
        ),
      ],
    };
  }
  const stored = storedWorksheetSchema.safeParse(migrated);
  if (stored.success) {
    const omitted = stored.data.omitted ?? [];
    const messages: StorageMessage[] = omitted.length
      ? [
          {
            kind: 'omitted',
            message: `Your picks and notes are back, but the ${omitted.map((f) => (f === 'input' ? 'benchmark run' : 'run after hardening')).join(' and ')} you pasted was too large for this browser's storage. Paste it again to see the findings.`,
          },
        ]
      : [];
    return { worksheet: stored.data.worksheet, revision, messages, omitted };
  }

  const version = record(data)?.version;
  const { worksheet, picksLost, resets } = salvageWorksheet(data);
  const key = setAside(store, raw, now);
  const age =
    typeof version === 'number' && version > WORKSHEET_VERSION
      ? 'was saved by a newer version of this page'
      : typeof version === 'number' && version === WORKSHEET_VERSION
        ? 'is partly damaged'
        : 'was saved by an older version of this page';
  const lost =
    picksLost > 0 ? ` ${picksLost} pick${picksLost === 1 ? '' : 's'} could not be read.` : '';
  return {
    worksheet,
    revision,
    omitted: [],
    recovered: true,
    messages: [
      asideMessage(
        'recovered',
        `The worksheet saved in this browser ${age}. What could be read was restored: the pasted runs and ${worksheet.picks.length} pick${worksheet.picks.length === 1 ? '' : 's'}.${lost}${resetSentence(resets)}`,
        key,
        raw
      ),
    ],
  };
}

export interface SaveSession {
  tabId: string;
  /** The revision this tab loaded or last saved. */
  revision: number;
}

export type SaveResult =
  | { status: 'saved'; revision: number; omitted: RunField[]; message?: StorageMessage }
  | { status: 'conflict'; theirs: SaveMeta }
  | { status: 'failed'; message: StorageMessage };

export interface SaveOptions {
  /** Save even though another tab saved since this one loaded (the user chose to keep this tab's version). */
  force?: boolean;
  /** Leave these runs out straight away (they did not fit last time and have not changed). */
  omit?: RunField[];
  now?: Date;
}

function serialise(ws: Worksheet, omit: RunField[], now: Date): string {
  const worksheet = {
    ...ws,
    ...(omit.includes('input') ? { input: { text: '' } } : {}),
    ...(omit.includes('after') ? { after: { text: '' } } : {}),
  };
  const stored: StoredWorksheet = {
    format: WORKSHEET_FORMAT,
    version: WORKSHEET_VERSION,
    savedAt: now.toISOString(),
    ...(omit.length ? { omitted: omit } : {}),
    worksheet,
  };
  return JSON.stringify(stored);
}

/**
 * Saves the worksheet unless another tab saved since this one loaded. When the quota is full it saves
 * without the pasted runs and says so; when even that fails it says so.
 */
export function saveWorksheet(
  store: KeyValueStorage,
  ws: Worksheet,
  session: SaveSession,
  options: SaveOptions = {}
): SaveResult {
  const now = options.now ?? new Date();
  let meta: SaveMeta | undefined;
  try {
    meta = readMeta(store);
  } catch {
    return {
      status: 'failed',
      message: {
        kind: 'unavailable',
        message:
          'This browser does not let the page use its storage, so your changes are not saved. Export JSON to keep your work.',
      },
    };
  }
  if (
    !options.force &&
    meta &&
    meta.tabId !== session.tabId &&
    meta.revision !== session.revision
  ) {
    return { status: 'conflict', theirs: meta };
  }
  const revision = Math.max(meta?.revision ?? 0, session.revision) + 1;
  const attempts: RunField[][] = [];
  const first = options.omit ?? [];
  attempts.push(first);
  if (!first.includes('after') && ws.after.text)
    attempts.push([...new Set<RunField>([...first, 'after'])]);
  if (!first.includes('input') && ws.input.text)
    attempts.push([...new Set<RunField>([...first, 'input', 'after'])]);
  for (const omit of attempts) {
    try {
      store.setItem(STORAGE_KEY, serialise(ws, omit, now));
      store.setItem(
        META_KEY,
        JSON.stringify({
          tabId: session.tabId,
          revision,
          savedAt: now.toISOString(),
        } satisfies SaveMeta)
      );
      const message: StorageMessage | undefined = omit.length
        ? {
            kind: 'omitted',
            message: `The browser's storage is full: your picks and notes are saved, but not the ${omit
              .filter((f) => ws[f].text)
              .map(
                (f) =>
                  `${f === 'input' ? 'benchmark run' : 'run after hardening'} (${sizeText(ws[f].text.length)})`
              )
              .join(
                ' or the '
              )}. After a reload, paste it again, or export JSON to keep everything.`,
          }
        : undefined;
      return { status: 'saved', revision, omitted: omit, ...(message ? { message } : {}) };
    } catch (err) {
      if (!isQuotaError(err)) {
        return {
          status: 'failed',
          message: {
            kind: 'unavailable',
            message: `Your changes could not be saved (${err instanceof Error ? err.message : String(err)}). Export JSON to keep your work.`,
          },
        };
      }
    }
  }
  return {
    status: 'failed',
    message: {
      kind: 'quota',
      message:
        "The browser's storage for this site is full, so your changes are not saved. Export JSON to keep your work, or free space by removing set-aside copies.",
    },
  };
}

/** Another tab's save, seen through a storage event; undefined when the event is this tab's own or unrelated. */
export function foreignSave(
  event: { key: string | null; newValue: string | null },
  session: SaveSession
): SaveMeta | undefined {
  if (event.key !== META_KEY || event.newValue === null) return undefined;
  try {
    const meta = saveMetaSchema.safeParse(JSON.parse(event.newValue));
    if (
      !meta.success ||
      meta.data.tabId === session.tabId ||
      meta.data.revision === session.revision
    )
      return undefined;
    return meta.data;
  } catch {
    return undefined;
  }
}
