/**
 * The small part of a tsconfig.json both engines need without TypeScript
 * itself: where the nearest one is, and its module `paths` and `baseUrl`
 * (following `extends`). The syntactic engine resolves path aliases with it,
 * so it must not load the compiler (ts-morph costs ~0.6 s to load); the typed
 * engine reads the full options through TypeScript (typed/project.ts).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { findUp } from "./fs-paths";

/** `tsconfig.json` in `start` (a file or directory) or the nearest directory above. */
export function findTsconfig(start: string): string | undefined {
  return findUp(start, (dir) => {
    const candidate = path.join(dir, "tsconfig.json");
    return fs.existsSync(candidate) ? candidate : undefined;
  });
}

/** Module aliases of a tsconfig, with every directory absolute. */
export interface TsconfigPaths {
  /** `compilerOptions.baseUrl`, absolute; bare specifiers are also looked up under it. */
  readonly baseUrl?: string;
  /** `compilerOptions.paths`: pattern (at most one `*`) → substitutions. */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** What `paths` substitutions are relative to: `baseUrl`, else the tsconfig that declares `paths`. */
  readonly pathsBase?: string;
}

/**
 * `baseUrl` and `paths` of `tsconfig`, its `extends` chain followed (a child's
 * value wins). Undefined when the file cannot be read or parsed: resolution
 * then goes on without aliases, as it did before.
 */
export function readTsconfigPaths(tsconfig: string): TsconfigPaths | undefined {
  return readChain(path.resolve(tsconfig), new Set());
}

function readChain(file: string, seen: Set<string>): TsconfigPaths | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const json = readJsonc(file);
  if (json === undefined) return undefined;
  const dir = path.dirname(file);
  let inherited: TsconfigPaths = {};
  const extendsList = typeof json["extends"] === "string" ? [json["extends"]] : Array.isArray(json["extends"]) ? json["extends"] : [];
  for (const parent of extendsList) {
    if (typeof parent !== "string") continue;
    const parentFile = resolveExtends(parent, dir);
    const read = parentFile === undefined ? undefined : readChain(parentFile, seen);
    if (read) inherited = { ...inherited, ...read };
  }
  const options = json["compilerOptions"];
  if (typeof options !== "object" || options === null) return inherited;
  const own = options as Record<string, unknown>;
  const baseUrl = typeof own["baseUrl"] === "string" ? path.resolve(dir, own["baseUrl"]) : inherited.baseUrl;
  const ownPaths = isPathsObject(own["paths"]) ? own["paths"] : undefined;
  const paths = ownPaths ?? inherited.paths;
  // Substitutions are relative to the effective baseUrl, or (TypeScript 4.1+) to the file that declares `paths`.
  const pathsBase = baseUrl ?? (ownPaths ? dir : inherited.pathsBase);
  return {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(paths !== undefined ? { paths } : {}),
    ...(pathsBase !== undefined ? { pathsBase } : {}),
  };
}

function isPathsObject(value: unknown): value is Record<string, string[]> {
  return typeof value === "object" && value !== null && Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === "string"));
}

/** `extends`: a relative or absolute file (`.json` optional), or a package's tsconfig (`@tsconfig/node20/tsconfig.json`). */
function resolveExtends(specifier: string, dir: string): string | undefined {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
    const file = path.resolve(dir, specifier);
    if (isFile(file)) return file;
    return isFile(`${file}.json`) ? `${file}.json` : undefined;
  }
  const require = createRequire(path.join(dir, "tsconfig.json"));
  for (const candidate of [specifier, `${specifier}.json`, `${specifier}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // The next spelling, or no parent: aliases are a convenience, never an error.
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function readJsonc(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(stripJsonComments(text)) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes comments, then trailing commas, outside strings (a glob like "src/**\/*" holds a comment opener). */
export function stripJsonComments(text: string): string {
  const withoutComments = outsideStrings(text, (at) => {
    if (text.startsWith("//", at)) return lengthTo(text, at, "\n", 0);
    if (text.startsWith("/*", at)) return lengthTo(text, at, "*/", 2);
    return 0;
  });
  return outsideStrings(withoutComments, (at) => {
    if (withoutComments[at] !== ",") return 0;
    let next = at + 1;
    while (/\s/.test(withoutComments[next] ?? "")) next++;
    return withoutComments[next] === "}" || withoutComments[next] === "]" ? 1 : 0;
  });
}

/** From `at` to `end` (plus `extra`), or to the end of `text`. */
function lengthTo(text: string, at: number, end: string, extra: number): number {
  const found = text.indexOf(end, at + 2);
  return found === -1 ? text.length - at : found + extra - at;
}

/** `text` without the spans `drop(at)` measures (0: keep the character), never inside a string literal. */
function outsideStrings(text: string, drop: (at: number) => number): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\"") {
      let j = i + 1;
      while (j < text.length && text[j] !== "\"") j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const skip = text[i] === "/" || text[i] === "," ? drop(i) : 0;
    if (skip > 0) {
      i += skip;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
