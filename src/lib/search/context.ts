import * as z from 'zod/v4-mini';
import { PLATFORMS, type Platform } from '../stride';
import type { SearchContext } from './query';

/** What the worksheet stores for search when a run is loaded (see SEARCH_CONTEXT_KEY). */
export const storedSearchContextSchema = z.object({
  platform: z.enum(PLATFORMS),
  checkSet: z.optional(
    z
      .string()
      .check(z.maxLength(64), z.regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be a check set id'))
  ),
});
export type StoredSearchContext = z.infer<typeof storedSearchContextSchema>;

/** The stored context, or undefined when there is none or it is not what the worksheet writes. */
export function parseStoredContext(raw: string | null): StoredSearchContext | undefined {
  if (raw === null || raw.length > 1024) return undefined;
  try {
    const parsed = storedSearchContextSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The context a search runs in: the platform of the page the reader is on, else the platform of the
 * loaded run; the run's check set when it is of that platform.
 */
export function searchContext(
  pagePlatform: Platform | undefined,
  stored: StoredSearchContext | undefined
): SearchContext {
  const platform = pagePlatform ?? stored?.platform;
  const context: SearchContext = {};
  if (platform) context.platform = platform;
  if (stored?.checkSet && stored.platform === platform) context.checkSet = stored.checkSet;
  return context;
}
