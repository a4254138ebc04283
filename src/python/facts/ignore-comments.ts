/**
 * Python ignore comments (the shared rules: decision/ignores.ts), written as
 * mypy's `# type: ignore[code]` is, on the line of the call:
 *
 *   user = fetch_user(1)  # unawaited: ignore[the caller awaits the coroutine]
 *
 * The bracketed reason is optional. It may share the comment with other
 * pragmas (`# noqa  # unawaited: ignore[...]`).
 */
import { IgnoreComments, NO_IGNORE_COMMENTS, reasonOf, type IgnoreComment } from "../../decision/ignores";
import type { PyNode } from "../parser";

const PRAGMA = /^\s*unawaited:\s*ignore(?:\[([^\]]*)\])?\s*$/;

export function mayHoldIgnoreComments(source: string): boolean {
  return source.includes("unawaited:");
}

export function ignoreCommentsOf(root: PyNode, source: string): IgnoreComments {
  if (!mayHoldIgnoreComments(source)) return NO_IGNORE_COMMENTS;
  const found: IgnoreComment[] = [];
  for (const comment of root.descendantsOfType("comment")) {
    if (!comment) continue;
    const pragma = comment.text.slice(1).split("#").map((part) => PRAGMA.exec(part)).find((match) => match !== null);
    if (!pragma) continue;
    const line = comment.startPosition.row + 1;
    found.push({ silences: line, line, column: comment.startPosition.column + 1, reason: reasonOf(pragma[1] ?? ""), form: "unawaited: ignore" });
  }
  return found.length === 0 ? NO_IGNORE_COMMENTS : new IgnoreComments(found);
}
