/**
 * Finds every call of a target in a Python file and decides what should
 * happen to it, by the same rules as the JavaScript analysis, in Python's
 * terms. Returns plain records; edits are made in rewrite.ts.
 *
 *   async scope   `async def` bodies, and comprehensions in them
 *   sync scope    `def`, `lambda`, class bodies, module top level,
 *                 decorators, default argument values
 *   forbidden     a generator expression in an `async def`: an await there
 *                 would turn it into an async generator
 */
import type { ReturnAwait, Target } from "../config/schema";
import type { Action } from "../analysis/findings";
import { moduleMatches, type ImportBinding, type ModuleImports } from "./imports";
import type { PyNode } from "./parser";

export type PyScopeKind = "async" | "sync" | "forbidden";

export interface PyScope {
  readonly kind: PyScopeKind;
  /** For reasons: `async def start`, `a lambda`, `module top level`. */
  readonly where: string;
  /** The node whose body the call runs in (a function, lambda, class or the module). */
  readonly owner: PyNode;
}

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

/** asyncio's functions that take a coroutine and run, schedule or wrap it. */
const ASYNCIO_CONSUMERS: ReadonlySet<string> = new Set([
  "gather", "create_task", "ensure_future", "wait", "wait_for", "shield", "run", "as_completed", "run_coroutine_threadsafe", "timeout",
]);
/** Methods that take a coroutine on any receiver: event loops, task groups (asyncio, anyio, trio). */
const RECEIVER_CONSUMERS: ReadonlySet<string> = new Set(["run_until_complete", "create_task", "start_soon"]);
/** Collections a coroutine is put in, to be consumed later (`tasks.append(f())` … `gather(*tasks)`). */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(["append", "add"]);
const COMPREHENSIONS: ReadonlySet<string> = new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
/** Expressions whose elements are values carried along unchanged: a coroutine in one is still a coroutine. */
const CONTAINERS: ReadonlySet<string> = new Set(["list", "tuple", "set", "expression_list", "list_splat", "parenthesized_expression"]);
const PROMISE_TYPES = /\b(Awaitable|Coroutine|Future|Task)\b/;

export function analyzePython(root: PyNode, options: PyAnalyzeOptions): PySite[] {
  const names = new Map<string, Target[]>();
  for (const target of options.targets) {
    if (target.name === "default") continue;
    names.set(target.name, [...(names.get(target.name) ?? []), target]);
  }
  const imports = options.imports;
  const sites: PySite[] = [];
  for (const call of root.descendantsOfType("call")) {
    if (!call) continue;
    const match = matchTarget(call, names, imports);
    if (!match) continue;
    const scope = scopeOf(call);
    const decision = decide(call, match.target, scope, imports, options);
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

// ---------------------------------------------------------------------------
// Target matching

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

function matchTarget(call: PyNode, names: ReadonlyMap<string, readonly Target[]>, imports: ModuleImports): { target: Target; callee: PyCallee } | undefined {
  let fn = call.childForFieldName("function");
  if (fn?.type === "list_splat") fn = fn.namedChildren[0] ?? null;
  if (!fn) return undefined;
  if (fn.type === "attribute") {
    const property = fn.childForFieldName("attribute");
    const object = fn.childForFieldName("object");
    if (!property || !object) return undefined;
    for (const target of names.get(property.text) ?? []) {
      // `factory.create()` with `import app.ws.factory as factory`, `import app.ws.factory`, or `from app.ws import factory`.
      if (target.module === undefined || moduleMatches(imports.moduleOfExpression(object, call), target.module)) {
        return { target, callee: { kind: "member", property } };
      }
    }
    return undefined;
  }
  if (fn.type !== "identifier") return undefined;
  const local = fn.text;
  const binding = imports.fromImport(local);
  const plain = (names.get(local) ?? []).find((target) => target.module === undefined);
  if (plain) return { target: plain, callee: { kind: "identifier", name: fn, binding } };
  // A module target: the name must come from that module (`from app.ws.factory import create as make`), unshadowed.
  if (!binding || isLocallyBound(call, local)) return undefined;
  for (const target of names.get(binding.imported) ?? []) {
    if (target.module !== undefined && moduleMatches(binding, target.module)) return { target, callee: { kind: "identifier", name: fn, binding } };
  }
  return undefined;
}

/** Whether an enclosing function binds `name` itself (parameter or assignment), hiding the module's import. */
export function isLocallyBound(from: PyNode, name: string): boolean {
  for (let node = from.parent; node; node = node.parent) {
    if (node.type !== "function_definition" && node.type !== "lambda") continue;
    if (bindsName(node, name)) return true;
  }
  return false;
}

/** Names a function binds: its parameters, and targets of assignments, loops, `with … as`, `except … as`, imports, nested defs in its body. */
function bindsName(fn: PyNode, name: string): boolean {
  const parameters = fn.childForFieldName("parameters");
  if (parameters && parameterNames(parameters).includes(name)) return true;
  const body = fn.childForFieldName("body");
  if (!body || body.type !== "block") return false;
  let bound = false;
  let global = false;
  visitOwnScope(body, (node) => {
    if ((node.type === "global_statement" || node.type === "nonlocal_statement") && node.namedChildren.some((c) => c?.text === name)) global = true;
    if (node.type === "identifier" && node.text === name && isBindingIdentifier(node)) bound = true;
  });
  return bound && !global;
}

function parameterNames(parameters: PyNode): string[] {
  const out: string[] = [];
  for (const parameter of parameters.namedChildren) {
    if (!parameter) continue;
    if (parameter.type === "identifier") out.push(parameter.text);
    const name = parameter.childForFieldName("name") ?? parameter.namedChildren.find((c) => c?.type === "identifier");
    if (name && name.type === "identifier") out.push(name.text);
  }
  return out;
}

/** Visits a scope's nodes without entering nested functions, lambdas, classes or comprehensions (their names are their own). */
function visitOwnScope(node: PyNode, visit: (node: PyNode) => void): void {
  visit(node);
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "function_definition" || child.type === "class_definition") {
      const name = child.childForFieldName("name");
      if (name) visit(name);
      continue;
    }
    if (child.type === "lambda" || COMPREHENSIONS.has(child.type)) continue;
    visitOwnScope(child, visit);
  }
}

