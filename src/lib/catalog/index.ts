import type { Platform } from '../stride';
import type { Check, CheckConcept, CheckSet } from './schema';
// The order is generated from content/benchmarks with the detection data, so both prefer the same set.
import { CHECK_SET_ORDER } from '../bench/checkSets';

export {
  BENCH_TOOLS,
  NODE_TYPES,
  checkConceptSchema,
  checkConceptShape,
  checkSchema,
  checkSetSchema,
} from './schema';
export type { BenchTool, Check, CheckConcept, CheckSet, NodeType } from './schema';
export {
  benchmarkFamilies,
  benchmarkFamily,
  benchmarkShortName,
  checkSetNumbering,
  checkSetRelease,
  controlLabel,
  controlLabelInCheckSet,
  toolName,
} from './numbering';

/** A check together with the check set it belongs to. */
export interface CatalogCheck {
  checkSet: string;
  check: Check;
}

/** Check sets and concepts with the lookups matching needs; built from plain data so pages and browser share it. */
export interface Catalog {
  checkSets: readonly CheckSet[];
  concepts: ReadonlyMap<string, CheckConcept>;
  byTitle: ReadonlyMap<string, readonly CatalogCheck[]>;
}

export interface CheckMatch {
  concept: string;
  checkSet: string;
  check: Check;
  how: 'title' | 'id';
}

// Suffixes the tools append to titles; none of them changes which check it is.
const TITLE_SUFFIXES =
  /\((?:scored|not scored|automated|manual|deprecated|swarm mode not enabled|incompatible with swarm mode)\)/g;
// docker-bench-security prints some titles with their own id in front ("1.1.12 Ensure ...").
const LEADING_ID = /^\s*(?:c\.)?\d+(?:\.\d+)+\s+/;

