/**
 * `--verify`: apply the edits of the changed files in memory and compare the
 * diagnostics of each changed file, and of each unchanged file that imports
 * one (importers.ts), before and after. A changed file is rejected when its
 * edits add diagnostics to it or to a file that imports it. All changed files
 * are applied together (one program rebuild, not one per file), then again
 * without the rejected ones until nothing more is rejected, so an accepted
 * file is never judged against a rejected edit.
 *
 * Diagnostics are counted per code: positions move with the edits and
 * messages change with types (`… on type 'Promise<M>'` becomes `… on type
 * 'M'`), so one error that changes wording is not a new one. An importer
 * that imports several changed files rejects all of them: its new errors do
 * not say which edit caused them.
 */
import * as path from "node:path";
import type { Project, SourceFile } from "ts-morph";
import { importGraph } from "./importers";
import { checkerFailure, resetProgram, type LoadedProject } from "./project";

export interface NewDiagnostic {
  readonly code: number;
  readonly message: string;
  /** 1-based, in `file`. */
  readonly line: number;
  /** Set when the error is in another file than the rejected one: an unchanged file that imports it. */
  readonly file?: string;
}

/** Files that cannot be verified (not in the program) get a single pseudo-diagnostic with code 0. */
export const NOT_IN_PROJECT = 0;

/** Whether a "diagnostic" only says the file could not be verified. */
export function isNotInProject(diagnostic: NewDiagnostic): boolean {
  return diagnostic.code === NOT_IN_PROJECT;
}

export interface VerifyResult {
  /** New diagnostics per rejected file; changed files in neither map are verified. */
  readonly rejected: Map<string, NewDiagnostic[]>;
  /** Files the type checker threw on (a stack overflow), with the message. */
  readonly failed: Map<string, string>;
}

/** A file whose diagnostics are compared, and the changed files its new ones reject (itself, or those it imports). */
interface Watched {
  readonly file: SourceFile;
  readonly blamed: readonly SourceFile[];
}

/** `setModuleFormat` gives each re-parsed file tsc's module format (see project.ts). */
export function verifyEdits(loaded: Pick<LoadedProject, "project" | "ts" | "setModuleFormat">, changes: ReadonlyMap<string, string>): VerifyResult {
  const { project, setModuleFormat } = loaded;
  const rejected = new Map<string, NewDiagnostic[]>();
  const failed = new Map<string, string>();
  for (const file of changes.keys()) {
    if (!project.getSourceFile(file)) {
      rejected.set(file, [{ code: NOT_IN_PROJECT, line: 1, message: "not part of the TypeScript project, so it cannot be verified" }]);
    }
  }
  const judged = (file: string) => rejected.has(file) || failed.has(file);
  // Built before any edit: the importers' own imports never change.
  const graph = anyInProject(project, changes) ? importGraph(loaded.ts, project.getProgram().compilerObject) : undefined;
  // An importer the checker throws on before any edit says nothing about the edits: it is left out, as a changed file that threw is.
  const unreadable = new Set<SourceFile>();
  const guarded = <T>(work: () => T): T | { readonly thrown: unknown } => {
    try {
      return work();
    } catch (error) {
      resetProgram(project);
      return { thrown: error };
    }
  };
  // One file the checker throws on fails alone (with the changed files it imports): the program is rebuilt and the others are judged again.
  const attempt = <T extends object>(pending: ReadonlyMap<string, string>, watched: Watched, work: () => T): T | undefined => {
    const result = guarded(work);
    if (!("thrown" in result)) return result;
    const where = importerOf(watched);
    for (const file of watched.blamed) failed.set(pendingKey(pending, file), checkerFailure(result.thrown) + (where ? ` (in ${where}, which imports it)` : ""));
    return undefined;
  };
  let pending = new Map([...changes].filter(([file]) => !judged(file)));
  while (pending.size > 0) {
    const files = [...pending.keys()].map((file) => project.getSourceFile(file)).filter((f): f is SourceFile => f !== undefined);
    const byName = new Map(files.map((file) => [file.getFilePath() as string, file]));
    const before = new Map<Watched, Map<string, number>>();
    for (const file of files) {
      const entry = { file, blamed: [file] };
      const counted = attempt(pending, entry, () => keys(file));
      if (counted) before.set(entry, counted);
      else unreadable.add(file);
    }
    if (before.size < files.length) {
      pending = new Map([...pending].filter(([file]) => !judged(file)));
      continue;
    }
    for (const [name, targets] of graph?.importersOf(new Set(byName.keys())) ?? []) {
      const file = project.getSourceFile(name);
      if (!file || unreadable.has(file)) continue;
      const counted = guarded(() => keys(file));
      if ("thrown" in counted) unreadable.add(file);
      else before.set({ file, blamed: [...targets].map((target) => byName.get(target)!) }, counted);
    }
    const watched = [...before.keys()];
    const originals = new Map(files.map((file) => [file, file.getFullText()]));
    for (const file of files) {
      file.replaceWithText(stripBom(pending.get(file.getFilePath()) ?? pending.get(normalize(file.getFilePath()))!));
      setModuleFormat(file.compilerNode);
    }
    let changed = false;
    try {
      for (const entry of watched) {
        const added = attempt(pending, entry, () => newDiagnostics(before.get(entry)!, entry.file));
        if (added === undefined || added.length > 0) changed = true;
        if (added === undefined || added.length === 0) continue;
        const where = importerOf(entry);
        for (const file of entry.blamed) {
          const key = pendingKey(pending, file);
          rejected.set(key, [...(rejected.get(key) ?? []), ...(where ? added.map((d) => ({ ...d, file: where })) : added)]);
        }
      }
    } finally {
      for (const [file, text] of originals) {
        file.replaceWithText(text);
        setModuleFormat(file.compilerNode);
      }
    }
    if (!changed) break;
    pending = new Map([...pending].filter(([file]) => !judged(file)));
  }
  return { rejected, failed };
}

function anyInProject(project: Project, changes: ReadonlyMap<string, string>): boolean {
  return [...changes.keys()].some((file) => project.getSourceFile(file) !== undefined);
}

/** The importer's path (as the runner spells paths) when `watched` is not itself a changed file. */
function importerOf(watched: Watched): string | undefined {
  return watched.blamed.length === 1 && watched.blamed[0] === watched.file ? undefined : normalize(watched.file.getFilePath());
}

function pendingKey(pending: ReadonlyMap<string, string>, file: SourceFile): string {
  const path = file.getFilePath();
  return pending.has(path) ? path : normalize(path);
}

function normalize(file: string): string {
  return file.split("/").join(path.sep);
}

function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function diagnosticsOf(file: SourceFile) {
  return file.getPreEmitDiagnostics();
}

function keyOf(diagnostic: ReturnType<typeof diagnosticsOf>[number]): string {
  return String(diagnostic.getCode());
}

/** Diagnostics as a multiset of codes (see the header for why not positions or messages). */
function keys(file: SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnosticsOf(file)) counts.set(keyOf(diagnostic), (counts.get(keyOf(diagnostic)) ?? 0) + 1);
  return counts;
}

function newDiagnostics(before: Map<string, number>, file: SourceFile): NewDiagnostic[] {
  const remaining = new Map(before);
  const added: NewDiagnostic[] = [];
  for (const diagnostic of diagnosticsOf(file)) {
    const key = keyOf(diagnostic);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      continue;
    }
    const text = diagnostic.getMessageText();
    added.push({
      code: diagnostic.getCode(),
      message: typeof text === "string" ? text : text.getMessageText(),
      line: diagnostic.getLineNumber() ?? 0,
    });
  }
  return added;
}
