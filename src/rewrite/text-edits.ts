/**
 * Edits as text ranges on the original source. Everything outside the ranges
 * stays byte for byte: formatting, comments, line endings. Edits come from
 * AST positions, so they never guess at syntax.
 */

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Orders edits at the same offset. An `await` on `a.f().f()` opens both
   * calls at one offset: the outer opening goes first, and at a shared end the
   * inner closing goes first. Lower sorts first.
   */
  readonly rank: number;
}

export function insertion(at: number, text: string, rank = 0): TextEdit {
  return { start: at, end: at, text, rank };
}

export function replacement(start: number, end: number, text: string): TextEdit {
  return { start, end, text, rank: 0 };
}

/** Applies non-overlapping edits (identical duplicates count once); overlapping ones are a bug and throw. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const unique = new Map(edits.map((edit) => [`${edit.start}:${edit.end}:${edit.rank}:${edit.text}`, edit]));
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.rank - b.rank);
  let out = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      throw new Error(`overlapping edits at offset ${edit.start} (previous edit ends at ${cursor})`);
    }
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}
