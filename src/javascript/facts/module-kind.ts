/**
 * Whether a file is an ES module, which decides if its top level may use
 * `await` under `topLevelAwait: "auto"`. Follows Node's rules: `.mjs`/`.mts`
 * are ESM, `.cjs`/`.cts` are CommonJS, anything else takes the `"type"` of the
 * nearest package.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModuleKind } from "../parsers";

const packageTypeCache = new Map<string, ModuleKind>();

export function moduleKindOf(file: string): ModuleKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".mjs" || ext === ".mts") return "esm";
  if (ext === ".cjs" || ext === ".cts") return "commonjs";
  return packageTypeOf(path.dirname(path.resolve(file)));
}

function packageTypeOf(dir: string): ModuleKind {
  const cached = packageTypeCache.get(dir);
  if (cached !== undefined) return cached;
  let kind: ModuleKind;
  const manifest = path.join(dir, "package.json");
  const type = readPackageType(manifest);
  if (type !== undefined) kind = type;
  else {
    const parent = path.dirname(dir);
    kind = parent === dir ? "commonjs" : packageTypeOf(parent);
  }
  packageTypeCache.set(dir, kind);
  return kind;
}

/** The package's module kind, or undefined when there is no readable package.json here. */
function readPackageType(manifest: string): ModuleKind | undefined {
  let text: string;
  try {
    text = fs.readFileSync(manifest, "utf8");
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { type?: unknown };
    return data.type === "module" ? "esm" : "commonjs";
  } catch {
    // Node itself refuses a broken package.json; treating it as CommonJS keeps
    // us from adding top-level awaits that would not run.
    return "commonjs";
  }
}
