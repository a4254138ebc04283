/**
 * The Python path of the engine: tree-sitter parse → analysis → text edits
 * → parse again. Same findings, same edits model, same errors as the
 * JavaScript path (engine.ts), so reports, diffs, patches and the safety
 * rules cannot tell them apart.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "../decision/findings";
import { parsePromiseConsumers } from "../config/consumers";
import type { ResolvedConfig } from "../config/schema";
import { applyEdits, orderEdits, type TextEdit } from "../text/edits";
import type { FileWarning } from "../decision/ignores";
import { analyzePython } from "./facts/analyze";
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

export type PythonResult =
  | { readonly kind: "parse-error"; readonly message: string; readonly line: number; readonly column: number }
  | { readonly kind: "print-error"; readonly message: string; readonly output: string }
  | { readonly kind: "done"; readonly output: string; readonly findings: readonly Finding[]; readonly edits: readonly TextEdit[]; readonly warnings: readonly FileWarning[]; readonly fixes: readonly { readonly findings: readonly number[]; readonly edits: readonly TextEdit[] }[] };

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
    });
    const warnings = ignores.unused();
    if (analyzed.length > 0) {
      const invalid = strictSyntaxError(root, source);
      if (invalid) return { kind: "parse-error", ...invalid };
    }
    const sites = analyzed.filter((site) => (site.scope.kind === "sync" ? request.syncVariants : request.awaits));
    const findings = sites.map((site): Finding => ({
      file: request.file,
      line: site.line,
      column: site.column,
      target: site.target.name,
      action: site.action,
      reason: site.reason,
      ...(site.ignored ? { ignored: true as const } : {}),
    }));
    // Each await is a fix of its own; the switches share their import edits, so they are one.
    const fixes: { findings: number[]; edits: TextEdit[] }[] = [];
    sites.forEach((site, index) => {
      if (site.action === "await") fixes.push({ findings: [index], edits: pythonAwaitEdits(site) });
    });
    const switches = sites.filter((site) => site.action === "sync-variant");
    if (switches.length > 0) fixes.push({ findings: switches.map((site) => sites.indexOf(site)), edits: pythonSyncEdits(switches, root, source, imports) });
    const edits = fixes.flatMap((fix) => fix.edits);
    if (edits.length === 0) return { kind: "done", output: source, findings, edits: [], warnings, fixes: [] };
    const ordered = orderEdits(edits);
    const output = applyEdits(source, ordered);
    if (request.checkOutput) {
      const check = parsePython(output);
      const broken = firstSyntaxError(check, output);
      check.delete();
      if (broken) return { kind: "print-error", message: `edited code does not parse: ${broken.message} (${broken.line}:${broken.column})`, output };
    }
    return { kind: "done", output, findings, edits: ordered, warnings, fixes: fixes.map((fix) => ({ findings: fix.findings, edits: orderEdits(fix.edits) })) };
  } finally {
    clearScopeCache();
    tree.delete();
  }
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
