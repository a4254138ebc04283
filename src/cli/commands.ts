/**
 * `fix`, `check` and `list`: one pipeline (plan → run → maybe write →
 * report), three ways of finishing. Returns the exit code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EditKind } from "../engine";
import { UnawaitedError } from "../errors";
import { DEFAULT_EXTENSIONS } from "../javascript/parsers";
import { palette, useColor, type Palette } from "../report/colors";
import { colorizeDiff, fileDiff, patchOf } from "../report/diff";
import { githubAnnotations } from "../report/github";
import { jsonReport, type JsonRoot } from "../report/json";
import { displayModule, displayPath } from "../report/paths";
import { sarifReport } from "../report/sarif";
import { listLines, problemLines, warningLines, rootSummaryLine, siteLines, summaryLine, targetsLine, unmatchedMessage, type SummaryMode } from "../report/text";
import type { Engine } from "../config/schema";
import { run, summarize, type FileResult, type RootResult, type RunResult, type RunRoot, type RunSummary } from "../runner/run";
import { accountTargets, isUnmatched, type TargetAccount } from "../runner/accounting";
import { INTERRUPTED_MESSAGE, writeChanges, writeOutputFile } from "../runner/write";
import { isNotInProject } from "../typed/verify";
import { planRun } from "./plan";
import { createProgress } from "./progress";
import { tryRealpath } from "../fs-paths";
import { isPathModule, moduleFile } from "../javascript/facts/module-paths";

/** Git runs only before writing (the dirty-tree guard) and for --patch: a dry run never loads it or child_process. */
function git(): typeof import("../runner/git") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../runner/git") as typeof import("../runner/git");
}

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
  readonly version: string;
}

const EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

