/**
 * The typed engine as the runner sees it: a narrow service that says which
 * calls of a file are targets (by range, as plain data) and verifies edits.
 * Nothing outside src/typed/ imports ts-morph.
 */
import type { TypedCall } from "../analysis/targets";
import type { ResolvedConfig } from "../config/schema";
import { loadProject, tsconfigFor } from "./project";
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

export function typedService(root: string, config: ResolvedConfig): TypedService {
  const tsconfig = tsconfigFor(root, config.project);
  const loaded = loadProject(tsconfig);
  let resolver: TypedResolver | undefined;
  const currentResolver = () => {
    // The program changes after verify() edits and restores files: build the resolver on demand.
    if (!resolver) {
      const program = loaded.project.getProgram().compilerObject;
      resolver = new TypedResolver(loaded.ts, program, program.getTypeChecker(), config);
    }
    return resolver;
  };
  return {
    tsconfig,
    callsIn: (file) => currentResolver().callsIn(file.split("\\").join("/")),
    verify(changes) {
      const result = verifyEdits(loaded.project, changes, loaded.setModuleFormat);
      resolver = undefined;
      return result;
    },
  };
}
