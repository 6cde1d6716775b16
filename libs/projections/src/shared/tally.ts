/** A multiset of strings as `{ value: count }`, with zero counts dropped and keys sorted, so equal tallies serialise equally. */
export type Tally = Readonly<Record<string, number>>;

export function addToTally(tally: Tally, values: readonly string[], sign: 1 | -1): Tally {
  const next: Record<string, number> = { ...tally };
  for (const value of values) next[value] = (next[value] ?? 0) + sign;
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(next).sort()) if (next[key] !== 0) sorted[key] = next[key];
  return sorted;
}

export const tallyTotal = (tally: Tally): number => Object.values(tally).reduce((sum, n) => sum + n, 0);

/** How many values lie strictly before `bound` (tally keys compare as strings: ISO dates). */
export function countBefore(tally: Tally, bound: string): number {
  let count = 0;
  for (const [key, n] of Object.entries(tally)) if (key < bound) count += n;
  return count;
}

/** The smallest key, or null. */
export function firstKey(tally: Tally): string | null {
  const keys = Object.keys(tally)
    .filter((key) => tally[key] > 0)
    .sort();
  return keys[0] ?? null;
}
