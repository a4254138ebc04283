/**
 * Runs the fix over files and returns what happened as data. One file's
 * failure is recorded and the run goes on. Writing is optional (dry runs)
 * and happens only through writeFileAtomic.
 */
import * as fs from "node:fs";
import jscodeshift from "jscodeshift";
import type { Finding } from "../analysis/findings";
import type { ResolvedConfig } from "../config/schema";
import { ParseError, PrintError, transformSource, type EditKind } from "../engine";
import { discoverFiles } from "./discover";
import { writeFileAtomic } from "./write";

export type FileStatus = "changed" | "unchanged" | "skipped" | "error";

export interface FileResult {
  /** Absolute path. */
  readonly file: string;
  readonly status: FileStatus;
  readonly findings: readonly Finding[];
  /** Present when status is "changed". */
  readonly before?: string;
  readonly after?: string;
  /** Why a file was skipped or failed. */
  readonly message?: string;
  /** For parse errors: where. */
  readonly line?: number;
  readonly column?: number;
}

/** A set of paths that share one config. */
export interface RunGroup {
  readonly paths: readonly string[];
  readonly config: ResolvedConfig;
}

export interface RunOptions {
  readonly groups: readonly RunGroup[];
  /** false for dry runs: nothing is written. */
  readonly write: boolean;
  readonly edits: ReadonlySet<EditKind>;
  readonly extensions: readonly string[];
  readonly gitignore: boolean;
}

export interface RunSummary {
  readonly files: { readonly scanned: number; readonly changed: number; readonly unchanged: number; readonly skipped: number; readonly failed: number };
  readonly sites: { readonly awaited: number; readonly switched: number; readonly manual: number; readonly ok: number };
  readonly written: boolean;
  readonly durationMs: number;
}

export interface RunResult {
  readonly files: readonly FileResult[];
  readonly summary: RunSummary;
}

export function run(options: RunOptions): RunResult {
  const started = performance.now();
  const results: FileResult[] = [];
  for (const group of options.groups) {
    const files = discoverFiles(group.paths, { extensions: options.extensions, gitignore: options.gitignore });
    for (const file of files) results.push(processFile(file, group.config, options));
  }
  return { files: results, summary: summarize(results, options.write, performance.now() - started) };
}

function processFile(file: string, config: ResolvedConfig, options: RunOptions): FileResult {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (error) {
    return { file, status: "error", findings: [], message: `cannot read: ${(error as Error).message}` };
  }
  if (source.includes("\0")) return { file, status: "skipped", findings: [], message: "binary file" };
  let result;
  try {
    result = transformSource(jscodeshift, { source, file, config, edits: options.edits });
  } catch (error) {
    if (error instanceof ParseError) {
      return { file, status: "error", findings: [], message: `cannot parse: ${error.message}`, ...position(error) };
    }
    if (error instanceof PrintError) {
      return { file, status: "error", findings: [], message: `internal error, file left untouched: ${error.message}` };
    }
    return { file, status: "error", findings: [], message: `internal error, file left untouched: ${(error as Error).stack ?? String(error)}` };
  }
  if (!result.changed) return { file, status: "unchanged", findings: result.findings };
  if (options.write) {
    try {
      writeFileAtomic(file, result.output);
    } catch (error) {
      return { file, status: "error", findings: result.findings, message: `cannot write: ${(error as Error).message}` };
    }
  }
  return { file, status: "changed", findings: result.findings, before: source, after: result.output };
}

function position(error: ParseError): { line?: number; column?: number } {
  return {
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
  };
}

function summarize(results: readonly FileResult[], written: boolean, durationMs: number): RunSummary {
  const count = (status: FileStatus) => results.filter((r) => r.status === status).length;
  const findings = results.flatMap((r) => r.findings);
  const sites = (action: Finding["action"]) => findings.filter((f) => f.action === action).length;
  return {
    files: { scanned: results.length, changed: count("changed"), unchanged: count("unchanged"), skipped: count("skipped"), failed: count("error") },
    sites: { awaited: sites("await"), switched: sites("sync-variant"), manual: sites("manual"), ok: sites("ok") },
    written,
    durationMs: Math.round(durationMs),
  };
}
