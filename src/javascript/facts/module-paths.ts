/**
 * A config `module` that is a path (`./src/ws/websocket-manager`) names a
 * file, not a spelling: `../ws/websocket-manager` in src/handlers/,
 * `./ws/websocket-manager.js` in src/ and `@ws/websocket-manager` through
 * tsconfig `paths` all import it. The config loader makes such a module
 * absolute; here each import of a file is resolved to a file, as TypeScript
 * resolves it, and files are compared. A bare specifier (`next/headers`) is
 * compared as written, as before.
 *
 * Deliberately left out: package.json `exports`/`main` of a directory,
 * `rootDirs`, node_modules. Resolution is cached per directory and specifier:
 * a file with a hundred calls resolves its import once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { findTsconfig, readTsconfigPaths, type TsconfigPaths } from "../../tsconfig";

/** `./x`, `../x` or an absolute path; not a bare specifier (`next/headers`, `@ws/x`) nor a Python relative module (`.factory`). */
export function isPathModule(module: string): boolean {
  return /^\.\.?[\\/]/.test(module) || path.isAbsolute(module);
}

/** A config `module` as the engines compare it: a path made absolute against `baseDir`; anything else as written. */
export function configModule(module: string, baseDir: string): string {
  return isPathModule(module) ? path.resolve(baseDir, module) : module;
}

/**
 * Whether `specifier`, imported by a file in `fromDir`, is the configured
 * module: for a path module, whether both resolve to one file (or, when
 * neither names a file, to one path); otherwise whether they are spelled alike.
 */
export function sameModule(module: string, specifier: string, fromDir: string): boolean {
  if (specifier === module) return true;
  if (!path.isAbsolute(module)) return false;
  const imported = importedModulePath(specifier, fromDir);
  return imported !== undefined && imported === modulePathKey(module);
}

/** The file a path module names, or undefined: the config names no file (a warning). */
export function moduleFile(module: string): string | undefined {
  return path.isAbsolute(module) ? resolveModuleFile(module) : undefined;
}

/** A path module as compared: its file, or else the path without a JavaScript or TypeScript extension. */
function modulePathKey(module: string): string {
  return resolveModuleFile(module) ?? withoutExtension(module);
}

const imports = new Map<string, string | null>();

/**
 * What an import written in a file of `fromDir` stands for: the file it
 * resolves to; for a relative specifier that names no file, where it points;
 * undefined for a bare specifier no tsconfig alias maps to a file.
 */
export function importedModulePath(specifier: string, fromDir: string): string | undefined {
  const key = `${fromDir}\0${specifier}`;
  let cached = imports.get(key);
  if (cached === undefined) {
    cached = resolveImport(specifier, fromDir) ?? null;
    imports.set(key, cached);
  }
  return cached ?? undefined;
}

function resolveImport(specifier: string, fromDir: string): string | undefined {
  if (isPathModule(specifier)) {
    const candidate = path.resolve(fromDir, specifier);
    return resolveModuleFile(candidate) ?? withoutExtension(candidate);
  }
  const aliases = aliasesFor(fromDir);
  if (!aliases) return undefined;
  for (const candidate of aliasCandidates(specifier, aliases)) {
    const file = resolveModuleFile(candidate);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** TypeScript's substitutions for a JavaScript extension: `./x.js` is `x.ts` when that exists. */
const SOURCE_FOR_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx", ".d.ts", ".js", ".jsx"],
  ".jsx": [".tsx", ".d.ts", ".jsx"],
  ".mjs": [".mts", ".d.mts", ".mjs"],
  ".cjs": [".cts", ".d.cts", ".cjs"],
};
const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const STRIPPED = /\.(?:d\.)?[mc]?[jt]sx?$/i;

const files = new Map<string, string | null>();

/**
 * The file an absolute module path names, as TypeScript resolves it: the
 * source for a `.js`/`.mjs`/`.cjs` spelling, the file itself, an added
 * extension, or the directory's `index`.
 */
export function resolveModuleFile(candidate: string): string | undefined {
  let cached = files.get(candidate);
  if (cached === undefined) {
    cached = findFile(candidate) ?? null;
    files.set(candidate, cached);
  }
  return cached ?? undefined;
}

function findFile(candidate: string): string | undefined {
  const extension = path.extname(candidate).toLowerCase();
  const substitutes = SOURCE_FOR_OUTPUT[extension];
  if (substitutes) {
    const stem = candidate.slice(0, -extension.length);
    for (const substitute of substitutes) if (isFile(stem + substitute)) return stem + substitute;
  }
  if (isFile(candidate)) return candidate;
  for (const added of EXTENSIONS) if (isFile(candidate + added)) return candidate + added;
  for (const added of EXTENSIONS) {
    const index = path.join(candidate, `index${added}`);
    if (isFile(index)) return index;
  }
  return undefined;
}

function withoutExtension(file: string): string {
  return file.replace(STRIPPED, "");
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const aliasesByDir = new Map<string, TsconfigPaths | null>();
const aliasesByTsconfig = new Map<string, TsconfigPaths | null>();

/** `paths` and `baseUrl` of the nearest tsconfig.json above `dir`, when it has either. */
function aliasesFor(dir: string): TsconfigPaths | undefined {
  let cached = aliasesByDir.get(dir);
  if (cached === undefined) {
    const tsconfig = findTsconfig(dir);
    if (tsconfig === undefined) cached = null;
    else {
      cached = aliasesByTsconfig.get(tsconfig);
      if (cached === undefined) {
        const read = readTsconfigPaths(tsconfig);
        cached = read && (read.paths !== undefined || read.baseUrl !== undefined) ? read : null;
        aliasesByTsconfig.set(tsconfig, cached);
      }
    }
    aliasesByDir.set(dir, cached);
  }
  return cached ?? undefined;
}

/** Where a bare specifier may point, in TypeScript's order: the best `paths` pattern's substitutions, then under `baseUrl`. */
function aliasCandidates(specifier: string, aliases: TsconfigPaths): string[] {
  const candidates: string[] = [];
  const match = aliases.paths && aliases.pathsBase !== undefined ? bestPattern(specifier, Object.keys(aliases.paths)) : undefined;
  if (match) {
    for (const substitution of aliases.paths![match.pattern]!) candidates.push(path.resolve(aliases.pathsBase!, substitution.replace("*", match.star)));
  }
  if (aliases.baseUrl !== undefined) candidates.push(path.resolve(aliases.baseUrl, specifier));
  return candidates;
}

/** An exact pattern, else the `*` pattern with the longest prefix that fits (TypeScript's rule). */
function bestPattern(specifier: string, patterns: readonly string[]): { pattern: string; star: string } | undefined {
  if (patterns.includes(specifier) && !specifier.includes("*")) return { pattern: specifier, star: "" };
  let best: { pattern: string; star: string } | undefined;
  let bestPrefix = -1;
  for (const pattern of patterns) {
    const star = pattern.indexOf("*");
    if (star === -1 || pattern.indexOf("*", star + 1) !== -1) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (prefix.length > bestPrefix) {
      bestPrefix = prefix.length;
      best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
    }
  }
  return best;
}
