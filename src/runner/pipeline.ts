/**
 * `fix`, `check` and `list` as one pipeline: plan → run → maybe write (or
 * write patches) → account for targets. Returns data; the CLI (cli/commands.ts)
 * formats and prints it, the API (api.ts) hands it to the caller. Nothing is
 * printed here: config warnings go to `onWarning`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EditKind } from "../engine";
import { UnawaitedError } from "../errors";
import { DEFAULT_EXTENSIONS } from "../javascript/parsers";
import { patchOf } from "../report/diff";
import { displayModule, displayPath } from "../report/paths";
import type { SummaryMode } from "../report/text";
import type { Engine, Propagate } from "../config/schema";
import { graphFormatOf, propagationGraph, renderGraph, type GraphFormat } from "../report/graph";
import { isPathModule, moduleFile } from "../javascript/facts/module-paths";
import { tryRealpath } from "../fs-paths";
import { accountTargets, isUnmatched, type TargetAccount } from "./accounting";
import { planRun } from "./plan";
import { run, summarize, type FileResult, type RootResult, type RunResult, type RunRoot, type RunSummary } from "./run";
import { INTERRUPTED_MESSAGE, writeChanges, writeOutputFile } from "./write";

type Git = typeof import("./git");

/** Git runs only before writing (the dirty-tree guard) and for patches: a dry run never loads it or child_process. */
async function loadGit(): Promise<Git> {
  return import("./git");
}

export type PipelineCommand = "fix" | "check" | "list";

