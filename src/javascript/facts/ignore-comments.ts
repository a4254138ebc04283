/**
 * JavaScript/TypeScript ignore comments (the shared rules: decision/ignores.ts):
 *
 *   // unawaited-ignore-next-line: reason    silences the call sites on the next line
 *   f(x); /* unawaited-ignore: reason *\/       silences the call sites on its own line
 *   f(x); // unawaited-ignore -- reason       (a line comment works the same way)
 *
 * The reason is optional; `:` or `--` sets it off. The marker must open the
 * comment, so prose that mentions it does not count.
 */
import { IgnoreComments, NO_IGNORE_COMMENTS, reasonOf, type IgnoreComment } from "../../decision/ignores";
import type { AnyNode } from "./ast";

const MARKER = /^\s*(unawaited-ignore(?:-next-line)?)(?![\w-])([^]*)$/;

interface BabelComment {
  readonly type: "CommentLine" | "CommentBlock";
  readonly value: string;
  readonly loc?: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } } | null;
}

/** Whether the text may hold an ignore comment: a cheap test before a parse that would otherwise be skipped. */
export function mayHoldIgnoreComments(source: string): boolean {
  return source.includes("unawaited-ignore");
}

/** The ignore comments of a file Babel parsed (`ast` is its File node). */
export function ignoreCommentsOf(ast: AnyNode, source: string): IgnoreComments {
  if (!mayHoldIgnoreComments(source)) return NO_IGNORE_COMMENTS;
  const found: IgnoreComment[] = [];
  for (const comment of ((ast as { comments?: readonly BabelComment[] }).comments ?? [])) {
    const match = MARKER.exec(comment.value);
    if (!match || !comment.loc) continue;
    const form = match[1]!;
    const { start, end } = comment.loc;
    found.push({
      silences: form.endsWith("-next-line") ? end.line + 1 : end.line,
      line: start.line,
      column: start.column + 1,
      reason: reasonOf(match[2]!),
      form,
    });
  }
  return found.length === 0 ? NO_IGNORE_COMMENTS : new IgnoreComments(found);
}
