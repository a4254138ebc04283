/**
 * The dirty-tree guard: before writing, find which of the files to be
 * changed have uncommitted changes (modified, staged or untracked) in their
 * git work tree. Files outside any work tree, or with no git installed, are
 * not checked.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export function uncommittedFiles(files: readonly string[]): string[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.dirname(realpath(file));
    const list = byDir.get(dir) ?? [];
    list.push(file);
    byDir.set(dir, list);
  }
  const byTop = new Map<string, string[]>();
  for (const [dir, list] of byDir) {
    const top = workTreeRoot(dir);
    if (top === undefined) continue;
    byTop.set(top, [...(byTop.get(top) ?? []), ...list.map(realpath)]);
  }
  const dirty: string[] = [];
  for (const [top, all] of byTop) {
    for (let start = 0; start < all.length; start += PATHSPEC_BATCH) dirty.push(...statusOf(top, all.slice(start, start + PATHSPEC_BATCH)));
  }
  return dirty.sort();
}

/** Keeps each git command line well under the OS argument limit. */
const PATHSPEC_BATCH = 500;

function statusOf(top: string, list: readonly string[]): string[] {
  const status = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...list.map((f) => path.relative(top, f))], {
    cwd: top,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (status.status !== 0) return [];
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

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

const roots = new Map<string, string | undefined>();

function workTreeRoot(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  const top = result.status === 0 ? path.resolve(result.stdout.trim()) : undefined;
  roots.set(dir, top);
  return top;
}
