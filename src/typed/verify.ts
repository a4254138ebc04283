/**
 * `--verify`: apply the edits of the changed files in memory and compare each
 * file's diagnostics before and after. A file whose edits add diagnostics is
 * rejected. All changed files are applied together (one program rebuild, not
 * one per file), then again without the rejected ones until nothing more is
 * rejected, so an accepted file is never judged against a rejected edit.
 *
 * Diagnostics are counted per code: positions move with the edits and
 * messages change with types (`… on type 'Promise<M>'` becomes `… on type
 * 'M'`), so one error that changes wording is not a new one. Only the changed
 * files are checked; an edit that changes an exported type can still break a
 * file that uses it (the README says so).
 */
import * as path from "node:path";
import type { Project, SourceFile, ts } from "ts-morph";
import { checkerFailure, resetProgram } from "./project";

export interface NewDiagnostic {
  readonly code: number;
  readonly message: string;
  /** 1-based, in the edited file. */
  readonly line: number;
}

/** Files that cannot be verified (not in the program) get a single pseudo-diagnostic with code 0. */
export const NOT_IN_PROJECT = 0;

/** Whether a "diagnostic" only says the file could not be verified. */
export function isNotInProject(diagnostic: NewDiagnostic): boolean {
  return diagnostic.code === NOT_IN_PROJECT;
}

/** `setModuleFormat` gives each re-parsed file tsc's module format (see project.ts). */
export interface VerifyResult {
  /** New diagnostics per rejected file; changed files in neither map are verified. */
  readonly rejected: Map<string, NewDiagnostic[]>;
  /** Files the type checker threw on (a stack overflow), with the message. */
  readonly failed: Map<string, string>;
}

export function verifyEdits(project: Project, changes: ReadonlyMap<string, string>, setModuleFormat: (file: ts.SourceFile) => unknown): VerifyResult {
  const rejected = new Map<string, NewDiagnostic[]>();
  const failed = new Map<string, string>();
  for (const file of changes.keys()) {
    if (!project.getSourceFile(file)) {
      rejected.set(file, [{ code: NOT_IN_PROJECT, line: 1, message: "not part of the TypeScript project, so it cannot be verified" }]);
    }
  }
  const judged = (file: string) => rejected.has(file) || failed.has(file);
  // One file the checker throws on fails alone: the program is rebuilt and the others are judged again.
  const attempt = <T>(pending: ReadonlyMap<string, string>, file: SourceFile, work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      failed.set(pendingKey(pending, file), checkerFailure(error));
      resetProgram(project);
      return undefined;
    }
  };
  let pending = new Map([...changes].filter(([file]) => !judged(file)));
  while (pending.size > 0) {
    const files = [...pending.keys()].map((file) => project.getSourceFile(file)).filter((f): f is SourceFile => f !== undefined);
    const before = new Map<SourceFile, Map<string, number>>();
    for (const file of files) {
      const counted = attempt(pending, file, () => keys(file));
      if (counted) before.set(file, counted);
    }
    if (before.size < files.length) {
      pending = new Map([...pending].filter(([file]) => !judged(file)));
      continue;
    }
    const originals = new Map(files.map((file) => [file, file.getFullText()]));
    for (const file of files) {
      file.replaceWithText(stripBom(pending.get(file.getFilePath()) ?? pending.get(normalize(file.getFilePath()))!));
      setModuleFormat(file.compilerNode);
    }
    let changed = false;
    try {
      for (const file of files) {
        const added = attempt(pending, file, () => newDiagnostics(before.get(file)!, file));
        if (added === undefined || added.length > 0) changed = true;
        if (added !== undefined && added.length > 0) rejected.set(pendingKey(pending, file), added);
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
