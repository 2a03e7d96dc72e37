import type { AuditErrorCode, AuditFailureCode, Diagnostic, Finding } from './types';
import { amount, plural } from './diagnostics';
import { quote } from './title';
import { auditErrorAdvice } from './auditAdvice';

/** Why one audit could not do its job, read from what it printed. */
export interface AuditFailure {
  code: AuditFailureCode;
  /** A short reason in words, e.g. "auditctl is not installed". */
  reason: string;
}

// The docker CLI's own words when it cannot use the daemon's socket (docker/cli, every release since 17.x).
const DAEMON_DENIED =
  /permission denied while trying to connect to the docker (?:daemon socket|api)/i;
const DAEMON_DOWN =
  /cannot connect to the docker daemon|is the docker daemon running\?|^error during connect:/i;
// docker inspect and docker network inspect with no argument, as `docker ps -q | xargs docker inspect` runs
// them when nothing is running (aquasecurity/docker-bench cfg/*/definitions.yaml).
const NOTHING_TO_INSPECT =
  /^"docker (?:(container|image|network|volume) )?inspect" requires at least 1 argument/;
const NO_SUCH_OBJECT =
  /^Error(?: response from daemon)?: No such (object|container|image|network)/i;
// GNU xargs warns about --max-args with -I (aquasecurity cis-1.6.0 check 4.1) whether or not input follows.
const XARGS_WARNING = /^xargs: warning: options --max-args and --replace/;
// "/bin/sh: 1: auditctl: not found" (dash), "/bin/sh: line 1: auditctl: command not found" (bash),
// "Command auditctl: not found" (bench-common's rewording), and v1.3.0's "Failed to inspect: auditctl command not found."
const NOT_FOUND = /(?:^|: |Command )([\w.+-]{1,64}): (?:command )?not found\s*$/;
const V130_NOT_FOUND = /^Failed to inspect: ([\w.+-]{1,64}) command not found/;
// systemctl is there but systemd is not PID 1, as in a container: it cannot answer either.
const NO_SYSTEMD = /^System has not been booted with systemd|^Failed to connect to bus/;
// BSD stat, xargs and grep (macOS) and BusyBox reject options the audits take from GNU coreutils.
const BAD_OPTION =
  /([\w.+-]{1,64}): (?:illegal|invalid|unrecognized|unknown) option(?: --|:)? ?'?([\w-]{1,32})/i;
