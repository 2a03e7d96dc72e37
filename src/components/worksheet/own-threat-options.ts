import { PLATFORM_LABELS } from '../../lib/stride';
import {
  bestFits,
  componentNamer,
  entryHeadline,
  fitOwnThreats,
  ownThreatRef,
  type CatalogThreat,
  type FitReason,
} from '../../lib/worksheet/own-threats';
import type { HardeningPick } from '../../lib/worksheet/schema';
import { oneLine } from '../../lib/worksheet/text';
import { el } from './dom';
import type { WorksheetStore } from './worksheet-store';

/**
 * The user's own threats as options of a pick's threat choice, marked where they fit the check best;
 * the pick list refreshes them as the user edits the threat list or the catalog arrives.
 */

const FIT_WORDS: Record<FitReason, string> = {
  origin: 'same catalog threat',
  'stride-component': 'same category and component',
  stride: 'same category',
};
const MAX_DESCRIPTION = 60;

function fill(store: WorksheetStore, group: HTMLOptGroupElement): void {
  const platform = store.platform;
  const data = store.threatCatalog;
  const entries = store.ws.threatModel[platform];
  const concept = group.dataset.concept;
  const ids = new Set(concept ? (store.catalog?.concepts.get(concept)?.threats ?? []) : []);
  const checkThreats = (data?.[platform].threats ?? []).filter((t: CatalogThreat) => ids.has(t.id));
  const fits = fitOwnThreats(entries, checkThreats);
  const best = new Set(bestFits(fits).map((f) => f.entry.id));
  const name = componentNamer(data);
  group.label = `My ${PLATFORM_LABELS[platform]} threats (Step ${platform === 'docker' ? 1 : 2})`;
  const select = group.parentElement instanceof HTMLSelectElement ? group.parentElement : undefined;
  const value = select?.value;
  group.replaceChildren(
    ...entries.map((e, i) => {
      const fit = fits.find((f) => f.entry.id === e.id);
      const text = oneLine(e.description);
      const short = text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
      const mark = fit
        ? ` [${best.has(e.id) ? 'best fit' : 'fits'}: ${FIT_WORDS[fit.reason]}]`
        : '';
      return el('option', {
        value: ownThreatRef(e.id),
        text: `Threat ${i + 1}: ${entryHeadline(platform, e, name)}${short ? ` – ${short}` : ''}${mark}`,
      });
    })
  );
  if (entries.length === 0)
    group.append(
      el('option', {
        value: '',
        disabled: true,
        text: `None yet: write them in Step ${platform === 'docker' ? 1 : 2}`,
      })
    );
  if (select && value !== undefined && select.value !== value) select.value = value;
}

/** An option group of the user's own threats for a pick's threat choice. */
export function ownThreatOptions(
  store: WorksheetStore,
  pick: Pick<HardeningPick, 'concept'>
): HTMLOptGroupElement {
  const group = el('optgroup', {
    'data-own-threats': true,
    ...(pick.concept ? { 'data-concept': pick.concept } : {}),
  });
  fill(store, group);
  return group;
}

/** Brings every option group of the user's own threats inside `root` up to date. */
export function refreshOwnThreatOptions(store: WorksheetStore, root: ParentNode): void {
  for (const g of root.querySelectorAll<HTMLOptGroupElement>('optgroup[data-own-threats]'))
    fill(store, g);
}
