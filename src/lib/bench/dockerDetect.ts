import type { DetectedBenchmark, Finding } from './types';
import { DOCKER_CHECK_SET_FACTS, type DockerCheckSetFacts } from './checkSets';
import { decodeFingerprint, dockerTitleKey, hashKey, scoredFlag } from './fingerprint';
import { plural } from './diagnostics';
import { checkSetRelease, toolName } from '../catalog/numbering';

interface DecodedSet {
  facts: DockerCheckSetFacts;
  /** Position in the catalog's order: later is a newer release. */
  order: number;
  checks: Map<string, string>;
}

let decoded: DecodedSet[] | undefined;

/** A check set as its user knows it, the tool and its release or config: "aquasecurity/docker-bench cis-1.6.0". */
function setName(set: DecodedSet): string {
  return `${toolName(set.facts.tool)} ${checkSetRelease(set.facts)}`;
}

function sets(): DecodedSet[] {
  decoded ??= DOCKER_CHECK_SET_FACTS.map((facts, order) => ({
    facts,
    order,
    checks: decodeFingerprint(facts.fingerprint, 3),
  }));
  return decoded;
}

interface SetScore {
  set: DecodedSet;
  /** Checks whose title is the set's title for that id. */
  hits: number;
  /** Checks whose id the set gives another title. */
  misses: number;
  /** Of the hits, how many print the set's (Scored)/(Automated) suffix, and how many do not. */
  suffixHits: number;
  suffixMisses: number;
  /** Whether the version the tool printed is one this set is printed with. */
  printed: boolean;
}

/** The title key, hash and suffix flag of each check id, from the first finding with that id. */
function runCodes(findings: readonly Finding[]): Map<string, string> {
  const codes = new Map<string, string>();
  for (const f of findings) {
    if (codes.has(f.id) || f.title === '') continue;
    codes.set(f.id, hashKey(dockerTitleKey(f.title)) + scoredFlag(f.scored));
  }
  return codes;
}

function score(
  findings: readonly Finding[],
  tool: DockerCheckSetFacts['tool'],
  version: string | undefined
): SetScore[] {
  const codes = runCodes(findings);
  return sets()
    .filter((s) => s.facts.tool === tool)
    .map((set) => {
      const result: SetScore = {
        set,
        hits: 0,
        misses: 0,
        suffixHits: 0,
        suffixMisses: 0,
        printed: version !== undefined && set.facts.printedVersions.includes(version),
      };
      for (const [id, code] of codes) {
        const want = set.checks.get(id);
        if (want === undefined) continue;
        if (want.slice(0, 2) !== code.slice(0, 2)) {
          result.misses++;
          continue;
        }
        result.hits++;
        if (want[2] === code[2]) result.suffixHits++;
        else result.suffixMisses++;
      }
      return result;
    });
}

const titleNet = (s: SetScore) => s.hits - 2 * s.misses;
const suffixNet = (s: SetScore) => s.suffixHits - s.suffixMisses;

// Titles decide; the (Scored)/(Automated) suffixes split sets with the same titles; then the version the tool
// printed; then the newer release.
function rank(scores: SetScore[]): SetScore[] {
  return [...scores].sort(
    (a, b) =>
      titleNet(b) - titleNet(a) ||
      suffixNet(b) - suffixNet(a) ||
      Number(b.printed) - Number(a.printed) ||
      b.set.order - a.set.order
  );
}

const tied = (a: SetScore, b: SetScore | undefined) =>
  b !== undefined && titleNet(a) === titleNet(b) && suffixNet(a) === suffixNet(b);

function titleEvidence(best: SetScore, runnerUp: SetScore | undefined): string {
  let text = `${plural(best.hits, 'check title')} ${best.hits === 1 ? 'matches' : 'match'} the numbering of ${setName(best.set)}${best.misses ? ` (${best.misses} do not)` : ''}`;
  if (tied(best, runnerUp))
    text += `; the checks present fit ${setName((runnerUp as SetScore).set)} equally well`;
  return text;
}

/** Turns the banner's "CIS Docker ..." text into a benchmark id. */
export function benchmarkFromCisLine(cis: string): string | undefined {
  const old = /CIS Docker (\d+\.\d+) Benchmark/.exec(cis);
  if (old) return `cis-docker-${old[1]}.0`;
  const m = /Benchmark\s+v?(\d+\.\d+(?:\.\d+)?)/.exec(cis);
  if (!m) return undefined;
  const v = (m[1] as string).split('.').length === 2 ? `${m[1]}.0` : (m[1] as string);
  return /Community Edition/i.test(cis) ? `cis-docker-ce-${v}` : `cis-docker-${v}`;
}

export interface DbsDetection {
  checkSet?: string;
  benchmark?: DetectedBenchmark;
  /** Last check id of a default run in the detected release. */
  lastId?: string;
}