// A Go panic of the docker CLI ("panic: reflect: indirection through nil pointer", docker/cli#3593) or a
// --format template it could not run ("template: :1:8: executing ...").
const PANIC = /^panic: |^goroutine \d{1,9} \[/;
const TEMPLATE = /(?:^|: )template: [^:\s]{0,64}:\d{1,9}:|^Template parsing error:/i;

// When one output shows several failures, the one that caused the others wins: without the socket nothing
// else can work, a missing program explains what follows it, and a crash is the least specific.
const PRECEDENCE: AuditFailureCode[] = [
  'no-daemon-access',
  'missing-program',
  'unsupported-option',
  'nothing-to-inspect',
  'docker-cli-crash',
];

function classifyLine(t: string): AuditFailure | undefined {
  // A cheap look for the words every pattern needs first: most lines have none, and the patterns that start
  // with a program name would otherwise try every position of a long line.
  const lower = t.toLowerCase();
  const notFound = lower.includes('not found');
  const option = lower.includes(' option');
  if (!notFound && !option && !/docker|template|panic|goroutine|system|bus|error|xargs/.test(lower))
    return undefined;
  if (DAEMON_DENIED.test(t))
    return {
      code: 'no-daemon-access',
      reason: 'no permission to use the Docker socket (/var/run/docker.sock)',
    };
  if (DAEMON_DOWN.test(t))
    return { code: 'no-daemon-access', reason: 'the Docker daemon could not be reached' };
  const missing = notFound ? (NOT_FOUND.exec(t) ?? V130_NOT_FOUND.exec(t)) : null;
  if (missing)
    return { code: 'missing-program', reason: `${missing[1] as string} is not installed` };
  if (NO_SYSTEMD.test(t))
    return {
      code: 'missing-program',
      reason: 'systemd is not running (as in a container), so systemctl cannot answer',
    };
  const bad = option ? BAD_OPTION.exec(t) : null;
  if (bad)
    return {
      code: 'unsupported-option',
      reason: `this ${bad[1] as string} has no option -${bad[2] as string} (a BSD or BusyBox ${bad[1] as string}, as on macOS or Alpine)`,
    };
  const inspect = NOTHING_TO_INSPECT.exec(t);
  if (inspect) {
    const what = inspect[1] === undefined ? 'container or image' : inspect[1];
    return { code: 'nothing-to-inspect', reason: `there was no ${what} to inspect` };
  }
  const gone = NO_SUCH_OBJECT.exec(t);
  if (gone) {
    const what = (gone[1] as string).toLowerCase();
    return {
      code: 'nothing-to-inspect',
      reason: `the ${what === 'object' ? 'container or image' : what} it looked at no longer exists`,
    };
  }
  if (PANIC.test(t))
    return { code: 'docker-cli-crash', reason: 'the docker CLI crashed (a Go panic)' };
  if (TEMPLATE.test(t))
    return {
      code: 'docker-cli-crash',
      reason: 'the docker CLI could not run its --format template',
    };
  return undefined;
}

/**
 * Reads an audit's output line by line and says whether it could not run, and why; keeps nothing but the
 * answer so far, so a block of any length costs one pass.
 */
export class AuditOutput {
  private best: AuditFailure | undefined;
  private xargsWarning = false;
  private other = false;

  add(line: string): void {
    const t = line.trim();
    if (t === '' || this.best?.code === 'no-daemon-access') return;
    if (XARGS_WARNING.test(t)) {
      this.xargsWarning = true;
      return;
    }
    this.other = true;
    const found = classifyLine(t);
    if (
      found &&
      (!this.best || PRECEDENCE.indexOf(found.code) < PRECEDENCE.indexOf(this.best.code))
    )
      this.best = found;
  }

  /** Why the audit could not run; undefined when nothing shows that. */
  failure(): AuditFailure | undefined {
    if (!this.best && this.xargsWarning && !this.other)
      // The pipeline gave xargs nothing, so no container was looked at; only its warning is left.
      return { code: 'nothing-to-inspect', reason: 'there was no running container to inspect' };
    return this.best;
  }
}

/**
 * Reads what an audit printed and says whether it could not run, and why; undefined when nothing shows that
 * (a missing file or a setting that is off is a real result, not a failure to run).
 */
export function classifyAuditOutput(lines: readonly string[]): AuditFailure | undefined {
  const output = new AuditOutput();
  for (const line of lines) output.add(line);
  return output.failure();
}

/**
 * Marks a finding whose audit could not run. A result the tool passed keeps its pass: error output beside
 * it (a stray line, a damaged log) cannot be what the tool judged, and a pass is never "not checked".
 */
export function markAuditError(finding: Finding, failure: AuditFailure): void {
  if (finding.outcome === 'pass') return;
  finding.auditError = failure.reason;
  finding.auditErrorCode = failure.code;
}

/** Whether a code says an audit could not run, rather than that Trivy or kubescape did not check a control. */
function isAuditFailure(code: AuditErrorCode): code is AuditFailureCode {
  return Object.prototype.hasOwnProperty.call(WHY, code);
}

const WHY: Record<AuditFailureCode, string> = {
  'no-daemon-access': 'without access to the Docker daemon',
  'nothing-to-inspect': 'with nothing to inspect',
  'missing-program': 'where a program is missing',
  'unsupported-option': 'where a program lacks an option',
  'docker-cli-crash': 'where the docker CLI crashed',
  'audit-did-not-run': 'whose audit command failed',
};

/**
 * One warning for a run with results whose audit could not run: how many, why (grouped by kind, with the
 * programs named), and how to run it again so they count; undefined when there are none.
 */
export function auditErrorsDiagnostic(findings: readonly Finding[]): Diagnostic | undefined {
  // Up to three reasons are quoted; the advice looks at up to ten, so it covers what the quote leaves out.
  const groups = new Map<
    AuditFailureCode,
    { count: number; reasons: string[]; seen: Set<string> }
  >();
  let first: Finding | undefined;
  let total = 0;
  for (const f of findings) {
    const code = f.auditErrorCode;
    if (code === undefined || !isAuditFailure(code)) continue;
    first ??= f;
    total++;
    let g = groups.get(code);
    if (!g) {
      g = { count: 0, reasons: [], seen: new Set() };
      groups.set(code, g);
    }
    g.count++;
    const reason = quote(f.auditError ?? '', 100);
    if (reason && g.seen.size < 10 && !g.seen.has(reason)) {
      g.seen.add(reason);
      if (g.reasons.length < 3) g.reasons.push(reason);
    }
  }
  if (!first) return undefined;
  const order = [...groups].sort((a, b) => b[1].count - a[1].count);
  // kube-bench's own reasons are whole command lines: the count says enough there.
  const why = order
    .map(
      ([code, g]) =>
        `${amount(g.count)} ${WHY[code]}${code === 'audit-did-not-run' ? '' : ` (${g.reasons.join('; ')})`}`
    )
    .join(', ');
  const advice = order.map(([code, g]) => auditErrorAdvice(code, [...g.seen])).join('; ');
  return {
    code: 'audit-errors',
    line: first.line,
    severity: 'warning',
    message: `${plural(total, 'result')} ${total === 1 ? 'says' : 'say'} nothing about this host because ${total === 1 ? 'its audit' : 'their audits'} could not run (the first is ${first.id}, line ${first.line}): ${why}. To get real results, ${advice}, then run the tool again.`,
  };
}
