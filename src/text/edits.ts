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

/** The edits in the order they apply, identical duplicates once; overlapping ones are a bug and throw. */
export function orderEdits(edits: readonly TextEdit[]): TextEdit[] {
  const unique = new Map(edits.map((edit) => [`${edit.start}:${edit.end}:${edit.rank}:${edit.text}`, edit]));
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.rank - b.rank);
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      throw new Error(`overlapping edits at offset ${edit.start} (previous edit ends at ${cursor})`);
    }
    cursor = edit.end;
  }
  return sorted;
}

/** Applies non-overlapping edits (identical duplicates count once); overlapping ones are a bug and throw. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let out = "";
  let cursor = 0;
  for (const edit of orderEdits(edits)) {
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}

/** The same edits on a text with `by` more characters in front (a byte-order mark). */
export function shiftEdits(edits: readonly TextEdit[], by: number): TextEdit[] {
  return edits.map((edit) => ({ ...edit, start: edit.start + by, end: edit.end + by }));
}
