/**
 * The one place that writes user files. A temp file in the same directory is
 * renamed over the original, so a reader (or a crash, or Ctrl-C) sees the old
 * file or the new one, never half of either. The file mode is kept. A file
 * that changed on disk since it was read is not overwritten.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileResult } from "./run";

export function writeFileAtomic(path_: string, content: string): void {
  // Through a symlink, write the file it points to; renaming over the link would replace it.
  const file = fs.realpathSync(path_);
  const stat = fs.statSync(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.unawaited-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode: stat.mode & 0o7777 });
    fs.chmodSync(temp, stat.mode & 0o7777);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

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
      out.push({ file: result.file, status: "unchanged", findings: result.findings, message: "not written: interrupted" });
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
