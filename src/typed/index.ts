/**
 * The typed engine as the runner sees it: a narrow service that says which
 * calls of a file are targets (by range, as plain data) and verifies edits.
 * Nothing outside src/typed/ imports ts-morph.
 */
import type { TypedCall } from "../analysis/targets";
import type { ResolvedConfig } from "../config/schema";
import { loadProject, tsconfigFor } from "./project";
import { importedFromProject, programMayHold, programRoots, type ProgramRoots } from "./roots";
import { TypedResolver } from "./resolve";
import { verifyEdits, type NewDiagnostic } from "./verify";

export type { NewDiagnostic };

export interface TypedService {
  readonly tsconfig: string;
  /** Target calls by range, or undefined when the file is not part of the program. */
  callsIn(file: string): ReadonlyMap<string, TypedCall> | undefined;
  /** New diagnostics per rejected file; files not in the map are verified. */
  verify(changes: ReadonlyMap<string, string>): Map<string, NewDiagnostic[]>;
}

export interface TypedServiceOptions {
  /**
   * Build the program from every file the tsconfig lists, as `tsc` does,
   * rather than from the files that can matter (roots.ts). The answers are
   * the same; the bench and the tests use it to show so.
   */
  readonly wholeProgram?: boolean;
}

export function typedService(root: string, config: ResolvedConfig, options: TypedServiceOptions = {}): TypedService {
  const tsconfig = tsconfigFor(root, config.project);
  const loaded = loadProject(tsconfig, options);
  const { ts, fileNames } = loaded;
  let plan: ProgramRoots | undefined = options.wholeProgram ? undefined : programRoots(ts, fileNames, config);
  loaded.addRoots(plan ? plan.roots : fileNames);
  let resolver: TypedResolver | undefined;
  const currentResolver = (): TypedResolver => {
    // The program changes after verify() edits and restores files, and when files join it: build the resolver on demand.
    while (!resolver) {
      const program = loaded.project.getProgram().compilerObject;
      const built = new TypedResolver(ts, program, program.getTypeChecker(), config, plan?.aliases);
      // A file the program holds but the tsconfig does not list may re-export a target under a new name: files that use it join.
      const aliases = built.exportedAliases();
      if (plan && [...aliases].some((alias) => !plan!.aliases.has(alias))) {
        plan = programRoots(ts, fileNames, config, aliases);
        if (loaded.addRoots(plan.roots)) continue;
      }
      resolver = built;
    }
    return resolver;
  };
  let outside: ReadonlySet<string> | undefined;
  return {
    tsconfig,
    callsIn(file) {
      const name = file.split("\\").join("/");
      const calls = currentResolver().callsIn(name);
      if (calls || !plan) return calls;
      // Listed in the tsconfig but not a root: it holds no call the resolver would ask about.
      if (plan.projectFiles.has(name)) return new Map();
      // Not listed: part of the project only if a listed file imports it, as in a whole program. Those files join at once.
      const options = loaded.project.getCompilerOptions();
      if (!programMayHold(name, options)) return undefined;
      outside ??= importedFromProject(ts, fileNames, options);
      if (!outside.has(name)) return undefined;
      if (loaded.addRoots([...outside])) resolver = undefined;
      return currentResolver().callsIn(name);
    },
    verify(changes) {
      const result = verifyEdits(loaded.project, changes);
      resolver = undefined;
      return result;
    },
  };
}
