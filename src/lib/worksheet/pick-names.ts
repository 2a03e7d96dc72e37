import type { HardeningPick } from './schema';
import { nodeTypeLabel } from './findings';
import { oneLine } from './text';

/** "Read-only root filesystem" reads "read-only root filesystem" inside a sentence; "AppArmor profile" stays. */
const inSentence = (name: string) =>
  /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;

/**
 * The name each pick's fields are labelled with ("Why harden 5.12"): the check id, and where another
 * pick has the same id (CIS Docker 1.6.0 numbers two checks 5.12) what the check is, from the catalog's
 * concept name or else the title, so that no two fields share one accessible name. Two picks that are
 * still alike (one finding picked twice in an imported file) are numbered.
 */
export function pickNames(
  picks: readonly Pick<HardeningPick, 'findingId' | 'title' | 'concept' | 'nodeType'>[],
  conceptName: (concept: string) => string | undefined
): string[] {
  const ids = picks.map((p) => oneLine(p.findingId));
  const tally = (names: readonly string[]) => {
    const n = new Map<string, number>();
    for (const name of names) n.set(name, (n.get(name) ?? 0) + 1);
    return n;
  };
  const idCount = tally(ids);
  const names = picks.map((p, i) => {
    const id = ids[i]!;
    if (idCount.get(id) === 1) return id;
    const what = (p.concept && conceptName(p.concept)) || oneLine(p.title);
    const where = p.nodeType ? `, ${nodeTypeLabel(p.nodeType)}` : '';
    return `${id} (${inSentence(oneLine(what))}${where})`;
  });
  const nameCount = tally(names);
  const seen = new Map<string, number>();
  return names.map((name) => {
    if (nameCount.get(name) === 1) return name;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return `${name}, pick ${n}`;
  });
}
