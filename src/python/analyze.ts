/**
 * Finds every call of a target in a Python file and decides what should
 * happen to it, by the same rules as the JavaScript analysis, in Python's
 * terms: scopes in scopes.ts, deliberate coroutine uses in coroutine-use.ts.
 * Returns plain records; edits are made in rewrite.ts.
 */
import type { ReturnAwait, Target } from "../config/schema";
import type { Action } from "../analysis/findings";
import { isPowerBase, outerValue, promiseUse, UseIndex, type Use, type UseContext } from "./coroutine-use";
import { moduleMatches, type ImportBinding, type ModuleImports } from "./imports";
import type { PyNode } from "./parser";
import { isField, isLocallyBound, scopeOf, type PyScope } from "./scopes";
import { wordOccurrences } from "../text/words";

export type { PyScope, PyScopeKind } from "./scopes";

export type PyCallee =
  | { readonly kind: "member"; readonly property: PyNode }
  | { readonly kind: "identifier"; readonly name: PyNode; readonly binding: ImportBinding | undefined };

export interface PySite {
  readonly call: PyNode;
  readonly target: Target;
  readonly callee: PyCallee;
  readonly scope: PyScope;
  readonly action: Action;
  readonly reason: string;
  /** `await f().x` would await the attribute: the await needs `(await f()).x`. */
  readonly needsParens: boolean;
  /** Where the call's text begins: after the `*` that tree-sitter puts inside `[*f()]`. */
  readonly start: PyNode;
  readonly line: number;
  readonly column: number;
}

export interface PyAnalyzeOptions {
  readonly targets: readonly Target[];
  readonly returnAwait: ReturnAwait;
  /** The file's imports (imports.ts). */
  readonly imports: ModuleImports;
}

export function analyzePython(root: PyNode, source: string, options: PyAnalyzeOptions): PySite[] {
  const names = new Map<string, Target[]>();
  for (const target of options.targets) {
    if (target.name === "default") continue;
    names.set(target.name, [...(names.get(target.name) ?? []), target]);
  }
  const imports = options.imports;
  let uses: UseIndex | undefined;
  const context: DecideContext = { imports, options, uses: () => (uses ??= new UseIndex(root)) };
  const sites: PySite[] = [];
  for (const call of candidateCalls(root, source, names, imports)) {
    if (inAnnotation(call)) continue;
    const match = matchTarget(call, names, imports);
    if (!match) continue;
    const scope = scopeOf(call);
    const decision = decide(call, match.target, scope, context);
    const start = splatInside(call)?.namedChildren[0] ?? call;
    sites.push({
      call,
      target: match.target,
      callee: match.callee,
      scope,
      ...decision,
      needsParens: needsParens(call),
      start,
      line: start.startPosition.row + 1,
      column: start.startPosition.column + 1,
    });
  }
  return sites;
}

/**
 * The calls whose callee is written with a target's name, or with the local
 * name an import gave a target (`from m import f as g`), in document order
 * (an outer call before the calls it starts with). Found from the name's
 * occurrences in the text: asking tree-sitter for every call of a large file
 * costs more than the parse.
 */
