import * as path from "node:path";

/** Paths as the user sees them: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" ? "." : relative.startsWith("..") && path.isAbsolute(file) && relative.split(path.sep).length > 6 ? file : relative;
  return shown.split(path.sep).join("/");
}
