import type { BenchTool } from './types';
import { ANY_TAG, bracketTag } from './tags';

export type Format = 'text' | 'json' | 'junit' | 'none';

export interface Sniffed {
  tool: BenchTool;
  format: Format;
  /** The text holds a summary block with its counts and no check result: only the end of a run was pasted. */
  summaryOnly?: boolean;
}

const KUBE_MARKERS =
  /Node Security Configuration|Control Plane Security Configuration|Master Node|Worker Node|Kubernetes Policies|^== Summary (?:master|node|controlplane|etcd|policies|managedservices|total) ==|kube-bench/m;
const DBS_RESULT = /^\[(?:INFO|WARN|PASS|NOTE)\]\s+(?:\d{1,3}|C)(?:\.\d{1,3})*\s+-\s/;
const AQUA_RESULT = /^\[(?:INFO|WARN|PASS|FAIL)\]\s+\d{1,3}(?:\.\d{1,3})*(?:\.[a-z])?\s+(?!-\s)\S/;
// A key line of the early flat JSON layout: "1.1": "WARN", tested on one trimmed line at a time.
const FLAT_JSON_KEY = /^"\d{1,3}\.\d{1,3}(?:\.\d{1,3})?"\s*:\s*"(?:WARN|PASS|INFO|NOTE)/i;
// Lines docker-bench-security prints when it exits before its first check.
const DBS_FATAL =
  /^(?:Error connecting to docker daemon|Required program not found|ss or netstat command not found)/i;
// What aquasecurity/docker-bench prints when it cannot pick a config (app.go ResolveCisVersion).
const AQUA_FATAL = /^(?:Version check failed|Failed to get a valid CIS benchmark version)/;
const SUMMARY_HEADER = /^== Summary(?: (\S+))? ==$/;
const SUMMARY_COUNT = /^\d{1,9} checks? (?:PASS|FAIL|WARN|INFO)$/;
const KUBE_SUMMARY_TYPES = new Set([
  'master',
  'node',
  'controlplane',
  'etcd',
  'policies',
  'managedservices',
  'total',
]);

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
  let flatJsonKey = false;
  let dbsFatal = false;
  let aquaFatal = false;
  let summaryHeaders = 0;
  let kubeSummary = false;
  let summaryCounts = 0;
  const limit = Math.min(lines.length, 20_000);
  for (let i = 0; i < limit; i++) {
    const t = (lines[i] as string).trim();
    const c = t.charCodeAt(0);
    if (c === 91) {
      if (DBS_RESULT.test(t)) dbs++;
      else if (AQUA_RESULT.test(t)) aqua++;
      if (t.startsWith('[FAIL]')) fail++;
      if (bracketTag(t, ANY_TAG)) tagged++;
    } else if (c === 35 && /^#\s*Docker Bench for Security/.test(t)) {
      banner = true;
    } else if (c === 61) {
      const summary = SUMMARY_HEADER.exec(t);
      if (summary) {
        summaryHeaders++;
        if (KUBE_SUMMARY_TYPES.has(summary[1] ?? '')) kubeSummary = true;
      }
      if (summary || t.startsWith('== Remediations')) aqua++;
    } else if (c === 34) {
      if (FLAT_JSON_KEY.test(t)) flatJsonKey = true;
    } else if (c >= 48 && c <= 57) {
      if (SUMMARY_COUNT.test(t)) summaryCounts++;
    } else if (DBS_FATAL.test(t)) {
      dbsFatal = true;
    } else if (AQUA_FATAL.test(t)) {
      aquaFatal = true;
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
  if (banner || dbsFatal) return { tool: 'docker-bench-security', format: 'text' };
  if (aquaFatal) return { tool: 'aquasec-docker-bench', format: 'text' };
  if (/<testcase\b/.test(head) && (KUBE_MARKERS.test(head) || /test_number/.test(head)))
    return { tool: 'kube-bench', format: 'junit' };
  if (flatJsonKey || /"dockerbenchsecurity"\s*:|"result"\s*:\s*"/i.test(head)) {
    return { tool: 'docker-bench-security', format: 'json' };
  }
  if (/"test_number"\s*:|"total_pass"\s*:/.test(head)) {
    if (/"node_type"\s*:|"Controls"\s*:|"Totals"\s*:/.test(head))
      return { tool: 'kube-bench', format: 'json' };
    return { tool: 'aquasec-docker-bench', format: 'json' };
  }
  if (summaryHeaders > 0 && summaryCounts > 0) {
    // A summary names its node type only in kube-bench; a bare "== Summary ==" is aquasecurity's or old kube-bench's.
    return { tool: kubeSummary ? 'kube-bench' : 'unknown', format: 'text', summaryOnly: true };
  }
  const first = head.trimStart().charCodeAt(0);
  if (first === 123 || first === 91) return { tool: 'unknown', format: 'json' };
  return { tool: 'unknown', format: 'none' };
}
