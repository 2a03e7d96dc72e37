import type { Finding } from '../bench/types';
import type { ConceptInfo } from './data';
import { findingKey, nodeTypeLabel } from './findings';
import { reduceThreatModel, type ThreatModelAction } from './own-threats';
import type { Evidence, HardeningPick, Worksheet } from './schema';
import { emptyWorksheet, type PickStatus } from './worksheet';
import { oneLine, stripControl } from './text';

/** Worksheet state transitions as a pure reducer: every change the page makes goes through here. */

/** The fields of a pick a user edits. */
export type PickText = Partial<
  Pick<HardeningPick, 'threat' | 'ownThreat' | 'why' | 'steps' | 'verify'>
> & { status?: PickStatus };

export type WorksheetAction =
  | { type: 'set-input'; text: string; fileName?: string }
  | { type: 'set-after'; text: string; fileName?: string }
  | { type: 'pick'; finding: Finding; concept?: string; info?: ConceptInfo }
  | { type: 'unpick'; key: string }
  | { type: 'edit-pick'; key: string; patch: PickText }
  | { type: 'verify-pick'; key: string; evidence: Evidence }
  | { type: 'replace'; worksheet: Worksheet }
  | { type: 'start-over' }
  | { type: 'set-exercise-rules'; on: boolean }
  | ThreatModelAction;

/** The key of a pick, the same as the key of the finding it was made from. */
export function pickKey(p: Pick<HardeningPick, 'findingId' | 'title' | 'nodeType'>): string {
  return findingKey({
    id: p.findingId,
    title: p.title,
    ...(p.nodeType ? { nodeType: p.nodeType } : {}),
  });
}

/**
 * Each pick's key, told apart when a file holds two picks of one finding: the second is "<key> #2", so
 * each has its own card and an edit changes only the one edited.
 */
export function pickKeys(picks: readonly HardeningPick[]): string[] {
  const seen = new Map<string, number>();
  return picks.map((p) => {
    const key = pickKey(p);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key} #${n}`;
  });
}

/** The hardening steps a new pick starts with: the catalog's remediation, else the tool's own. */
export function prefillSteps(finding: Finding, info: ConceptInfo | undefined): string {
  if (info) return stripControl(info.remediation).trim();
  return finding.remediation ? stripControl(finding.remediation).trim() : '';
}

/** The verification a new pick starts with: the audit command and the check that should then pass. */
export function prefillVerify(finding: Finding, info: ConceptInfo | undefined): string {
  const where = finding.nodeType ? ` (${nodeTypeLabel(finding.nodeType)})` : '';
  const rerun = `Run the benchmark again: check ${finding.id} "${oneLine(finding.title)}"${where} should now pass.`;
  return info ? `${stripControl(info.audit).trim()}\n\n${rerun}` : rerun;
}

function newPick(
  finding: Finding,
  concept: string | undefined,
  info: ConceptInfo | undefined
): HardeningPick {
  return {
    findingId: finding.id,
    title: finding.title,
    concept,
    ...(finding.nodeType ? { nodeType: finding.nodeType } : {}),
    threat: '',
    ownThreat: '',
    why: '',
    steps: prefillSteps(finding, info),
    verify: prefillVerify(finding, info),
    status: 'planned',
  };
}

function mapPick(
  ws: Worksheet,
  key: string,
  change: (p: HardeningPick) => HardeningPick
): Worksheet {
  let changed = false;
  const keys = pickKeys(ws.picks);
  const picks = ws.picks.map((p, i) => {
    if (keys[i] !== key) return p;
    changed = true;
    return change(p);
  });
  return changed ? { ...ws, picks } : ws;
}

/** Applies one change and returns the new worksheet; unchanged parts keep their identity. */
export function reduceWorksheet(ws: Worksheet, action: WorksheetAction): Worksheet {
  switch (action.type) {
    case 'set-input':
      return {
        ...ws,
        input: { text: action.text, ...(action.fileName ? { fileName: action.fileName } : {}) },
      };
    case 'set-after':
      return {
        ...ws,
        after: { text: action.text, ...(action.fileName ? { fileName: action.fileName } : {}) },
      };
    case 'pick': {
      const key = findingKey(action.finding);
      if (ws.picks.some((p) => pickKey(p) === key)) return ws;
      // A pick un-chosen earlier comes back with everything the user wrote for it.
      const shelved = ws.shelved.find((p) => pickKey(p) === key);
      const pick = shelved ?? newPick(action.finding, action.concept, action.info);
      return {
        ...ws,
        picks: [...ws.picks, pick],
        shelved: ws.shelved.filter((p) => p !== shelved),
      };
    }
    case 'unpick': {
      const pick = ws.picks[pickKeys(ws.picks).indexOf(action.key)];
      if (!pick) return ws;
      return {
        ...ws,
        picks: ws.picks.filter((p) => p !== pick),
        shelved: [...ws.shelved.filter((p) => pickKey(p) !== pickKey(pick)), pick],
      };
    }
    case 'edit-pick':
      return mapPick(ws, action.key, (p) => {
        const next = { ...p, ...action.patch };
        // Evidence belongs to "verified"; stepping back means the check has to be shown passing again.
        if (action.patch.status && action.patch.status !== 'verified') delete next.evidence;
        return next;
      });
    case 'verify-pick':
      return mapPick(ws, action.key, (p) => ({
        ...p,
        status: 'verified',
        evidence: action.evidence,
      }));
    case 'replace':
      return action.worksheet;
    case 'set-exercise-rules':
      return ws.exerciseRules === action.on ? ws : { ...ws, exerciseRules: action.on };
    case 'add-threat':
    case 'edit-threat':
    case 'remove-threat':
    case 'move-threat': {
      const threatModel = reduceThreatModel(ws.threatModel, action);
      return threatModel === ws.threatModel ? ws : { ...ws, threatModel };
    }
    case 'start-over':
      // Starting over keeps the way the user works: an engineer stays out of the course's rules.
      return { ...emptyWorksheet(), exerciseRules: ws.exerciseRules };
  }
}
