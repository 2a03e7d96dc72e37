import { join } from 'node:path';
import { loadSearchSource } from '../../../src/lib/search/node';
import { buildRecords, checkSetInfos } from '../../../src/lib/search/records';
import { buildSearchFiles } from '../../../src/lib/search/build';
import type { SearchIndexFiles } from '../../../src/lib/search/format';

/** The index files the site ships, built from this checkout's content/ with the endpoint's code. */
export function realIndexFiles(): SearchIndexFiles {
  const source = loadSearchSource(join(import.meta.dirname, '../../..'));
  return buildSearchFiles(buildRecords(source), checkSetInfos(source.checkSets));
}
