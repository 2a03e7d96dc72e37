import type { DetectedBenchmark, Finding } from './types';

interface Fingerprint {
  id: string;
  /** Lower-case words the printed title contains in this release line. */
  words: string;
}

interface CheckSetInfo {
  name: string;
  /** Banner versions that print this numbering. */
  versions: string[];
  /** Benchmark when the banner does not say. */
  benchmark: string;
  /** Last check of a default run, for releases that print no totals. */
  lastId?: string;
  fingerprints: Fingerprint[];
}

/**
 * Distinctive titles per docker-bench-security release line. The same number names different checks
 * in different lines, so the titles decide which numbering a run follows.
 */
const CHECK_SETS: CheckSetInfo[] = [
  {
    name: 'docker-bench-security-1.3.0',
    versions: ['1.3.0', '1.3.1', '1.3.2'],
    benchmark: 'cis-docker-1.13.0',
    lastId: '6.5',
    fingerprints: [
      { id: '1.1', words: 'create a separate partition' },
      { id: '1.2', words: 'harden the container host' },
      { id: '2.1', words: 'restrict network traffic' },
      { id: '5.1', words: 'do not disable apparmor' },
      { id: '5.10', words: 'limit memory usage' },
      { id: '5.11', words: 'set container cpu priority' },
      { id: '6.5', words: 'container sprawl' },
    ],
  },
  {
    name: 'docker-bench-security-1.3.3',
    versions: ['1.3.3', '1.3.4'],
    benchmark: 'cis-docker-ce-1.1.0',
    lastId: '7.10',
    fingerprints: [
      { id: '1.1', words: 'ensure a separate partition' },
      { id: '1.2', words: 'hardened' },
      { id: '2.1', words: 'ensure network traffic is restricted' },
      { id: '5.1', words: 'ensure apparmor profile is enabled' },
      { id: '5.10', words: 'ensure memory usage for container' },
      { id: '6.1', words: 'image sprawl' },
      { id: '7.1', words: 'swarm mode is not enabled' },
      { id: '7.10', words: 'management plane' },
    ],
  },
  {
    name: 'docker-bench-security-1.3.5',
    versions: ['1.3.5', '1.3.6'],
    benchmark: 'cis-docker-1.2.0',
    fingerprints: [
      { id: '1.1.1', words: 'hardened' },
      { id: '1.2.1', words: 'separate partition' },
      { id: '2.1', words: 'network traffic is restricted' },
      { id: '3.20', words: 'sysconfig/docker file ownership' },
      { id: '5.1', words: 'apparmor' },
      { id: '5.10', words: 'memory usage' },
      { id: '7.1', words: 'swarm mode is not enabled' },
      { id: '7.10', words: 'management plane' },
    ],
  },
  {
    name: 'docker-bench-security-1.3.6',
    versions: ['1.3.6'],
    benchmark: 'cis-docker-1.4.0',
    fingerprints: [
      { id: '1.1.1', words: 'separate partition' },
      { id: '1.2.1', words: 'hardened' },
      { id: '2.1', words: 'non-root' },
      { id: '3.20', words: 'sysconfig/docker file permissions' },
      { id: '3.22', words: 'default/docker file permissions' },
      { id: '4.12', words: 'signed artifacts' },
      { id: '5.1', words: 'apparmor' },
      { id: '5.10', words: 'memory usage' },
      { id: '7.1', words: 'swarm mode is not enabled' },
      { id: '7.10', words: 'management plane' },
    ],
  },
  {
    name: 'docker-bench-security-1.6.0',
    versions: ['1.5.0', '1.6.0'],
    benchmark: 'cis-docker-1.6.0',
    fingerprints: [
      { id: '1.1.1', words: 'separate partition' },
      { id: '1.2.1', words: 'hardened' },
      { id: '2.1', words: 'non-root' },
      { id: '3.20', words: 'default/docker file permissions' },
      { id: '3.22', words: 'sysconfig/docker file ownership' },
      { id: '4.12', words: 'signed artifacts' },
      { id: '5.1', words: 'apparmor' },
      { id: '5.10', words: 'memory usage' },
      { id: '7.1', words: 'swarm mode is not enabled' },
      { id: '7.10', words: 'management plane' },
    ],
  },
  {
    name: 'docker-bench-security-1.6.1',
    versions: ['1.6.0'],
    benchmark: 'cis-docker-1.6.0',
    fingerprints: [
      { id: '1.1.1', words: 'separate partition' },
      { id: '1.2.1', words: 'hardened' },
      { id: '2.1', words: 'non-root' },
      { id: '3.20', words: 'default/docker file permissions' },
      { id: '3.22', words: 'sysconfig/docker file ownership' },
      { id: '4.12', words: 'signed artifacts' },
      { id: '5.1', words: 'swarm mode' },
      { id: '5.10', words: 'network namespace' },
      { id: '5.11', words: 'memory usage' },
      { id: '5.14', words: 'specific host interface' },
      { id: '5.22', words: 'seccomp' },
      { id: '5.32', words: 'docker socket' },
      { id: '7.1', words: 'manager nodes' },
    ],
  },
];

