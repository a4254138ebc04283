/**
 * One ts-morph Project per tsconfig per run, loaded from the user's
 * tsconfig: the whole program is used for resolution, only the files of the
 * run are rewritten. ts-morph is loaded lazily (it costs ~0.6 s), so the
 * syntactic engine never pays for it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Project, ts as TsNamespace } from "ts-morph";
import { UnawaitedError } from "../errors";
import { findTsconfig } from "../tsconfig";

export type Ts = typeof TsNamespace;

export interface LoadedProject {
  readonly tsconfig: string;
  readonly project: Project;
  readonly ts: Ts;
  /** Gives a parsed file the module format and module-ness tsc gives it (see moduleFormat); true when that changed them. */
  readonly setModuleFormat: (file: TsNamespace.SourceFile) => boolean;
}

const loaded = new Map<string, LoadedProject>();

/**
 * ts-morph parses files without tsc's per-file options, so a file without
 * imports or exports is always a script: `"moduleDetection": "force"`, an
 * `.mts`/`.cts` file and a package.json `"type"` are ignored, and a script's
 * top-level names become globals every other script sees (where tsc reports
 * "Cannot find name"). This sets the file's format (ESM or CommonJS, as
 * Node's rules give it) and whether it is a module, the way tsc's parser
 * does, before the checker binds it; says whether that changed anything.
 */
function moduleFormat(ts: Ts, options: TsNamespace.CompilerOptions, directory: string): (file: TsNamespace.SourceFile) => boolean {
  const internal = ts as Ts & { getSetExternalModuleIndicator?: (options: TsNamespace.CompilerOptions) => (file: TsNamespace.SourceFile) => void };
  const setIndicator = internal.getSetExternalModuleIndicator?.(options);
  const cache = ts.createModuleResolutionCache(directory, (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()), options);
  const host: TsNamespace.ModuleResolutionHost = ts.sys;
  return (file) => {
    const before = { format: file.impliedNodeFormat, module: ts.isExternalModule(file) };
    const format = ts.getImpliedNodeFormatForFile(file.fileName as TsNamespace.Path, cache.getPackageJsonInfoCache(), host, options);
    (file as { impliedNodeFormat?: TsNamespace.ResolutionMode }).impliedNodeFormat = format;
    setIndicator?.(file);
    return before.format !== format || before.module !== ts.isExternalModule(file);
  };
}

/**
 * Drops the program and its type checker; the next use builds new ones from
 * the same parsed files. Needed after the checker threw (a stack overflow
 * leaves it half-way through resolving types) and after module formats are set.
 * ts-morph rebuilds only after an edit, so this reaches into its context.
 */
export function resetProgram(project: Project): void {
  (project as unknown as { _context?: { resetProgram?(): void } })._context?.resetProgram?.();
}

/** What a file's result says when the type checker threw on it. */
export function checkerFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `the TypeScript type checker failed on this file (${text}); it is left untouched, and the other files' results are kept`;
}

export function tsconfigFor(root: string, configured: string | undefined): string {
  if (configured !== undefined) {
    if (!fs.existsSync(configured)) {
      throw new UnawaitedError("CONFIG_INVALID", `project ${configured} does not exist`, { hint: "point \"project\" (or --project) at a tsconfig.json" });
    }
    return configured;
  }
  const found = findTsconfig(root);
  if (!found) {
    throw new UnawaitedError("CONFIG_INVALID", `the typed engine needs a tsconfig.json: none found for ${root} or above`, {
      hint: "pass --project path/to/tsconfig.json, set \"project\" in the config, or use --engine syntactic",
    });
  }
  return found;
}

export function loadProject(tsconfig: string): LoadedProject {
  const cached = loaded.get(tsconfig);
  if (cached) return cached;
  // Lazy on purpose: see the header.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const morph = require("ts-morph") as typeof import("ts-morph");
  let project: Project;
  let setModuleFormat: (file: TsNamespace.SourceFile) => boolean;
  try {
    // The tsconfig is read here, as ts-morph reads it, and ts-morph gets the options and the file list:
    // given the path, ts-morph also checks that each listed file and directory exists (4-6% of loading 5,000 files).
    const file = path.resolve(tsconfig);
    const json = morph.ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
    if (json.error) throw new Error(morph.ts.flattenDiagnosticMessageText(json.error.messageText, "\n"));
    const parsed = morph.ts.parseJsonConfigFileContent(json.config, morph.ts.sys, path.dirname(file), undefined, file);
    project = new morph.Project({ compilerOptions: parsed.options });
    setModuleFormat = moduleFormat(morph.ts, parsed.options, path.dirname(file));
    const listed = new Set<unknown>();
    for (const name of parsed.fileNames) {
      const added = project.addSourceFileAtPathIfExists(name);
      if (added) {
        setModuleFormat(added.compilerNode);
        listed.add(added);
      }
    }
    project.resolveSourceFileDependencies();
    // Files the listed ones import joined while the program was built, before their format was set:
    // when that changes any of them, the program is built again (it resolves imports by format).
    let changed = false;
    for (const added of project.getSourceFiles()) if (!listed.has(added) && setModuleFormat(added.compilerNode)) changed = true;
    if (changed) resetProgram(project);
  } catch (error) {
    throw new UnawaitedError("CONFIG_INVALID", `cannot load ${tsconfig}: ${(error as Error).message}`, { hint: "check that tsc accepts this tsconfig" });
  }
  const result = { tsconfig, project, ts: morph.ts, setModuleFormat };
  loaded.set(tsconfig, result);
  return result;
}
