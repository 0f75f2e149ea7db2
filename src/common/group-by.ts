/** The rows of each key, in the order of `keys` (a DataLoader batch answer): an empty list for a key no row has. */
export function groupBy<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
