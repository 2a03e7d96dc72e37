import { join } from 'node:path';
import { loadSearchSource } from '../../../src/lib/search/node';
import { buildRecords } from '../../../src/lib/search/records';
import { buildSearchIndex, type SearchIndexFile } from '../../../src/lib/search/build';

/** The index the endpoint would ship, built from this checkout's content/ with the endpoint's code. */
export function realIndexFile(): SearchIndexFile {
  return buildSearchIndex(buildRecords(loadSearchSource(join(import.meta.dirname, '../../..'))));
}
