/**
 * The one place that writes user files. A temp file in the same directory is
 * renamed over the original, so a reader (or a crash, or Ctrl-C) sees the old
 * file or the new one, never half of either. The temp file is flushed to disk
 * before the rename and the directory after it, so a power loss cannot leave
 * an empty file under the old name or undo the rename. The mode (and, when
 * run as root, the owner) is kept. A read-only file, one the user may not
 * write, or one that changed on disk since it was read, is not overwritten. Nor is a symlink (never
 * followed) or a file swapped for another or for a symlink during the run:
 * the path must name the very file that was read right up to the rename.
 * (The rename gives the file a new inode, so a hard link elsewhere keeps the
 * old content.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileResult } from "./run";

let tempCounter = 0;

/**
 * Temp files not yet renamed or removed. Writes are synchronous, so a signal
 * handled by bin/ never lands in the middle of one; should the process exit
 * there all the same (process.exit from elsewhere), the exit hook removes them.
 */
const liveTemps = new Set<string>();
let exitHookInstalled = false;

function track(temp: string): void {
  liveTemps.add(temp);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const left of liveTemps) fs.rmSync(left, { force: true });
  });
}

function removeTemp(temp: string): void {
  fs.rmSync(temp, { force: true });
  liveTemps.delete(temp);
}

/** Renames our temp file over `target`, or removes it if that fails. */
function renameTemp(temp: string, target: string): void {
  try {
    fs.renameSync(temp, target);
    liveTemps.delete(temp);
  } catch (error) {
    removeTemp(temp);
    throw error;
  }
}

/**
 * Writes `content` to a new temp file in `dir` and returns its path. The name
 * is short on purpose (a long file name plus a suffix could pass the 255-byte
 * limit) and made unique by pid and counter; "wx" refuses a name that exists,
 * so a stray file is never overwritten or removed, just skipped. (A counter,
 * not node:crypto, which costs 7 ms to load.) It takes the mode and owner of
 * `like`, the file it replaces; a new file gets the default mode (umask).
 */
function createTemp(dir: string, content: string, like: fs.Stats | undefined): string {
  for (;;) {
    const temp = path.join(dir, `.unawaited-${process.pid}-${(tempCounter++).toString(36)}.tmp`);
    let fd: number;
    try {
      fd = fs.openSync(temp, "wx", like ? like.mode & 0o777 : 0o666);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw error;
    }
    track(temp);
    try {
      fs.writeFileSync(fd, content);
      if (like) {
        // The owner first: chown clears the setuid and setgid bits, which the chmod then restores.
        if (process.getuid?.() === 0) fs.fchownSync(fd, like.uid, like.gid);
        fs.fchmodSync(fd, like.mode & 0o7777);
      }
      // On disk before the rename: otherwise a crash may leave the new name pointing at an empty file.
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return temp;
    } catch (error) {
      fs.closeSync(fd);
      // Any failure (a full disk mid-write) leaves our own file behind: remove it.
      removeTemp(temp);
      throw error;
    }
  }
}

/** Which file a path names: a rename or a swap gives the path another one. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export interface WriteOptions {
  /**
   * Flush the directory after the rename (default true). writeChanges turns
   * it off and flushes each directory once, after all its files.
   */
  readonly syncDirectory?: boolean;
  /** The file as it was read: one swapped for another since is not replaced. */
  readonly expected?: FileIdentity;
}

const SYMLINK_MESSAGE = "it is a symlink: not written through (symlinks are never followed)";
const SWAPPED_MESSAGE = "replaced on disk during the run: not written, run again";

