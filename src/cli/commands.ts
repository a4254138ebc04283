/**
 * `fix`, `check` and `list` on the command line: the pipeline
 * (runner/pipeline.ts, shared with the API) returns data; this formats and
 * prints it, and turns it into the exit code.
 */
import { palette, useColor, type Palette } from "../report/colors";
import { colorizeDiff, fileDiff } from "../report/diff";
import { githubAnnotations } from "../report/github";
import { jsonReport, type JsonRoot } from "../report/json";
import { displayPath } from "../report/paths";
import { sarifReport } from "../report/sarif";
import { listLines, problemLines, warningLines, rootSummaryLine, siteLines, summaryLine, targetsLine, unmatchedMessage } from "../report/text";
import type { Engine, Propagate } from "../config/schema";
import { summarize, type FileResult, type RunResult, type RunSummary } from "../runner/run";
import { INTERRUPTED_MESSAGE } from "../runner/write";
import { pendingSites, runPipeline, writeText, type PipelineResult } from "../runner/pipeline";
import { isNotInProject } from "../typed/verify";
import { createProgress } from "./progress";

export { parseExtensions, parseSize } from "../runner/pipeline";

/** `init` has its own runner (init.ts); the others run here. */
export type CommandName = "fix" | "check" | "list" | "init";
export const COMMANDS: readonly CommandName[] = ["fix", "check", "list", "init"];
export type RunCommandName = Exclude<CommandName, "init">;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly columns: number;
  /** Aborted on Ctrl-C: the run stops between files. */
  readonly signal?: AbortSignal;
  /** Asks the user and resolves to the answer; present only when stdin is a terminal (init's prompt). */
  readonly ask?: (question: string) => Promise<string>;
}

export const EXIT = { ok: 0, found: 1, usage: 2, interrupted: 130 } as const;

export interface CommandArgs {
  readonly paths: readonly string[];
  readonly repos: string | undefined;
  readonly config: string | undefined;
  readonly target: readonly string[];
  readonly shard: string | undefined;
  readonly extensions: string | undefined;
  readonly ignore: readonly string[];
  readonly gitignore: boolean;
  readonly maxFileSize: string;
  readonly format: "text" | "json" | "sarif" | "github";
  readonly output: string | undefined;
  readonly failOnError: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly color: boolean | undefined;
  readonly dry: boolean;
  readonly patch: string | undefined;
  readonly patchDir: string | undefined;
  readonly force: boolean;
  readonly allowManual: boolean;
  readonly allowUnmatched: boolean;
  readonly failOnManual: boolean;
  readonly engine: Engine | undefined;
  readonly project: string | undefined;
  readonly allPromises: boolean | undefined;
  readonly verify: boolean;
  /** --propagate (a bare flag is "all"): overrides every config's. */
  readonly propagate: Propagate | undefined;
  /** --graph FILE: the propagation graph, Mermaid or DOT by its extension. */
  readonly graph: string | undefined;
  readonly version: string;
}

