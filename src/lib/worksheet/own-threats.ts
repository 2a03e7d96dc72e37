import {
  PLATFORM_LABELS,
  PLATFORMS,
  STRIDE_LABELS,
  type Platform,
  type StrideCategory,
} from '../stride';
import type { OwnThreat, ThreatModel } from './schema';
import { oneLine } from './text';

export type { OwnThreat, ThreatModel };

/**
 * The user's own threat model (Steps 1 and 2 of the write-up): per platform, the threats they name,
 * each with a STRIDE category, the affected component and a description in their own words.
 */

/** How many threats the write-up asks for per platform. */
export const THREATS_PER_PLATFORM = 5;

/** The prefix of a pick's threat value that ties it to one of the user's own threats. */
export const OWN_THREAT_REF = 'mine:';

/** A threat model with no entries. */
export function emptyThreatModel(): ThreatModel {
  return { docker: [], kubernetes: [] };
}

/** A component of a platform's model as the worksheet offers it. */
export interface ModelComponent {
  id: string;
  name: string;
}

/** What a brief claim's block says: the claim as the brief wrote it, and how the catalog judged it. */
export interface BriefClaim {
  stride: StrideCategory;
  claim: string;
  verdict: 'accurate' | 'partly-accurate' | 'inaccurate';
  correction: string;
}

/** A catalog threat as a starting point for the user's own. */
export interface CatalogThreat {
  id: string;
  title: string;
  stride: StrideCategory;
  components: string[];
  summary: string;
  /** The title of the catalog's first mitigation, offered as the mitigation of a threat started from it. */
  mitigation?: string;
  brief?: BriefClaim;
}

/** One platform's catalog for the threat-model steps. */
export interface PlatformThreatCatalog {
  components: ModelComponent[];
  threats: CatalogThreat[];
}

export type ThreatCatalogData = Record<Platform, PlatformThreatCatalog>;

/** The catalog threats and model components as the content collections hold them, cut to what the steps read. */
export interface ThreatModelSources {
  threats: readonly {
    id: string;
    platform: Platform;
    title: string;
    stride: StrideCategory;
    components: string[];
    summary: string;
    mitigations?: readonly { title: string }[];
    brief?: BriefClaim;
  }[];
  models: readonly { platform: Platform; components: readonly { id: string; name: string }[] }[];
}

