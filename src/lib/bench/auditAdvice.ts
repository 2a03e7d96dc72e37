import type { AuditErrorCode } from './types';

// Kept apart from the patterns that find these failures, so that the worksheet page can give the same advice
// without loading the reader.

/** What a user does about each kind of failure before running the tool again. */
const ADVICE: Record<AuditErrorCode, string> = {
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
export function auditErrorAdvice(code: AuditErrorCode, reasons: readonly string[]): string {
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
