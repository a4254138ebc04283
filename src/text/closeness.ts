/** How close two names are: for "did you mean …?" on flags, commands and target names. */

/** Edit distance where swapping two neighbours counts once (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * How far `word` is from the identifier `name`, when it is near enough to be
 * a slip (`createWebsocketManager` for `createWebSocketManager`): 0 for a
 * difference of case alone, else the edit distance, at most 2 (1 for names
 * of up to 5 characters); undefined when farther.
 */
export function closeness(word: string, name: string): number | undefined {
  if (word === name) return undefined;
  const distance = editDistance(word.toLowerCase(), name.toLowerCase());
  if (distance === 0) return 0;
  return distance <= (name.length <= 5 ? 1 : 2) ? distance : undefined;
}