/** The data the threat-model steps ship: per platform, its components and its threats in id order. */
export function threatCatalogData(src: ThreatModelSources): ThreatCatalogData {
  const one = (platform: Platform): PlatformThreatCatalog => ({
    components: (src.models.find((m) => m.platform === platform)?.components ?? []).map((c) => ({
      id: c.id,
      name: c.name,
    })),
    threats: src.threats
      .filter((t) => t.platform === platform)
      .map((t) => ({
        id: t.id,
        title: t.title,
        stride: t.stride,
        components: [...t.components],
        summary: t.summary.trim(),
        ...(t.mitigations?.[0] ? { mitigation: t.mitigations[0].title } : {}),
        ...(t.brief
          ? {
              brief: {
                stride: t.brief.stride,
                claim: t.brief.claim,
                verdict: t.brief.verdict,
                correction: t.brief.correction.trim(),
              },
            }
          : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  });
  return { docker: one('docker'), kubernetes: one('kubernetes') };
}

export interface CatalogFilter {
  text: string;
  /** '' for every category. */
  stride: StrideCategory | '';
  /** '' for every component. */
  component: string;
}

/** The catalog threats a filter lets through; the text matches id, title and summary, every word of it. */
export function filterCatalogThreats(
  threats: readonly CatalogThreat[],
  filter: CatalogFilter
): CatalogThreat[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return threats.filter((t) => {
    if (filter.stride && t.stride !== filter.stride) return false;
    if (filter.component && !t.components.includes(filter.component)) return false;
    const hay = `${t.id} ${t.title} ${t.summary}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** A new entry started from a catalog threat: its category, its first component and its summary to rewrite. */
export function entryFromCatalog(id: string, t: CatalogThreat): OwnThreat {
  return {
    id,
    origin: t.id,
    stride: t.stride,
    component: t.components[0] ?? '',
    description: t.summary,
  };
}

/** A blank new entry. */
export function blankEntry(id: string): OwnThreat {
  return { id, stride: '', component: '', description: '' };
}

export type ThreatModelAction =
  | { type: 'add-threat'; platform: Platform; entry: OwnThreat }
  | {
      type: 'edit-threat';
      platform: Platform;
      id: string;
      patch: Partial<Pick<OwnThreat, 'stride' | 'component' | 'description'>>;
    }
  | { type: 'remove-threat'; platform: Platform; id: string }
  | { type: 'move-threat'; platform: Platform; id: string; by: -1 | 1 };

/** Applies one change to the threat model; an action that changes nothing returns the same object. */
export function reduceThreatModel(model: ThreatModel, action: ThreatModelAction): ThreatModel {
  const list = model[action.platform];
  const set = (next: OwnThreat[]): ThreatModel => ({ ...model, [action.platform]: next });
  switch (action.type) {
    case 'add-threat':
      // Ids tie picks to entries, so one already in use is refused rather than shared.
      return list.some((e) => e.id === action.entry.id) ? model : set([...list, action.entry]);
    case 'edit-threat': {
      const i = list.findIndex((e) => e.id === action.id);
      if (i < 0) return model;
      return set(list.map((e, j) => (j === i ? { ...e, ...action.patch } : e)));
    }
    case 'remove-threat':
      return list.some((e) => e.id === action.id)
        ? set(list.filter((e) => e.id !== action.id))
        : model;
    case 'move-threat': {
      const i = list.findIndex((e) => e.id === action.id);
      const j = i + action.by;
      if (i < 0 || j < 0 || j >= list.length) return model;
      const next = [...list];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return set(next);
    }
  }
}

/** The pick threat value that ties a pick to the user's entry. */
export function ownThreatRef(id: string): string {
  return `${OWN_THREAT_REF}${id}`;
}

/** The entry id a pick's threat value refers to, if it refers to one of the user's own threats. */
export function ownThreatIdOf(threat: string): string | undefined {
  return threat.startsWith(OWN_THREAT_REF) ? threat.slice(OWN_THREAT_REF.length) : undefined;
}

/** The entry a pick refers to and its place (1-based), searched in both platforms. */
export function findOwnThreat(
  model: ThreatModel,
  threat: string
): { platform: Platform; entry: OwnThreat; number: number } | undefined {
  const id = ownThreatIdOf(threat);
  if (id === undefined) return undefined;
  for (const platform of PLATFORMS) {
    const i = model[platform].findIndex((e) => e.id === id);
    if (i >= 0) return { platform, entry: model[platform][i]!, number: i + 1 };
  }
  return undefined;
}

/** Looks up a component's name; undefined when unknown. */
export type ComponentNamer = (platform: Platform, id: string) => string | undefined;

/** A component namer over the shipped catalog. */
export function componentNamer(data: ThreatCatalogData | undefined): ComponentNamer {
  return (platform, id) => data?.[platform].components.find((c) => c.id === id)?.name;
}

/** "Tampering, Image registry": an entry's category and component in words, with what is still missing. */
export function entryHeadline(
  platform: Platform,
  entry: OwnThreat,
  name: ComponentNamer = () => undefined
): string {
  const stride = entry.stride ? STRIDE_LABELS[entry.stride] : 'no STRIDE category yet';
  const component = entry.component
    ? (name(platform, entry.component) ?? oneLine(entry.component))
    : 'no component yet';
  return `${stride}, ${component}`;
}

/** A pick's tie to one of the user's threats in words: "Threat 2 of my Docker threat model (Tampering, Image registry): …". */
export function ownThreatText(
  model: ThreatModel,
  threat: string,
  name: ComponentNamer = () => undefined
): string {
  const found = findOwnThreat(model, threat);
  if (!found) return 'a threat of my own model that has since been removed';
  const description = oneLine(found.entry.description);
  return `Threat ${found.number} of my ${PLATFORM_LABELS[found.platform]} threat model (${entryHeadline(found.platform, found.entry, name)})${description ? `: ${description}` : ''}`;
}

export type FitReason = 'origin' | 'stride-component' | 'stride';

export interface OwnThreatFit {
  entry: OwnThreat;
  /** The entry's place in the user's list, from 1. */
  number: number;
  reason: FitReason;
}

const FIT_RANK: Record<FitReason, number> = { origin: 3, 'stride-component': 2, stride: 1 };

/**
 * The user's threats that fit a check, best first: an entry started from one of the check's catalog
 * threats fits best, then one with a threat's category and one of its components, then the category alone.
 */
export function fitOwnThreats(
  entries: readonly OwnThreat[],
  checkThreats: readonly Pick<CatalogThreat, 'id' | 'stride' | 'components'>[]
): OwnThreatFit[] {
  const fits = entries.flatMap((entry, i): OwnThreatFit[] => {
    let reason: FitReason | undefined;
    for (const t of checkThreats) {
      const r: FitReason | undefined =
        entry.origin === t.id
          ? 'origin'
          : entry.stride === t.stride && t.components.includes(entry.component)
            ? 'stride-component'
            : entry.stride === t.stride
              ? 'stride'
              : undefined;
      if (r && (!reason || FIT_RANK[r] > FIT_RANK[reason])) reason = r;
    }
    return reason ? [{ entry, number: i + 1, reason }] : [];
  });
  return fits.sort((a, b) => FIT_RANK[b.reason] - FIT_RANK[a.reason] || a.number - b.number);
}

/** The fits that are best: every fit sharing the top reason. */
export function bestFits(fits: readonly OwnThreatFit[]): OwnThreatFit[] {
  const top = fits[0]?.reason;
  return top ? fits.filter((f) => f.reason === top) : [];
}
