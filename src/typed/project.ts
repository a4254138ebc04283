/**
 * One ts-morph Project per tsconfig per run, with the user's compiler
 * options. The program is built from the files that can matter (roots.ts)
 * and what they import; only the files of the run are rewritten. ts-morph
 * is loaded lazily (it costs ~0.6 s), so the syntactic engine never pays
 * for it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Project, ts as TsNamespace } from "ts-morph";
import { UnawaitedError } from "../errors";
import { findUp } from "../fs-paths";

export type Ts = typeof TsNamespace;

export interface LoadedProject {
  readonly tsconfig: string;
  readonly project: Project;
  readonly ts: Ts;
  /** The files the tsconfig names (`files`, `include` minus `exclude`), as TypeScript lists them. */
  readonly fileNames: readonly string[];
  /**
   * Adds files to build the program from, and the files they import; true
   * when any was new (the program changes).
   */
  addRoots(files: readonly string[]): boolean;
}

const loaded = new Map<string, LoadedProject>();

/** `tsconfig.json` in `start` (a file or directory) or the nearest directory above. */
export function findTsconfig(start: string): string | undefined {
  return findUp(start, (dir) => {
    const candidate = path.join(dir, "tsconfig.json");
    return fs.existsSync(candidate) ? candidate : undefined;
  });
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

/**
 * The project of `tsconfig`: its compiler options and file list, with no
 * file loaded until `addRoots` asks (roots.ts decides which).
 */
export function loadProject(tsconfig: string, options: { readonly wholeProgram?: boolean } = {}): LoadedProject {
  // A whole program is kept apart, so that it never lends its files to a program built from roots.
  const key = options.wholeProgram ? `${tsconfig}\0whole` : tsconfig;
  const cached = loaded.get(key);
  if (cached) return cached;
  // Lazy on purpose: see the header.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const morph = require("ts-morph") as typeof import("ts-morph");
  let project: Project;
  let fileNames: string[];
  try {
    // Read once, here, as ts-morph reads it: handing it the path as well would read and glob the tsconfig a second time.
    const file = path.resolve(tsconfig);
    const json = morph.ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8"));
    if (json.error) throw new Error(morph.ts.flattenDiagnosticMessageText(json.error.messageText, "\n"));
    const parsed = morph.ts.parseJsonConfigFileContent(json.config, morph.ts.sys, path.dirname(file), undefined, file);
    project = new morph.Project({ compilerOptions: parsed.options });
    fileNames = parsed.fileNames;
  } catch (error) {
    throw new UnawaitedError("CONFIG_INVALID", `cannot load ${tsconfig}: ${(error as Error).message}`, { hint: "check that tsc accepts this tsconfig" });
  }
  const added = new Set<string>();
  const result: LoadedProject = {
    tsconfig,
    project,
    ts: morph.ts,
    fileNames,
    addRoots(files) {
      const fresh = files.filter((file) => !added.has(file));
      if (fresh.length === 0) return false;
      for (const file of fresh) {
        added.add(file);
        project.addSourceFileAtPath(file);
      }
      project.resolveSourceFileDependencies();
      return true;
    },
  };
  loaded.set(key, result);
  return result;
}
