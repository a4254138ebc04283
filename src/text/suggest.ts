/** "Did you mean …?" for mistyped flags and commands. */
import { editDistance } from "./closeness";

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // About a third of the word may be wrong: `dyr` → `dry`, `chekc` → `check`.
  return best && best.distance <= Math.max(1, Math.floor(word.length / 3)) ? best.candidate : undefined;
}