function candidateCalls(root: PyNode, source: string, names: ReadonlyMap<string, readonly Target[]>, imports: ModuleImports): PyNode[] {
  const spelled = new Set(names.keys());
  for (const binding of imports.bindings) if (names.has(binding.imported)) spelled.add(binding.local);
  const calls = new Map<number, PyNode>();
  for (const name of spelled) {
    for (const at of wordOccurrences(source, name)) {
      const identifier = root.descendantForIndex(at, at + name.length);
      if (!identifier || identifier.type !== "identifier" || identifier.startIndex !== at) continue;
      const call = callNamedBy(identifier);
      if (call) calls.set(call.id, call);
    }
  }
  return [...calls.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/** The call `identifier` names: `name(…)`, `x.name(…)`, or tree-sitter's `[*name(…)]`. */
function callNamedBy(identifier: PyNode): PyNode | undefined {
  let callee = identifier;
  const parent = identifier.parent;
  if (parent?.type === "attribute" && isField(parent, "attribute", identifier)) callee = parent;
  else if (parent?.type === "list_splat" && parent.parent?.type === "call" && isField(parent.parent, "function", parent)) callee = parent;
  const call = callee.parent;
  return call?.type === "call" && isField(call, "function", callee) ? call : undefined;
}

/**
 * tree-sitter's Python grammar reads a starred call in a list, tuple or set
 * (`[*f(x)]`, `[*a.f(x)]`) as a call of `*f`: the star sits inside the callee.
 */
function splatInside(call: PyNode): PyNode | undefined {
  let node = call.childForFieldName("function");
  while (node) {
    if (node.type === "list_splat") return node;
    if (node.type === "attribute") node = node.childForFieldName("object");
    else if (node.type === "call") node = node.childForFieldName("function");
    else if (node.type === "subscript") node = node.childForFieldName("value");
    else return undefined;
  }
  return undefined;
}

/** A type annotation: never run in a function, and not a place to await. */
function inAnnotation(call: PyNode): boolean {
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === "type") return true;
    if (node.type === "block" || node.type === "module") return false;
  }
  return false;
}

function matchTarget(call: PyNode, names: ReadonlyMap<string, readonly Target[]>, imports: ModuleImports): { target: Target; callee: PyCallee } | undefined {
  let fn = call.childForFieldName("function");
  if (fn?.type === "list_splat") fn = fn.namedChildren[0] ?? null;
  if (!fn) return undefined;
  if (fn.type === "attribute") {
    const property = fn.childForFieldName("attribute");
    const object = fn.childForFieldName("object");
    if (!property || !object) return undefined;
    const root = object.text.split(".")[0]!;
    for (const target of names.get(property.text) ?? []) {
      // `factory.create()` with `import app.ws.factory as factory`, `import app.ws.factory`, or `from app.ws import factory`,
      // where no enclosing function has its own `factory`.
      if (target.module === undefined || (moduleMatches(imports.moduleOfExpression(object, call), target.module) && !isLocallyBound(call, root))) {
        return { target, callee: { kind: "member", property } };
      }
    }
    return undefined;
  }
  if (fn.type !== "identifier") return undefined;
  const local = fn.text;
  const binding = imports.fromImport(local, call);
  const plain = (names.get(local) ?? []).find((target) => target.module === undefined);
  if (plain) return { target: plain, callee: { kind: "identifier", name: fn, binding } };
  // A module target: the name must come from that module (`from app.ws.factory import create as make`), unshadowed.
  if (!binding) return undefined;
  const target = (names.get(binding.imported) ?? []).find((t) => t.module !== undefined && moduleMatches(binding, t.module));
  if (!target || isLocallyBound(call, local, binding.owner)) return undefined;
  return { target, callee: { kind: "identifier", name: fn, binding } };
}

