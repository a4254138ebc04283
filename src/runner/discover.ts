/**
 * Lists the files a run covers: each given file, and every file with a known
 * extension under each given directory, minus `node_modules`, `.git` and
 * whatever the `.gitignore` files on the way say (the repository's own,
 * from its root down).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { UnawaitedError } from "../errors";

export interface DiscoverOptions {
  /** Extensions with the dot, lower case: [".ts", ".js", ...]. */
  readonly extensions: readonly string[];
  readonly gitignore: boolean;
}

const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** A .gitignore's rules and the directory they are relative to. */
interface IgnoreLayer {
  readonly dir: string;
  readonly rules: Ignore;
}

export function discoverFiles(roots: readonly string[], options: DiscoverOptions): string[] {
  const files = new Set<string>();
  for (const root of roots) {
    const absolute = path.resolve(root);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UnawaitedError("PATH_NOT_FOUND", `path not found: ${root}`, { hint: "check the spelling, or run from the repository root" });
    }
    if (stat.isFile()) {
      files.add(absolute);
      continue;
    }
    const layers = options.gitignore ? ancestorLayers(absolute) : [];
    walk(absolute, layers, options, files);
  }
  return [...files].sort();
}

function walk(dir: string, inherited: readonly IgnoreLayer[], options: DiscoverOptions, out: Set<string>): void {
  const layers = options.gitignore ? withLayer(inherited, dir) : inherited;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isIgnored(layers, full, isDir)) continue;
    if (isDir) walk(full, layers, options, out);
    else if (entry.isFile() && options.extensions.includes(path.extname(entry.name).toLowerCase())) out.add(full);
  }
}

function isIgnored(layers: readonly IgnoreLayer[], file: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const relative = path.relative(layer.dir, file).split(path.sep).join("/");
    if (relative === "" || relative.startsWith("..")) continue;
    if (layer.rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

function withLayer(layers: readonly IgnoreLayer[], dir: string): readonly IgnoreLayer[] {
  const layer = readLayer(dir);
  return layer ? [...layers, layer] : layers;
}

function readLayer(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, ".gitignore"), "utf8");
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

/**
 * The .gitignore files above `dir`, up to the repository root (the nearest
 * directory holding `.git`): running on `src/` still honours the root's rules.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  for (;;) {
    chain.unshift(current);
    if (fs.existsSync(path.join(current, ".git"))) break;
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
  return chain.map(readLayer).filter((layer): layer is IgnoreLayer => layer !== undefined);
}
