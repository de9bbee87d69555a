// Values grouped under keys as an import reads them: a sheet's rows by sheet, stored rows by hash or by the row before.

/** `value` added to `key`'s list in place: a list copied for each value it gains made grouping a sheet's rows quadratic. */
export function addTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
