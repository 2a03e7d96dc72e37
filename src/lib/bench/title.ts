import type { Outcome } from './types';

const SCORED_SUFFIXES: Record<string, boolean | undefined> = {
  scored: true,
  automated: true,
  'not scored': false,
  manual: false,
  deprecated: undefined,
  'swarm mode not enabled': undefined,
  'incompatible with swarm mode': undefined,
};

export interface CleanTitle {
  title: string;
  scored?: boolean;
  /** Suffixes found, lower case, in printed order. */
  suffixes: string[];
}

/** Removes the trailing `(Scored)`, `(Automated)`, `(Deprecated)` ... markers and a stray leading check id. */
export function cleanTitle(raw: string): CleanTitle {
  let t = raw.trim();
  let suffixes: string[] | undefined;
  let scored: boolean | undefined;
  // At most a handful of suffixes are ever printed; the bound keeps hostile input cheap.
  for (let k = 0; k < 6; k++) {
    let end = t.length;
    if (t.charCodeAt(end - 1) !== 41) break;
    if (t.charCodeAt(end - 2) === 41) end--;
    const open = t.lastIndexOf('(', end - 1);
    if (open < 0 || end - open > 40) break;
    const word = t
      .slice(open + 1, end - 1)
      .trim()
      .toLowerCase();
    if (!(word in SCORED_SUFFIXES)) break;
    (suffixes ??= []).push(word);
    const flag = SCORED_SUFFIXES[word];
    if (flag !== undefined) scored = flag;
    t = t.slice(0, open).trimEnd();
  }
  const c0 = t.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const lead = /^\d+(?:\.\d+)+\s+(?=\S)/.exec(t);
    if (lead) t = t.slice(lead[0].length);
  }
  const list = suffixes ? suffixes.reverse() : [];
  return scored === undefined ? { title: t, suffixes: list } : { title: t, scored, suffixes: list };
}

/** Maps a docker-bench-security tag to an outcome: WARN is a failed check there, NOTE a manual one. */
export function dbsOutcome(tag: string): Outcome {
  switch (tag) {
    case 'WARN':
      return 'fail';
    case 'PASS':
      return 'pass';
    case 'NOTE':
      return 'manual';
    case 'SKIP':
      return 'skip';
    default:
      return 'info';
  }
}

/** Maps an aquasecurity/docker-bench (and kube-bench) tag to an outcome: FAIL fails, WARN asks for a manual check. */
export function aquasecOutcome(tag: string): Outcome {
  switch (tag.toUpperCase()) {
    case 'FAIL':
      return 'fail';
    case 'PASS':
      return 'pass';
    case 'WARN':
      return 'manual';
    case 'SKIP':
      return 'skip';
    default:
      return 'info';
  }
}

/** The top-level section of a check id: "5" for "5.10", "2" for "2.2.b". */
export function sectionOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** Cuts a line for quoting in a diagnostic message. */
export function quote(text: string, max = 80): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