/** Turns the banner's "CIS Docker ..." text into a benchmark id. */
export function benchmarkFromCisLine(cis: string): string | undefined {
  const old = /CIS Docker (\d+\.\d+) Benchmark/.exec(cis);
  if (old) return `cis-docker-${old[1]}.0`;
  const m = /Benchmark\s+v?(\d+\.\d+(?:\.\d+)?)/.exec(cis);
  if (!m) return undefined;
  const v = (m[1] as string).split('.').length === 2 ? `${m[1]}.0` : (m[1] as string);
  return /Community Edition/i.test(cis) ? `cis-docker-ce-${v}` : `cis-docker-${v}`;
}

interface SetScore {
  set: CheckSetInfo;
  hits: number;
  misses: number;
}

function scoreSets(findings: Finding[]): SetScore[] {
  const titles = new Map<string, string>();
  for (const f of findings)
    if (!titles.has(f.id) && f.title) titles.set(f.id, f.title.toLowerCase());
  return CHECK_SETS.map((set) => {
    let hits = 0;
    let misses = 0;
    for (const fp of set.fingerprints) {
      const title = titles.get(fp.id);
      if (title === undefined) continue;
      if (title.includes(fp.words)) hits++;
      else misses++;
    }
    return { set, hits, misses };
  });
}

export interface DbsDetection {
  checkSet?: string;
  benchmark?: DetectedBenchmark;
  /** Last check id of a default run in releases that print no totals. */
  lastId?: string;
}

/**
 * Works out the docker-bench-security release line (check numbering) and the CIS benchmark
 * from the banner version, the banner's benchmark line and the titles of the checks present.
 */
