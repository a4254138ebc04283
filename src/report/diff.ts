/** Unified diffs of changed files, in the form `git apply` accepts. */
import type { FileResult } from "../runner/run";
import type { Palette } from "./colors";
import { displayPath } from "./paths";

/** The diff of one file, with paths relative to `base`. Empty when the file did not change. */
export function fileDiff(result: FileResult, base: string): string {
  const shown = result.status === "changed" || result.status === "rejected";
  if (!shown || result.before === undefined || result.after === undefined) return "";
  const name = displayPath(result.file, base);
  // Loaded on first use: most runs print no diff, and startup time counts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require("diff") as typeof import("diff");
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, result.before, result.after, undefined, undefined, { context: 3 });
  // jsdiff opens with a "=====" separator line; git's header is what `git apply` and reviewers expect.
  const body = patch.slice(patch.indexOf("\n") + 1);
  return `diff --git a/${name} b/${name}\n${body}`;
}

/** One patch for many files, as `git apply` takes it from `base`. Files rejected by --verify are left out. */
export function patchOf(results: readonly FileResult[], base: string): string {
  return results.filter((result) => result.status === "changed").map((result) => fileDiff(result, base)).join("");
}

export function colorizeDiff(diff: string, colors: Palette): string {
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("diff --git") || line.startsWith("---") || line.startsWith("+++")) return colors.bold(line);
      if (line.startsWith("@@")) return colors.cyan(line);
      if (line.startsWith("+")) return colors.green(line);
      if (line.startsWith("-")) return colors.red(line);
      return line;
    })
    .join("\n");
}
