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

/** unawaited's own version, from its package.json above the running code ("0.0.0" when none is found). */
export function packageVersion(): string {
  const version = findUp(__dirname, (dir) => {
    const manifest = path.join(dir, "package.json");
    if (!fs.existsSync(manifest)) return undefined;
    const data = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
    return data.name === "unawaited" ? data.version ?? "0.0.0" : undefined;
  });
  return version ?? "0.0.0";
}
