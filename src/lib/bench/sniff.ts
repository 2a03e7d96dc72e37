import type { BenchTool } from './types';

export type Format = 'text' | 'json' | 'junit' | 'none';

export interface Sniffed {
  tool: BenchTool;
  format: Format;
}

const KUBE_MARKERS =
  /Node Security Configuration|Control Plane Security Configuration|Master Node|Worker Node|Kubernetes Policies|^== Summary (?:master|node|controlplane|etcd|policies|total) ==|kube-bench/m;
const DBS_RESULT = /^\[(?:INFO|WARN|PASS|NOTE)\]\s+(?:\d{1,3}|C)(?:\.\d{1,3})*\s+-\s/;
const AQUA_RESULT = /^\[(?:INFO|WARN|PASS|FAIL)\]\s+\d{1,3}(?:\.\d{1,3})*(?:\.[a-z])?\s+(?!-\s)\S/;

/** A cheap early guess, from the first 64 KB of text, that kube-bench wrote the input; sniff() decides. */
export function mayBeKubeBench(text: string): boolean {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  return KUBE_MARKERS.test(head) || /"node_type"\s*:|<testcase\b/.test(head);
}

/** Decides which tool wrote the input and whether it is text or JSON, from a bounded sample of lines. */
export function sniff(text: string, lines: string[]): Sniffed {
  let dbs = 0;
  let aqua = 0;
  let fail = 0;
  let banner = false;
  let tagged = 0;
  const limit = Math.min(lines.length, 20_000);
  for (let i = 0; i < limit; i++) {
    const t = (lines[i] as string).trimStart();
    const c = t.charCodeAt(0);
    if (c === 91) {
      if (DBS_RESULT.test(t)) dbs++;
      else if (AQUA_RESULT.test(t)) aqua++;
      if (t.startsWith('[FAIL]')) fail++;
      if (/^\[(?:INFO|WARN|PASS|NOTE|FAIL)\]/.test(t)) tagged++;
    } else if (c === 35 && /^#\s*Docker Bench for Security/.test(t)) {
      banner = true;
    } else if (c === 61 && /^== (?:Summary|Remediations)/.test(t)) {
      aqua++;
    }
  }
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (tagged > 0) {
    if ((aqua > 0 || fail > 0) && KUBE_MARKERS.test(head))
      return { tool: 'kube-bench', format: 'text' };
    if (dbs === 0 && aqua === 0 && !banner) return { tool: 'unknown', format: 'text' };
    if (aqua + fail > dbs) return { tool: 'aquasec-docker-bench', format: 'text' };
    return { tool: 'docker-bench-security', format: 'text' };
  }
  if (banner) return { tool: 'docker-bench-security', format: 'text' };
  if (/<testcase\b/.test(head) && (KUBE_MARKERS.test(head) || /test_number/.test(head)))
    return { tool: 'kube-bench', format: 'junit' };
  if (
    /"dockerbenchsecurity"\s*:|"result"\s*:\s*"|^\s*"\d{1,3}\.\d{1,3}(?:\.\d{1,3})?"\s*:\s*"(?:WARN|PASS|INFO|NOTE)/im.test(
      head
    )
  ) {
    return { tool: 'docker-bench-security', format: 'json' };
  }
  if (/"test_number"\s*:|"total_pass"\s*:/.test(head)) {
    if (/"node_type"\s*:|"Controls"\s*:|"Totals"\s*:/.test(head))
      return { tool: 'kube-bench', format: 'json' };
    return { tool: 'aquasec-docker-bench', format: 'json' };
  }
  const first = head.trimStart().charCodeAt(0);
  if (first === 123 || first === 91) return { tool: 'unknown', format: 'json' };
  return { tool: 'unknown', format: 'none' };
}