export function detectDbs(
  findings: Finding[],
  toolVersion: string | undefined,
  cisLine: string | undefined
): DbsDetection {
  const scored = scoreSets(findings).map((s, order) => ({
    ...s,
    order,
    net: s.hits - s.misses * 2,
    banner: toolVersion !== undefined && s.set.versions.includes(toolVersion),
  }));
  // Ties go to the release the banner names, then to the newer release line.
  scored.sort((a, b) => b.net - a.net || Number(b.banner) - Number(a.banner) || b.order - a.order);
  const best = scored[0];
  const runnerUp = scored[1];
  let set: CheckSetInfo | undefined;
  let titleEvidence = '';
  if (best && best.hits > 0 && best.net > 0) {
    set = best.set;
    titleEvidence = `${best.hits} check title${best.hits === 1 ? '' : 's'} match the ${set.name} numbering${best.misses ? ` (${best.misses} do not)` : ''}`;
    if (runnerUp && runnerUp.net === best.net)
      titleEvidence += `; the checks present fit ${runnerUp.set.name} equally well`;
  } else if (toolVersion) {
    set = [...CHECK_SETS].reverse().find((s) => s.versions.includes(toolVersion));
    if (set)
      titleEvidence = `the check titles do not decide the numbering, so the version's usual one (${set.name}) is assumed`;
  }
  let name = set?.name;
  const usesScoredSuffix = findings.some((f) => f.scored !== undefined);
  if (name === 'docker-bench-security-1.3.5' && usesScoredSuffix)
    name = 'docker-bench-security-1.3.5-scored';

  const fromBanner = cisLine ? benchmarkFromCisLine(cisLine) : undefined;
  const parts: string[] = [];
  if (toolVersion) parts.push(`banner or version field says v${toolVersion}`);
  if (cisLine) parts.push(`banner names "${cisLine}"`);
  if (titleEvidence) parts.push(titleEvidence);
  const evidence = parts.join('; ');
  const result: DbsDetection = {};
  if (name) result.checkSet = name;
  if (set?.lastId) result.lastId = set.lastId;
  const strongTitles =
    best !== undefined &&
    best.hits >= 2 &&
    best.misses === 0 &&
    set === best.set &&
    !(runnerUp && runnerUp.net === best.net);
  if (fromBanner) {
    const agrees = !set || set.benchmark === fromBanner || set.versions.includes(toolVersion ?? '');
    result.benchmark = { id: fromBanner, confidence: agrees ? 'high' : 'medium', evidence };
    return result;
  }
  if (!set) return result;
  let id = set.benchmark;
  if (set.name === 'docker-bench-security-1.6.0' && toolVersion === '1.5.0')
    id = 'cis-docker-1.5.0';
  let confidence: DetectedBenchmark['confidence'] = 'low';
  if (strongTitles && toolVersion && set.versions.includes(toolVersion))
    confidence = set.name === 'docker-bench-security-1.3.6' ? 'medium' : 'high';
  else if (strongTitles || (toolVersion && set.versions.includes(toolVersion)))
    confidence = 'medium';
  result.benchmark = {
    id,
    confidence,
    evidence:
      set.name === 'docker-bench-security-1.3.6'
        ? `${evidence}; v1.3.6 builds name CIS 1.4.0 (mid-2021 builds named 1.3.1, with the same numbering)`
        : evidence,
  };
  return result;
}

const AQUASEC_CONTROLS: Record<string, { set: string; benchmark: string }> = {
  '18.09': { set: 'aquasec-cis-1.2', benchmark: 'cis-docker-1.2.0' },
  '20.04': { set: 'aquasec-cis-1.3.1', benchmark: 'cis-docker-1.3.1' },
  '20.10': { set: 'aquasec-cis-1.6.0', benchmark: 'cis-docker-1.6.0' },
};

/** Picks the aquasecurity/docker-bench config (and CIS benchmark) from the header id and the checks present. */
export function detectAquasec(
  findings: Finding[],
  controlsId: string | undefined
): { checkSet?: string; benchmark?: DetectedBenchmark } {
  const ids = new Set(findings.map((f) => f.id));
  const manual = findings.filter((f) => f.scored === false).length;
  const automated = findings.filter((f) => f.scored === true).length;
  if (controlsId === '20.10') {
    const newIds = ids.has('4.12') || ids.has('5.32');
    if (newIds || manual > automated) {
      return {
        checkSet: 'aquasec-cis-1.6.0',
        benchmark: {
          id: 'cis-docker-1.6.0',
          confidence: 'high',
          evidence: `header "20.10"; ${newIds ? 'checks 4.12/5.32 exist only in CIS 1.6.0' : 'most titles end in (Manual), as in CIS 1.6.0'}`,
        },
      };
    }
    return {
      checkSet: 'aquasec-cis-1.3.1',
      benchmark: {
        id: 'cis-docker-1.3.1',
        confidence: 'medium',
        evidence:
          'header "20.10" without the checks that only CIS 1.6.0 has: a 2023–2024 build that ran cis-1.3.1',
      },
    };
  }
  const known = controlsId ? AQUASEC_CONTROLS[controlsId] : undefined;
  if (known) {
    return {
      checkSet: known.set,
      benchmark: {
        id: known.benchmark,
        confidence: 'high',
        evidence: `header "${controlsId}" selects ${known.set}`,
      },
    };
  }
  if (ids.has('2.2.a') || ids.has('8.1.1')) {
    return {
      checkSet: 'aquasec-cis-1.2',
      benchmark: {
        id: 'cis-docker-1.2.0',
        confidence: 'medium',
        evidence: 'no header; sub-checks like 2.2.a exist only in cis-1.2',
      },
    };
  }
  return {};
}
