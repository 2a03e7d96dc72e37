/** The tags each tool prints in brackets before a result; docker-bench-security has no FAIL, the others no NOTE. */
export const DBS_TAGS: ReadonlySet<string> = new Set(['INFO', 'WARN', 'PASS', 'NOTE']);
export const AQUASEC_TAGS: ReadonlySet<string> = new Set(['PASS', 'FAIL', 'WARN', 'INFO']);
export const KUBE_BENCH_TAGS = AQUASEC_TAGS;
/** Every tag any of the tools prints. */
export const ANY_TAG: ReadonlySet<string> = new Set(['INFO', 'WARN', 'PASS', 'NOTE', 'FAIL']);

/** The tag of a line that starts with `[TAG]` (four letters), when it is one of `tags`; otherwise undefined. */
export function bracketTag(line: string, tags: ReadonlySet<string>): string | undefined {
  if (line.charCodeAt(0) !== 91 || line.charCodeAt(5) !== 93) return undefined;
  const tag = line.slice(1, 5);
  return tags.has(tag) ? tag : undefined;
}
