/**
 * Lists the files a run covers: each given file, and every file with a known
 * extension under each given directory, minus `node_modules`, `.git`, what
 * the `.gitignore` files on the way say (the repository's own, from its root
 * down) and `--ignore` patterns. Symlinks are followed only inside the given
 * roots, and a directory reached twice (a loop) is walked once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { UnawaitedError } from "../errors";

export interface DiscoverOptions {
  /** Extensions with the dot, lower case: [".ts", ".js", ...]. */
  readonly extensions: readonly string[];
  readonly gitignore: boolean;
  /** gitignore-style patterns, relative to each root. */
  readonly ignore: readonly string[];
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface Discovery {
  /** Absolute paths, sorted, each real file once. */
  readonly files: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** A .gitignore's rules and the directory they are relative to. */
interface IgnoreLayer {
  readonly dir: string;
  readonly rules: Ignore;
}

interface Walk {
  readonly options: DiscoverOptions;
  /** Real paths of the roots: symlinks may point anywhere inside them. */
  readonly realRoots: readonly string[];
  readonly visitedDirs: Set<string>;
  readonly seenFiles: Set<string>;
  readonly files: string[];
  readonly skipped: SkippedFile[];
}

export function discoverFiles(root: string, options: DiscoverOptions): Discovery {
  const absolute = path.resolve(root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new UnawaitedError("PATH_NOT_FOUND", `path not found: ${root}`, { hint: "check the spelling, or run from the repository root" });
  }
  const walk: Walk = {
    options,
    realRoots: [fs.realpathSync(absolute)],
    visitedDirs: new Set(),
    seenFiles: new Set(),
    files: [],
    skipped: [],
  };
  if (stat.isFile()) {
    // A file named on the command line is taken whatever its ignore rules say.
    addFile(walk, absolute, fs.realpathSync(absolute));
  } else {
    const layers = [...(options.gitignore ? ancestorLayers(absolute) : []), ...patternLayer(absolute, options.ignore)];
    walkDir(walk, absolute, layers);
  }
  return { files: walk.files.sort(), skipped: walk.skipped };
}

function walkDir(walk: Walk, dir: string, inherited: readonly IgnoreLayer[]): void {
  const real = safeRealpath(dir);
  if (real === undefined || walk.visitedDirs.has(real)) return;
  walk.visitedDirs.add(real);
  const layers = walk.options.gitignore ? withLayer(inherited, dir) : inherited;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    walk.skipped.push({ file: dir, reason: `cannot read directory: ${(error as Error).message}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let realPath = full;
    if (entry.isSymbolicLink()) {
      const target = safeRealpath(full);
      if (target === undefined) {
        walk.skipped.push({ file: full, reason: "broken symlink" });
        continue;
      }
      if (!walk.realRoots.some((root) => isInside(target, root))) {
        if (isSourceFile(walk, full) || safeIsDirectory(target)) walk.skipped.push({ file: full, reason: "symlink to a path outside the given roots" });
        continue;
      }
      realPath = target;
      isDir = safeIsDirectory(target);
    }
    if (isIgnored(layers, full, isDir)) continue;
    if (isDir) walkDir(walk, full, layers);
    else if (isSourceFile(walk, full)) addFile(walk, full, realPath === full ? safeRealpath(full) ?? full : realPath);
  }
}

function addFile(walk: Walk, file: string, real: string): void {
  if (walk.seenFiles.has(real)) return;
  walk.seenFiles.add(real);
  walk.files.push(file);
}

function isSourceFile(walk: Walk, file: string): boolean {
  return walk.options.extensions.includes(path.extname(file).toLowerCase());
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function safeIsDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
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

function patternLayer(root: string, patterns: readonly string[]): IgnoreLayer[] {
  return patterns.length === 0 ? [] : [{ dir: root, rules: ignore().add([...patterns]) }];
}

/**
 * The .gitignore files above `dir`, up to the repository root (the nearest
 * directory holding `.git`): running on `src/` still honours the root's rules.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  if (fs.existsSync(path.join(dir, ".git"))) return [];
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
