/**
 * The package's API (`require("unawaited")`, `import … from "unawaited"`):
 * `fix`, `check` and `list` take the command line's options as one typed
 * object and return what happened as data; `transformSource` rewrites one
 * file's text in memory. The CLI runs the same pipeline (runner/pipeline.ts)
 * and only formats what it returns.
 *
 * Errors a caller can act on (no config, a bad option, a dirty git tree) are
 * thrown as `UnawaitedError` with a stable `code`; a file that fails is a
 * result (status "error"), not an exception. Nothing here exits the process
 * or prints.
 *
 * Loaded on demand, as in the CLI: ts-morph for `engine: "typed"` or
 * `verify`, the Python grammar for .py files, git only before writing.
 */
import * as path from "node:path";
import type { CheckOptions, CheckReport, FileReport, FixOptions, FixReport, ListOptions, ListReport, RunError, RunOptions, RunReport, TransformSourceOptions, TransformSourceResult } from "./api-types";
import type { ConfigInput } from "./config/schema";
import { parseTargetSpec } from "./config/target-spec";
import { resolveConfig } from "./config/validate";
import { ParseError, PrintError, transformSource as transformWithConfig } from "./engine";
import { UnawaitedError } from "./errors";
import { isPythonFile, loadPython } from "./python/index";
import { fileDiff } from "./report/diff";
import { displayPath } from "./report/paths";
import { pendingSites, runPipeline, type PipelineRequest, type PipelineResult } from "./runner/pipeline";
import type { FileResult } from "./runner/run";

export { UnawaitedError, isUnawaitedError, type ErrorCode } from "./errors";
export type * from "./api-types";

/**
 * Awaits forgotten calls and switches sync code to sync variants, like
 * `unawaited fix`. Writes the changed files (atomically, and only when git
 * says they have no uncommitted changes, unless `force`), or nothing with
 * `dry: true`, or patches with `patch` / `patchDir`.
 *
 * @throws UnawaitedError with `code` `CONFIG_NOT_FOUND`, `CONFIG_INVALID`, `PATH_NOT_FOUND`, `DIRTY_TREE`, `USAGE`…
 */
export async function fix(options: FixOptions = {}): Promise<FixReport> {
  const outcome = await pipeline("fix", options, {
    dry: options.dry === true,
    force: options.force === true,
    patch: options.patch,
    patchDir: options.patchDir,
  }).catch((error: unknown) => {
    // The CLI's hint names its flags; say it in the API's words.
    if (error instanceof UnawaitedError && error.code === "DIRTY_TREE") {
      throw new UnawaitedError("DIRTY_TREE", error.message, { hint: "commit or stash them first, or pass force: true (dry: true returns the diffs without writing)" });
    }
    throw error;
  });
  return { ...report("fix", outcome), command: "fix", patches: outcome.result.written.filter((file) => path.isAbsolute(file)) };
}

/** Finds what `fix` would do and writes nothing, like `unawaited check`; `passed` is its verdict. */
export async function check(options: CheckOptions = {}): Promise<CheckReport> {
  const outcome = await pipeline("check", options, {});
  const { result } = outcome;
  const pending = pendingSites(result.files);
  const passed = !result.interrupted
    && result.failedRoots.length === 0
    && (result.unmatched.length === 0 || options.allowUnmatched === true)
    && !pending.fixable
    && (!pending.manual || options.allowManual === true);
  return { ...report("check", outcome), command: "check", passed };
}

/** Every matched call site with its status, like `unawaited list`; writes nothing. */
export async function list(options: ListOptions = {}): Promise<ListReport> {
  return { ...report("list", await pipeline("list", options, {})), command: "list" };
}

interface Outcome {
  readonly result: PipelineResult;
  readonly cwd: string;
  readonly warnings: readonly string[];
}

async function pipeline(command: "fix" | "check" | "list", options: RunOptions, fixOptions: Partial<PipelineRequest>): Promise<Outcome> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const warnings: string[] = [];
  const result = await guarded(() => runPipeline({
    command,
    cwd,
    paths: options.paths ?? [],
    repos: options.repos,
    config: options.config,
    targets: options.targets ?? [],
    shard: options.shard,
    extensions: options.extensions === undefined ? undefined : options.extensions.join(","),
    ignore: options.ignore ?? [],
    gitignore: options.gitignore !== false,
    maxFileSize: options.maxFileSize ?? "1MiB",
    engine: options.engine,
    project: options.project,
    allPromises: options.allPromises,
    propagate: options.propagate,
    verify: options.verify === true,
    dry: false,
    force: false,
    ...fixOptions,
    signal: options.signal,
    onProgress: options.onProgress,
    onWarning: (message) => void warnings.push(message),
  }));
  return { result, cwd, warnings };
}

