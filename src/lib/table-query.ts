/** Filtering and sorting of table rows described by their data attributes. */

export interface TableQuery {
  platform: string;
  stride: string;
  severity: string;
  component: string;
}

export interface TableSort {
  key: string;
  descending: boolean;
}

type RowData = Record<string, string | undefined>;

/** Reads the filter form's values, empty meaning "all". */
export function readTableQuery(form: { get(name: string): unknown }): TableQuery {
  const read = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : '';
  };
  return { platform: read('platform'), stride: read('stride'), severity: read('severity'), component: read('component') };
}

const rankKeys: Record<string, string> = { severity: 'severityRank', stride: 'strideRank' };

/** Keeps the rows that match every filter and sorts them; numeric ranks sort severity and STRIDE order. */
export function applyTableQuery<T extends RowData>(rows: readonly T[], query: TableQuery, sort: TableSort): T[] {
  const kept = rows.filter(
    (r) =>
      (!query.platform || r.platform === query.platform) &&
      (!query.stride || r.stride === query.stride) &&
      (!query.severity || r.severity === query.severity) &&
      (!query.component || (r.components ?? '').split(' ').includes(query.component)),
  );
  const rankKey = rankKeys[sort.key];
  const value = (r: T) => (rankKey ? Number(r[rankKey] ?? 0) : (r[sort.key] ?? ''));
  const sign = sort.descending ? -1 : 1;
  return [...kept].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : (a.id ?? '').localeCompare(b.id ?? '');
  });
}
