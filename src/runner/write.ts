/**
 * The one place that writes user files. A temp file in the same directory is
 * renamed over the original, so a reader (or a crash, or Ctrl-C) sees the old
 * file or the new one, never half of either. The mode (and, when run as root,
 * the owner) is kept. A read-only file, or one that changed on disk since it
 * was read, is not overwritten. (The rename gives the file a new inode, so a
 * hard link elsewhere keeps the old content.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileResult } from "./run";

let tempCounter = 0;

/**
 * Writes `content` to a new temp file in `dir` and returns its path. The name
 * is short on purpose (a long file name plus a suffix could pass the 255-byte
 * limit) and made unique by pid and counter; "wx" refuses a name that exists,
 * so a stray file is never overwritten or removed, just skipped. (A counter,
 * not node:crypto, which costs 7 ms to load.)
 */
function createTemp(dir: string, content: string, mode: number): string {
  for (;;) {
    const temp = path.join(dir, `.unawaited-${process.pid}-${(tempCounter++).toString(36)}.tmp`);
    try {
      fs.writeFileSync(temp, content, { mode, flag: "wx" });
      return temp;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      // Any other failure (a full disk mid-write) leaves our own file behind: remove it.
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }
}

export function writeFileAtomic(path_: string, content: string): void {
  // Through a symlink, write the file it points to; renaming over the link would replace it.
  const file = fs.realpathSync(path_);
  const stat = fs.statSync(file);
  if ((stat.mode & 0o222) === 0) throw new Error("the file is read-only");
  const temp = createTemp(path.dirname(file), content, stat.mode & 0o7777);
  try {
    fs.chmodSync(temp, stat.mode & 0o7777);
    if (process.getuid?.() === 0) fs.chownSync(temp, stat.uid, stat.gid);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
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
    if (out[out.length - 1]!.status === "changed") written++;
  }
  return { files: out, written, interrupted };
}

function writeOne(result: FileResult): FileResult {
  try {
    if (fs.readFileSync(result.file, "utf8") !== result.before) {
      return { ...result, status: "error", message: "changed on disk during the run: not written, run again" };
    }
    writeFileAtomic(result.file, result.after!);
    return result;
  } catch (error) {
    return { ...result, status: "error", message: `cannot write: ${(error as Error).message}` };
  }
}
