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
  /** package.json, as shown in reasons: relative to nothing, just its path. */
  readonly manifest: string;
  readonly entries: ReadonlySet<string>;
}

const packages = new Map<string, Package | null>();

/** The package.json naming `file` as an entry point, or undefined. */
export function packageEntryOf(file: string): string | undefined {
  const pkg = packageOf(path.dirname(path.resolve(file)));
  return pkg && pkg.entries.has(path.resolve(file)) ? `${path.basename(pkg.manifest)} in ${path.dirname(pkg.manifest)}` : undefined;
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
  const entries = new Set<string>();
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, unknown>;
  } catch {
    // A broken package.json names no entry point.
  }
  const dir = path.dirname(manifest);
  const add = (specifier: string) => {
    if (specifier.includes("*")) return;
    const file = resolveModuleFile(path.resolve(dir, specifier));
    if (file) entries.add(file);
  };
  const strings = (value: unknown): void => {
    if (typeof value === "string") add(value);
    else if (Array.isArray(value)) value.forEach(strings);
    else if (value && typeof value === "object") Object.values(value).forEach(strings);
  };
  strings(data["main"] ?? "./index");
  strings(data["module"]);
  strings(data["exports"]);
  strings(data["bin"]);
  return { manifest, entries };
}
