/**
 * A package's entry points: the files its package.json `main`, `module`,
 * `exports` (every string in it, conditions and subpaths alike) and `bin`
 * name. Under `propagate: "internal"` their exports are the package's public
 * surface: callers outside it would break if they became async.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveModuleFile } from "./module-paths";

interface Package {
  /** Each entry file, with the package.json field that names it first. */
  readonly entries: ReadonlyMap<string, string>;
}

const packages = new Map<string, Package | null>();

/** The package.json field naming `file` as an entry point (`"main"`, `"exports"`…), or undefined. */
export function packageEntryOf(file: string): string | undefined {
  return packageOf(path.dirname(path.resolve(file)))?.entries.get(path.resolve(file));
}

function packageOf(dir: string): Package | undefined {
  const cached = packages.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  const manifest = path.join(dir, "package.json");
  let found: Package | undefined;
  if (fs.existsSync(manifest)) {
    found = readPackage(manifest);
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? undefined : packageOf(parent);
  }
  packages.set(dir, found ?? null);
  return found;
}

function readPackage(manifest: string): Package {
  const entries = new Map<string, string>();
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>;
  } catch {
    // A broken package.json names no entry point.
  }
  const dir = path.dirname(manifest);
  const add = (specifier: string, field: string) => {
    if (specifier.includes("*")) return;
    const file = resolveModuleFile(path.resolve(dir, specifier));
    if (file && !entries.has(file)) entries.set(file, field);
  };
  const strings = (value: unknown, field: string): void => {
    if (typeof value === "string") add(value, field);
    else if (Array.isArray(value)) value.forEach((item) => strings(item, field));
    else if (value && typeof value === "object") Object.values(value).forEach((item) => strings(item, field));
  };
  strings(data["main"] ?? "./index", "main");
  strings(data["module"], "module");
  strings(data["exports"], "exports");
  strings(data["bin"], "bin");
  return { entries };
}
