import * as path from "node:path";

/** Paths as the user sees them: relative to `base` (the working directory), with forward slashes. */
export function displayPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}
