/**
 * Runs the analysis and edits over files and returns what happened as data.
 * Nothing is written here: `writeChanges` (write.ts) does that, after the
 * caller has decided it may. One file's failure is recorded and the run goes
 * on; an abort signal (Ctrl-C) stops it between files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding, Promotion } from "../decision/findings";
import { propagated, wholeCascades } from "./propagate";
import { hierarchyBlock } from "../decision/propagation";
import type { HierarchyCheck } from "../javascript/facts/promotion";
import type { FileWarning } from "../decision/ignores";
import type { HierarchyMemberMadeAsync, ResolvedConfig } from "../config/schema";
import type { TextEdit } from "../text/edits";
import { isPythonFile, loadPython } from "../python/index";
import { ParseError, PrintError, transformSource, type EditKind, type SiteFix } from "../engine";
import { createRangeMatcher, type TargetMatcher } from "../javascript/facts/targets";
import type { NewDiagnostic, TypedService } from "../typed/index";
import { isNotInProject } from "../typed/verify";
import { discoverFiles, type SkippedFile } from "./discover";
import { shardSlice, type Shard } from "./shard";

/** `rejected`: changed, but `--verify` found new type errors; shown, never written. */
export type FileStatus = "changed" | "rejected" | "unchanged" | "skipped" | "error";

export interface FileResult {
  /** Absolute path. */
  readonly file: string;
  readonly status: FileStatus;
  readonly findings: readonly Finding[];
  /** Present when status is "changed". */
  readonly before?: string;
  readonly after?: string;
  /** The edits that make `after` of `before`, in order: diffs are built from them. */
  readonly edits?: readonly TextEdit[];
  /** `edits` split into fixes that apply alone, each naming its findings (indices into `findings`): SARIF offers them per result. */
  readonly fixes?: readonly SiteFix[];
  /** Ignore comments that silenced no call site. */
  readonly warnings?: readonly FileWarning[];
  /** Why a file was skipped or failed. */
  readonly message?: string;
  /** For parse errors: where. */
  readonly line?: number;
  readonly column?: number;
  /** Functions made async in this file (propagation). */
  readonly promoted?: readonly Promotion[];
  /** With --verify, for changed files: the diagnostics the edits would add (empty: verified). */
  readonly newDiagnostics?: readonly NewDiagnostic[];
}

/** A path given to the run (a repository, a directory or a file) with its config. */
export interface RunRoot {
  /** Absolute. */
  readonly path: string;
  readonly config: ResolvedConfig;
}

export interface RunOptions {
  readonly roots: readonly RunRoot[];
  readonly edits: ReadonlySet<EditKind>;
  readonly extensions: readonly string[];
  readonly gitignore: boolean;
  readonly ignore: readonly string[];
  /** Bytes; larger files are skipped. */
  readonly maxFileSize: number;
  /** Only this slice of each root's files. */
  readonly shard?: Shard;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** Check each changed file's edits with the type checker (needs a tsconfig). */
  readonly verify?: boolean;
  /** Re-parse edited code (default true); off when nothing is shown or written. */
  readonly checkOutput?: boolean;
}

export interface RunSummary {
  readonly files: {
    readonly scanned: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly skipped: number;
    readonly failed: number;
    /** With --verify: changed files whose edits add no diagnostics, and those whose edits do. */
    readonly verified?: number;
    readonly rejected?: number;
  };
  /** `ignored`: of the `ok` sites, those an ignore comment silenced. */
  /** `madeAsync`: sites whose sync function propagation makes async (present only when there are some). */
  readonly sites: { readonly awaited: number; readonly switched: number; readonly madeAsync?: number; readonly manual: number; readonly ok: number; readonly ignored: number };
  /** Ignore comments that silenced no call site (each is a warning). */
  readonly unusedIgnores: number;
  readonly written: boolean;
  readonly interrupted: boolean;
  readonly durationMs: number;
}

export interface RootResult {
  readonly root: RunRoot;
  readonly files: readonly FileResult[];
}