/** What the command line's flags say, parsed to values; each field is the flag of the same name. */
export interface PipelineRequest {
  readonly command: PipelineCommand;
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly repos?: string | undefined;
  readonly config?: string | undefined;
  /** Target specs, `[module#]name[=>sync]`; they replace the config's targets. */
  readonly targets: readonly string[];
  readonly shard?: string | undefined;
  /** A comma-separated list (as --extensions takes it); default: every supported one. */
  readonly extensions?: string | undefined;
  readonly ignore: readonly string[];
  readonly gitignore: boolean;
  /** A size such as 1MiB, or bytes. */
  readonly maxFileSize: string | number;
  readonly engine?: Engine | undefined;
  readonly project?: string | undefined;
  readonly allPromises?: boolean | undefined;
  /** Overrides every config's `propagate`. */
  readonly propagate?: Propagate | undefined;
  /** The propagation graph's file (--graph): Mermaid or DOT by its extension; checked before the run, written after it. */
  readonly graph?: string | undefined;
  readonly verify: boolean;
  /** fix only: write nothing. */
  readonly dry: boolean;
  /** fix only: write one patch to this file instead of the sources. */
  readonly patch?: string | undefined;
  /** fix only: write one patch per root into this directory instead of the sources. */
  readonly patchDir?: string | undefined;
  /** fix only: write even over uncommitted changes. */
  readonly force: boolean;
  /** A report file the caller writes afterwards (--output): checked before the run, and refused when it is one of the files scanned. */
  readonly reportFile?: string | undefined;
  /** Command names, to recognise `unawaited chekc` as a typo rather than a path. */
  readonly commands?: readonly string[];
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** A config warning (a target type the syntactic engine ignores, a path module naming no file), before the run. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** A repository of a `--repos` run that failed on its own: the others ran. */
export interface RootFailure {
  /** Absolute. */
  readonly path: string;
  readonly message: string;
}

export interface PipelineResult {
  /** The analysis, before writing. */
  readonly result: RunResult;
  /** Each root's files after writing (a failed write is an error there). */
  readonly roots: readonly (readonly FileResult[])[];
  readonly files: readonly FileResult[];
  readonly failedRoots: readonly RootFailure[];
  readonly summary: RunSummary;
  readonly mode: SummaryMode;
  /** Patches written (absolute), or "no changes: …" notes. */
  readonly written: readonly string[];
  readonly interrupted: boolean;
  /** Module paths shown relative to `cwd`. */
  readonly targets: readonly TargetAccount[];
  /** Targets that matched no call site, where that can be judged (not in a shard, not interrupted). */
  readonly unmatched: readonly TargetAccount[];
  /** `reportFile`, absolute. */
  readonly reportFile: string | undefined;
}

const EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

export async function runPipeline(request: PipelineRequest): Promise<PipelineResult> {
  const { command, cwd } = request;
  const plan = planRun({
    paths: request.paths,
    repos: request.repos,
    config: request.config,
    targets: request.targets,
    shard: request.shard,
    cwd,
    commands: request.commands ?? [],
    overrides: {
      ...(request.engine !== undefined ? { engine: request.engine } : {}),
      ...(request.project !== undefined ? { project: request.project } : {}),
      ...(request.allPromises !== undefined ? { allPromises: request.allPromises } : {}),
      ...(request.propagate !== undefined ? { propagate: request.propagate } : {}),
    },
  });
  for (const warning of configWarnings(plan.roots, cwd)) request.onWarning?.(warning);
  const patchFile = request.patch === undefined ? undefined : checkOutputFile("--patch", request.patch, cwd);
  const reportFile = request.reportFile === undefined ? undefined : checkOutputFile("--output", request.reportFile, cwd);
  const patchDir = request.patchDir === undefined ? undefined : checkPatchDir(path.resolve(cwd, request.patchDir), request.patchDir);
  const graph = request.graph === undefined ? undefined : checkGraphFile(request.graph, cwd);
  const extensions = parseExtensions(request.extensions);
  const maxFileSize = typeof request.maxFileSize === "number" ? request.maxFileSize : parseSize(request.maxFileSize);

  const result = await run({
    roots: plan.roots,
    edits: EDITS,
    extensions,
    gitignore: request.gitignore,
    ignore: request.ignore,
    maxFileSize,
    ...(plan.fileShard ? { shard: plan.fileShard } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    verify: request.verify,
    // check and list neither show nor write edited code (--verify needs it, though).
    checkOutput: command === "fix" || request.verify,
  });

  const scanned = result.roots.flatMap((root) => root.files);
  if (patchFile !== undefined) refuseSource(scanned, patchFile, `--patch ${request.patch}`);
  if (reportFile !== undefined) refuseSource(scanned, reportFile, `--output ${request.reportFile}`);
  if (graph !== undefined) refuseSource(scanned, graph.file, `--graph ${request.graph}`);
  const writes = command === "fix" && !request.dry && patchFile === undefined && patchDir === undefined;
  const git = writes || patchFile !== undefined || patchDir !== undefined ? await loadGit() : undefined;
  // An interrupted analysis writes nothing: the user asked to stop.
  const { roots, interrupted: writeInterrupted, failed: refused } = writes && !result.interrupted
    ? await writeAll(result, request, git!)
    : { roots: result.roots.map((r) => (writes ? r.files.map(notWritten) : [...r.files])), interrupted: result.interrupted, failed: [] };
  const failedRoots: readonly RootFailure[] = [...plan.failed.map((f) => ({ path: f.path, message: f.error.message })), ...refused];
  let interrupted = writeInterrupted;
  const files = roots.flat();

  const written: string[] = [];
  if (patchFile !== undefined && !interrupted) {
    interrupted = !completed(git!, () => written.push(...writePatch(git!, patchFile, files, cwd)));
  }
  if (patchDir !== undefined && !interrupted) interrupted = !completed(git!, () => written.push(...writePatchDir(git!, patchDir, result, roots)));
  if (graph !== undefined && !interrupted) {
    writeText(graph.file, renderGraph(propagationGraph(files, cwd), graph.format));
    written.push(graph.file);
  }
  const summary = summarize(files, { written: writes, interrupted, durationMs: result.durationMs });
  const mode: SummaryMode = command === "fix" ? (writes ? "written" : request.dry ? "dry" : "patch") : command;
  const targets = accountTargets(result.roots, cwd).map((t) => (t.module === undefined ? t : { ...t, module: displayModule(t.module, cwd) }));
  // A shard sees a slice of the files: a target may rightly match nothing there. So may a run cut short.
  const unmatched = request.shard === undefined && !interrupted ? targets.filter(isUnmatched) : [];
  return { result, roots, files, failedRoots, summary, mode, written, interrupted, targets, unmatched, reportFile };
}

/** Sites left to fix (await, sync variant, make-async), and sites that need a person. */
export function pendingSites(files: readonly FileResult[]): { readonly fixable: boolean; readonly manual: boolean } {
  const actions = new Set(files.flatMap((file) => file.findings.map((finding) => finding.action)));
  return { fixable: actions.has("await") || actions.has("sync-variant") || actions.has("make-async"), manual: actions.has("manual") };
}

/** Warned once per run: `type` and `allPromises` are only honoured by the typed engine; a path module that names no file. */
function configWarnings(roots: readonly RunRoot[], cwd: string): string[] {
  const missing = new Set(roots.flatMap((root) => root.config.targets)
    .filter((t) => t.module !== undefined && isPathModule(t.module) && moduleFile(t.module) === undefined)
    .map((t) => `target ${t.name}: module '${displayModule(t.module!, cwd)}' names no file (a module starting with . or / is a path, relative to the config file, or to the working directory for --target); only imports of that very path match`));
  const warnings = [...missing];
  const syntactic = roots.filter((root) => root.config.engine === "syntactic");
  const typedTarget = syntactic.flatMap((root) => root.config.targets).find((t) => t.type !== undefined);
  if (typedTarget) {
    warnings.push(`target ${typedTarget.name} names type ${typedTarget.type}, which only --engine typed checks; the syntactic engine matches it by name only`);
  }
  if (syntactic.some((root) => root.config.allPromises)) warnings.push("allPromises needs types: it is ignored without --engine typed");
  return warnings;
}

/** Runs `step`, which may ask git: true when it completed, false when Ctrl-C stopped git (and so the step). */
function completed(git: Git, step: () => unknown): boolean {
  try {
    step();
    return true;
  } catch (error) {
    if (error instanceof git.GitInterrupted) return false;
    throw error;
  }
}

/** A file whose edits were computed but, after Ctrl-C, not written. */
function notWritten(file: FileResult): FileResult {
  return file.status === "changed" ? { file: file.file, status: "skipped", findings: file.findings, message: INTERRUPTED_MESSAGE } : file;
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
async function writeAll(result: RunResult, request: PipelineRequest, git: Git): Promise<WriteOutcome> {
  const changedIn = (files: readonly FileResult[]) => files.filter((file) => file.status === "changed").map((file) => file.file);
  const perRepository = request.repos !== undefined;
  const groups = perRepository ? result.roots.map((root) => [root]) : [result.roots];
  const refused = new Map<RootResult, string>();
  if (!request.force) {
    for (const group of groups) {
      const changed = group.flatMap((root) => changedIn(root.files));
      if (changed.length === 0) continue;
      let dirty: string[] = [];
      try {
        if (!completed(git, () => (dirty = git.uncommittedFiles(changed)))) {
          return { roots: result.roots.map((root) => root.files.map(notWritten)), interrupted: true, failed: [] };
        }
        if (dirty.length > 0) throw dirtyTree(dirty, request.cwd);
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
    const outcome = await writeChanges(root.files, request.signal);
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
/** `--graph FILE`: its format from the extension, checked before the run. */
function checkGraphFile(given: string, cwd: string): { file: string; format: GraphFormat } {
  const format = graphFormatOf(given);
  if (format === undefined) {
    throw new UnawaitedError("USAGE", `--graph ${given}: unknown format`, { hint: "name the file .mmd or .md (Mermaid) or .dot (Graphviz DOT)" });
  }
  return { file: checkOutputFile("--graph", given, cwd), format };
}

function checkOutputFile(flag: "--patch" | "--output" | "--graph", given: string, cwd: string): string {
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
function writePatch(git: Git, file: string, files: readonly FileResult[], cwd: string): string[] {
  const changed = files.filter((f) => f.status === "changed");
  if (changed.length === 0) return [`no changes: ${path.relative(cwd, file) || file} not written`];
  const tops = new Set(changed.map((f) => git.workTreeRootOf(f.file) ?? ""));
  const base = tops.size === 1 && !tops.has("") ? [...tops][0]! : cwd;
  writeText(file, patchOf(changed, base));
  return [file];
}

/** `DIR/<repo-name>.patch` per root with changes, relative to its work tree (or the root outside git). */
function writePatchDir(git: Git, dir: string, result: RunResult, roots: readonly (readonly FileResult[])[]): string[] {
  const used = new Set<string>();
  const written: string[] = [];
  result.roots.forEach((root, i) => {
    const rootDir = fs.statSync(root.root.path).isDirectory() ? root.root.path : path.dirname(root.root.path);
    const base = git.workTreeRootOf(rootDir) ?? rootDir;
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
export function writeText(file: string, text: string): void {
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
