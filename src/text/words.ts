/**
 * Where a name occurs as a whole word in source text: `read` in
 * `thread.read()` yes, in `thread` or `already` no. Both the prefilter
 * (engine.ts) and the Python call search (python/facts/analyze.ts) look for names
 * this way: a call of the name must spell it so.
 */

/** [A-Za-z0-9_$]: the characters that continue an identifier, as a pattern (anyWordPattern) and as a test (NaN, out of range, is not one). */
const WORD_CHAR = "[A-Za-z0-9_$]";

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** The offsets at which `name` occurs in `source` as a whole word, ascending. */
export function* wordOccurrences(source: string, name: string): Generator<number> {
  for (let at = source.indexOf(name); at !== -1; at = source.indexOf(name, at + 1)) {
    if (!isWordChar(source.charCodeAt(at - 1)) && !isWordChar(source.charCodeAt(at + name.length))) yield at;
  }
}

export function mentionsWord(source: string, name: string): boolean {
  return !wordOccurrences(source, name).next().done;
}

/** Whether any of `names` occurs as a whole word: one pattern, so a text is read once for all of them. Never matches for no names. */
export function anyWordPattern(names: readonly string[]): RegExp {
  if (names.length === 0) return /(?!)/;
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<!${WORD_CHAR})(?:${escaped.join("|")})(?!${WORD_CHAR})`);
}