export interface RunResult {
  readonly roots: readonly RootResult[];
  /** Files found, and how many were processed before an interrupt. */
  readonly total: number;
  readonly processed: number;
  readonly interrupted: boolean;
  readonly durationMs: number;
}

export async function run(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const plan = planFiles(options);
  const total = plan.reduce((sum, p) => sum + p.files.length, 0);
  let processed = 0;
  let interrupted = false;
  let lastYield = performance.now();
  const runs: RootRun[] = [];
  // The typed engine of each path (one program per tsconfig), and the files of each cascade,
  // known before any file runs: a method's hierarchy is judged against all of them.
  const services = new Map<PlannedRoot, TypedService | undefined>();
  const cascadeFiles = new Map<string, Set<string>>();
  for (const planned of plan) {
    const service = planned.root.config.engine === "typed" || options.verify ? await loadTypedService(planned.root) : undefined;
    services.set(planned, service);
    const key = cascadeKey(planned.root, service);
    cascadeFiles.set(key, new Set([...(cascadeFiles.get(key) ?? []), ...planned.files]));
  }
  // The Python grammar is WebAssembly, loaded once and only when there are .py files.
  if (plan.some((p) => p.files.some(isPythonFile))) await loadPython();
  for (const planned of plan) {
    const { root, files, skipped } = planned;
    const service = services.get(planned);
    const results: FileResult[] = skipped.map((s) => ({ file: s.file, status: s.failed ? "error" : "skipped", findings: [], message: s.reason }));
    const typed = service ? { service, files: cascadeFiles.get(cascadeKey(root, service)) ?? new Set(files), base: baseOf(root) } : undefined;
    runs.push({ root, service, typed, results });
    for (const file of files) {
      // Yield between files (every 20 ms, not every file) so a Ctrl-C handler can run and stop us cleanly.
      if (performance.now() - lastYield > 20) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      results.push(processWith(file, root.config, typed, options));
      processed++;
      options.onProgress?.(processed, total);
    }
    if (interrupted) break;
  }
  const finished = new Map<RootRun, FileResult[]>();
  for (const group of interrupted ? runs.map((one) => [one]) : cascadeGroups(runs)) {
    const first = group[0]!;
    let results = group.flatMap((one) => one.results);
    if (!interrupted && first.root.config.propagate !== "off") {
      // One cascade over the files of every path given with this config: a caller under one path of a function under another is followed.
      const typed = first.typed;
      const rounds = propagated(results, first.root.config, {
        signal: options.signal,
        process: (file, config) => processWith(file, config, typed, options),
        // The checker finds callers under any name (a barrel's alias): every file is asked, by symbol.
        byName: first.root.config.engine !== "typed",
        ...(typed && first.root.config.engine === "typed" ? { hierarchy: (promotion: Promotion) => hierarchyMembers(promotion, typed) } : {}),
      });
      results = rounds.results;
      // A cascade cut short would leave callers of a function made async unchanged: the run counts as interrupted (nothing is written).
      interrupted = rounds.interrupted;
    }
    if (first.service && options.verify && !interrupted) results = wholeCascades(verified(results, first.service, first.root.path));
    // Back to the path each file was found under.
    const owner = new Map(group.flatMap((one) => one.results.map((result) => [result.file, one] as const)));
    for (const one of group) finished.set(one, []);
    for (const result of results) finished.get(owner.get(result.file) ?? first)!.push(result);
  }
  const roots = runs.map((one): RootResult => ({ root: one.root, files: (finished.get(one) ?? one.results).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) }));
  return { roots, total, processed, interrupted, durationMs: Math.round(performance.now() - started) };
}

/** One path given to the run, processed once: its typed engine and its files' first results. */
interface RootRun {
  readonly root: RunRoot;
  readonly service: TypedService | undefined;
  readonly typed: TypedRun | undefined;
  readonly results: FileResult[];
}

/**
 * The paths whose files make one cascade: those with the same config (and
 * so the same engine and tsconfig), in the order given; a path without
 * propagation stands alone.
 */
