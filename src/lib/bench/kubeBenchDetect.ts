import type { DetectedBenchmark } from './types';
import { KUBE_BENCH_FINGERPRINTS } from './kubeBenchFingerprints';
import { decodeFingerprint, hashKey } from './fingerprint';
import { KUBE_BENCH_BENCHMARKS } from './checkSets';
import { kubeFolderPreference } from './checkSetOrder';
import { plural } from './diagnostics';

export { decodeFingerprint, encodeFingerprint } from './fingerprint';
const SUFFIX = /\((automated|manual|scored|not scored)\)\s*$/i;

/**
 * The comparable form of a printed kube-bench title: lower case, words only, plus the suffix style
 * ("s" for Scored/Not Scored, "a" for Automated/Manual), because the style alone tells CIS 1.5 from 1.6.
 */
export function kubeTitleKey(title: string): string {
  let t = title.trim();
  let style = '';
  const m = SUFFIX.exec(t);
  if (m) {
    const word = (m[1] as string).toLowerCase();
    style = word === 'scored' || word === 'not scored' ? 's' : 'a';
    t = t.slice(0, m.index);
  }
  return `${style}:${t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}`;
}

/** A two-character hash (12 bits of FNV-1a) of a printed title's key; the fingerprint table stores these. */
export function titleHash(title: string): string {
  return hashKey(kubeTitleKey(title));
}

/** The hashes of a title under every suffix style, for runs from configs older than the table. */
function anyStyleHashes(title: string): string[] {
  const words = kubeTitleKey(title).slice(kubeTitleKey(title).indexOf(':') + 1);
  return [hashKey(`:${words}`), hashKey(`s:${words}`), hashKey(`a:${words}`)];
}

let decoded: { folder: string; checks: Map<string, string> }[] | undefined;

function table(): { folder: string; checks: Map<string, string> }[] {
  decoded ??= KUBE_BENCH_FINGERPRINTS.map(([folder, body]) => ({
    folder,
    checks: decodeFingerprint(body),
  }));
  return decoded;
}

/**
 * The benchmark a kube-bench config folder implements: as its check set in the catalog says, or for folders
 * without one yet, named the way the catalog names them.
 */
export function kubeBenchmarkId(folder: string): string {
  const known = KUBE_BENCH_BENCHMARKS[folder];
  if (known) return known;
  const cis = /^(?:(?:k3s|rke2?)-)?cis-(\d+\.\d+)(?:-(?:k3s|microk8s))?$/.exec(folder);
  if (cis) return `cis-kubernetes-${cis[1] as string}`;
  const managed = /^(eks|gke|aks|ack)-(\d+(?:\.\d+)*)$/.exec(folder);
  if (managed) return `cis-${managed[1] as string}-${managed[2] as string}`;
  const rh = /^rh-(1\.\d+)$/.exec(folder);
  if (rh) return `cis-openshift-${rh[1] as string}`;
  return folder;
}

/** The check set id of a kube-bench config folder, as the catalog spells it. */
export function kubeCheckSet(folder: string): string {
  return `kube-bench-${folder}`;
}

/** The benchmark family a config folder belongs to: the folder name without its version ("eks" for eks-1.0.1). */
export function familyOf(folder: string): string | undefined {
  const m = /^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-v?\d/.exec(folder);
  const name = m?.[1];
  if (!name) return undefined;
  return table().some((b) => b.folder.startsWith(`${name}-`)) ? name : undefined;
}

/** Whether a kube-bench config folder is in the fingerprint table. */
export function isKnownKubeFolder(folder: string): boolean {
  return table().some((b) => b.folder === folder);
}

let preferences: Map<string, number> | undefined;

// Ties go to cis-1.6 (what kube-bench runs when it cannot tell the Kubernetes version), then to the
// other generic CIS configs, newest first, then to the order of the table.
function preference(folder: string): number {
  if (!preferences) {
    const folders = table().map((b) => b.folder);
    preferences = new Map(folders.map((f) => [f, kubeFolderPreference(f, folders)]));
  }
  return preferences.get(folder) ?? Number.MAX_SAFE_INTEGER;
}

export interface KubeDetection {
  benchmark?: DetectedBenchmark;
  checkSet?: string;
}

interface Score {
  folder: string;
  hits: number;
  misses: number;
  net: number;
}

function score(seen: ReadonlyMap<string, string[]>): Score[] {
  return table().map(({ folder, checks }) => {
    let hits = 0;
    let misses = 0;
    for (const [id, hashes] of seen) {
      const want = checks.get(id);
      if (want === undefined) continue;
      if (hashes.includes(want)) hits++;
      else misses++;
    }
    return { folder, hits, misses, net: hits - misses };
  });
}

