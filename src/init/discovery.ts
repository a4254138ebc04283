/**
 * `unawaited init --discover`: the async functions of a code base that are
 * called somewhere without await in it. Three steps: the declarations of
 * every file (declarations-js.ts, declarations-py.ts), the names worth a
 * target (candidates.ts), then the engine itself, run with those names as
 * targets over the same files the other commands would read, keeps the
 * names with at least one call site whose action is not `ok`. Nothing here
 * prints or writes.
 */
import * as fs from "node:fs";
import type { Action, Finding } from "../decision/findings";
import { moduleKindOf } from "../javascript/facts/module-kind";
import type { AnyNode } from "../javascript/facts/ast";
import { resolveConfig } from "../config/validate";
import type { EditKind } from "../engine";
import { parserChoiceFor, parserFor } from "../javascript/parsers";
import { isPythonFile, loadPython } from "../python/index";
import { parsePython, treeSyntaxError } from "../python/parser";
import { discoverFiles } from "../runner/discover";
import { processFile } from "../runner/run";
import { chooseCandidates, type Candidate, type Location, type SkippedName } from "./candidates";
import { jsFunctionFacts } from "./declarations-js";
import { pythonFunctionFacts } from "./declarations-py";
import type { FunctionFact } from "./facts";

export interface DiscoverOptions {
  /** Absolute: the directory the config is for. */
  readonly root: string;
  readonly extensions: readonly string[];
  readonly gitignore: boolean;
  readonly ignore: readonly string[];
  readonly maxFileSize: number;
  readonly signal?: AbortSignal;
  /** How a location reads in a skip reason (file:line relative to the working directory). */
  readonly displayLocation: (location: Location) => string;
}

export type SiteCounts = Readonly<Record<Action, number>>;

export interface DiscoveredTarget extends Candidate {
  /** The target's call sites in the code base, by action. */
  readonly sites: SiteCounts;
}

export interface TargetDiscovery {
  readonly targets: readonly DiscoveredTarget[];
  readonly skipped: readonly SkippedName[];
  /** Files read. */
  readonly files: number;
  /** Files that could not be read or parsed: their declarations and calls are not counted. */
  readonly failed: readonly { readonly file: string; readonly message: string }[];
  readonly interrupted: boolean;
}

/** Both kinds of edit: every call site gets its action, in async and sync scopes alike. */
const ALL_EDITS: ReadonlySet<EditKind> = new Set(["await", "sync-variant"]);

export async function discoverTargets(options: DiscoverOptions): Promise<TargetDiscovery> {
  const { files } = discoverFiles(options.root, { extensions: options.extensions, gitignore: options.gitignore, ignore: options.ignore });
  if (files.some(isPythonFile)) await loadPython();
  const pause = pauser();
  const facts: FunctionFact[] = [];
  const failed: { file: string; message: string }[] = [];
  const interrupted = () => ({ targets: [], skipped: [], files: files.length, failed, interrupted: true });
  for (const file of files) {
    if (await pause(options.signal)) return interrupted();
    const read = factsOf(file, options.maxFileSize);
    if ("message" in read) failed.push({ file, message: read.message });
    else facts.push(...read.facts);
  }
  const { candidates, skipped } = chooseCandidates(facts, options.displayLocation);
  if (candidates.length === 0) return { targets: [], skipped, files: files.length, failed, interrupted: false };

  const config = resolveConfig({ targets: candidates.map((c) => ({ name: c.name, ...(c.sync !== undefined ? { sync: c.sync } : {}) })) }, "discovered targets");
  const findings: Finding[] = [];
  for (const file of files) {
    if (await pause(options.signal)) return interrupted();
    findings.push(...processFile(file, config, { edits: ALL_EDITS, maxFileSize: options.maxFileSize, checkOutput: false }).findings);
  }
  const kept = keepUnawaited(candidates, findings);
  return { targets: kept.targets, skipped: [...skipped, ...kept.skipped], files: files.length, failed, interrupted: false };
}

/** The candidates with a call site that is not `ok`, each with its counts; the others, skipped with why. */
export function keepUnawaited(candidates: readonly Candidate[], findings: readonly Finding[]): { targets: DiscoveredTarget[]; skipped: SkippedName[] } {
  const counts = new Map<string, Record<Action, number>>(candidates.map((c) => [c.name, { await: 0, "sync-variant": 0, manual: 0, ok: 0 }]));
  for (const finding of findings) {
    const count = counts.get(finding.target);
    if (count) count[finding.action]++;
  }
  const targets: DiscoveredTarget[] = [];
  const skipped: SkippedName[] = [];
  for (const candidate of candidates) {
    const sites = counts.get(candidate.name)!;
    if (sites.await + sites["sync-variant"] + sites.manual > 0) targets.push({ ...candidate, sites });
    else if (sites.ok > 0) skipped.push({ name: candidate.name, reason: "awaited", detail: `every call is awaited or used as a promise (${sites.ok} call${sites.ok === 1 ? "" : "s"})`, declared: candidate.declared });
    else skipped.push({ name: candidate.name, reason: "not-called", detail: "no call found", declared: candidate.declared });
  }
  return { targets, skipped };
}

/** A file's declarations, or why it could not be read. */
function factsOf(file: string, maxFileSize: number): { facts: FunctionFact[] } | { message: string } {
  let source: string;
  try {
    if (fs.statSync(file).size > maxFileSize) return { facts: [] };
    source = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    return { message: `cannot read: ${(error as Error).message}` };
  }
  if (isPythonFile(file)) {
    const tree = parsePython(source);
    try {
      const error = treeSyntaxError(tree);
      if (error) return { message: `cannot parse: ${error.message} (line ${error.line})` };
      return { facts: pythonFunctionFacts(tree.rootNode, file) };
    } finally {
      tree.delete();
    }
  }
  const choice = parserChoiceFor(file, moduleKindOf(file));
  if (!choice) return { facts: [] };
  try {
    return { facts: jsFunctionFacts(parserFor(choice).parse(source) as AnyNode, file) };
  } catch (error) {
    return { message: `cannot parse: ${(error as Error).message}` };
  }
}

/** Yields to the event loop every 20 ms, so a Ctrl-C handler can run; true once the signal is aborted. */
function pauser(): (signal: AbortSignal | undefined) => Promise<boolean> {
  let last = performance.now();
  return async (signal) => {
    if (performance.now() - last > 20) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
    return signal?.aborted === true;
  };
}