function cascadeGroups(runs: readonly RootRun[]): RootRun[][] {
  const groups = new Map<string, RootRun[]>();
  runs.forEach((one, index) => {
    const key = one.root.config.propagate === "off" ? `alone\0${index}` : cascadeKey(one.root, one.service);
    const group = groups.get(key);
    if (group) group.push(one);
    else groups.set(key, [one]);
  });
  return [...groups.values()];
}

/** Paths with the same config (and, for the typed engine, the same tsconfig) make one cascade. */
function cascadeKey(root: RunRoot, service: TypedService | undefined): string {
  return `${JSON.stringify(root.config)}\0${service?.tsconfig ?? ""}`;
}

function baseOf(root: RunRoot): string {
  return fs.statSync(root.path).isDirectory() ? root.path : path.dirname(root.path);
}

/** Loaded on demand: the syntactic engine never pays for the typed engine's modules. */
async function loadTypedService(root: RunRoot): Promise<TypedService> {
  const { typedService } = await import("../typed/index");
  return typedService(root.path, root.config);
}

interface PlannedRoot {
  readonly root: RunRoot;
  readonly files: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

/**
 * Every file once (a file under two given paths belongs to the first), and
 * the shard taken over all of them together, so slices stay balanced however
 * the files are spread over the roots.
 */
function planFiles(options: RunOptions): PlannedRoot[] {
  const seen = new Set<string>();
  const planned = options.roots.map((root, index) => {
    const discovery = discoverFiles(root.path, { extensions: options.extensions, gitignore: options.gitignore, ignore: options.ignore });
    const base = fs.statSync(root.path).isDirectory() ? root.path : path.dirname(root.path);
    // Files are found below `base`, so slicing gives the relative path without path.relative's cost.
    const prefix = base.endsWith(path.sep) ? base : base + path.sep;
    const key = (file: string) => `${index}\0${(file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(base, file)).split(path.sep).join("/")}`;
    const files = discovery.files.filter((_, i) => {
      const real = discovery.realFiles[i]!;
      if (seen.has(real)) return false;
      seen.add(real);
      return true;
    });
    return { root, files, skipped: discovery.skipped, key };
  });
  if (!options.shard || options.shard.count === 1) return planned.map(({ root, files, skipped }) => ({ root, files, skipped }));
  const keyed = planned.flatMap((p) => [...p.files.map((file) => ({ file, key: p.key(file) })), ...p.skipped.map((s) => ({ file: s.file, key: p.key(s.file) }))]);
  const chosen = new Set(shardSlice(keyed, (item) => item.key, options.shard).map((item) => item.key));
  return planned.map((p) => ({
    root: p.root,
    files: p.files.filter((file) => chosen.has(p.key(file))),
    skipped: p.skipped.filter((s) => chosen.has(p.key(s.file))),
  }));
}

/** The typed engine of one root, and the files the run edits there. */
interface TypedRun {
  readonly service: TypedService;
  readonly files: ReadonlySet<string>;
  /** The root's directory: hierarchy members are named relative to it. */
  readonly base: string;
}

function processWith(file: string, config: ResolvedConfig, typed: TypedRun | undefined, options: RunOptions): FileResult {
  // The typed engine knows TypeScript's types only: Python files take the syntactic path in either engine.
  if (config.engine !== "typed" || !typed || isPythonFile(file)) return processFile(file, config, options);
  const found = typed.service.callsIn(file, config);
  if (found.kind === "outside") {
    return { file, status: "skipped", findings: [], message: `not part of the TypeScript project ${typed.service.tsconfig} (include it there, or enable allowJs for JavaScript)` };
  }
  if (found.kind === "failed") return { file, status: "error", findings: [], message: found.message };
  const calls = found.calls;
  // The type checker found no target call: the file needs no second read (it is unchanged either way).
  if (calls.size === 0 && !config.alsoAsync?.some((entry) => entry.file === file)) return { file, status: "unchanged", findings: [] };
  return processFile(file, config, { ...options, matcher: createRangeMatcher(calls, hierarchyCheck(file, typed)) });
}

/** The other members of a method's hierarchy, made async with it (the check below let it be made async, so all of them can be). */
function hierarchyMembers(promotion: Promotion, typed: TypedRun): HierarchyMemberMadeAsync[] {
  if (promotion.kind !== "method" || promotion.declaredAt === undefined || promotion.declaredAt < 0) return [];
  const members = typed.service.hierarchyOf(promotion.file, promotion.declaredAt) ?? [];
  if (members.length <= 1) return [];
  const hierarchy = members.map((member) => member.label);
  return members.slice(1).flatMap((member) => (member.kind === "other" ? [] : [{
    file: path.normalize(member.file), at: member.at, label: member.label, kind: member.kind, chain: promotion.chain, hierarchy, byFile: promotion.file, byAt: promotion.declaredAt!,
  }]));
}

/** A method's hierarchy as the checker sees it, judged (decision/propagation.ts's hierarchyBlock). */
function hierarchyCheck(file: string, typed: TypedRun): HierarchyCheck {
  return (_path, at) => {
    const members = typed.service.hierarchyOf(file, at);
    return hierarchyBlock(members?.map((member) => ({
      label: member.label,
      where: `${path.relative(typed.base, member.file).split(path.sep).join("/")}:${member.line}`,
      kind: member.kind,
      external: member.external,
      inRun: typed.files.has(path.normalize(member.file)),
      returnsValue: member.returnsValue,
    })));
  };
}

/** Marks each changed file verified (no new diagnostics, in it or in a file that imports it) or rejected (with them). */
function verified(results: readonly FileResult[], typed: TypedService, root: string): FileResult[] {
  // The type checker has nothing to say about Python: those files keep the re-parse check only, and are not counted as verified.
  const checkable = (r: FileResult) => r.status === "changed" && !isPythonFile(r.file);
  const changes = new Map(results.filter(checkable).map((r) => [r.file, r.after!]));
  if (changes.size === 0) return [...results];
  const { rejected, failed } = typed.verify(changes);
  return results.map((result): FileResult => {
    if (!checkable(result)) return result;
    const failure = failed.get(result.file);
    if (failure !== undefined) {
      const { before: _before, after: _after, edits: _edits, ...rest } = result;
      return { ...rest, status: "error", findings: [], message: `--verify: ${failure}` };
    }
    const diagnostics = rejected.get(result.file);
    if (!diagnostics) return { ...result, newDiagnostics: [] };
    const first = diagnostics[0]!;
    const message = isNotInProject(first)
      ? `rejected by --verify: ${first.message} (include it in the tsconfig, or run without --verify)`
      : `rejected by --verify: ${addedErrors(diagnostics, root)}`;
    return { ...result, status: "rejected", newDiagnostics: diagnostics, message };
  });
}

/** "the edits add 1 type error in src/main.ts, which imports it, e.g. TS2322 at line 4: …", the importer's path from the root. */
function addedErrors(diagnostics: readonly NewDiagnostic[], root: string): string {
  const first = diagnostics[0]!;
  const shown = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const oneImporter = first.file !== undefined && diagnostics.every((d) => d.file === first.file);
  const where = oneImporter ? ` in ${shown(first.file!)}, which imports it` : "";
  const firstWhere = first.file !== undefined && !oneImporter ? ` of ${shown(first.file)} (which imports it)` : "";
  return `the edits add ${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"}${where}, e.g. TS${first.code} at line ${first.line}${firstWhere}: ${first.message}`;
}

/**
 * The file as UTF-8 text, or its size in bytes when it is over `limit`.
 * Node's native UTF-8 read is the fastest way in; the size is checked on the
 * text, which saves a stat per file (a file too big for a string is over any
 * limit).
 */
function readText(file: string, limit: number): string | number {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_STRING_TOO_LONG") return fs.statSync(file).size;
    throw error;
  }
  if (text.length * 3 > limit) {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > limit) return bytes;
  }
  return text;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function isValidUtf8(bytes: Buffer): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function processFile(
  file: string,
  config: ResolvedConfig,
  options: Pick<RunOptions, "edits" | "maxFileSize" | "checkOutput"> & { readonly matcher?: TargetMatcher },
): FileResult {
  let source: string;
  try {
    const read = readText(file, options.maxFileSize);
    if (typeof read === "number") {
      return { file, status: "skipped", findings: [], message: `larger than --max-file-size (${formatBytes(read)} > ${formatBytes(options.maxFileSize)})` };
    }
    source = read;
  } catch (error) {
    return { file, status: "error", findings: [], message: `cannot read: ${(error as Error).message}` };
  }
  // Git's rule: a NUL byte in the first 8000 bytes makes a file binary.
  const nul = source.indexOf("\0");
  if (nul !== -1 && nul < 8000) return { file, status: "skipped", findings: [], message: "binary file" };
  // Decoding replaced bytes that are not UTF-8 with U+FFFD; writing would lose them. Only then check the bytes.
  if (source.includes("\uFFFD") && !isValidUtf8(fs.readFileSync(file))) {
    return { file, status: "skipped", findings: [], message: "not valid UTF-8 (re-encode it as UTF-8 to fix it)" };
  }
  let result;
  try {
    result = transformSource({
      source,
      file,
      config,
      edits: options.edits,
      ...(options.matcher ? { matcher: options.matcher } : {}),
      ...(options.checkOutput === false ? { checkOutput: false } : {}),
    });
  } catch (error) {
    if (error instanceof ParseError) {
      return { file, status: "error", findings: [], message: `cannot parse: ${error.message}`, ...position(error) };
    }
    if (error instanceof PrintError) {
      return { file, status: "error", findings: [], message: `internal error, file left untouched: ${error.message}` };
    }
    return { file, status: "error", findings: [], message: `internal error, file left untouched: ${(error as Error).stack ?? String(error)}` };
  }
  const warnings = result.warnings.length > 0 ? { warnings: result.warnings } : {};
  const extras = { ...warnings, ...(result.promoted.length > 0 ? { promoted: result.promoted } : {}) };
  if (!result.changed) return { file, status: "unchanged", findings: result.findings, ...extras };
  return { file, status: "changed", findings: result.findings, before: source, after: result.output, edits: result.edits, fixes: result.fixes, ...extras };
}

