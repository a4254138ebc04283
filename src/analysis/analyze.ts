/**
 * Finds every call of a target in a file and decides what should happen to
 * it. Returns plain records; nothing here edits the AST.
 */
import type { Collection, JSCodeshift } from "jscodeshift";
import type { ResolvedConfig, Target } from "../config/schema";
import { CALL_TYPES, climbWrappers, MEMBER_TYPES, nodeOf, type AnyNode, type AnyPath } from "./ast";
import { bindingOrigin, resolveBinding, type BindingOrigin } from "./bindings";
import type { Action } from "./findings";
import { promiseUse, shouldAwaitReturn, type FileIndex, type PromiseUse } from "./promise-use";
import { scopeOf, type ScopeInfo } from "./scope";
import type { CalleeShape, TargetMatcher } from "./targets";

export interface Site {
  readonly call: AnyPath;
  readonly target: Target;
  readonly callee: CalleeShape;
  readonly scope: ScopeInfo;
  readonly action: Action;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
}

export interface AnalyzeOptions {
  readonly config: ResolvedConfig;
  readonly matcher: TargetMatcher;
  /** Whether the file's top level may use `await` (see module-kind.ts). */
  readonly topLevelAsync: boolean;
}

export function analyze(j: JSCodeshift, root: Collection, source: string, options: AnalyzeOptions): Site[] {
  const index = createFileIndex(j, root, source);
  const sites: Site[] = [];
  root.find(j.Node).forEach((path) => {
    const node = nodeOf(path);
    if (!CALL_TYPES.has(node.type)) return;
    const match = options.matcher.match(path as AnyPath);
    if (!match) return;
    const scope = scopeOf(path as AnyPath, { topLevelAsync: options.topLevelAsync });
    const decision = decide({ call: path as AnyPath, target: match.target, callee: match.callee, scope, index, config: options.config });
    const start = node.loc?.start ?? { line: 0, column: 0 };
    sites.push({ call: path as AnyPath, target: match.target, callee: match.callee, scope, ...decision, line: start.line, column: start.column + 1 });
  });
  return sites;
}

interface DecideInput {
  readonly call: AnyPath;
  readonly target: Target;
  readonly callee: CalleeShape;
  readonly scope: ScopeInfo;
  readonly index: FileIndex;
  readonly config: ResolvedConfig;
}

function decide(input: DecideInput): { action: Action; reason: string } {
  const { call, target, scope, index, config } = input;
  if (scope.kind === "parameter-default") {
    return { action: "manual", reason: "in a parameter default value, where await is not allowed; move the call into the function body" };
  }
  const use = promiseUse(call, index);
  if (scope.kind === "async") {
    if (use?.kind === "returned" && shouldAwaitReturn(use, config.returnAwait)) {
      return {
        action: "await",
        reason: use.inTry
          ? "returned inside try: awaited so the catch/finally sees its rejection"
          : "returned: awaited because returnAwait is \"always\"",
      };
    }
    if (use) return { action: "ok", reason: describeUse(use) };
    return { action: "await", reason: isFloating(call) ? `a floating promise in ${scope.where}: its completion and errors are not waited for` : `the result is used as a value in ${scope.where}` };
  }
  if (use) return { action: "ok", reason: describeUse(use) };
  if (target.sync === undefined) {
    return {
      action: "manual",
      reason: `called in ${scope.where}, where await is not available, and no sync variant is configured; the result is a Promise`,
    };
  }
  const blocked = syncVariantBlocker(input, target.sync);
  if (blocked) return { action: "manual", reason: blocked };
  return { action: "sync-variant", reason: `called in ${scope.where}, where await is not available: switched to ${target.sync}` };
}

function isFloating(call: AnyPath): boolean {
  const outer = climbWrappers(call);
  return outer.parent !== null && nodeOf(outer.parent).type === "ExpressionStatement";
}

/** Why the sync variant cannot be written here, if it cannot. */
function syncVariantBlocker(input: DecideInput, sync: string): string | undefined {
  if (input.callee.kind !== "identifier" || !input.callee.binding) return undefined;
  const origin = bindingOrigin(input.callee.binding);
  if (!isModuleBinding(origin)) return undefined;
  const existing = resolveBinding(input.call, sync);
  if (!existing) return undefined;
  const existingOrigin = bindingOrigin(existing);
  if (isModuleBinding(existingOrigin) && existingOrigin.module === origin.module
    && "imported" in existingOrigin && existingOrigin.imported === sync) return undefined;
  return `the sync variant ${sync} cannot be imported from "${origin.module}": the name ${sync} is already declared in this file`;
}

export function isModuleBinding(origin: BindingOrigin): origin is Extract<BindingOrigin, { kind: "import-named" | "import-default" | "require-destructured" }> {
  return origin.kind === "import-named" || origin.kind === "import-default" || origin.kind === "require-destructured";
}

function describeUse(use: PromiseUse): string {
  switch (use.kind) {
    case "awaited":
      return "already awaited";
    case "void":
      return "explicitly discarded with void";
    case "chained":
      return `used as a promise: chained with .${use.method}()`;
    case "combinator":
      return `used as a promise: passed to ${use.combinator}`;
    case "returned":
      return "returned as a promise to the caller";
    case "stored":
      return `stored in ${use.variable}, which is used as a promise at line ${use.line} (${describeUse(use.use)})`;
  }
}

function createFileIndex(j: JSCodeshift, root: Collection, source: string): FileIndex {
  let identifiers: Map<string, AnyPath[]> | undefined;
  let members: Map<string, AnyPath[]> | undefined;
  const textOf = (node: AnyNode): string => (node.start != null && node.end != null ? source.slice(node.start, node.end) : "");
  return {
    identifiers(name) {
      if (!identifiers) {
        identifiers = new Map();
        root.find(j.Identifier).forEach((path) => {
          const list = identifiers!.get(path.node.name) ?? [];
          list.push(path as unknown as AnyPath);
          identifiers!.set(path.node.name, list);
        });
      }
      return identifiers.get(name) ?? [];
    },
    members(text) {
      if (!members) {
        members = new Map();
        root.find(j.Node).forEach((path) => {
          const node = nodeOf(path);
          if (!MEMBER_TYPES.has(node.type)) return;
          const key = textOf(node);
          const list = members!.get(key) ?? [];
          list.push(path as AnyPath);
          members!.set(key, list);
        });
      }
      return members.get(text) ?? [];
    },
    textOf,
  };
}
