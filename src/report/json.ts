/** The machine report for `--format json`: stable field names, paths relative to the working directory. */
import type { Finding } from "../decision/findings";
import type { UnawaitedError } from "../errors";
import type { TargetAccount } from "../runner/accounting";
import type { FileResult, RunSummary } from "../runner/run";
import { displayPath } from "./paths";

export interface JsonRoot {
  readonly path: string;
  /** `failed`: with --repos, this repository could not run or was not written (`error` says why); the others ran. */
  readonly status: "ok" | "failed";
  readonly error?: string;
  readonly summary: RunSummary;
}

export interface JsonReport {
  readonly findings: readonly Finding[];
  /** Ignore comments that silenced no call site. */
  readonly warnings: readonly { file: string; line: number; column: number; message: string }[];
  readonly errors: readonly {
    file: string;
    status: "error" | "skipped" | "rejected";
    message: string;
    line?: number;
    column?: number;
    diagnostics?: readonly { code: number; message: string; line: number; file?: string }[];
  }[];
  readonly roots: readonly JsonRoot[];
  readonly summary: RunSummary;
  /** Every target's call sites, by action; a target that matched nothing has a `hint` where the files suggest one. */
  readonly targets: readonly TargetAccount[];
}

export function jsonReport(files: readonly FileResult[], roots: readonly JsonRoot[], summary: RunSummary, cwd: string, targets: readonly TargetAccount[]): JsonReport {
  return {
    findings: files.flatMap((file) => file.findings.map((finding) => ({ ...finding, file: displayPath(finding.file, cwd) }))),
    warnings: files.flatMap((file) => (file.warnings ?? []).map((warning) => ({ file: displayPath(file.file, cwd), ...warning }))),
    errors: files
      .filter((file) => file.status === "error" || file.status === "skipped" || file.status === "rejected")
      .map((file) => ({
        file: displayPath(file.file, cwd),
        status: file.status as "error" | "skipped" | "rejected",
        message: file.message ?? "",
        ...(file.line !== undefined ? { line: file.line, column: file.column ?? 1 } : {}),
        ...(file.status === "rejected" ? { diagnostics: (file.newDiagnostics ?? []).map((d) => (d.file !== undefined ? { ...d, file: displayPath(d.file, cwd) } : d)) } : {}),
      })),
    roots,
    summary,
    targets,
  };
}

/** What `--format json` prints when the run could not start (bad usage or config, a dirty tree): the error, and no results. */
export function fatalJsonReport(error: UnawaitedError): { readonly error: { code: string; message: string; hint?: string; exitCode: number } } {
  return { error: { code: error.code, message: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}), exitCode: error.exitCode } };
}