/**
 * Names the kube-bench benchmark a run followed by comparing its check ids and printed titles (first
 * title per id, suffix included) with every kube-bench config folder; `version` is the JSON "version" field.
 */
export function detectKubeBench(
  printedTitles: ReadonlyMap<string, string>,
  version?: string
): KubeDetection {
  const seen = new Map<string, string[]>();
  for (const [id, title] of printedTitles) seen.set(id, [titleHash(title)]);
  let scores = score(seen);
  let restyled = false;
  if (!scores.some((s) => s.hits > 0 && s.net > 0)) {
    for (const [id, title] of printedTitles) seen.set(id, anyStyleHashes(title));
    scores = score(seen);
    restyled = true;
  }
  scores.sort(
    (a, b) => b.net - a.net || b.hits - a.hits || preference(a.folder) - preference(b.folder)
  );
  const best = scores[0];
  const tied = best
    ? scores.filter((s) => s.net === best.net && s.hits === best.hits && s !== best)
    : [];
  const runnerUp = scores.find((s) => s !== best && !tied.includes(s));

  const fromVersion =
    version && isKnownKubeFolder(version)
      ? version
      : version && isKnownKubeFolder(`cis-${version}`)
        ? `cis-${version}`
        : undefined;
  if (fromVersion) {
    const agrees =
      best !== undefined &&
      (best.folder === fromVersion || tied.some((t) => t.folder === fromVersion));
    const exact = fromVersion === version;
    const own = scores.find((s) => s.folder === fromVersion);
    const evidence = `the JSON "version" field says "${version as string}"${exact ? '' : `, read as kube-bench's ${fromVersion}`}${own && own.hits + own.misses > 0 ? `; ${own.hits} of ${own.hits + own.misses} check titles match it` : ''}`;
    return {
      checkSet: kubeCheckSet(fromVersion),
      benchmark: {
        id: kubeBenchmarkId(fromVersion),
        confidence: exact && (agrees || !own || own.misses <= own.hits) ? 'high' : 'medium',
        evidence,
      },
    };
  }
  const family = version ? familyOf(version) : undefined;
  if (version && family) {
    // A folder kube-bench no longer ships (eks-1.0 of v0.3.x): the field still names the benchmark family,
    // so only that family's configs are compared, and the benchmark is the one the field names.
    const mine = scores.find((s) => familyOf(s.folder) === family && s.hits > 0 && s.net > 0);
    const evidence = `the JSON "version" field says "${version}", a ${family} benchmark that today's kube-bench no longer ships${mine ? `; of the ${family} configs it has, ${mine.folder} fits the check titles best (${mine.hits} of ${mine.hits + mine.misses})` : ''}`;
    return {
      ...(mine ? { checkSet: kubeCheckSet(mine.folder) } : {}),
      benchmark: { id: kubeBenchmarkId(version), confidence: 'medium', evidence },
    };
  }
  if (!best || best.hits === 0 || best.net <= 0) return {};
  const compared = best.hits + best.misses;
  const margin = runnerUp ? best.net - runnerUp.net : best.net;
  let confidence: DetectedBenchmark['confidence'] = 'low';
  if (restyled) {
    const evidence = `${best.hits} of ${plural(compared, 'check and heading id')} match the titles of kube-bench's ${best.folder} config, but not with the same (Scored)/(Automated) suffixes: the run used an older config than kube-bench ships today, so this is only the nearest one`;
    return {
      checkSet: kubeCheckSet(best.folder),
      benchmark: { id: kubeBenchmarkId(best.folder), confidence: 'low', evidence },
    };
  }
  if (tied.length === 0 && best.hits >= 20 && best.misses * 10 <= compared && margin >= 3)
    confidence = 'high';
  else if (tied.length === 0 && best.hits >= 8 && margin >= 2) confidence = 'medium';
  let evidence = `${best.hits} of ${plural(compared, 'check and heading id')} present in kube-bench's ${best.folder} config carry its titles`;
  if (tied.length > 0) {
    const names = tied.slice(0, 4).map((t) => t.folder);
    evidence += `; the checks read fit ${names.join(', ')}${tied.length > 4 ? ` and ${tied.length - 4} more` : ''} just as well`;
  } else if (runnerUp && runnerUp.hits > 0) {
    evidence += `; the next best, ${runnerUp.folder}, matches ${runnerUp.hits}${runnerUp.misses ? ` and differs on ${runnerUp.misses}` : ''}`;
  }
  return {
    checkSet: kubeCheckSet(best.folder),
    benchmark: { id: kubeBenchmarkId(best.folder), confidence, evidence },
  };
}