export async function runCommand(name: RunCommandName, args: CommandArgs, io: Io): Promise<number> {
  // With --output, what would go to stdout is kept and written to the file whole at the end.
  const captured: string[] = [];
  const stdout = args.output === undefined ? io.stdout : (text: string) => void captured.push(text);
  const out = palette(useColor({ flag: args.color, env: io.env, isTTY: io.stdoutIsTTY && args.output === undefined }));
  const err = palette(useColor({ flag: args.color, env: io.env, isTTY: io.stderrIsTTY }));
  const progress = createProgress(io.stderr, { enabled: io.stderrIsTTY && !isCi(io.env) && !args.quiet, columns: io.columns });

  let outcome: PipelineResult;
  try {
    outcome = await runPipeline({
      command: name,
      cwd: io.cwd,
      paths: args.paths,
      repos: args.repos,
      config: args.config,
      targets: args.target,
      shard: args.shard,
      extensions: args.extensions,
      ignore: args.ignore,
      gitignore: args.gitignore,
      maxFileSize: args.maxFileSize,
      engine: args.engine,
      project: args.project,
      allPromises: args.allPromises,
      propagate: args.propagate,
      graph: args.graph,
      verify: args.verify,
      dry: args.dry,
      patch: args.patch,
      patchDir: args.patchDir,
      force: args.force,
      reportFile: args.output,
      commands: COMMANDS,
      signal: io.signal,
      onProgress: (done, total) => progress.update(done, total),
      onWarning: (message) => io.stderr(`unawaited: warning: ${message}\n`),
    });
  } finally {
    progress.clear();
  }
  const { result, roots, failedRoots, summary, mode, written, interrupted, targets, unmatched, files } = outcome;
  const failsOnUnmatched = name === "check" && unmatched.length > 0 && !args.allowUnmatched;

  printReport({ name, args, io, stdout, out, err, result, roots, failedRoots, summary, mode, written, interrupted, targets, unmatched });
  if (!args.quiet || failsOnUnmatched) {
    for (const account of unmatched) io.stderr(`unawaited: warning: ${unmatchedMessage(account)}\n`);
  }

  if (outcome.reportFile !== undefined) writeText(outcome.reportFile, captured.join(""));

  if (interrupted) return EXIT.interrupted;
  if (failedRoots.length > 0 || failsOnUnmatched) return EXIT.found;
  if (args.failOnError && summary.files.failed + (summary.files.rejected ?? 0) > 0) return EXIT.found;
  if (name === "fix" && args.failOnManual && summary.sites.manual > 0) return EXIT.found;
  if (name === "check") {
    const pending = pendingSites(files);
    if (pending.fixable || (pending.manual && !args.allowManual)) return EXIT.found;
  }
  return EXIT.ok;
}

/** What the report needs: the pipeline's outcome (each root's files after writing, patches written, target accounts), and where to print it. */
interface ReportContext extends Pick<PipelineResult, "roots" | "failedRoots" | "summary" | "mode" | "written" | "interrupted" | "targets" | "unmatched"> {
  readonly name: CommandName;
  readonly args: CommandArgs;
  readonly io: Io;
  /** Where stdout goes: the terminal or pipe, or the --output buffer. */
  readonly stdout: (text: string) => void;
  readonly out: Palette;
  readonly err: Palette;
  readonly result: RunResult;
}

