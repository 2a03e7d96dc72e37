import { emptyThreatModel } from './own-threats';
import { WORKSHEET_FORMAT, WORKSHEET_VERSION } from './worksheet';

/**
 * Brings saved or exported worksheet data of an earlier version up to the current one, step by step, so
 * nothing the user wrote is lost. Data that is not a worksheet, or already current, is returned as it is.
 */

type Data = Record<string, unknown>;

const isRecord = (v: unknown): v is Data =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Each step takes data of version n and returns the worksheet part of version n + 1.
const STEPS: Record<number, (worksheet: Data) => Data> = {
  // Version 2 added the user's own threat model; a version 1 worksheet has none yet.
  1: (worksheet) => ({ ...worksheet, threatModel: emptyThreatModel() }),
};

/** The data with its worksheet migrated to WORKSHEET_VERSION, or unchanged when no migration applies. */
export function migrateWorksheetData(data: unknown): unknown {
  if (
    !isRecord(data) ||
    data.format !== WORKSHEET_FORMAT ||
    typeof data.version !== 'number' ||
    !isRecord(data.worksheet)
  )
    return data;
  let version = data.version;
  let worksheet = data.worksheet;
  while (version < WORKSHEET_VERSION) {
    const step = STEPS[version];
    if (!step) return data;
    worksheet = step(worksheet);
    version++;
  }
  return version === data.version ? data : { ...data, version, worksheet };
}
