import { PLATFORM_LABELS, PLATFORMS } from '../stride';

/**
 * How much a worksheet holds. The write-up asks for five threats per platform and three picks; these
 * limits are far above what anyone writes by hand and keep an imported or saved file from freezing the
 * page or filling the browser's storage.
 */
export const MAX_OWN_THREATS = 100;
export const MAX_PICKS = 200;

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const length = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * What in worksheet data (its `worksheet` part, before any entry is read) goes beyond the limits, one
 * sentence each, with the limit; empty when everything fits.
 */
export function overLimits(worksheet: unknown): string[] {
  const ws = record(worksheet);
  const model = record(ws.threatModel);
  const out: string[] = [];
  for (const platform of PLATFORMS) {
    const n = length(model[platform]);
    if (n > MAX_OWN_THREATS)
      out.push(
        `It has ${count(n)} ${PLATFORM_LABELS[platform]} threats; a worksheet holds at most ${MAX_OWN_THREATS} threats per platform.`
      );
  }
  for (const [field, what] of [
    ['picks', 'picks'],
    ['shelved', 'removed picks'],
  ] as const) {
    const n = length(ws[field]);
    if (n > MAX_PICKS)
      out.push(`It has ${count(n)} ${what}; a worksheet holds at most ${MAX_PICKS} ${what}.`);
  }
  return out;
}

/** The data with each list cut to its limit, for saved data that has to be restored as far as it goes. */
export function cutToLimits(worksheet: unknown): unknown {
  const ws = record(worksheet);
  if (overLimits(ws).length === 0) return worksheet;
  const model = record(ws.threatModel);
  const cut = (v: unknown, max: number) => (Array.isArray(v) ? v.slice(0, max) : v);
  return {
    ...ws,
    picks: cut(ws.picks, MAX_PICKS),
    shelved: cut(ws.shelved, MAX_PICKS),
    threatModel: Object.fromEntries(
      PLATFORMS.map((p) => [p, cut(model[p], MAX_OWN_THREATS)] as const)
    ),
  };
}