/**
 * Works out the docker-bench-security release line (check numbering) and the CIS benchmark from the titles of
 * the checks present, the banner version and the banner's benchmark line. The same number names different
 * checks in different releases, so the titles decide which numbering a run follows.
 */
export function detectDbs(
  findings: readonly Finding[],
  toolVersion: string | undefined,
  cisLine: string | undefined
): DbsDetection {
  const ranked = rank(score(findings, 'docker-bench-security', toolVersion));
  const best = ranked[0];
  const runnerUp = ranked[1];
  let chosen: SetScore | undefined;
  let titles = '';
  if (best && best.hits > 0 && titleNet(best) > 0) {
    chosen = best;
    titles = titleEvidence(best, runnerUp);
  } else if (toolVersion) {
    chosen = ranked.filter((s) => s.printed).sort((a, b) => b.set.order - a.set.order)[0];
    if (chosen)
      titles = `the check titles do not decide the numbering, so the version's usual one (${setName(chosen.set)}) is assumed`;
  }
  const facts = chosen?.set.facts;
  const parts: string[] = [];
  if (toolVersion) parts.push(`banner or version field says v${toolVersion}`);
  if (cisLine) parts.push(`banner names "${cisLine}"`);
  if (titles) parts.push(titles);
  const evidence = parts.join('; ');
  const result: DbsDetection = {};
  if (facts) result.checkSet = facts.checkSet;
  if (facts?.lastId) result.lastId = facts.lastId;
  const fromBanner = cisLine ? benchmarkFromCisLine(cisLine) : undefined;
  if (fromBanner) {
    const agrees = !facts || facts.benchmark === fromBanner || chosen?.printed === true;
    result.benchmark = { id: fromBanner, confidence: agrees ? 'high' : 'medium', evidence };
    return result;
  }
  if (!chosen || !facts) return result;
  const strongTitles =
    chosen === best && best.hits >= 2 && best.misses === 0 && !tied(best, runnerUp);
  let confidence: DetectedBenchmark['confidence'] = 'low';
  if (strongTitles && chosen.printed)
    confidence = facts.checkSet === 'docker-bench-security-1.3.6' ? 'medium' : 'high';
  else if (strongTitles || chosen.printed) confidence = 'medium';
  result.benchmark = {
    id: facts.benchmark,
    confidence,
    evidence:
      facts.checkSet === 'docker-bench-security-1.3.6'
        ? `${evidence}; builds printing v1.3.6 from May 2021 to March 2022 followed CIS 1.3.1 without check 4.12, the tagged release CIS 1.4.0`
        : evidence,
  };
  return result;
}

/**
 * Picks the aquasecurity/docker-bench config (and CIS benchmark) from the header id (18.09, 20.04, 20.10) and
 * the titles of the checks present; without a header, as in output filtered with grep, the titles and their
 * (Scored)/(Automated)/(Manual) suffixes decide alone.
 */
export function detectAquasec(
  findings: readonly Finding[],
  controlsId: string | undefined
): { checkSet?: string; benchmark?: DetectedBenchmark } {
  const all = score(findings, 'aquasec-docker-bench', controlsId);
  const byHeader = all.filter((s) => s.printed);
  const ranked = rank(byHeader.length > 0 ? byHeader : all);
  const best = ranked[0];
  const runnerUp = ranked[1];
  if (!best) return {};
  const name = best.set.facts.checkSet;
  const header = controlsId ? `header "${controlsId}"` : '';
  if (byHeader.length === 1) {
    return {
      checkSet: name,
      benchmark: {
        id: best.set.facts.benchmark,
        confidence: 'high',
        evidence: `${header} is printed only by ${setName(best.set)}`,
      },
    };
  }
  if (best.hits === 0 || titleNet(best) <= 0) {
    if (byHeader.length === 0) return {};
    return {
      checkSet: name,
      benchmark: {
        id: best.set.facts.benchmark,
        confidence: 'low',
        evidence: `${header} is printed by ${byHeader.map((s) => setName(s.set)).join(' and ')}; the checks present do not tell them apart, so the newest is assumed`,
      },
    };
  }
  const unique = !tied(best, runnerUp);
  const suffixes =
    best.suffixHits > 0 && runnerUp && titleNet(runnerUp) === titleNet(best)
      ? `, and ${best.suffixHits} of them end in the (Scored)/(Automated)/(Manual) suffix it prints`
      : '';
  const evidence = `${header ? `${header}; ` : 'no header; '}${titleEvidence(best, runnerUp)}${suffixes}`;
  return {
    checkSet: name,
    benchmark: {
      id: best.set.facts.benchmark,
      confidence: unique && best.misses === 0 && (header || best.hits >= 5) ? 'high' : 'medium',
      evidence,
    },
  };
}
