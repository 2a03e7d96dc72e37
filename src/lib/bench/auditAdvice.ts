import type { AuditFailureCode, Finding } from './types';

// Kept apart from the patterns that find these failures, so that the worksheet page can give the same advice
// without loading the reader.

/** What a user does about each kind of failure before running the tool again. */
const ADVICE: Record<AuditFailureCode, string> = {
  'no-daemon-access':
    'run the tool as root, or as a user in the docker group, with the daemon running and /var/run/docker.sock reachable',
  'nothing-to-inspect':
    'start the containers you want checked (and keep their images and networks) before the run',
  'missing-program': 'install the programs that are missing',
  'unsupported-option':
    'run the tool on a Linux host with GNU coreutils, not on macOS or in a BusyBox image',
  'docker-cli-crash':
    'make sure `docker info` and `docker ps` work for the user that runs the tool',
  'audit-did-not-run': 'check these by hand, or run the tool where the audit commands exist',
};

/** The advice for a kind of failure, naming the package or the place that provides what was missing. */
export function auditErrorAdvice(code: AuditFailureCode, reasons: readonly string[]): string {
  if (code !== 'missing-program') return ADVICE[code];
  const steps = new Set<string>();
  for (const reason of reasons) {
    if (/auditctl|ausearch/.test(reason))
      steps.add('install auditd, which provides auditctl and ausearch');
    else if (/systemctl|systemd/.test(reason))
      steps.add('run the tool on the host itself, where systemd runs, not in a container');
    else steps.add(ADVICE[code]);
  }
  return [...steps].join('; ');
}

/**
 * Why a finding's audit could not run, or undefined when it ran. Trivy's and kubescape's unchecked results
 * (outcome 'skip') carry a code too, but they are controls the tool did not check, not audits that failed.
 */
export function auditFailureOf(
  f: Pick<Finding, 'outcome' | 'auditErrorCode'>
): AuditFailureCode | undefined {
  const code = f.auditErrorCode;
  return code !== undefined &&
    f.outcome !== 'skip' &&
    Object.prototype.hasOwnProperty.call(ADVICE, code)
    ? (code as AuditFailureCode)
    : undefined;
}
