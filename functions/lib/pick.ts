/**
 * The named fields of a record, and no others: how a use case answers with a view of what it stored
 * (a field added to the record later stays out of the answer until it is named here).
 */
export function pick<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  const view = {} as Pick<T, K>;
  for (const key of keys) view[key] = record[key];
  return view;
}