function report(command: RunReport["command"], { result, cwd, warnings }: Outcome): RunReport {
  const errors: RunError[] = [
    ...result.files.filter((file) => file.status === "error").map((file): RunError => ({
      kind: "file",
      path: file.file,
      message: file.message ?? "failed",
      ...(file.line !== undefined ? { line: file.line } : {}),
      ...(file.column !== undefined ? { column: file.column } : {}),
    })),
    ...result.failedRoots.map((failure): RunError => ({ kind: "repository", path: failure.path, message: failure.message })),
  ];
  return {
    command,
    files: result.files.map((file) => fileReport(file, cwd)),
    errors,
    summary: result.summary,
    targets: result.targets,
    unmatched: result.unmatched,
    warnings,
    interrupted: result.interrupted,
  };
}

function fileReport(file: FileResult, cwd: string): FileReport {
  const diff = fileDiff(file, cwd);
  return {
    file: file.file,
    path: displayPath(file.file, cwd),
    status: file.status,
    findings: file.findings,
    ...(file.before !== undefined && file.after !== undefined ? { before: file.before, after: file.after } : {}),
    ...(diff !== "" ? { diff } : {}),
    ...(file.message !== undefined ? { message: file.message } : {}),
    ...(file.line !== undefined ? { line: file.line } : {}),
    ...(file.column !== undefined ? { column: file.column } : {}),
    warnings: file.warnings ?? [],
    ...(file.newDiagnostics !== undefined ? { newDiagnostics: file.newDiagnostics } : {}),
  };
}

/** Our own errors pass; anything else is a bug, wrapped so callers handle one error type. */
async function guarded<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof UnawaitedError) throw error;
    throw new UnawaitedError("INTERNAL", `internal error, please report it: ${(error as Error)?.message ?? String(error)}`, { exitCode: 3, cause: error });
  }
}

/**
 * Rewrites one file's text in memory: no file is read or written, no git,
 * no config lookup. The edited text is parsed again before it is returned.
 * This signature is stable across minor versions.
 *
 * @throws UnawaitedError `PARSE_ERROR` when `source` is not valid syntax for its language (the message has the line and column),
 *   `CONFIG_INVALID` for a bad config or target, `USAGE` when neither `config` nor `targets` is given.
 */
export async function transformSource(source: string, options: TransformSourceOptions): Promise<TransformSourceResult> {
  if (options.config === undefined && options.targets === undefined) {
    throw new UnawaitedError("USAGE", "transformSource needs a config or targets", { hint: 'e.g. { file: "a.ts", targets: ["fetchUser"] }' });
  }
  return guarded(async () => {
    const { targets, promiseConsumers, ...rest } = options.config ?? {};
    // Typed as the schema's input: the public Config must stay assignable to it (arrays copied: the schema's are mutable).
    const chosen = options.targets !== undefined ? options.targets.map(parseTargetSpec) : targets?.map((target) => ({ ...target }));
    const input: ConfigInput = { ...rest, ...(chosen !== undefined ? { targets: chosen } : {}), ...(promiseConsumers !== undefined ? { promiseConsumers: [...promiseConsumers] } : {}) };
    const config = resolveConfig(input, "transformSource options", { baseDir: process.cwd() });
    // The Python grammar is WebAssembly: loaded once, on the first .py file.
    if (isPythonFile(options.file)) await loadPython();
    try {
      const result = transformWithConfig({
        source,
        file: options.file,
        config,
        edits: new Set(options.edits ?? ["await", "sync-variant"]),
        ...(options.moduleKind !== undefined ? { moduleKind: options.moduleKind } : {}),
      });
      return { output: result.output, changed: result.changed, findings: result.findings, warnings: result.warnings };
    } catch (error) {
      if (error instanceof ParseError) {
        throw new UnawaitedError("PARSE_ERROR", `${options.file}:${error.line ?? 0}:${error.column ?? 0}: cannot parse: ${error.message}`, { hint: "fix the syntax error first; nothing was changed" });
      }
      if (error instanceof PrintError) throw new UnawaitedError("INTERNAL", `internal error, please report it: ${error.message}`, { exitCode: 3, cause: error });
      throw error;
    }
  });
}