function position(error: ParseError): { line?: number; column?: number } {
  return {
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} B`;
}

export function allFiles(result: RunResult): FileResult[] {
  return result.roots.flatMap((root) => root.files);
}

export function summarize(files: readonly FileResult[], state: { written: boolean; interrupted: boolean; durationMs: number }): RunSummary {
  let changed = 0, unchanged = 0, skipped = 0, failed = 0, verifiedCount = 0, rejected = 0;
  let verifying = false;
  let awaited = 0, switched = 0, madeAsync = 0, manual = 0, ok = 0, ignored = 0, unusedIgnores = 0;
  for (const file of files) {
    if (file.newDiagnostics !== undefined) verifying = true;
    if (file.status === "changed") {
      changed++;
      if (file.newDiagnostics?.length === 0) verifiedCount++;
    } else if (file.status === "rejected") rejected++;
    else if (file.status === "unchanged") unchanged++;
    else if (file.status === "skipped") skipped++;
    else failed++;
    for (const finding of file.findings) {
      // An edit counts only in a file that is (or, in a dry run, would be) changed.
      if (finding.action === "await") awaited += file.status === "changed" ? 1 : 0;
      else if (finding.action === "sync-variant") switched += file.status === "changed" ? 1 : 0;
      else if (finding.action === "make-async") madeAsync += file.status === "changed" ? 1 : 0;
      else if (finding.action === "manual") manual++;
      else ok++;
      if (finding.ignored) ignored++;
    }
    unusedIgnores += file.warnings?.length ?? 0;
  }
  return {
    files: { scanned: files.length, changed, unchanged, skipped, failed, ...(verifying ? { verified: verifiedCount, rejected } : {}) },
    sites: { awaited, switched, ...(madeAsync > 0 ? { madeAsync } : {}), manual, ok, ignored },
    unusedIgnores,
    ...state,
  };
}
