/** Unified diffs of changed files, in the form `git apply` accepts. */
import type { FileResult } from "../runner/run";
import type { Palette } from "./colors";
import { hunksText } from "./hunks";
import { displayPath } from "./paths";

/** The diff of one file, with paths relative to `base`. Empty when the file did not change. */
export function fileDiff(result: FileResult, base: string): string {
  const shown = result.status === "changed" || result.status === "rejected";
  if (!shown || result.before === undefined || result.edits === undefined) return "";
  const name = displayPath(result.file, base);
  const a = quotePath(`a/${name}`);
  const b = quotePath(`b/${name}`);
  return `diff --git ${a} ${b}\n--- ${a}\n+++ ${b}\n${hunksText(result.before, result.edits)}`;
}

/** One patch for many files, as `git apply` takes it from `base`. Files rejected by --verify are left out. */
export function patchOf(results: readonly FileResult[], base: string): string {
  return results.filter((result) => result.status === "changed").map((result) => fileDiff(result, base)).join("");
}

const ESCAPES: Readonly<Record<string, string>> = { "\u0007": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\" };

/**
 * A path as git writes it in a diff header: in double quotes, with C escapes,
 * when it holds a quote, a backslash or a control character (a file name with
 * a line feed would otherwise end the header line). Other characters, spaces
 * and non-ASCII ones included, stay as they are; `git apply` reads both forms.
 */
export function quotePath(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\u007f]/.test(name)) return name;
  // eslint-disable-next-line no-control-regex
  return `"${name.replace(/["\\\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`)}"`;
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