function decide(call: PyNode, target: Target, scope: PyScope, context: DecideContext): { action: Action; reason: string } {
  const { options } = context;
  const use = promiseUse(call, context);
  if (use?.kind === "unclear") {
    return { action: "manual", reason: `stored in ${use.name}, which line ${use.line} uses in a way unawaited cannot follow (awaited through an expression, or copied to another name); check by hand` };
  }
  // A deliberate use settles it in any scope: `gather(*(f(x) for x in xs))` is fine inside a generator expression.
  if (use && !(use.kind === "returned" && scope.kind === "async" && shouldAwaitReturn(use, options.returnAwait))) {
    return { action: "ok", reason: describeUse(use) };
  }
  if (scope.kind === "forbidden") {
    return { action: "manual", reason: `in ${scope.where}, where await would turn it into an async generator; rewrite by hand (a list comprehension, or asyncio.gather)` };
  }
  if (scope.kind === "async") {
    if (use?.kind === "returned") {
      return {
        action: "await",
        reason: use.inTry ? "returned inside try: awaited so the except/finally sees its exception" : "returned: awaited because returnAwait is \"always\"",
      };
    }
    const iterated = asyncStatementOf(call);
    if (iterated) {
      return { action: "manual", reason: `used by ${iterated}: right if it returns an async ${iterated === "async with" ? "context manager" : "iterator"}, wrong if it is a coroutine; check by hand` };
    }
    if (inDebugFString(call)) {
      return { action: "manual", reason: "inside an f-string's = specifier, which prints the expression's text: awaiting changes what it prints; rewrite by hand" };
    }
    return { action: "await", reason: isFloating(call) ? `a coroutine never awaited in ${scope.where}: it does not run, and its errors are lost` : `the result is used as a value in ${scope.where}` };
  }
  if (target.sync === undefined) {
    return { action: "manual", reason: `called in ${scope.where}, where await is not available, and no sync variant is configured; the result is a coroutine` };
  }
  return { action: "sync-variant", reason: `called in ${scope.where}, where await is not available: use the sync variant ${target.sync}` };
}

function shouldAwaitReturn(use: Extract<Use, { kind: "returned" }>, policy: ReturnAwait): boolean {
  return policy === "always" || (policy === "in-try-catch" && use.inTry);
}

interface DecideContext extends UseContext {
  readonly options: PyAnalyzeOptions;
}

function describeUse(use: Use): string {
  switch (use.kind) {
    case "awaited":
      return "already awaited";
    case "consumed":
      return `passed to ${use.by}, which runs or schedules the coroutine`;
    case "returned":
      return "returned to the caller, who awaits it";
    case "iterated":
      return "iterated, and each item awaited";
    case "annotated":
      return `stored in a variable declared as ${use.annotation}`;
    case "unclear":
      return `stored in ${use.name}`;
    case "stored": {
      const what = use.use.kind === "awaited" ? "awaits" : use.use.kind === "returned" ? "returns" : use.use.kind === "iterated" ? "iterates, awaiting each item" : `passes to ${(use.use as { by: string }).by}`;
      return `stored in ${use.name}, which line ${use.line} ${what}`;
    }
  }
}

function isFloating(call: PyNode): boolean {
  return outerValue(call).parent?.type === "expression_statement";
}

/**
 * Whether the await needs parentheses: `await` takes a whole primary, so
 * `f().x` must become `(await f()).x`. The base of `**` gets them too:
 * Python reads `await f() ** 2` right, but tree-sitter (and a reader) may not.
 */
function needsParens(call: PyNode): boolean {
  const parent = call.parent;
  if (!parent) return false;
  return isPowerBase(parent, call)
    || (parent.type === "attribute" && isField(parent, "object", call))
    || (parent.type === "subscript" && isField(parent, "value", call))
    || (parent.type === "call" && isField(parent, "function", call));
}

/** `async for x in f()`, `[x async for x in f()]`, `async with f() as x`: iterated or entered asynchronously. */
function asyncStatementOf(call: PyNode): "async for" | "async with" | undefined {
  const outer = outerValue(call);
  const parent = outer.parent;
  if (!parent) return undefined;
  const isAsync = (node: PyNode | null) => node?.children.some((c) => c?.type === "async") ?? false;
  if ((parent.type === "for_statement" || parent.type === "for_in_clause") && isField(parent, "right", outer) && isAsync(parent)) return "async for";
  const item = parent.type === "as_pattern" && parent.parent?.type === "with_item" ? parent.parent : parent.type === "with_item" ? parent : undefined;
  if (item && isAsync(item.parent?.parent ?? null)) return "async with";
  return undefined;
}

/** `f"{f()=}"`: the text before `=` is printed as written. */
function inDebugFString(call: PyNode): boolean {
  for (let node = call.parent; node && node.type !== "string"; node = node.parent) {
    if (node.type === "interpolation") return node.children.some((c) => c?.type === "=");
  }
  return false;
}
