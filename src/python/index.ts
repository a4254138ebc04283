/**
 * The Python path of the engine: tree-sitter parse → analysis → text edits
 * → parse again. Same findings, same edits model, same errors as the
 * JavaScript path (engine.ts), so reports, diffs, patches and the safety
 * rules cannot tell them apart.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding, Promotion } from "../decision/findings";
import { parsePromiseConsumers } from "../config/consumers";
import type { ResolvedConfig } from "../config/schema";
import { applyEdits, insertion, orderEdits, type TextEdit } from "../text/edits";
import type { FileWarning } from "../decision/ignores";
import { analyzePython, type PySite } from "./facts/analyze";
import { pythonCallbackReferences } from "./facts/callback-references";
import { callbackReferenceFinding } from "../decision/propagation";
import { ignoreCommentsOf } from "./facts/ignore-comments";
import { clearScopeCache } from "./facts/scopes";
import { collectImports } from "./facts/imports";
import { firstSyntaxError, parsePython, strictSyntaxError, treeSyntaxError, type PyNode } from "./parser";
import { pythonAwaitEdits, pythonSyncBlocker, pythonSyncEdits } from "./edits/rewrite";

export { loadPython } from "./parser";

export interface PythonRequest {
  /** Without a BOM. */
  readonly source: string;
  readonly file: string;
  readonly config: ResolvedConfig;
  readonly awaits: boolean;
  readonly syncVariants: boolean;
  readonly checkOutput: boolean;
}

/** What a Python transform adds to the JavaScript path's result: the defs made async. */
export interface PythonDone {
  readonly kind: "done";
  readonly output: string;
  readonly findings: readonly Finding[];
  readonly edits: readonly TextEdit[];
  readonly warnings: readonly FileWarning[];
  readonly fixes: readonly { readonly findings: readonly number[]; readonly edits: readonly TextEdit[] }[];
  readonly promoted: readonly Promotion[];
}

export type PythonResult =
  | { readonly kind: "parse-error"; readonly message: string; readonly line: number; readonly column: number }
  | { readonly kind: "print-error"; readonly message: string; readonly output: string }
  | PythonDone;

export function isPythonFile(file: string): boolean {
  return path.extname(file).toLowerCase() === ".py";
}

