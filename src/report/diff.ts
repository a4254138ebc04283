/** Unified diffs of changed files, in the form `git apply` accepts. */
import { createTwoFilesPatch } from "diff";
import type { FileResult } from "../runner/run";
import { displayPath } from "./paths";

export function fileDiff(result: FileResult, cwd: string): string {
  if (result.status !== "changed" || result.before === undefined || result.after === undefined) return "";
  const name = displayPath(result.file, cwd);
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, result.before, result.after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"-style separator line; git's header is clearer to reviewers.
  const body = patch.split("\n").filter((line, index) => !(index === 0 && line.startsWith("====="))).join("\n");
  return `diff --git a/${name} b/${name}\n${body}`;
}
