/**
 * The dirty-tree guard: before writing, find which of the files to be
 * changed git could not give back: modified, staged, untracked, or ignored.
 * Files outside any work tree are not checked. When git itself fails (a
 * "dubious ownership" refusal, say), the guard fails closed with git's message.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { UnawaitedError } from "../errors";
import { tryRealpath } from "../fs-paths";

/** The files among `files` (as given) that are not safely committed. */
export function uncommittedFiles(files: readonly string[]): string[] {
  const byTop = new Map<string, { real: string; given: string }[]>();
  for (const given of files) {
    const real = realpath(given);
    const top = workTreeRoot(path.dirname(real));
    if (top === undefined) continue;
    byTop.set(top, [...(byTop.get(top) ?? []), { real, given }]);
  }
  const dirty: string[] = [];
  for (const [top, entries] of byTop) {
    for (let start = 0; start < entries.length; start += PATHSPEC_BATCH) {
      const batch = entries.slice(start, start + PATHSPEC_BATCH);
      const flagged = new Set(statusOf(top, batch.map((e) => e.real)));
      dirty.push(...batch.filter((e) => flagged.has(e.real)).map((e) => e.given));
    }
  }
  return dirty.sort();
}

/** Keeps each git command line well under the OS argument limit. */
const PATHSPEC_BATCH = 500;

function statusOf(top: string, files: readonly string[]): string[] {
  // --literal-pathspecs: `app/[id].ts` and `:foo.ts` are file names, not patterns.
  const status = spawnSync(
    "git",
    // traditional + untracked=all lists each ignored file, also inside an ignored directory.
    ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=traditional", "--", ...files.map((f) => path.relative(top, f))],
    { cwd: top, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (status.status !== 0) throw gitFailed(top, status.stderr);
  const dirty: string[] = [];
  const entries = status.stdout.split("\0");
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    dirty.push(path.join(top, entry.slice(3)));
    // A rename or copy is followed by its source path, which has no status letters.
    if (entry[0] === "R" || entry[0] === "C") i++;
  }
  return dirty;
}

function gitFailed(where: string, stderr: string): UnawaitedError {
  const reason = stderr.trim().split("\n").find((line) => line.trim() !== "") ?? "no message";
  return new UnawaitedError("DIRTY_TREE", `cannot check ${where} for uncommitted changes: git failed: ${reason}`, {
    hint: "fix what git reports, or pass --force to write without the check",
  });
}

function realpath(file: string): string {
  return tryRealpath(file) ?? file;
}

/** The top of the git work tree holding `file` (a file or directory), if any. */
export function workTreeRootOf(file: string): string | undefined {
  const real = realpath(file);
  const dir = fs.existsSync(real) && fs.statSync(real).isDirectory() ? real : path.dirname(real);
  try {
    return workTreeRoot(dir);
  } catch {
    return undefined;
  }
}

const gitDirs = new Map<string, string | undefined>();

/** The nearest directory at or above `dir` that holds a `.git` (a repository's or a worktree's), cached per directory. */
function nearestGitDir(dir: string): string | undefined {
  if (gitDirs.has(dir)) return gitDirs.get(dir);
  const parent = path.dirname(dir);
  const found = fs.existsSync(path.join(dir, ".git")) ? dir : parent === dir ? undefined : nearestGitDir(parent);
  gitDirs.set(dir, found);
  return found;
}

const roots = new Map<string, string | undefined>();

/** The work tree holding `start`, asked of git once per repository, not once per directory: from the nearest directory holding a `.git`. */
function workTreeRoot(start: string): string | undefined {
  const dir = nearestGitDir(start) ?? start;
  if (roots.has(dir)) return roots.get(dir);
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  let top: string | undefined;
  if (result.status === 0) top = realpath(result.stdout.trim());
  else if (result.error === undefined && !/not a git repository/i.test(result.stderr)) throw gitFailed(dir, result.stderr);
  roots.set(dir, top);
  return top;
}