export function transformPython(request: PythonRequest): PythonResult {
  const { source } = request;
  const tree = parsePython(source);
  clearScopeCache();
  try {
    // tree-sitter's errors first; the stricter checks (strictSyntaxError) for every file with a matched call,
    // whose findings would otherwise come from a tree CPython rejects.
    const error = treeSyntaxError(tree);
    if (error) return { kind: "parse-error", ...error };
    const root = tree.rootNode;
    const imports = collectImports(root, packageOf(request.file));
    const bindingCache = new Map<string, PyNode[]>();
    const ignores = ignoreCommentsOf(root, source);
    const analyzed = analyzePython(root, source, {
      targets: request.config.targets,
      returnAwait: request.config.returnAwait,
      consumers: parsePromiseConsumers(request.config.promiseConsumers ?? []),
      imports,
      syncBlocker: (site) => pythonSyncBlocker(site, root, imports, bindingCache),
      ignores,
      file: path.resolve(request.file),
      module: moduleNameOf(request.file),
      // Propagation needs both edits: the def made async, and the awaits in it.
      ...(request.config.propagate !== "off" && request.awaits && request.syncVariants
        ? { propagate: { file: path.resolve(request.file), mode: request.config.propagate } }
        : {}),
    });
    // A def another module made async, passed here as a callback: manual, at the reference.
    const callbacks = request.config.propagate !== "off" && request.awaits && request.syncVariants
      ? pythonCallbackReferences(root, request.config.targets, { imports, file: path.resolve(request.file) })
        .map((reference) => callbackReferenceFinding(reference, request.file, ignores.claim(reference.line)))
      : [];
    const warnings = ignores.unused();
    if (analyzed.length > 0) {
      const invalid = strictSyntaxError(root, source);
      if (invalid) return { kind: "parse-error", ...invalid };
    }
    const sites = analyzed.filter((site) => (site.scope.kind === "sync" ? request.syncVariants : request.awaits));
    const findings = sites.map((site): Finding => {
      const end = site.promotes?.name ?? site.stoppedAt;
      const chain = end === undefined ? undefined : [...chainOf(site.target), end];
      return {
        file: request.file,
        line: site.line,
        column: site.column,
        target: site.target.propagated ? chainOf(site.target)[chainOf(site.target).length - 1]! : site.target.name,
        action: site.action,
        reason: chain && chain.length > 2 ? `${site.reason} (chain: ${chain.join(" → ")})` : site.reason,
        ...(site.ignored ? { ignored: true as const } : {}),
        ...(chain ? { chain } : {}),
        ...(site.stopReason !== undefined ? { stop: site.stopReason } : {}),
      };
    });
    // After the sites' findings: fixes refer to those by index.
    findings.push(...callbacks);
    const promoted = promotionsOf(sites, request.file);
    // Each await is a fix of its own; the switches share their import edits, so they are one; a def made
    // async is one with every await in it (`async def` and the awaits need each other).
    const fixes: { findings: number[]; edits: TextEdit[] }[] = [];
    const promotedDefs = new Map<number, { findings: number[]; edits: TextEdit[] }>();
    for (const site of sites) {
      // `def` → `async def`; a return annotation stays: it is the coroutine's result type.
      if (site.promotes && !promotedDefs.has(site.promotes.def.id)) promotedDefs.set(site.promotes.def.id, { findings: [], edits: [insertion(site.promotes.def.startIndex, "async ")] });
    }
    sites.forEach((site, index) => {
      const inPromoted = promotedDefs.get(site.promotes?.def.id ?? site.scope.owner.id);
      const awaited = site.action === "await" || (site.action === "make-async" && site.awaitCall === true);
      if (inPromoted && (awaited || site.action === "make-async")) {
        inPromoted.findings.push(index);
        if (awaited) inPromoted.edits.push(...pythonAwaitEdits(site));
      } else if (site.action === "await") {
        fixes.push({ findings: [index], edits: pythonAwaitEdits(site) });
      }
    });
    fixes.push(...promotedDefs.values());
    const switches = sites.filter((site) => site.action === "sync-variant");
    if (switches.length > 0) fixes.push({ findings: switches.map((site) => sites.indexOf(site)), edits: pythonSyncEdits(switches, root, source, imports) });
    const edits = fixes.flatMap((fix) => fix.edits);
    if (edits.length === 0) return { kind: "done", output: source, findings, edits: [], warnings, fixes: [], promoted };
    const ordered = orderEdits(edits);
    const output = applyEdits(source, ordered);
    if (request.checkOutput) {
      const check = parsePython(output);
      const broken = firstSyntaxError(check, output);
      check.delete();
      if (broken) return { kind: "print-error", message: `edited code does not parse: ${broken.message} (${broken.line}:${broken.column})`, output };
    }
    return { kind: "done", output, findings, edits: ordered, warnings, fixes: fixes.map((fix) => ({ findings: fix.findings, edits: orderEdits(fix.edits) })), promoted };
  } finally {
    clearScopeCache();
    tree.delete();
  }
}

function chainOf(target: PySite["target"]): readonly string[] {
  return target.propagated?.chain ?? [target.name];
}

/** The defs made async in this file, each once, with every call that made it so; importers name the module by its dotted path. */
function promotionsOf(sites: readonly PySite[], file: string): Promotion[] {
  const absolute = path.resolve(file);
  const module = moduleNameOf(file);
  const byDef = new Map<number, Promotion & { calls: Promotion["calls"][number][] }>();
  for (const site of sites) {
    const fn = site.promotes;
    if (!fn) continue;
    const call = { target: site.target.name, ...(site.target.propagated ? { targetFile: site.target.propagated.file } : {}), line: site.line, column: site.column };
    const known = byDef.get(fn.def.id);
    if (known) {
      known.calls.push(call);
      continue;
    }
    byDef.set(fn.def.id, { file: absolute, name: fn.name, kind: fn.kind, nameStart: -1, line: fn.line, column: fn.column, chain: [...chainOf(site.target), fn.name], module, calls: [call] });
  }
  return [...byDef.values()];
}

/** The dotted module a file is: `app/ws/factory.py` → `app.ws.factory`, a package's `__init__.py` → the package. */
function moduleNameOf(file: string): string {
  const pkg = packageOf(file);
  const stem = path.basename(file, path.extname(file));
  return stem === "__init__" ? pkg ?? "" : pkg ? `${pkg}.${stem}` : stem;
}

const packages = new Map<string, string | undefined>();

/**
 * The dotted package a file belongs to, as Python finds it: its directory
 * and each parent that holds an `__init__.py` (`app/handlers/x.py` →
 * `app.handlers`); "" for a file outside any package.
 */
function packageOf(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  if (packages.has(dir)) return packages.get(dir);
  const parts: string[] = [];
  let current = dir;
  while (fs.existsSync(path.join(current, "__init__.py"))) {
    parts.unshift(path.basename(current));
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const name = parts.join(".");
  packages.set(dir, name);
  return name;
}
