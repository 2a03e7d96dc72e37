import type { BenchRun, Finding } from '../bench/types';
import { PLATFORM_LABELS, type Platform } from '../stride';
import { toolName } from '../catalog/numbering';
import { runPlatform } from './platform';
import { outcomeLabel } from './compliance';
import { findingKey, findingName } from './findings';
import { findOwnThreat, ownThreatIdOf } from './own-threats';
import type { HardeningPick, Worksheet } from './schema';
import { OWN_THREAT } from './worksheet';
import { pickKey } from './state';
import { oneLine } from './text';

/** The task's rules as pure functions: each returns what is still unmet, in words a student understands. */

export const REQUIRED_PICKS = 3;

/**
 * The three checks the course exercise already hardened, as CIS Docker 1.2.0 numbers them, with the
 * concept that identifies each whatever number another benchmark version gives it.
 */
export const EXERCISE_CHECKS = [
  { id: '5.10', concept: 'memory-limit', label: 'the memory limit' },
  {
    id: '5.14',
    concept: 'on-failure-restart-policy',
    label: "the 'on-failure' restart policy of 5",
  },
  { id: '5.22', concept: 'exec-privileged', label: 'docker exec with --privileged' },
] as const;

export type RuleId =
  'run' | 'three-picks' | 'some-picks' | 'failed-only' | 'threat' | 'why' | 'beyond-exercise';

export interface UnmetRule {
  rule: RuleId;
  message: string;
  /** The pick it concerns, by pick key. */
  pick?: string;
}

export interface RuleContext {
  /** Ids of the model's threats; a pick tied to another id is not tied to a threat of the model. */
  threatIds?: ReadonlySet<string>;
}

/** The sentence that says why a Kubernetes run (kube-bench's unless told otherwise) has no rule about the exercise's 5.10, 5.14 and 5.22. */
export function kubernetesExerciseNote(tool: BenchRun['tool'] = 'kube-bench'): string {
  return `The rule that one pick must differ from 5.10, 5.14 and 5.22 belongs to the Docker exercise, so it does not apply to this ${toolName(tool === 'unknown' ? 'kube-bench' : tool)} run.`;
}

/** The platform whose rules apply: the run's, else Docker unless a pick carries a kube-bench node type. */
export function worksheetPlatform(
  ws: Pick<Worksheet, 'picks'>,
  run: Pick<BenchRun, 'tool' | 'benchmark'> | undefined
): Platform {
  if (run) return runPlatform(run);
  return ws.picks.some((p) => p.nodeType) ? 'kubernetes' : 'docker';
}

/** What "all rules met" means for the platform and the rules in force, in one sentence. */
export function rulesMetText(platform: Platform, exerciseRules = true): string {
  if (!exerciseRules)
    return 'All rules are met: every pick is a failed finding, tied to a threat and explained.';
  return platform === 'kubernetes'
    ? 'All rules are met: three failed findings, each tied to a threat and explained.'
    : 'All rules are met: three failed findings, each tied to a threat and explained, at least one beyond the exercise.';
}

