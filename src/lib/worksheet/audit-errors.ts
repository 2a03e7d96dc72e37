import { auditErrorAdvice, auditFailureOf } from '../bench/auditAdvice';
import type { AuditFailureCode, BenchRun, Finding } from '../bench/types';
import { findingKey, findingName, OUTCOME_LABELS } from './findings';
import type { HardeningPick, Worksheet } from './schema';
import { pickKey } from './state';
import { oneLine } from './text';

/**
 * Results whose audit could not run (a missing program, no access to the daemon, nothing to inspect ...):
 * what the worksheet says about them in the run summary, beside each finding, in the rules and in exports.
 * Such a result says nothing about the host, so it is never presented as evidence.
 */

/** The words shown beside such a finding's status, on the page and in every export. */
export const AUDIT_ERROR_LABEL = 'Audit could not run';

/** Each kind of failure in words, in the order the summary lists kinds of equal count. */
const KIND_WORDS: Record<AuditFailureCode, string> = {
  'no-daemon-access': 'no access to the Docker daemon',
  'nothing-to-inspect': 'nothing to inspect (no running containers, images or networks)',
  'missing-program': 'a program the audit runs is not installed',
  'unsupported-option': 'a program lacks an option the audit uses',
  'docker-cli-crash': 'the docker CLI crashed',
  'audit-did-not-run': 'the audit command failed',
};

/**
 * Why a finding's audit could not run, short enough for a sentence: kube-bench's reasons are whole command
 * lines with their output, so for those the kind is named (the finding's details keep the whole reason).
 */
export function auditErrorReason(f: Finding): string {
  const code = auditFailureOf(f) ?? 'audit-did-not-run';
  return code === 'audit-did-not-run' || !f.auditError ? KIND_WORDS[code] : oneLine(f.auditError);
}

export interface AuditErrorKind {
  code: AuditFailureCode;
  /** The kind in words. */
  kind: string;
  count: number;
  /** How many of them the tool reported as failed. */
  failed: number;
  /** Up to three distinct reasons, as the findings give them. */
  reasons: string[];
  /** What to do before running the tool again. */
  advice: string;
  /** The first few check ids, in run order. */
  ids: string[];
}

export interface AuditErrorSummary {
  /** Results whose audit could not run. */
  total: number;
  /** Results of the run. */
  of: number;
  /** Failed results among them, and failed results of the run. */
  failed: number;
  failedOf: number;
  /** One entry per kind, most frequent first. */
  kinds: AuditErrorKind[];
}

const MAX_IDS = 8;
const MAX_REASONS = 3;

/** How many results of a run are not meaningful, grouped by why; undefined when every audit ran. */
export function auditErrorSummary(
  run: Pick<BenchRun, 'findings' | 'totals'>
): AuditErrorSummary | undefined {
  const kinds = new Map<AuditFailureCode, AuditErrorKind & { seen: Set<string> }>();
  let total = 0;
  let failed = 0;
  for (const f of run.findings) {
    const code = auditFailureOf(f);
    if (code === undefined) continue;
    total++;
    if (f.outcome === 'fail') failed++;
    let k = kinds.get(code);
    if (!k) {
      k = {
        code,
        kind: KIND_WORDS[code],
        count: 0,
        failed: 0,
        reasons: [],
        advice: '',
        ids: [],
        seen: new Set(),
      };
      kinds.set(code, k);
    }
    k.count++;
    if (f.outcome === 'fail') k.failed++;
    if (k.ids.length < MAX_IDS) k.ids.push(oneLine(f.id));
    const reason = oneLine(f.auditError ?? '');
    // kube-bench's reasons are whole command lines: the kind says enough there.
    if (reason && code !== 'audit-did-not-run' && !k.seen.has(reason)) {
      k.seen.add(reason);
      if (k.reasons.length < MAX_REASONS) k.reasons.push(reason);
    }
  }
  if (total === 0) return undefined;
  const order = Object.keys(KIND_WORDS);
  return {
    total,
    of: run.findings.length,
    failed,
    failedOf: run.totals.counted.fail,
    kinds: [...kinds.values()]
      .sort((a, b) => b.count - a.count || order.indexOf(a.code) - order.indexOf(b.code))
      .map(({ seen, ...k }) => ({ ...k, advice: auditErrorAdvice(k.code, [...seen]) })),
  };
}

/** The summary's first sentence: how many results are not meaningful, and how many failures that leaves. */
export function auditErrorHeadline(s: AuditErrorSummary): string {
  const results = `${s.total} of ${s.of} result${s.of === 1 ? '' : 's'}`;
  const verb = s.total === 1 ? 'is' : 'are';
  const failures =
    s.failed > 0
      ? ` ${s.failed} of the ${s.failedOf} failed finding${s.failedOf === 1 ? '' : 's'} ${s.failed === 1 ? 'is' : 'are'} among them: a failure whose audit could not run is not evidence.`
      : '';
  return `${results} ${verb} not meaningful: the audit could not run, so ${s.total === 1 ? 'it says' : 'they say'} nothing about this host.${failures}`;
}

/** One kind as a line of the summary: count, why, the reasons and which checks. */
export function auditErrorKindText(k: AuditErrorKind): string {
  const reasons = k.reasons.length ? ` (${k.reasons.join('; ')})` : '';
  const more = k.count > k.ids.length ? ', …' : '';
  return `${k.count} because ${k.kind}${reasons}: ${k.ids.join(', ')}${more}.`;
}

/** How to run the tool again so that every result counts, for the kinds a run shows. */
export function rerunAdvice(s: AuditErrorSummary): string {
  const steps = [...new Set(s.kinds.flatMap((k) => k.advice.split('; ')))];
  return `To get results that count, ${steps.join('; ')}; then run the benchmark again and paste the new run.`;
}

/** Why one finding says nothing about the host, in the words its details show. */
export function auditErrorExplanation(f: Finding): string | undefined {
  const code = auditFailureOf(f);
  if (code === undefined) return undefined;
  const reason = oneLine(f.auditError ?? KIND_WORDS[code]);
  return `The audit of ${oneLine(f.id)} could not run: ${reason}. Its result "${OUTCOME_LABELS[f.outcome]} (${oneLine(f.status)})" says nothing about this host, so it is not evidence either way. To get a real result, ${auditErrorAdvice(code, [reason])}, then run the benchmark again.`;
}

/** What an export says about a result whose audit could not run. */
export function notEvidenceText(f: Finding): string {
  return `${AUDIT_ERROR_LABEL}: ${auditErrorReason(f)}. This result is not evidence: it says nothing about the host.`;
}

export interface WeakPick {
  /** The pick, by pick key. */
  pick: string;
  finding: Finding;
  message: string;
}

/** The picks whose finding's audit could not run in this run: allowed, but weak, and each says why. */
export function weakPicks(
  ws: Pick<Worksheet, 'picks'>,
  run: Pick<BenchRun, 'findings'> | undefined
): WeakPick[] {
  if (!run) return [];
  const byKey = new Map<string, Finding>();
  for (const f of run.findings) if (auditFailureOf(f) !== undefined) byKey.set(findingKey(f), f);
  return ws.picks.flatMap((p: HardeningPick): WeakPick[] => {
    const finding = byKey.get(pickKey(p));
    if (!finding) return [];
    return [
      {
        pick: pickKey(p),
        finding,
        message: `${findingName(finding)} is a weak pick: its audit could not run (${auditErrorReason(finding)}), so its failed result is not evidence that the host lacks this setting. You may keep it, but prefer a failed finding whose audit ran, or run the benchmark again so that this check is really tested.`,
      },
    ];
  });
}