/** An identifier that receives a value: assignment or loop target, `as` name, import name, def/class name. */
function isBindingIdentifier(node: PyNode): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "list_splat_pattern":
      case "as_pattern_target":
        continue;
      case "assignment":
      case "augmented_assignment":
      case "for_statement":
      case "for_in_clause":
        return isField(parent, "left", child);
      case "as_pattern":
        return isField(parent, "alias", child);
      case "function_definition":
      case "class_definition":
        return isField(parent, "name", child);
      case "aliased_import":
        return isField(parent, "alias", child);
      case "dotted_name":
        return parent.parent?.type === "import_statement" || (parent.parent?.type === "import_from_statement" && !isField(parent.parent, "module_name", parent));
      case "named_expression":
        return isField(parent, "name", child);
      default:
        return false;
    }
  }
  return false;
}

export function isField(parent: PyNode, field: string, child: PyNode): boolean {
  return parent.childrenForFieldName(field).some((c) => c !== null && c.id === child.id);
}

// ---------------------------------------------------------------------------
// Scopes

export function scopeOf(call: PyNode): PyScope {
  let child = call;
  let inGenerator = false;
  for (let node = call.parent; node; child = node, node = node.parent) {
    switch (node.type) {
      case "decorator":
        return { kind: "sync", where: "a decorator", owner: node };
      case "default_parameter":
      case "typed_default_parameter":
        if (isField(node, "value", child)) return { kind: "sync", where: "a default argument value", owner: node };
        break;
      case "lambda":
        return { kind: "sync", where: "a lambda", owner: node };
      case "function_definition": {
        if (!isField(node, "body", child)) break; // parameters' annotations: evaluated where the def is
        const name = node.childForFieldName("name")?.text ?? "?";
        const isAsync = node.children.some((c) => c?.type === "async");
        if (isAsync && inGenerator) return { kind: "forbidden", where: `a generator expression in async def ${name}`, owner: node };
        return isAsync ? { kind: "async", where: `async def ${name}`, owner: node } : { kind: "sync", where: `def ${name}`, owner: node };
      }
      case "class_definition":
        if (isField(node, "body", child)) return { kind: "sync", where: `the body of class ${node.childForFieldName("name")?.text ?? "?"}`, owner: node };
        break;
      case "module":
        return { kind: "sync", where: "module top level", owner: node };
      default:
        // The first iterable of a comprehension runs in the enclosing scope; the rest runs inside it.
        if (COMPREHENSIONS.has(node.type) && !isFirstIterable(node, child) && node.type === "generator_expression") inGenerator = true;
    }
  }
  return { kind: "sync", where: "module top level", owner: call };
}

function isFirstIterable(comprehension: PyNode, child: PyNode): boolean {
  const first = comprehension.namedChildren.find((c) => c?.type === "for_in_clause");
  return first !== undefined && first !== null && first.id === child.id;
}

// ---------------------------------------------------------------------------
// Decisions

type Use =
  | { readonly kind: "awaited" }
  | { readonly kind: "consumed"; readonly by: string }
  | { readonly kind: "returned"; readonly inTry: boolean }
  | { readonly kind: "stored"; readonly name: string; readonly line: number; readonly use: Use }
  | { readonly kind: "annotated"; readonly annotation: string };

