import type { Platform } from '../stride';

/**
 * Where the reader is, for search to put their platform and numbering first. Kept apart from the
 * validation in context.ts so pages that only need these names load no schema code.
 */

/** The localStorage key the worksheet writes a loaded run's platform and check set to. */
export const SEARCH_CONTEXT_KEY = 'container-stride:search-context';

/** What the worksheet stores under SEARCH_CONTEXT_KEY: the run's platform and the check set that numbers it. */
export function storedContextText(platform: Platform, checkSet: string | undefined): string {
  return JSON.stringify(checkSet ? { platform, checkSet } : { platform });
}

/** The platform a page of the site is about, from its path; undefined for pages about both. */
export function platformOfPath(path: string): Platform | undefined {
  const m =
    /\/(?:checks\/)?(docker|kubernetes)\//.exec(path) ??
    /\/guides\/fix-first-(docker|kubernetes)\//.exec(path) ??
    /\/threats\/(docker|k8s)-/.exec(path);
  if (!m) return undefined;
  return m[1] === 'docker' ? 'docker' : 'kubernetes';
}
