import {
  buildCatalog,
  checkSetPlatform,
  matchCheck,
  type Catalog,
  type CheckConcept,
  type CheckMatch,
  type CheckSet,
} from '../catalog/index';
import type { Finding } from '../bench/types';
import type { Platform, Severity, StrideCategory } from '../stride';

/**
 * The reference data the worksheet page needs, one file per platform: the platform's threats, check
 * concepts and check sets. The page loads this module with the data, after the page itself, because
 * matching checks needs the whole catalog code.
 */

export interface ThreatOption {
  id: string;
  title: string;
  stride: StrideCategory;
  /** True for the threats that restate one of the five Step 1 threats. */
  fromBrief: boolean;
  /** The threat's rated severity, which orders findings fix-first. */
  severity: Severity;
}

/** The parts of a check concept the worksheet shows; see content/checks. */
export interface ConceptInfo {
  concept: string;
  name: string;
  what: string;
  why: string;
  remediation: string;
  audit: string;
  impact: string;
  threats: string[];
}

/** A check set cut down to what matching a finding needs. */
export interface CompactCheckSet {
  checkSet: string;
  checks: Pick<CheckSet['checks'][number], 'id' | 'title' | 'concept'>[];
}

/**
 * Check sets as shipped: each title and concept written once (the check sets repeat most of them), and
 * each check as [id, title index, concept index].
 */
export interface PackedCheckSets {
  titles: string[];
  concepts: string[];
  sets: { checkSet: string; checks: [string, number, number][] }[];
}

export interface WorksheetData {
  platform: Platform;
  threats: ThreatOption[];
  concepts: ConceptInfo[];
  checkSets: PackedCheckSets;
}

/** A threat as the content collection holds it, cut down to what the worksheet reads. */
export interface ThreatSource {
  id: string;
  title: string;
  stride: StrideCategory;
  platform: Platform;
  severity: { rating: Severity };
  brief?: unknown;
}

/** One platform's worksheet data from the whole catalog: its threats, its concepts and its check sets, packed. */
export function worksheetData(
  platform: Platform,
  threats: readonly ThreatSource[],
  concepts: readonly CheckConcept[],
  sets: readonly CheckSet[]
): WorksheetData {
  return {
    platform,
    threats: threats
      .filter((t) => t.platform === platform)
      .map((t) => ({
        id: t.id,
        title: t.title,
        stride: t.stride,
        fromBrief: t.brief !== undefined,
        severity: t.severity.rating,
      })),
    concepts: concepts
      .filter((c) => c.platform === platform)
      .map(({ concept, name, what, why, remediation, audit, impact, threats: ids }) => ({
        concept,
        name,
        what,
        why,
        remediation,
        audit,
        impact,
        threats: ids,
      })),
    checkSets: packCheckSets(sets.filter((s) => checkSetPlatform(s) === platform)),
  };
}

/** Packs check sets for shipping; unpackCheckSets gives them back. */
export function packCheckSets(sets: readonly CheckSet[]): PackedCheckSets {
  const titles: string[] = [];
  const concepts: string[] = [];
  const index = (list: string[], map: Map<string, number>, value: string) => {
    let i = map.get(value);
    if (i === undefined) {
      i = list.push(value) - 1;
      map.set(value, i);
    }
    return i;
  };
  const titleIndex = new Map<string, number>();
  const conceptIndex = new Map<string, number>();
  return {
    titles,
    concepts,
    sets: sets.map((s) => ({
      checkSet: s.checkSet,
      checks: s.checks.map((c): [string, number, number] => [
        c.id,
        index(titles, titleIndex, c.title),
        index(concepts, conceptIndex, c.concept),
      ]),
    })),
  };
}

/** The check sets packed by packCheckSets. */
export function unpackCheckSets(packed: PackedCheckSets): CompactCheckSet[] {
  return packed.sets.map((s) => ({
    checkSet: s.checkSet,
    checks: s.checks.map(([id, t, c]) => ({
      id,
      title: packed.titles[t] ?? '',
      concept: packed.concepts[c] ?? '',
    })),
  }));
}

/** The data with its lookups built once. */
export interface WorksheetCatalog {
  platform: Platform;
  threats: ReadonlyMap<string, ThreatOption>;
  threatList: readonly ThreatOption[];
  concepts: ReadonlyMap<string, ConceptInfo>;
  /** The catalog check behind a finding of a run that follows `checkSet`, if the catalog knows it. */
  match(
    finding: Pick<Finding, 'id' | 'title'>,
    checkSet: string | undefined
  ): CheckMatch | undefined;
}

/** Builds the lookups the worksheet uses from the shipped data. */
export function buildWorksheetCatalog(data: WorksheetData): WorksheetCatalog {
  const threatList = [...data.threats].sort((a, b) => a.id.localeCompare(b.id));
  // buildCatalog reads only checkSet and each check's id, title and concept, which the compact sets keep.
  const catalog: Catalog = buildCatalog(unpackCheckSets(data.checkSets) as CheckSet[], []);
  return {
    platform: data.platform,
    threats: new Map(threatList.map((t) => [t.id, t])),
    threatList,
    concepts: new Map(data.concepts.map((c) => [c.concept, c])),
    match: (finding, checkSet) => matchCheck(finding, catalog, checkSet),
  };
}
