/**
 * The typed engine as the runner sees it: a narrow service that says which
 * calls of a file are targets (by range, as plain data) and verifies edits.
 * Nothing outside src/typed/ imports ts-morph.
 */
import type { ts as TsNamespace } from "ts-morph";
import type { TypedCall } from "../javascript/facts/targets";
import type { ResolvedConfig } from "../config/schema";
import { checkerFailure, loadProject, resetProgram, tsconfigFor, type Ts } from "./project";
import { TypedResolver } from "./resolve";
import { verifyEdits, type NewDiagnostic, type VerifyResult } from "./verify";

export type { NewDiagnostic, VerifyResult };

/** What the typed engine says about one file. */
export type FileCalls =
  | { readonly kind: "calls"; readonly calls: ReadonlyMap<string, TypedCall> }
  /** Not part of the program. */
  | { readonly kind: "outside" }
  /** The type checker threw on it (a stack overflow on a self-referential type): the file fails alone. */
  | { readonly kind: "failed"; readonly message: string };

export interface TypedService {
  readonly tsconfig: string;
  /** Target calls by range; after a checker failure the next file gets a new checker. */
  callsIn(file: string): FileCalls;
  /** New diagnostics per rejected file, and the files the checker failed on; the other files are verified. */
  verify(changes: ReadonlyMap<string, string>): VerifyResult;
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
    callsIn(file) {
      try {
        const calls = currentResolver().callsIn(file.split("\\").join("/"));
        return calls ? { kind: "calls", calls } : { kind: "outside" };
      } catch (error) {
        // The checker may be half-way through resolving a type: start again with a new one.
        resolver = undefined;
        resetProgram(loaded.project);
        return { kind: "failed", message: checkerFailure(error) };
      }
    },
    verify(changes) {
      const result = verifyEdits(loaded, changes);
      resolver = undefined;
      return result;
    },
  };
}

/** A program built by someone else (typescript-eslint's parser services), with the TypeScript it was built with. */
export interface ForeignProgram {
  /** The `typescript` module: its syntax kinds must be the program's. */
  readonly ts: unknown;
  readonly program: unknown;
}

const foreign = new WeakMap<object, Map<ResolvedConfig, TypedResolver>>();

/** The target calls of one file of a program someone else built; one resolver per program and config. */
export function callsInProgram(given: ForeignProgram, config: ResolvedConfig, file: string): FileCalls {
  const program = given.program as TsNamespace.Program;
  const byConfig = foreign.get(program) ?? new Map<ResolvedConfig, TypedResolver>();
  foreign.set(program, byConfig);
  let resolver = byConfig.get(config);
  if (!resolver) {
    resolver = new TypedResolver(given.ts as Ts, program, program.getTypeChecker(), config);
    byConfig.set(config, resolver);
  }
  try {
    const calls = resolver.callsIn(file.split("\\").join("/"));
    return calls ? { kind: "calls", calls } : { kind: "outside" };
  } catch (error) {
    byConfig.delete(config);
    return { kind: "failed", message: checkerFailure(error) };
  }
}
