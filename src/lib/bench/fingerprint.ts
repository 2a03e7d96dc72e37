import { cleanTitle } from './title';

/**
 * Compact tables of check ids and title hashes, for telling check sets apart by the titles a run prints.
 * A row is " <id>=<code><code>..." runs: a run covers ids whose last number goes up by one, and every check
 * has a code of fixed width (a two-character title hash, plus a flag where a table needs one).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A two-character hash (12 bits of FNV-1a) of a comparable title key. */
export function hashKey(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const v = h & 0xfff;
  return (ALPHABET[v >> 6] as string) + (ALPHABET[v & 63] as string);
}

/** The id and the last number of an id like 5.10, or undefined for ids that do not end in a number. */
function split(id: string): [string, number] | undefined {
  const dot = id.lastIndexOf('.');
  const tail = id.slice(dot + 1);
  if (dot < 0 || tail === '' || !/^\d{1,9}$/.test(tail)) return undefined;
  return [id.slice(0, dot + 1), Number(tail)];
}

/** Expands one encoded row into check id → code (the first one for an id listed twice). */
export function decodeFingerprint(body: string, width = 2): Map<string, string> {
  const out = new Map<string, string>();
  for (const run of body.split(' ')) {
    const eq = run.indexOf('=');
    if (eq < 0) continue;
    const first = run.slice(0, eq);
    const m = split(first);
    let n = m ? m[1] : 0;
    for (let i = eq + 1; i + width <= run.length; i += width) {
      const id = i === eq + 1 || !m ? first : `${m[0]}${n}`;
      // An id printed in two sections (STIG) is compared by its first title, as runs are.
      if (!out.has(id)) out.set(id, run.slice(i, i + width));
      n++;
    }
  }
  return out;
}

/** Packs (check id, code) pairs, in order, into one row that decodeFingerprint reads back. */
export function encodeFingerprint(checks: Iterable<readonly [string, string]>): string {
  const runs: string[] = [];
  let next: string | undefined;
  for (const [id, code] of checks) {
    if (id === next) runs[runs.length - 1] += code;
    else runs.push(`${id}=${code}`);
    const m = split(id);
    next = m ? `${m[0]}${m[1] + 1}` : undefined;
  }
  return runs.join(' ');
}

/**
 * The comparable form of a Docker check title: its words in lower case, without the (Scored)/(Automated) ...
 * suffixes and a repeated leading id; the suffix is compared apart, as a flag.
 */
export function dockerTitleKey(title: string): string {
  return cleanTitle(title)
    .title.toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The flag a Docker fingerprint stores: y for (Scored)/(Automated), n for (Not Scored)/(Manual), - for neither. */
export function scoredFlag(scored: boolean | undefined): string {
  return scored === undefined ? '-' : scored ? 'y' : 'n';
}