export async function runCommand(name: RunCommandName, args: CommandArgs, io: Io): Promise<number> {
  const plan = planRun({
    paths: args.paths,
    repos: args.repos,
    config: args.config,
    targets: args.target,
    shard: args.shard,
    cwd: io.cwd,
    commands: COMMANDS,
    overrides: {
      ...(args.engine !== undefined ? { engine: args.engine } : {}),
      ...(args.project !== undefined ? { project: args.project } : {}),
      ...(args.allPromises !== undefined ? { allPromises: args.allPromises } : {}),
    },
  });
  warnAboutConfig(plan.roots, io);
  const patchFile = args.patch === undefined ? undefined : checkOutputFile("--patch", args.patch, io.cwd);
  const outputFile = args.output === undefined ? undefined : checkOutputFile("--output", args.output, io.cwd);
  const patchDir = args.patchDir === undefined ? undefined : checkPatchDir(path.resolve(io.cwd, args.patchDir), args.patchDir);
  const extensions = parseExtensions(args.extensions);
  const maxFileSize = parseSize(args.maxFileSize);
  // With --output, what would go to stdout is kept and written to the file whole at the end.
  const captured: string[] = [];
  const stdout = outputFile === undefined ? io.stdout : (text: string) => void captured.push(text);
  const out = palette(useColor({ flag: args.color, env: io.env, isTTY: io.stdoutIsTTY && outputFile === undefined }));
  const err = palette(useColor({ flag: args.color, env: io.env, isTTY: io.stderrIsTTY }));
  const progress = createProgress(io.stderr, { enabled: io.stderrIsTTY && !isCi(io.env) && !args.quiet, columns: io.columns });

  const result = await run({
    roots: plan.roots,
    edits: EDITS,
    extensions,
    gitignore: args.gitignore,
    ignore: args.ignore,
    maxFileSize,
    ...(plan.fileShard ? { shard: plan.fileShard } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (done, total) => progress.update(done, total),
    verify: args.verify,
    // check and list neither show nor write edited code (--verify needs it, though).
    checkOutput: name === "fix" || args.verify,
  });
  progress.clear();

  const scanned = result.roots.flatMap((root) => root.files);
  if (patchFile !== undefined) refuseSource(scanned, patchFile, `--patch ${args.patch}`);
  if (outputFile !== undefined) refuseSource(scanned, outputFile, `--output ${args.output}`);
  const writes = name === "fix" && !args.dry && patchFile === undefined && patchDir === undefined;
  // An interrupted analysis writes nothing: the user asked to stop.
  const { roots, interrupted: writeInterrupted, failed: refused } = writes && !result.interrupted
    ? await writeAll(result, args, io)
    : { roots: result.roots.map((r) => (writes ? r.files.map(notWritten) : [...r.files])), interrupted: result.interrupted, failed: [] };
  const failedRoots: readonly RootFailure[] = [...plan.failed.map((f) => ({ path: f.path, message: f.error.message })), ...refused];
  let interrupted = writeInterrupted;
  const files = roots.flat();

  const written: string[] = [];
  if (patchFile !== undefined && !interrupted) {
    interrupted = !completed(() => written.push(...writePatch(patchFile, files, io.cwd)));
  }
  if (patchDir !== undefined && !interrupted) interrupted = !completed(() => written.push(...writePatchDir(patchDir, result, roots)));
  const summary = summarize(files, { written: writes, interrupted, durationMs: result.durationMs });
  const mode: SummaryMode = name === "fix" ? (writes ? "written" : args.dry ? "dry" : "patch") : name;
  const targets = accountTargets(result.roots, io.cwd).map((t) => (t.module === undefined ? t : { ...t, module: displayModule(t.module, io.cwd) }));
  // A shard sees a slice of the files: a target may rightly match nothing there. So may a run cut short.
  const unmatched = args.shard === undefined && !interrupted ? targets.filter(isUnmatched) : [];
  const failsOnUnmatched = name === "check" && unmatched.length > 0 && !args.allowUnmatched;

  printReport({ name, args, io, stdout, out, err, result, roots, failedRoots, summary, mode, written, interrupted, targets, unmatched });
  if (!args.quiet || failsOnUnmatched) {
    for (const account of unmatched) io.stderr(`unawaited: warning: ${unmatchedMessage(account)}\n`);
  }

  if (outputFile !== undefined) writeText(outputFile, captured.join(""));

  if (interrupted) return EXIT.interrupted;
  if (failedRoots.length > 0 || failsOnUnmatched) return EXIT.found;
  if (args.failOnError && summary.files.failed + (summary.files.rejected ?? 0) > 0) return EXIT.found;
  if (name === "fix" && args.failOnManual && summary.sites.manual > 0) return EXIT.found;
  if (name === "check") {
    const actions = new Set(files.flatMap((file) => file.findings.map((finding) => finding.action)));
    const pending = actions.has("await") || actions.has("sync-variant");
    const manual = actions.has("manual") && !args.allowManual;
    if (pending || manual) return EXIT.found;
  }
  return EXIT.ok;
}

interface ReportContext {
  readonly name: CommandName;
  readonly args: CommandArgs;
  readonly io: Io;
  /** Where stdout goes: the terminal or pipe, or the --output buffer. */
  readonly stdout: (text: string) => void;
  readonly out: Palette;
  readonly err: Palette;
  readonly result: RunResult;
  /** Each root's files after writing. */
  readonly roots: readonly (readonly FileResult[])[];
  readonly failedRoots: readonly RootFailure[];
  readonly summary: RunSummary;
  readonly mode: SummaryMode;
  /** Patches written, or "no changes: …" notes. */
  readonly written: readonly string[];
  readonly interrupted: boolean;
  readonly targets: readonly TargetAccount[];
  /** Targets that matched no call site, where that can be judged (not in a shard). */
  readonly unmatched: readonly TargetAccount[];
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
        if (file.newDiagnostics !== undefined) stdout(`${verificationMark(file)}\n`);
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

/** Runs `step`, which may ask git: true when it completed, false when Ctrl-C stopped git (and so the step). */
function completed(step: () => unknown): boolean {
  try {
    step();
    return true;
  } catch (error) {
    if (error instanceof git().GitInterrupted) return false;
    throw error;
  }
}

/** A file whose edits were computed but, after Ctrl-C, not written. */
function notWritten(file: FileResult): FileResult {
  return file.status === "changed" ? { file: file.file, status: "skipped", findings: file.findings, message: INTERRUPTED_MESSAGE } : file;
}

/** A comment line above a diff; `git apply` skips text before `diff --git`. */
function verificationMark(file: FileResult): string {
  const diagnostics = file.newDiagnostics ?? [];
  if (diagnostics.length === 0) return "# unawaited --verify: verified, the edits add no type errors";
  if (isNotInProject(diagnostics[0]!)) return `# unawaited --verify: REJECTED, not written: ${diagnostics[0]!.message}`;
  return [
    `# unawaited --verify: REJECTED, not written: the edits add ${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"}`,
    ...diagnostics.map((d) => `#   line ${d.line}: TS${d.code}: ${d.message}`),
  ].join("\n");
}

/** Warned once per run: `type` and `allPromises` are only honoured by the typed engine; a path module that names no file. */
function warnAboutConfig(roots: readonly RunRoot[], io: Io): void {
  const missing = new Set(roots.flatMap((root) => root.config.targets)
    .filter((t) => t.module !== undefined && isPathModule(t.module) && moduleFile(t.module) === undefined)
    .map((t) => `target ${t.name}: module '${displayModule(t.module!, io.cwd)}' names no file (a module starting with . or / is a path, relative to the config file, or to the working directory for --target); only imports of that very path match\n`));
  for (const warning of missing) io.stderr(`unawaited: warning: ${warning}`);
  const syntactic = roots.filter((root) => root.config.engine === "syntactic");
  const typedTarget = syntactic.flatMap((root) => root.config.targets).find((t) => t.type !== undefined);
  if (typedTarget) {
    io.stderr(`unawaited: warning: target ${typedTarget.name} names type ${typedTarget.type}, which only --engine typed checks; the syntactic engine matches it by name only\n`);
  }
  if (syntactic.some((root) => root.config.allPromises)) {
    io.stderr("unawaited: warning: allPromises needs types: it is ignored without --engine typed\n");
  }
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

/** A repository of a `--repos` run that failed on its own: the others ran. */
export interface RootFailure {
  /** Absolute. */
  readonly path: string;
  readonly message: string;
}

interface WriteOutcome {
  readonly roots: FileResult[][];
  readonly interrupted: boolean;
  readonly failed: readonly RootFailure[];
}

/**
 * Refuses to overwrite uncommitted work, then writes root by root. With
 * `--repos` the guard holds per repository: a dirty one (or one git cannot
 * check) is not written and fails alone; otherwise one dirty file stops all.
 */
async function writeAll(result: RunResult, args: CommandArgs, io: Io): Promise<WriteOutcome> {
  const changedIn = (files: readonly FileResult[]) => files.filter((file) => file.status === "changed").map((file) => file.file);
  const perRepository = args.repos !== undefined;
  const groups = perRepository ? result.roots.map((root) => [root]) : [result.roots];
  const refused = new Map<RootResult, string>();
  if (!args.force) {
    for (const group of groups) {
      const changed = group.flatMap((root) => changedIn(root.files));
      if (changed.length === 0) continue;
      let dirty: string[] = [];
      try {
        if (!completed(() => (dirty = git().uncommittedFiles(changed)))) {
          return { roots: result.roots.map((root) => root.files.map(notWritten)), interrupted: true, failed: [] };
        }
        if (dirty.length > 0) throw dirtyTree(dirty, io.cwd);
      } catch (error) {
        if (!perRepository || !(error instanceof UnawaitedError)) throw error;
        refused.set(group[0]!, error.message);
      }
    }
  }
  let interrupted = result.interrupted;
  const roots: FileResult[][] = [];
  for (const root of result.roots) {
    const reason = refused.get(root);
    if (reason !== undefined) {
      roots.push(root.files.map((file) => (file.status === "changed" ? { file: file.file, status: "skipped", findings: file.findings, message: "not written: its repository has uncommitted changes" } : file)));
      continue;
    }
    const outcome = await writeChanges(root.files, io.signal);
    roots.push([...outcome.files]);
    interrupted ||= outcome.interrupted;
  }
  return { roots, interrupted, failed: [...refused].map(([root, message]) => ({ path: root.root.path, message })) };
}

function dirtyTree(dirty: readonly string[], cwd: string): UnawaitedError {
  const list = dirty.map((file) => `  ${displayPath(file, cwd)}`).join("\n");
  const one = dirty.length === 1;
  return new UnawaitedError("DIRTY_TREE", `refusing to write: ${dirty.length} file${one ? "" : "s"} to be changed ${one ? "has" : "have"} uncommitted changes (or ${one ? "is" : "are"} ignored by git):\n${list}`, {
    hint: "commit or stash them first so the fix can be reviewed and undone with git, or pass --force (--dry shows the diff without writing)",
  });
}

/** Validates `--patch FILE` or `--output FILE` before the run, so a bad path costs nothing; returns it absolute. */
function checkOutputFile(flag: "--patch" | "--output", given: string, cwd: string): string {
  if (given.trim() === "") throw new UnawaitedError("USAGE", `${flag} needs a file name`, { hint: `e.g. ${flag} ${flag === "--patch" ? "fixes.patch" : "report.sarif"}` });
  const file = path.resolve(cwd, given);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new UnawaitedError("USAGE", `${flag} ${given} is a directory`, { hint: flag === "--patch" ? "give a file name, or use --patch-dir for one patch per repository" : "give a file name" });
  }
  ensureDirectory(path.dirname(file), `${flag} ${given}`);
  return file;
}

/** A file the run writes (`flag` says which) must not be one of the files being fixed. */
function refuseSource(files: readonly FileResult[], target: string, flag: string): void {
  const real = (file: string) => tryRealpath(file) ?? path.resolve(file);
  if (files.some((file) => real(file.file) === real(target))) {
    throw new UnawaitedError("USAGE", `${flag} is one of the files being fixed: refusing to overwrite it`, { hint: "write it outside the paths being fixed, e.g. ../out.txt" });
  }
}

function checkPatchDir(dir: string, given: string): string {
  if (given.trim() === "") throw new UnawaitedError("USAGE", "--patch-dir needs a directory", { hint: "e.g. --patch-dir patches" });
  ensureDirectory(dir, `--patch-dir ${given}`);
  return dir;
}

function ensureDirectory(dir: string, flag: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UnawaitedError("USAGE", `${flag}: cannot create directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { hint: "choose a path under a writable directory" });
  }
  if (!fs.statSync(dir).isDirectory()) throw new UnawaitedError("USAGE", `${flag}: ${dir} is not a directory`, { hint: "choose another path" });
}

/**
 * One patch for all changes, with paths relative to the git work tree that
 * holds them (what `git apply` expects from anywhere in it), or to the
 * current directory outside git or across several repositories.
 */
function writePatch(file: string, files: readonly FileResult[], cwd: string): string[] {
  const changed = files.filter((f) => f.status === "changed");
  if (changed.length === 0) return [`no changes: ${path.relative(cwd, file) || file} not written`];
  const tops = new Set(changed.map((f) => git().workTreeRootOf(f.file) ?? ""));
  const base = tops.size === 1 && !tops.has("") ? [...tops][0]! : cwd;
  writeText(file, patchOf(changed, base));
  return [file];
}

/** `DIR/<repo-name>.patch` per root with changes, relative to its work tree (or the root outside git). */
function writePatchDir(dir: string, result: RunResult, roots: readonly (readonly FileResult[])[]): string[] {
  const used = new Set<string>();
  const written: string[] = [];
  result.roots.forEach((root, i) => {
    const rootDir = fs.statSync(root.root.path).isDirectory() ? root.root.path : path.dirname(root.root.path);
    const base = git().workTreeRootOf(rootDir) ?? rootDir;
    let name = path.basename(base) || "root";
    for (let n = 2; used.has(name); n++) name = `${path.basename(base)}-${n}`;
    used.add(name);
    const target = path.join(dir, `${name}.patch`);
    const patch = patchOf(roots[i]!, base);
    // A patch from an earlier run would now be stale.
    if (patch === "") fs.rmSync(target, { force: true });
    else {
      writeText(target, patch);
      written.push(target);
    }
  });
  return written;
}

/** Atomically, like source files: a full disk leaves an older patch or report whole, never cut short. */
function writeText(file: string, text: string): void {
  try {
    writeOutputFile(file, text);
  } catch (error) {
    throw new UnawaitedError("USAGE", `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { hint: "choose a writable path" });
  }
}

export function parseExtensions(text: string | undefined): readonly string[] {
  if (text === undefined) return DEFAULT_EXTENSIONS;
  const list = text.split(",").map((ext) => ext.trim().toLowerCase()).filter((ext) => ext !== "").map((ext) => (ext.startsWith(".") ? ext : `.${ext}`));
  const unknown = list.filter((ext) => !DEFAULT_EXTENSIONS.includes(ext));
  if (list.length === 0 || unknown.length > 0) {
    throw new UnawaitedError("USAGE", `--extensions ${text}: ${list.length === 0 ? "no extensions given" : `unsupported ${unknown.join(", ")}`}`, {
      hint: `choose from ${DEFAULT_EXTENSIONS.map((e) => e.slice(1)).join(",")}`,
    });
  }
  return list;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new UnawaitedError("USAGE", `--max-file-size ${text}: expected a size such as 1MiB, 512KiB or 200000`, { hint: "units: B, KiB, MiB, GiB (KB, MB, GB mean the same here)" });
  }
  return Math.floor(Number(match[1]) * unit);
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env["CI"] !== undefined && env["CI"] !== "" && env["CI"] !== "false";
}
