import * as path from "node:path";

/** Paths as the user sees them: relative to `base` (the working directory), with forward slashes. */
export function displayPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}

/** A target's module as the user sees it: a path module (absolute inside) relative to `base`, as a config spells it; a specifier as written. */
export function displayModule(module: string, base: string): string {
  if (!path.isAbsolute(module)) return module;
  const relative = displayPath(module, base);
  return relative.startsWith("../") || relative === ".." || path.isAbsolute(relative) ? relative : `./${relative}`;
}