/** Lower-cases a check title and drops suffixes, a repeated leading id, punctuation and extra spaces. */
export function normaliseCheckTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(TITLE_SUFFIXES, ' ')
    .replace(LEADING_ID, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function isDockerCheckSet(id: string): boolean {
  return /^(?:docker-bench-security|aquasec|trivy-docker)-/.test(id);
}

/** The Docker check sets from oldest to newest release, docker-bench-security first, Trivy's last; this order decides ties. */
export const DOCKER_CHECK_SETS: readonly string[] = CHECK_SET_ORDER.filter(isDockerCheckSet);

/**
 * The Kubernetes check sets: kube-bench's generic CIS Kubernetes from oldest to newest, its distribution configs,
 * the managed services, OpenShift, TKGI and the STIG, then Trivy's and kubescape's numberings.
 */
export const KUBERNETES_CHECK_SETS: readonly string[] = CHECK_SET_ORDER.filter(
  (id) => !isDockerCheckSet(id)
);

/** The generic CIS Kubernetes check sets, oldest to newest: their wording is the one readers know. */
export const GENERIC_CIS_KUBERNETES_CHECK_SETS: readonly string[] = KUBERNETES_CHECK_SETS.filter(
  (s) => /^kube-bench-cis-\d+\.\d+$/.test(s)
);

function checkSetRank(id: string): number {
  const i = CHECK_SET_ORDER.indexOf(id);
  return i === -1 ? CHECK_SET_ORDER.length : i;
}

/** The platform a check set benchmarks: Trivy has Docker and Kubernetes specs, so the benchmark decides, not the tool. */
export function checkSetPlatform(set: Pick<CheckSet, 'benchmark'>): Platform {
  return set.benchmark.startsWith('cis-docker-') ? 'docker' : 'kubernetes';
}

/** Indexes check sets (Docker sets, then Kubernetes sets, each in its list's order; unknown ones last) and concepts for matching. */
export function buildCatalog(
  sets: readonly CheckSet[],
  concepts: readonly CheckConcept[]
): Catalog {
  const checkSets = [...sets].sort(
    (a, b) =>
      checkSetRank(a.checkSet) - checkSetRank(b.checkSet) || a.checkSet.localeCompare(b.checkSet)
  );
  const byTitle = new Map<string, CatalogCheck[]>();
  for (const set of checkSets) {
    for (const check of set.checks) {
      const key = normaliseCheckTitle(check.title);
      const list = byTitle.get(key) ?? [];
      list.push({ checkSet: set.checkSet, check });
      byTitle.set(key, list);
    }
  }
  return { checkSets, concepts: new Map(concepts.map((c) => [c.concept, c])), byTitle };
}

const parentId = (id: string) => id.replace(/\.[^.]+$/, '');

/**
 * Narrows the checks behind a title that names several concepts (kube-bench prints "Ensure that the
 * --profiling argument is set to false" for the API server, controller manager and scheduler alike):
 * the finding's id, then its group (1.2 is the API server in every CIS Kubernetes version), decide.
 */
function disambiguate(titled: readonly CatalogCheck[], id: string): readonly CatalogCheck[] {
  if (new Set(titled.map((c) => c.check.concept)).size < 2) return titled;
  const sameId = titled.filter((c) => c.check.id === id);
  if (sameId.length > 0) return sameId;
  const sameGroup = titled.filter((c) => parentId(c.check.id) === parentId(id));
  return sameGroup.length > 0 ? sameGroup : titled;
}

/**
 * Finds the catalog check behind a finding: by normalised title first (within `checkSet` when it has the title; the
 * id decides between checks that share a title), then by id within `checkSet`. An id that is missing, or that the set
 * prints for checks of different concepts, gives no match.
 */
export function matchCheck(
  finding: { id: string; title: string },
  catalog: Catalog,
  checkSet?: string
): CheckMatch | undefined {
  const all = catalog.byTitle.get(normaliseCheckTitle(finding.title));
  if (all && all.length > 0) {
    // The run's own check set decides first: another benchmark may print the same title under this id for another check.
    const inSet = all.filter((c) => c.checkSet === checkSet);
    const titled = disambiguate(inSet.length > 0 ? inSet : all, finding.id);
    const best = titled.find((c) => c.check.id === finding.id) ?? titled[0]!;
    return {
      concept: best.check.concept,
      checkSet: best.checkSet,
      check: best.check,
      how: 'title',
    };
  }
  const set = catalog.checkSets.find((s) => s.checkSet === checkSet);
  const byId = set?.checks.filter((c) => c.id === finding.id) ?? [];
  const check = byId[0];
  if (set && check && byId.every((c) => c.concept === check.concept)) {
    return { concept: check.concept, checkSet: set.checkSet, check, how: 'id' };
  }
  return undefined;
}

/** The ids a concept has in each check set, in catalog order; sets without the concept are left out. */
export function conceptIds(
  catalog: Catalog,
  concept: string
): { checkSet: string; ids: string[] }[] {
  return catalog.checkSets
    .map((set) => ({
      checkSet: set.checkSet,
      ids: set.checks.filter((c) => c.concept === concept).map((c) => c.id),
    }))
    .filter((row) => row.ids.length > 0);
}

/** A check set's checks of one concept. */
export interface ConceptChecks {
  set: CheckSet;
  checks: Check[];
}

/** Every concept's checks, set by set in catalog order, in one pass over the catalog; sets without it are left out. */
export function checksByConcept(catalog: Catalog): Map<string, ConceptChecks[]> {
  const out = new Map<string, ConceptChecks[]>();
  for (const set of catalog.checkSets) {
    const mine = new Map<string, Check[]>();
    for (const check of set.checks) {
      const list = mine.get(check.concept);
      if (list) list.push(check);
      else mine.set(check.concept, [check]);
    }
    for (const [concept, checks] of mine) {
      const rows = out.get(concept);
      if (rows) rows.push({ set, checks });
      else out.set(concept, [{ set, checks }]);
    }
  }
  return out;
}