function isSame(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Replaces the regular file `file` (never what a symlink there points to) with `content`. */
export function writeFileAtomic(file: string, content: string, options: WriteOptions = {}): void {
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) throw new Error(SYMLINK_MESSAGE);
  if (!stat.isFile()) throw new Error("not a regular file");
  if (options.expected && !isSame(stat, options.expected)) throw new Error(SWAPPED_MESSAGE);
  if ((stat.mode & 0o222) === 0) throw new Error("the file is read-only");
  // The rename needs write access to the directory only: without this, a file
  // the user may not write (another user's, in the user's directory) would be replaced.
  if (!isWritable(file)) throw new Error("permission denied: you may not write this file, so it is not replaced");
  const temp = createTemp(path.dirname(file), content, stat);
  try {
    // Looked at again right before the rename, the last moment we can: a file
    // swapped meanwhile for a symlink (or any other file) is left as it is.
    const now = fs.lstatSync(file);
    if (now.isSymbolicLink()) throw new Error(SYMLINK_MESSAGE);
    if (!now.isFile() || !isSame(now, stat)) throw new Error(SWAPPED_MESSAGE);
  } catch (error) {
    removeTemp(temp);
    throw error;
  }
  renameTemp(temp, file);
  if (options.syncDirectory !== false) syncDirectory(path.dirname(file));
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return false;
    throw error;
  }
}

/**
 * Writes a file the user named for output (`--patch`, `--output`) as source
 * files are written: whole or not at all, so on a full disk an older one stays
 * whole. A symlink there is followed, since the user named it as the place to
 * write (`--output /dev/stdout`); a device or a pipe cannot be renamed over
 * and is written directly.
 */
export function writeOutputFile(file: string, content: string): void {
  let target = file;
  let stat: fs.Stats | undefined;
  try {
    target = fs.realpathSync(file);
    stat = fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    // Renaming over it would replace the link the user set up; writing through it, create a path nobody named.
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw new Error("a broken symlink");
  }
  if (stat && !stat.isFile()) {
    fs.writeFileSync(target, content);
    return;
  }
  if (stat) {
    writeFileAtomic(target, content);
    return;
  }
  renameTemp(createTemp(path.dirname(target), content, undefined), target);
  syncDirectory(path.dirname(target));
}

/**
 * Makes the renames in `dir` durable. Best effort: the file is already whole
 * under its name; a platform or file system that cannot sync a directory
 * (Windows, some network mounts) refuses, and that is no reason to fail.
 */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // See above.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const INTERRUPTED_MESSAGE = "not written: interrupted";

export interface WriteOutcome {
  /** The results with failed writes turned into errors. */
  readonly files: readonly FileResult[];
  readonly written: number;
  readonly interrupted: boolean;
}

export async function writeChanges(files: readonly FileResult[], signal?: AbortSignal): Promise<WriteOutcome> {
  let written = 0;
  let interrupted = false;
  const out: FileResult[] = [];
  // Each directory is flushed once, after its files: one sync per file would cost as much again.
  const directories = new Set<string>();
  for (const result of files) {
    if (result.status !== "changed" || result.after === undefined) {
      out.push(result);
      continue;
    }
    // Between files, so Ctrl-C stops after a whole file, never inside one.
    await new Promise((resolve) => setImmediate(resolve));
    if (interrupted || signal?.aborted) {
      interrupted = true;
      out.push({ file: result.file, status: "skipped", findings: result.findings, message: INTERRUPTED_MESSAGE });
      continue;
    }
    out.push(writeOne(result));
    if (out[out.length - 1]!.status === "changed") {
      written++;
      directories.add(path.dirname(result.file));
    }
  }
  for (const dir of directories) syncDirectory(dir);
  return { files: out, written, interrupted };
}

function writeOne(result: FileResult): FileResult {
  try {
    const current = readUnfollowed(result.file);
    if (current.text !== result.before) {
      return { ...result, status: "error", message: "changed on disk during the run: not written, run again" };
    }
    writeFileAtomic(result.file, result.after!, { syncDirectory: false, expected: current.identity });
    return result;
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === "ELOOP" ? SYMLINK_MESSAGE : (error as Error).message;
    return { ...result, status: "error", message: `cannot write: ${message}` };
  }
}

// Where the platform has them: O_NOFOLLOW fails on a symlink (ELOOP) instead of
// opening its target, O_NONBLOCK keeps a FIFO put in the file's place from blocking the open.
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** The file's text and identity, read from one descriptor, never through a symlink. */
function readUnfollowed(file: string): { text: string; identity: FileIdentity } {
  const fd = fs.openSync(file, READ_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error("not a regular file");
    return { text: fs.readFileSync(fd, "utf8"), identity: stat };
  } finally {
    fs.closeSync(fd);
  }
}