function decide(call: PyNode, target: Target, scope: PyScope, imports: ModuleImports, options: PyAnalyzeOptions): { action: Action; reason: string } {
  if (scope.kind === "forbidden") {
    return { action: "manual", reason: `in ${scope.where}, where await would turn it into an async generator; rewrite by hand (a list comprehension, or asyncio.gather)` };
  }
  const use = promiseUse(call, imports);
  const iterated = asyncStatementOf(call);
  if (scope.kind === "async") {
    if (use?.kind === "returned" && (options.returnAwait === "always" || (options.returnAwait === "in-try-catch" && use.inTry))) {
      return {
        action: "await",
        reason: use.inTry ? "returned inside try: awaited so the except/finally sees its exception" : "returned: awaited because returnAwait is \"always\"",
      };
    }
    if (use) return { action: "ok", reason: describeUse(use) };
    if (iterated) {
      return { action: "manual", reason: `used by ${iterated}: right if it returns an async ${iterated === "async for" ? "iterator" : "context manager"}, wrong if it is a coroutine; check by hand` };
    }
    return { action: "await", reason: isFloating(call) ? `a coroutine never awaited in ${scope.where}: it does not run, and its errors are lost` : `the result is used as a value in ${scope.where}` };
  }
  if (use) return { action: "ok", reason: describeUse(use) };
  if (target.sync === undefined) {
    return { action: "manual", reason: `called in ${scope.where}, where await is not available, and no sync variant is configured; the result is a coroutine` };
  }
  return { action: "sync-variant", reason: `called in ${scope.where}, where await is not available: use the sync variant ${target.sync}` };
}

function describeUse(use: Use): string {
  switch (use.kind) {
    case "awaited":
      return "already awaited";
    case "consumed":
      return `passed to ${use.by}, which runs or schedules the coroutine`;
    case "returned":
      return "returned to the caller, who awaits it";
    case "annotated":
      return `stored in a variable declared as ${use.annotation}`;
    case "stored":
      return `stored in ${use.name}, which line ${use.line} ${use.use.kind === "awaited" ? "awaits" : use.use.kind === "returned" ? "returns" : `passes to ${(use.use as { by: string }).by}`}`;
  }
}

function isFloating(call: PyNode): boolean {
  return outerValue(call).parent?.type === "expression_statement";
}

/** The call, or the parentheses around it. */
function outerValue(node: PyNode): PyNode {
  let outer = node;
  while (outer.parent?.type === "parenthesized_expression") outer = outer.parent;
  return outer;
}

function isPowerBase(parent: PyNode, child: PyNode): boolean {
  return parent.type === "binary_operator" && parent.childForFieldName("operator")?.type === "**" && isField(parent, "left", child);
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

/** `async for x in f()` / `async with f() as x`: the call's result is iterated or entered asynchronously. */
function asyncStatementOf(call: PyNode): "async for" | "async with" | undefined {
  const outer = outerValue(call);
  const parent = outer.parent;
  if (!parent) return undefined;
  const isAsync = (node: PyNode | null) => node?.children.some((c) => c?.type === "async") ?? false;
  if (parent.type === "for_statement" && isField(parent, "right", outer) && isAsync(parent)) return "async for";
  const item = parent.type === "as_pattern" && parent.parent?.type === "with_item" ? parent.parent : parent.type === "with_item" ? parent : undefined;
  if (item && isAsync(item.parent?.parent ?? null)) return "async with";
  return undefined;
}

/** Is the coroutine used as a coroutine on purpose? Then it is left alone in every scope. */
function promiseUse(call: PyNode, imports: ModuleImports): Use | undefined {
  const direct = directUse(call, imports);
  if (direct) return direct;
  return storedUse(call, imports);
}

/** Awaited, returned or handed to a consumer, directly or inside a list, tuple or comprehension that is. */
function directUse(node: PyNode, imports: ModuleImports): Use | undefined {
  const outer = outerValue(node);
  const parent = outer.parent;
  if (!parent) return undefined;
  if (parent.type === "await") return { kind: "awaited" };
  // tree-sitter reads `await f() ** 2` as `await (f() ** 2)`; Python awaits the call, then raises to the power.
  if (isPowerBase(parent, outer) && parent.parent?.type === "await") return { kind: "awaited" };
  if (parent.type === "return_statement") return { kind: "returned", inTry: isInTry(parent) };
  if (parent.type === "lambda" && isField(parent, "body", outer)) return { kind: "returned", inTry: false };
  const carried = climbContainers(outer);
  const holder = carried.parent;
  if (!holder) return undefined;
  const argumentList = holder.type === "argument_list" ? holder : holder.type === "keyword_argument" && holder.parent?.type === "argument_list" ? holder.parent : undefined;
  if (argumentList?.parent?.type === "call") {
    const by = consumerName(argumentList.parent, imports);
    if (by) return { kind: "consumed", by };
  }
  return undefined;
}

function climbContainers(node: PyNode): PyNode {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (CONTAINERS.has(parent.type) || (COMPREHENSIONS.has(parent.type) && isField(parent, "body", current)) || parent.type === "pair") {
      current = parent;
      continue;
    }
    if (parent.type === "dictionary") {
      current = parent;
      continue;
    }
    return current;
  }
}

