import type { BenchRun } from '../bench/types';
import { PLATFORMS, PLATFORM_LABELS } from '../stride';
import { checkIncomplete, checkThreatCount } from './guidance';
import { THREATS_PER_PLATFORM } from './own-threats';
import { REQUIRED_PICKS, unmetRules, type RuleContext } from './rules';
import type { Worksheet } from './schema';

/** The worksheet's eight steps with what is done in each, for the step navigator. */

export interface StepProgress {
  step: number;
  /** The id of the step's heading, to link to. */
  target: string;
  label: string;
  done: boolean;
  /** How far the step is, in a few words. */
  state: string;
}

/** Each step of the worksheet, done or not, in page order. */
export function worksheetProgress(
  ws: Worksheet,
  run: BenchRun | undefined,
  afterRun: BenchRun | undefined,
  ctx: RuleContext = {}
): StepProgress[] {
  const threatSteps = PLATFORMS.map((platform, i): StepProgress => {
    const list = ws.threatModel[platform];
    const done =
      checkThreatCount(list, platform).length === 0 && checkIncomplete(list).length === 0;
    return {
      step: i + 1,
      target: `ws-${platform}-threats`,
      label: `${PLATFORM_LABELS[platform]} threats`,
      done,
      state: done ? 'done' : `${list.length} of ${THREATS_PER_PLATFORM}`,
    };
  });
  const picks = ws.picks.length;
  const unmet = unmetRules(ws, run, ctx);
  const verified = ws.picks.filter((p) => p.status === 'verified').length;
  const chosen = ws.exerciseRules ? `${picks} of ${REQUIRED_PICKS}` : `${picks} chosen`;
  return [
    ...threatSteps,
    { step: 3, target: 'ws-run', label: 'Run', done: !!run, state: run ? 'done' : 'to paste' },
    {
      step: 4,
      target: 'ws-summary',
      label: 'Summary',
      done: !!run,
      state: run ? 'done' : 'after the run',
    },
    {
      step: 5,
      target: 'ws-findings',
      label: 'Findings',
      done: ws.exerciseRules ? picks === REQUIRED_PICKS : picks > 0,
      state: chosen,
    },
    {
      step: 6,
      target: 'ws-picks',
      label: 'Picks',
      done: picks > 0 && unmet.length === 0,
      state: picks > 0 && unmet.length === 0 ? 'done' : `${unmet.length} to do`,
    },
    {
      step: 7,
      target: 'ws-verify',
      label: 'Verify',
      done: picks > 0 && verified === picks,
      state:
        picks === 0
          ? 'no picks yet'
          : verified === picks
            ? 'done'
            : `${verified} of ${picks} verified`,
    },
    {
      step: 8,
      target: 'ws-export',
      label: 'Export',
      done: false,
      state: afterRun || verified > 0 ? 'ready' : 'any time',
    },
  ];
}
