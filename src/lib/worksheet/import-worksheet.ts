import { migrateWorksheetData } from './migrate';
import { exportedWorksheetSchema, storedWorksheetSchema, type Worksheet } from './schema';
import { overLimits } from './limits';
import { resetSentence, salvageWorksheet } from './storage';
import { WORKSHEET_FORMAT, WORKSHEET_VERSION } from './worksheet';

/** Reading a worksheet file the user opens: loaded by the page only when a file is imported. */

export type ImportResult =
  { ok: true; worksheet: Worksheet; message?: string } | { ok: false; message: string };

/** Reads an exported (or saved) worksheet; data of another version is recovered as far as it goes, with a message. */
export function importWorksheet(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return {
      ok: false,
      message:
        'This file is not JSON, so it cannot be a worksheet exported from this page. Nothing was changed.',
    };
  }
  const current = migrateWorksheetData(data);
  // Counted before any entry is read: a file of thousands of entries is refused at once, not parsed.
  const outer =
    typeof current === 'object' && current !== null ? (current as { worksheet?: unknown }) : {};
  const tooMuch = overLimits(outer.worksheet ?? current);
  if (tooMuch.length > 0)
    return {
      ok: false,
      message: `This file holds more than a worksheet keeps, so it was not imported. ${tooMuch.join(' ')} Nothing was changed.`,
    };
  const exported = exportedWorksheetSchema.safeParse(current);
  if (exported.success) return { ok: true, worksheet: exported.data.worksheet };
  const stored = storedWorksheetSchema.safeParse(current);
  if (stored.success) return { ok: true, worksheet: stored.data.worksheet };
  if (
    typeof data === 'object' &&
    data !== null &&
    (data as { format?: unknown }).format === WORKSHEET_FORMAT
  ) {
    const { worksheet, picksLost, resets } = salvageWorksheet(data);
    const lost =
      picksLost > 0 ? ` ${picksLost} pick${picksLost === 1 ? '' : 's'} could not be read.` : '';
    return {
      ok: true,
      worksheet,
      message: `${(data as { version?: unknown }).version === WORKSHEET_VERSION ? 'Parts of this worksheet could not be read' : 'This worksheet comes from another version of this page'}; what could be read was imported (${worksheet.picks.length} picks).${lost}${resetSentence(resets)}`,
    };
  }
  return {
    ok: false,
    message: 'This JSON is not a worksheet exported from this page. Nothing was changed.',
  };
}