/** `asyncio.gather`, `loop.run_until_complete`, `tg.create_task`, or `gather` imported from asyncio. */
function consumerName(call: PyNode, imports: ModuleImports): string | undefined {
  const fn = call.childForFieldName("function");
  if (!fn) return undefined;
  if (fn.type === "attribute") {
    const method = fn.childForFieldName("attribute")?.text ?? "";
    const object = fn.childForFieldName("object");
    if (object && imports.moduleOfExpression(object, call)?.module === "asyncio" && ASYNCIO_CONSUMERS.has(method)) return `asyncio.${method}`;
    if (RECEIVER_CONSUMERS.has(method)) return `${object?.text ?? ""}.${method}`;
    return undefined;
  }
  if (fn.type === "identifier") {
    const binding = imports.fromImport(fn.text);
    if (binding?.module === "asyncio" && ASYNCIO_CONSUMERS.has(binding.imported)) return `asyncio.${binding.imported}`;
  }
  return undefined;
}

/**
 * `task = f()` (or `tasks.append(f())`, `self.task = f()`) where the same
 * scope later awaits, returns or passes the name to a consumer.
 */
function storedUse(call: PyNode, imports: ModuleImports): Use | undefined {
  const outer = outerValue(call);
  const carried = climbContainers(outer);
  // In a list or tuple, only a consumer takes the coroutines as coroutines (`gather(*tasks)`); returning the list is not that.
  const inContainer = carried.id !== outer.id;
  const holder = carried.parent;
  if (!holder) return undefined;
  let stored: PyNode | undefined;
  let statement: PyNode = holder;
  if (holder.type === "assignment" && isField(holder, "right", carried)) {
    const annotation = holder.childForFieldName("type");
    if (annotation && PROMISE_TYPES.test(annotation.text)) return { kind: "annotated", annotation: annotation.text };
    const left = holder.childForFieldName("left");
    if (left && (left.type === "identifier" || left.type === "attribute")) stored = left;
  } else if (holder.type === "argument_list" && holder.parent?.type === "call") {
    const fn = holder.parent.childForFieldName("function");
    const method = fn?.type === "attribute" ? fn.childForFieldName("attribute") : null;
    const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    if (method && object && COLLECTING_METHODS.has(method.text) && (object.type === "identifier" || object.type === "attribute")) {
      stored = object;
      statement = holder.parent;
    }
  }
  if (!stored) return undefined;
  const text = stored.text;
  const region = stored.type === "identifier" ? functionOf(statement) : classOrModuleOf(statement);
  let deliberate: Use | undefined;
  for (const reference of region.descendantsOfType(stored.type === "identifier" ? "identifier" : "attribute")) {
    if (!reference || reference.text !== text || reference.startIndex < statement.endIndex) continue;
    // `user.name`, `user[0]`, `user()`: whatever else happens to the name, it is meant as the value.
    if (!inContainer && needsParens(reference)) return undefined;
    const use = directUse(reference, imports) ?? splatUse(reference, imports);
    if (use && (!inContainer || use.kind === "consumed")) deliberate ??= { kind: "stored", name: text, line: reference.startPosition.row + 1, use };
  }
  return deliberate;
}

/** `gather(*tasks)`: the list is unpacked into a consumer's arguments. */
function splatUse(reference: PyNode, imports: ModuleImports): Use | undefined {
  const splat = reference.parent;
  if (splat?.type !== "list_splat") return undefined;
  return directUse(splat, imports);
}

function functionOf(node: PyNode): PyNode {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "function_definition" || current.type === "lambda" || current.type === "module") return current;
  }
  return node;
}

function classOrModuleOf(node: PyNode): PyNode {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "class_definition" || current.type === "module") return current;
  }
  return node;
}

function isInTry(node: PyNode): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === "function_definition" || parent.type === "lambda") return false;
    // Only the try block itself: a return in except/finally has no handler left to see the exception.
    if (parent.type === "try_statement" && isField(parent, "body", child)) return true;
  }
  return false;
}
