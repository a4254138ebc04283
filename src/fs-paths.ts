/** File-system path helpers shared across the config, runner, CLI and typed engine. */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Climbs from `start` (a file or a directory) to the file-system root and
 * returns the first non-undefined answer of `test(dir)`.
 */
export function findUp<T>(start: string, test: (dir: string) => T | undefined): T | undefined {
  let dir = path.resolve(start);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const found = test(dir);
    if (found !== undefined) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `file` with symlinks resolved, or undefined when it cannot be (it does not exist, say). */
export function tryRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
