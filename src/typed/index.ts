/**
 * The typed engine as the runner sees it: a narrow service that says which
 * calls of a file are targets (by range, as plain data) and verifies edits.
 * Nothing outside src/typed/ imports ts-morph.
 */
import type { ts as TsNamespace } from "ts-morph";
import type { TypedCall } from "../javascript/facts/targets";
import type { ResolvedConfig } from "../config/schema";
import { checkerFailure, loadProject, resetProgram, tsconfigFor, type Ts } from "./project";
import { Hierarchies, type HierarchyMember } from "./hierarchy";
import { TypedResolver } from "./resolve";
import { verifyEdits, type NewDiagnostic, type VerifyResult } from "./verify";

export type { HierarchyMember, NewDiagnostic, VerifyResult };

/** What the typed engine says about one file. */
export type FileCalls =
  | { readonly kind: "calls"; readonly calls: ReadonlyMap<string, TypedCall> }
  /** Not part of the program. */
  | { readonly kind: "outside" }
  /** The type checker threw on it (a stack overflow on a self-referential type): the file fails alone. */
  | { readonly kind: "failed"; readonly message: string };

export interface TypedService {
  readonly tsconfig: string;
  /**
   * Target calls by range, for the service's config or (propagation) one with
   * more targets; after a checker failure the next file gets a new checker.
   */
  callsIn(file: string, config?: ResolvedConfig): FileCalls;
  /**
   * The hierarchy of the class, interface or object member whose name is at
   * `at` in `file` (propagation), itself first; empty when it is no such
   * member; undefined when the checker failed on it (nothing is known).
   */
  hierarchyOf(file: string, at: number): readonly HierarchyMember[] | undefined;
  /** New diagnostics per rejected file, and the files the checker failed on; the other files are verified. */
  verify(changes: ReadonlyMap<string, string>): VerifyResult;
}

export function typedService(root: string, config: ResolvedConfig): TypedService {
  const tsconfig = tsconfigFor(root, config.project);
  const loaded = loadProject(tsconfig);
  // One resolver at a time: propagation's rounds each bring a config with more targets.
  let resolver: { readonly config: ResolvedConfig; readonly resolver: TypedResolver } | undefined;
  const currentResolver = (wanted: ResolvedConfig) => {
    // The program changes after verify() edits and restores files: build the resolver on demand.
    if (resolver?.config !== wanted) {
      const program = loaded.project.getProgram().compilerObject;
      resolver = { config: wanted, resolver: new TypedResolver(loaded.ts, program, program.getTypeChecker(), wanted) };
    }
    return resolver.resolver;
  };
  let hierarchies: Hierarchies | undefined;
  // Positions are the original sources': the answers hold for the whole run.
  const hierarchyCache = new Map<string, readonly HierarchyMember[] | undefined>();
  return {
    tsconfig,
    callsIn(file, wanted = config) {
      try {
        const calls = currentResolver(wanted).callsIn(file.split("\\").join("/"));
        return calls ? { kind: "calls", calls } : { kind: "outside" };
      } catch (error) {
        // The checker may be half-way through resolving a type: start again with a new one.
        resolver = undefined;
        hierarchies = undefined;
        resetProgram(loaded.project);
        return { kind: "failed", message: checkerFailure(error) };
      }
    },
    hierarchyOf(file, at) {
      const key = `${file}\0${at}`;
      if (hierarchyCache.has(key)) return hierarchyCache.get(key);
      let members: readonly HierarchyMember[] | undefined;
      {
        if (!hierarchies) {
          const program = loaded.project.getProgram().compilerObject;
          hierarchies = new Hierarchies(loaded.ts, program, program.getTypeChecker());
        }
        try {
          members = hierarchies.membersOf(file.split("\\").join("/"), at);
        } catch {
          // The checker failed on a type of the hierarchy: nothing is known of it, and a new checker is needed.
          members = undefined;
          hierarchies = undefined;
          resolver = undefined;
          resetProgram(loaded.project);
        }
        hierarchyCache.set(key, members);
      }
      return members;
    },
    verify(changes) {
      const result = verifyEdits(loaded, changes);
      resolver = undefined;
      hierarchies = undefined;
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
