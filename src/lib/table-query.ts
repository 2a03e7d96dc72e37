/** Filtering and sorting of table rows described by their data attributes. */

/** Filter values by field name; an empty value means "all". */
export type TableQuery = Record<string, string>;

export interface TableSort {
  key: string;
  descending: boolean;
}

type RowData = Record<string, string | undefined>;

/** Reads the named fields of a filter form, empty meaning "all". */
export function readTableQuery(
  form: { get(name: string): unknown },
  names: readonly string[]
): TableQuery {
  return Object.fromEntries(
    names.map((k) => {
      const v = form.get(k);
      return [k, typeof v === 'string' ? v : ''];
    })
  );
}

/** True when every filter matches; a row field may hold several space-separated values. */
function matches(row: RowData, query: TableQuery): boolean {
  return Object.entries(query).every(([k, v]) => !v || (row[k] ?? '').split(' ').includes(v));
}

/**
 * Keeps the rows whose fields match every filter and sorts them; a `<key>Rank` field sorts by rank instead of
 * text, and the `id` field breaks ties.
 */
export function applyTableQuery<T>(
  rows: readonly T[],
  fields: (row: T) => RowData,
  query: TableQuery,
  sort: TableSort
): T[] {
  const rankKey = `${sort.key}Rank`;
  const value = (r: RowData): string | number =>
    r[rankKey] !== undefined ? Number(r[rankKey]) : (r[sort.key] ?? '');
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row) => ({ row, data: fields(row) }))
    .filter(({ data }) => matches(data, query))
    .sort((a, b) => {
      const x = value(a.data);
      const y = value(b.data);
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : (a.data.id ?? '').localeCompare(b.data.id ?? '');
    })
    .map(({ row }) => row);
}
