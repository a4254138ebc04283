/**
 * The dirty-tree guard: before writing, find which of the files to be
 * changed git could not give back: modified, staged, untracked, or ignored.
 * Files outside any work tree are not checked. Where a `.git` is found above
 * a file but git cannot answer (not installed, a "dubious ownership"
 * refusal, a broken index, no answer in time), the guard fails closed with
 * the reason: writing then could mix the fix into uncommitted work that git
 * cannot tell apart from it. Ctrl-C while git runs is an interrupt, not a
 * git failure.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
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
  const status = runGit(
    // traditional + untracked=all lists each ignored file, also inside an ignored directory.
    ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=traditional", "--", ...files.map((f) => path.relative(top, f))],
    top,
  );
  if (status.status !== 0) throw gitFailed(top, failure(status));
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

/** Ctrl-C reached git while the guard waited for it: nothing was written. */
export class GitInterrupted extends Error {
  constructor() {
    super("interrupted while git was checking for uncommitted changes");
    this.name = "GitInterrupted";
  }
}

/** Long enough for `git status` on a large repository (20,000 files take up to a minute on a slow disk). */
const GIT_TIMEOUT_MS = 10 * 60 * 1000;

function runGit(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: GIT_TIMEOUT_MS });
  // The terminal sends Ctrl-C to git too; our own handler runs only once this returns.
  if (result.signal === "SIGINT") throw new GitInterrupted();
  return result;
}

/** Why git gave no answer, in a few words. */
function failure(result: SpawnSyncReturns<string>): string {
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "git is not installed or not on PATH";
  if (code === "ETIMEDOUT") return `git gave no answer within ${GIT_TIMEOUT_MS / 60000} minutes`;
  if (result.error) return `cannot run git: ${result.error.message}`;
  if (result.signal) return `git was stopped by ${result.signal}`;
  const message = result.stderr.trim().split("\n").find((line) => line.trim() !== "");
  return `git failed: ${message ?? `exit status ${result.status}, no message`}`;
}

function gitFailed(where: string, reason: string): UnawaitedError {
  return new UnawaitedError("DIRTY_TREE", `cannot check ${where} for uncommitted changes: ${reason}`, {
    hint: "fix what git reports, or pass --force to write without the check (--dry shows the diff without writing)",
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
  } catch (error) {
    if (error instanceof GitInterrupted) throw error;
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

/**
 * The work tree holding `start`, asked of git once per repository, not once
 * per directory: from the nearest directory holding a `.git`. With no `.git`
 * above, git is asked all the same (GIT_DIR may name a repository), but a
 * git that cannot run, or finds no repository, means "outside git".
 */
function workTreeRoot(start: string): string | undefined {
  const gitDir = nearestGitDir(start);
  const dir = gitDir ?? start;
  if (roots.has(dir)) return roots.get(dir);
  const result = runGit(["rev-parse", "--show-toplevel"], dir);
  let top: string | undefined;
  if (result.status === 0) top = realpath(result.stdout.trim());
  else if (gitDir !== undefined) throw gitFailed(dir, `${gitDir}${path.sep}.git was found, but ${failure(result)}`);
  else if (!(result.error === undefined && /not a git repository/i.test(result.stderr)) && !isMissing(result)) throw gitFailed(dir, failure(result));
  roots.set(dir, top);
  return top;
}

function isMissing(result: SpawnSyncReturns<string>): boolean {
  return (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