/** The report in the format asked for: data formats on stdout, the text report on stdout (stderr beside diffs). */
function printReport(context: ReportContext): void {
  const { name, args, io, stdout, result, roots, failedRoots, summary, mode, interrupted, targets } = context;
  const files = roots.flat();
  const state = { written: mode === "written", interrupted, durationMs: result.durationMs };
  const failedMessage = (root: string) => failedRoots.find((f) => f.path === root)?.message;
  // Repositories that failed before the run (missing, no config) have no results.
  const failedBefore = failedRoots.filter((f) => !result.roots.some((root) => root.root.path === f.path));
  if (args.format === "json") {
    const perRoot = [
      ...result.roots.map((root, i) => jsonRoot(displayPath(root.root.path, io.cwd), summarize(roots[i]!, state), failedMessage(root.root.path))),
      ...failedBefore.map((f) => jsonRoot(displayPath(f.path, io.cwd), summarize([], state), f.message)),
    ];
    stdout(`${JSON.stringify(jsonReport(files, perRoot, summary, io.cwd, targets), null, 2)}\n`);
  } else if (args.format === "sarif") {
    stdout(`${JSON.stringify(sarifReport(files, io.cwd, args.version, { failedRoots, targets, unmatched: context.unmatched.map(unmatchedMessage) }), null, 2)}\n`);
  } else if (args.format === "github") {
    stdout(githubAnnotations(files, io.cwd, { failedRoots, unmatched: context.unmatched.map(unmatchedMessage) }));
    if (!args.quiet) io.stderr(`${summaryLine(summary, mode, context.err)}\n`);
  } else {
    const showDiff = name === "fix" && args.dry;
    if (showDiff) {
      for (const file of files) {
        const diff = fileDiff(file, io.cwd);
        if (!diff) continue;
        if (file.newDiagnostics !== undefined) stdout(`${verificationMark(file, io.cwd)}\n`);
        stdout(context.out.isColorSupported ? colorizeDiff(diff, context.out) : diff);
      }
    }
    const report = showDiff ? io.stderr : stdout;
    const colors = showDiff ? context.err : context.out;
    const lines = reportLines(name, files, args, io.cwd, colors);
    for (const failure of failedRoots) lines.push(`${colors.bold(displayPath(failure.path, io.cwd))}: ${colors.red("failed")}: ${failure.message}`);
    if (!args.quiet) {
      if (result.roots.length + failedRoots.length > 1) {
        result.roots.forEach((root, i) => {
          lines.push(rootSummaryLine(displayPath(root.root.path, io.cwd), summarize(roots[i]!, { ...state, durationMs: 0 }), mode, colors));
        });
      }
      for (const file of context.written) lines.push(file.startsWith("no changes") ? file : `wrote ${displayPath(file, io.cwd)}`);
      lines.push(summaryLine(summary, mode, colors));
      if (targets.length > 0) lines.push(targetsLine(targets, colors));
      if (failedRoots.length > 0) lines.push(colors.red(`${failedRoots.length} of ${result.roots.length + failedBefore.length} repositories failed`));
      if (interrupted) lines.push(colors.yellow(`interrupted after ${result.processed} of ${result.total} files`));
    }
    if (lines.length > 0) report(`${lines.join("\n")}\n`);
  }
  if (interrupted && args.format !== "text") io.stderr(`unawaited: interrupted after ${result.processed} of ${result.total} files\n`);
}

function jsonRoot(path: string, summary: RunSummary, error: string | undefined): JsonRoot {
  return { path, status: error === undefined ? "ok" : "failed", ...(error !== undefined ? { error } : {}), summary };
}

/** A comment line above a diff; `git apply` skips text before `diff --git`. */
function verificationMark(file: FileResult, cwd: string): string {
  const diagnostics = file.newDiagnostics ?? [];
  // Held back with its cascade (runner/propagate.ts wholeCascades): its own edits were fine.
  if (file.status === "rejected" && diagnostics.length === 0) return `# unawaited --verify: REJECTED, ${file.message ?? "not written"}`;
  if (diagnostics.length === 0) return "# unawaited --verify: verified, the edits add no type errors";
  if (isNotInProject(diagnostics[0]!)) return `# unawaited --verify: REJECTED, not written: ${diagnostics[0]!.message}`;
  return [
    `# unawaited --verify: REJECTED, not written: the edits add ${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"}`,
    ...diagnostics.map((d) => `#   ${d.file !== undefined ? `${displayPath(d.file, cwd)}, ` : ""}line ${d.line}: TS${d.code}: ${d.message}`),
  ].join("\n");
}

function reportLines(name: CommandName, files: readonly FileResult[], args: CommandArgs, cwd: string, colors: Palette): string[] {
  const options = { cwd, colors };
  // After Ctrl-C every unwritten file would say so; the summary line says it once.
  const reported = files.filter((file) => file.message !== INTERRUPTED_MESSAGE);
  const problems = problemLines(args.quiet ? reported.filter((file) => file.status !== "skipped") : reported, options);
  if (args.quiet) return problems;
  if (name === "list") return [...listLines(files, options), ...warningLines(files, options), ...problems];
  return [...siteLines(files, (f) => args.verbose || f.action !== "ok", options), ...warningLines(files, options), ...problems];
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env["CI"] !== undefined && env["CI"] !== "" && env["CI"] !== "false";
}
