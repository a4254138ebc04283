/**
 * Ignore comments: a reviewer silences one call site they have looked at.
 * Each language finds its own comments (src/javascript/facts/ignore-comments.ts,
 * src/python/facts/ignore-comments.ts) and says which line each one silences; this
 * is the shared part. A site on a silenced line is `ok` with the comment's
 * reason (decide.ts, rule 0), and a comment that silences no site is a
 * warning, as ESLint reports unused disable directives: it is stale, or
 * misplaced, and would silence the next regression on that line.
 */

export interface IgnoreComment {
  /** The 1-based line whose call sites it silences. */
  readonly silences: number;
  /** Where the comment itself is, for the unused warning. */
  readonly line: number;
  readonly column: number;
  /** The reason written after it, if any. */
  readonly reason: string | undefined;
  /** As written, without comment markers: `unawaited-ignore-next-line`, `unawaited: ignore`. */
  readonly form: string;
}

/** A warning about the file that is not a call site: an ignore comment that silences nothing. */
export interface FileWarning {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class IgnoreComments {
  private readonly byLine = new Map<number, IgnoreComment[]>();
  private readonly used = new Set<IgnoreComment>();

  constructor(comments: readonly IgnoreComment[]) {
    for (const comment of comments) {
      const list = this.byLine.get(comment.silences);
      if (list) list.push(comment);
      else this.byLine.set(comment.silences, [comment]);
    }
  }

  /** The reason a site on `line` is silenced (`""` for a comment without one), or undefined; the comment counts as used. */
  claim(line: number): string | undefined {
    const comments = this.byLine.get(line);
    if (!comments) return undefined;
    for (const comment of comments) this.used.add(comment);
    return comments.map((c) => c.reason).find((reason) => reason !== undefined) ?? "";
  }

  /** One warning per comment that silenced no call site, in source order. */
  unused(): FileWarning[] {
    return [...this.byLine.values()]
      .flat()
      .filter((comment) => !this.used.has(comment))
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map((comment) => ({
        line: comment.line,
        column: comment.column,
        message: `this ${comment.form} comment silences no call site of a target: remove it, or move it ${comment.form.endsWith("next-line") ? "to the line above the call" : "onto the call's line"}`,
      }));
  }
}

export const NO_IGNORE_COMMENTS = new IgnoreComments([]);

/** The reason text after a comment's marker: `: reason`, `-- reason`, `[reason]`; undefined when none. */
export function reasonOf(text: string): string | undefined {
  const reason = text.trim().replace(/^(?::|--)\s*/, "").trim();
  return reason === "" ? undefined : reason;
}
