/** What a search result is; the dialog shows it as a badge and filters on it. Kept apart so the page script stays small. */
export const RECORD_KINDS = ['threat', 'check', 'component', 'guide', 'page'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