/** The exercise check a pick is, matched by concept; undefined when it is another check. */
export function exerciseCheckOf(
  pick: Pick<HardeningPick, 'concept'>
): (typeof EXERCISE_CHECKS)[number] | undefined {
  return EXERCISE_CHECKS.find((c) => c.concept === pick.concept);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function findingOf(run: BenchRun, pick: HardeningPick): Finding | undefined {
  const key = pickKey(pick);
  return run.findings.find((f) => findingKey(f) === key);
}

/** How many picks there are: exactly three under the course exercise's rules, at least one without them. */
export function checkPickCount(ws: Worksheet): UnmetRule[] {
  const n = ws.picks.length;
  if (!ws.exerciseRules)
    return n === 0
      ? [
          {
            rule: 'some-picks',
            message: 'Choose the failed findings you will harden: tick them in the findings list.',
          },
        ]
      : [];
  if (n < REQUIRED_PICKS) {
    return [
      {
        rule: 'three-picks',
        message: `Choose ${plural(REQUIRED_PICKS - n, 'more failed finding', 'more failed findings')}: the task asks for exactly three, and ${n} ${n === 1 ? 'is' : 'are'} chosen.`,
      },
    ];
  }
  if (n > REQUIRED_PICKS) {
    return [
      {
        rule: 'three-picks',
        message: `Un-choose ${plural(n - REQUIRED_PICKS, 'finding', 'findings')}: the task asks for exactly three, and ${n} are chosen.`,
      },
    ];
  }
  return [];
}

/** Every pick must be a finding this run reports as failed. */
export function checkFailedOnly(ws: Worksheet, run: BenchRun): UnmetRule[] {
  return ws.picks.flatMap((p): UnmetRule[] => {
    const f = findingOf(run, p);
    const name = findingName({
      id: p.findingId,
      title: p.title,
      ...(p.nodeType ? { nodeType: p.nodeType } : {}),
    });
    if (!f)
      return [
        {
          rule: 'failed-only',
          pick: pickKey(p),
          message: `${name} is not in the run you pasted. Choose failed findings of this run, or paste the run you chose it from.`,
        },
      ];
    if (f.outcome !== 'fail') {
      return [
        {
          rule: 'failed-only',
          pick: pickKey(p),
          message: `${name} is "${outcomeLabel(f)}" in this run, not failed. Only failed findings count.`,
        },
      ];
    }
    return [];
  });
}

/** Every pick must be tied to a threat of the model or to a described attack surface of the user's own. */
export function checkThreats(
  ws: Worksheet,
  ctx: RuleContext = {},
  platform: Platform = 'docker'
): UnmetRule[] {
  return ws.picks.flatMap((p): UnmetRule[] => {
    const key = pickKey(p);
    if (p.threat === '')
      return [
        {
          rule: 'threat',
          pick: key,
          message: `Choose the threat that hardening ${p.findingId} works against.`,
        },
      ];
    if (p.threat === OWN_THREAT) {
      return p.ownThreat.trim() === ''
        ? [
            {
              rule: 'threat',
              pick: key,
              message: `Describe the attack surface of your own model that ${p.findingId} protects, or choose a threat of this model.`,
            },
          ]
        : [];
    }
    if (ownThreatIdOf(p.threat) !== undefined) {
      const own = findOwnThreat(ws.threatModel, p.threat);
      if (!own)
        return [
          {
            rule: 'threat',
            pick: key,
            message: `${p.findingId} is tied to a threat of your own model that has been removed. Choose another threat.`,
          },
        ];
      if (own.platform !== platform) {
        return [
          {
            rule: 'threat',
            pick: key,
            message: `${p.findingId} is tied to your ${PLATFORM_LABELS[own.platform]} threat ${own.number}, but this is a ${PLATFORM_LABELS[platform]} run. Choose one of your ${PLATFORM_LABELS[platform]} threats.`,
          },
        ];
      }
      return [];
    }
    if (ctx.threatIds && !ctx.threatIds.has(p.threat)) {
      return [
        {
          rule: 'threat',
          pick: key,
          message: `${p.findingId} is tied to ${oneLine(p.threat)}, which the ${PLATFORM_LABELS[platform]} model does not have. Choose another threat.`,
        },
      ];
    }
    return [];
  });
}

/** Every pick needs a reason in the user's own words. */
export function checkWhy(ws: Worksheet): UnmetRule[] {
  return ws.picks
    .filter((p) => p.why.trim() === '')
    .map((p) => ({
      rule: 'why' as const,
      pick: pickKey(p),
      message: `Write why you harden ${p.findingId}: which attack it makes harder.`,
    }));
}

/** At least one of three picks must be a check the Docker exercise did not already harden, compared by concept; kube-bench runs have no such rule. */
export function checkBeyondExercise(ws: Worksheet, platform: Platform = 'docker'): UnmetRule[] {
  if (
    !ws.exerciseRules ||
    platform !== 'docker' ||
    ws.picks.length < REQUIRED_PICKS ||
    !ws.picks.every((p) => exerciseCheckOf(p))
  )
    return [];
  return [
    {
      rule: 'beyond-exercise',
      message: `All your picks are checks the exercise already hardened (${EXERCISE_CHECKS.map((c) => c.label).join(', ')}). Replace at least one with another failed finding.`,
    },
  ];
}

/** Every rule the worksheet does not meet yet, in the order a student works through them. */
export function unmetRules(
  ws: Worksheet,
  run: BenchRun | undefined,
  ctx: RuleContext = {}
): UnmetRule[] {
  if (!run || run.findings.length === 0) {
    return [
      {
        rule: 'run',
        message: `Paste a benchmark run or open its file, then press Analyze: ${ws.exerciseRules ? 'the three picks come' : 'your picks come'} from its failed findings.`,
      },
      ...checkPickCount(ws),
    ];
  }
  const platform = runPlatform(run);
  // A pick that cannot count at all blocks more than one still to choose.
  return [
    ...checkFailedOnly(ws, run),
    ...checkPickCount(ws),
    ...checkThreats(ws, ctx, platform),
    ...checkWhy(ws),
    ...checkBeyondExercise(ws, platform),
  ];
}

const MANAGED_NAMES: Record<string, string> = {
  eks: 'Amazon EKS',
  gke: 'Google GKE',
  aks: 'Azure AKS',
  ack: 'Alibaba Cloud ACK',
  openshift: 'Red Hat OpenShift',
};

/** A benchmark id such as cis-docker-1.6.0 or cis-kubernetes-1.20 in words: "CIS Docker 1.6.0", "CIS Kubernetes 1.20". */
export function benchmarkName(id: string | undefined): string {
  if (!id) return 'your benchmark';
  const docker = /^cis-docker-(ce-)?(.+)$/.exec(id);
  if (docker) return `CIS Docker${docker[1] ? ' Community Edition' : ''} ${docker[2]}`;
  const kube = /^cis-kubernetes-(.+)$/.exec(id);
  if (kube) return `CIS Kubernetes ${kube[1]}`;
  const managed = /^cis-(eks|gke|aks|ack|openshift)-(.+)$/.exec(id);
  if (managed) return `CIS ${MANAGED_NAMES[managed[1]!]} ${managed[2]}`;
  const stig = /^eks-stig-kubernetes-(v\d+r\d+)$/.exec(id);
  if (stig) return `DISA STIG for Amazon EKS Kubernetes ${stig[1]!.toUpperCase()}`;
  return id;
}

/**
 * One sentence per pick whose number and concept disagree with the exercise's numbering, saying why it
 * does or does not count as one of the exercise's checks.
 */
export function exerciseNotes(
  ws: Pick<Worksheet, 'picks' | 'exerciseRules'>,
  run: Pick<BenchRun, 'benchmark' | 'tool'> | undefined
): { pick: string; message: string }[] {
  // The exercise numbers Docker checks; a kube-bench 5.1.x is no relation.
  if (!ws.exerciseRules || worksheetPlatform(ws, run) !== 'docker') return [];
  const bench = benchmarkName(run?.benchmark?.id);
  return ws.picks.flatMap((p) => {
    const same = exerciseCheckOf(p);
    const sameNumber = EXERCISE_CHECKS.find((c) => c.id === p.findingId);
    if (same && same.id !== p.findingId) {
      return [
        {
          pick: pickKey(p),
          message: `In this run, ${p.findingId} is ${same.label}, the check the exercise calls ${same.id}: ${bench} numbers it ${p.findingId}, so it counts as one of the exercise's three.`,
        },
      ];
    }
    if (!same && sameNumber) {
      return [
        {
          pick: pickKey(p),
          message: `In this run, ${p.findingId} (${oneLine(p.title)}) is not the exercise's ${sameNumber.id}, which is ${sameNumber.label}: ${bench} gives that number to another check, so it counts as different from the exercise.`,
        },
      ];
    }
    if (same)
      return [
        {
          pick: pickKey(p),
          message: `${p.findingId} is ${same.label}, one of the exercise's three checks.`,
        },
      ];
    return [];
  });
}
