/**
 * The one place that writes user files. A temp file in the same directory is
 * renamed over the original, so a reader (or a crash) sees the old file or the
 * new one, never half of either. The file mode is kept.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function writeFileAtomic(file: string, content: string): void {
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
