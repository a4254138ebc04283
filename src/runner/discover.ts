/**
 * Lists the files a run covers: each given file, and every file with a known
 * extension under each given directory, minus `node_modules`, `.git`, what
 * the `.gitignore` files on the way say (the repository's own, from its root
 * down, deeper files overriding shallower ones as in git; a nested repository
 * or submodule starts afresh) and `--ignore` patterns. A path given explicitly
 * is always taken. Symlinks are not followed: one pointing inside the roots
 * names a file that is reached by its real path anyway, one pointing outside
 * is reported as skipped, and so is a symlink to a file named explicitly (a
 * symlink to a directory named explicitly is that directory).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { UnawaitedError } from "../errors";
import { tryRealpath } from "../fs-paths";

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
  /** A failure (an unreadable directory) rather than a deliberate skip. */
  readonly failed?: boolean;
}

export interface Discovery {
  /** Absolute paths, sorted, each real file once. */
  readonly files: readonly string[];
  /** The real path of each file in `files` (same order): the root resolved, the rest as walked. */
  readonly realFiles: readonly string[];
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
  readonly root: string;
  /** `root` with symlinks resolved; files below it are real, since links are not followed. */
  readonly realRoot: string;
  /** `--ignore` patterns, relative to the root. */
  readonly patterns: IgnoreLayer | undefined;
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
    root: absolute,
    realRoot: fs.realpathSync(absolute),
    patterns: options.ignore.length > 0 ? { dir: absolute, rules: ignore().add([...options.ignore]) } : undefined,
    visitedDirs: new Set(),
    seenFiles: new Set(),
    files: [],
    skipped: [],
  };
  if (stat.isFile() && fs.lstatSync(absolute).isSymbolicLink()) {
    // Named or not, a symlink is not followed: writing through it would change a file the user did not name.
    walk.skipped.push({ file: absolute, reason: `symlink: not followed (name the file it points to, ${fs.realpathSync(absolute)}, to fix it)` });
  } else if (stat.isFile()) {
    // A file named on the command line is taken whatever its ignore rules say.
    addFile(walk, absolute);
  } else if (stat.isDirectory()) {
    // So is a directory: if the rules above ignore it, the user asked for it anyway.
    const ancestors = options.gitignore ? ancestorLayers(absolute) : [];
    walkDir(walk, absolute, isIgnored(ancestors, undefined, absolute, true) ? [] : ancestors);
  } else {
    walk.skipped.push({ file: absolute, reason: "not a regular file or directory" });
  }
  const files = walk.files.sort();
  return { files, realFiles: files.map((file) => realOf(walk, file)), skipped: walk.skipped };
}

/** No system call: below the root, paths are real because symlinks are never followed. */
function realOf(walk: Walk, file: string): string {
  if (file === walk.root || walk.realRoot === walk.root) return file === walk.root ? walk.realRoot : file;
  return walk.realRoot + file.slice(walk.root.length);
}

function walkDir(walk: Walk, dir: string, inherited: readonly IgnoreLayer[]): void {
  if (walk.visitedDirs.has(dir)) return;
  walk.visitedDirs.add(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    walk.skipped.push({ file: dir, reason: `cannot read directory: ${(error as Error).message}`, failed: true });
    return;
  }
  // The listing says whether there is a .git or a .gitignore: no extra system calls.
  const names = new Set(entries.map((entry) => entry.name));
  // A nested repository or submodule has its own ignore rules, not ours.
  const base = dir !== walk.root && names.has(".git") ? [] : inherited;
  const own = walk.options.gitignore && names.has(".gitignore") ? readLayer(dir) : undefined;
  const layers = own ? [...base, own] : base;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    // Plain concatenation: `dir` is already absolute and normalised (path.join would normalise it again, per entry).
    const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
    if (entry.isSymbolicLink()) {
      noteSymlink(walk, full, layers);
      continue;
    }
    const isDir = entry.isDirectory();
    if (isIgnored(layers, walk.patterns, full, isDir)) continue;
    if (isDir) walkDir(walk, full, layers);
    else if (entry.isFile() && isSourceFile(walk, full)) addFile(walk, full);
  }
}

/**
 * Symlinks are not followed. One that points inside the roots names a file
 * the walk reaches by its real path; one that points outside is reported.
 */
function noteSymlink(walk: Walk, link: string, layers: readonly IgnoreLayer[]): void {
  const target = tryRealpath(link);
  const isDir = target !== undefined && safeIsDirectory(target);
  if (!isDir && !isSourceFile(walk, link)) return;
  if (isIgnored(layers, walk.patterns, link, isDir)) return;
  if (target === undefined) {
    walk.skipped.push({ file: link, reason: "broken symlink" });
  } else if (!walk.realRoots.some((root) => isInside(target, root))) {
    walk.skipped.push({ file: link, reason: "symlink to a path outside the given roots" });
  }
}

function addFile(walk: Walk, file: string): void {
  if (walk.seenFiles.has(file)) return;
  walk.seenFiles.add(file);
  walk.files.push(file);
}

function isSourceFile(walk: Walk, file: string): boolean {
  return walk.options.extensions.includes(extensionOf(file));
}

/** path.extname, lower-cased, without its normalising: `.eslintrc` has none, `a.d.ts` has `.ts`. */
function extensionOf(file: string): string {
  const dot = file.lastIndexOf(".");
  return dot <= file.lastIndexOf(path.sep) + 1 ? "" : file.slice(dot).toLowerCase();
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function safeIsDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Git's precedence: the deepest .gitignore that has a say wins, so `!keep.ts` below undoes `*.ts` above. */
function isIgnored(layers: readonly IgnoreLayer[], patterns: IgnoreLayer | undefined, file: string, isDir: boolean): boolean {
  if (patterns && test(patterns, file, isDir).ignored) return true;
  for (let i = layers.length - 1; i >= 0; i--) {
    const verdict = test(layers[i]!, file, isDir);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function test(layer: IgnoreLayer, file: string, isDir: boolean): { ignored: boolean; unignored: boolean } {
  // The walk only asks about paths below the layer's directory: slicing is path.relative without its cost.
  const prefix = layer.dir.endsWith(path.sep) ? layer.dir : layer.dir + path.sep;
  const below = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(layer.dir, file);
  const relative = path.sep === "/" ? below : below.split(path.sep).join("/");
  if (relative === "" || relative.startsWith("..")) return { ignored: false, unignored: false };
  return layer.rules.test(isDir ? `${relative}/` : relative);
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
