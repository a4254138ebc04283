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
  "gather", "create_task", "ensure_future", "wait", "wait_for", "shield", "run", "as_completed", "run_coroutine_threadsafe", "Task",
]);
/** Methods that take a coroutine on any receiver: event loops, task groups, `asyncio.Runner` and `uvloop.run`. */
const RECEIVER_CONSUMERS: ReadonlySet<string> = new Set(["run_until_complete", "create_task", "start_soon", "run"]);
/** Collections a coroutine is put in, to be consumed later (`tasks.append(f())` … `gather(*tasks)`). */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(["append", "add", "extend"]);
const COMPREHENSIONS: ReadonlySet<string> = new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
/** Expressions whose elements are values carried along unchanged: a coroutine in one is still a coroutine. */
const CONTAINERS: ReadonlySet<string> = new Set(["list", "tuple", "set", "expression_list", "list_splat", "parenthesized_expression"]);
const PROMISE_TYPES = /\b(Awaitable|Coroutine|Future|Task)\b/;

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
    for (let at = source.indexOf(name); at !== -1; at = source.indexOf(name, at + name.length)) {
      if (IDENTIFIER_CHAR.test(source[at - 1] ?? "") || IDENTIFIER_CHAR.test(source[at + name.length] ?? "")) continue;
      const identifier = root.descendantForIndex(at, at + name.length);
      if (!identifier || identifier.type !== "identifier" || identifier.startIndex !== at) continue;
      const call = callNamedBy(identifier);
      if (call) calls.set(call.id, call);
    }
  }
  return [...calls.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

const IDENTIFIER_CHAR = /[\w$]/;

/** The call `identifier` names: `name(…)`, `x.name(…)`, or tree-sitter's `[*name(…)]`. */
function callNamedBy(identifier: PyNode): PyNode | undefined {
  let callee = identifier;
  const parent = identifier.parent;
  if (parent?.type === "attribute" && isField(parent, "attribute", identifier)) callee = parent;
  else if (parent?.type === "list_splat" && parent.parent?.type === "call" && isField(parent.parent, "function", parent)) callee = parent;
  const call = callee.parent;
  return call?.type === "call" && isField(call, "function", callee) ? call : undefined;
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

/**
 * Whether a function around `from` (inside `until`, when given) binds `name`
 * itself (parameter, assignment, import), hiding the outer binding.
 */
export function isLocallyBound(from: PyNode, name: string, until?: PyNode): boolean {
  let inFunction = false;
  for (let node = from.parent; node && node.id !== until?.id; node = node.parent) {
    if (COMPREHENSIONS.has(node.type) && comprehensionBinds(node, name)) return true;
    // A class body's names are seen by code directly in it, not by its methods.
    if (node.type === "class_definition" && !inFunction) {
      const body = node.childForFieldName("body");
      if (body && scopeBinds(body, name)) return true;
    }
    if (node.type !== "function_definition" && node.type !== "lambda") continue;
    inFunction = true;
    if (bindsName(node, name)) return true;
  }
  return false;
}

function comprehensionBinds(comprehension: PyNode, name: string): boolean {
  return comprehension.namedChildren.some((clause) => clause?.type === "for_in_clause"
    && (clause.childForFieldName("left")?.descendantsOfType("identifier").some((id) => id?.text === name) ?? false));
}

function scopeBinds(body: PyNode, name: string): boolean {
  let bound = false;
  visitOwnScope(body, (node) => {
    if (node.type === "identifier" && node.text === name && isBindingIdentifier(node)) bound = true;
  });
  return bound;
}

/** bindsName answers for one tree at a time, keyed by node id and name; transformPython clears it per file. */
const bindsCache = new Map<string, boolean>();

export function clearScopeCache(): void {
  bindsCache.clear();
}

/** Names a function binds: its parameters, and targets of assignments, loops, `with … as`, `except … as`, imports, nested defs in its body. */
function bindsName(fn: PyNode, name: string): boolean {
  const key = `${fn.id}\0${name}`;
  let bound = bindsCache.get(key);
  if (bound === undefined) {
    bound = computeBindsName(fn, name);
    bindsCache.set(key, bound);
  }
  return bound;
}

function computeBindsName(fn: PyNode, name: string): boolean {
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

/** The identifiers that bind `name` in the module's own scope: imports, defs, classes, assignments, loops, `with … as`. */
export function moduleBindings(root: PyNode, name: string): PyNode[] {
  const out: PyNode[] = [];
  visitOwnScope(root, (node) => {
    if (node.type === "identifier" && node.text === name && isBindingIdentifier(node)) out.push(node);
  });
  // `global name` in a function binds it in the module too.
  for (const statement of root.descendantsOfType("global_statement")) {
    const declared = statement?.namedChildren.find((c) => c?.text === name);
    if (declared) out.push(declared);
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
        // A capture in a match pattern (`case [load]:`) is one bare name.
        if (parent.namedChildCount === 1 && (parent.parent?.type === "case_pattern" || parent.parent?.type === "keyword_pattern")) return true;
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
  | { readonly kind: "iterated" }
  | { readonly kind: "stored"; readonly name: string; readonly line: number; readonly use: Use }
  | { readonly kind: "annotated"; readonly annotation: string }
  /** Stored, then used in a way unawaited cannot follow (`await tasks.pop()`, `t2 = task`): a person decides. */
  | { readonly kind: "unclear"; readonly name: string; readonly line: number };

/** Per-file lookups the stored-coroutine rule needs, built once (a scan per site made big files quadratic). */
export class UseIndex {
  private readonly byText = new Map<string, PyNode[]>();
  constructor(root: PyNode) {
    for (const node of root.descendantsOfType(["identifier", "attribute"])) {
      if (!node || !isReferencePosition(node)) continue;
      const list = this.byText.get(node.text);
      if (list) list.push(node);
      else this.byText.set(node.text, [node]);
    }
  }
  /** Identifiers or attributes with this exact text inside `region`, in source order. */
  named(text: string, region: PyNode): readonly PyNode[] {
    const all = this.byText.get(text) ?? [];
    let low = 0;
    let high = all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (all[middle]!.startIndex < region.startIndex) low = middle + 1;
      else high = middle;
    }
    const out: PyNode[] = [];
    for (let i = low; i < all.length && all[i]!.startIndex < region.endIndex; i++) out.push(all[i]!);
    return out;
  }
}

/** Not an attribute's name (`x.task`), a keyword (`f(task=1)`) or part of an import path. */
function isReferencePosition(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent || node.type !== "identifier") return true;
  if (parent.type === "attribute") return !isField(parent, "attribute", node);
  if (parent.type === "keyword_argument") return !isField(parent, "name", node);
  return parent.type !== "dotted_name" && parent.type !== "aliased_import";
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

interface DecideContext {
  readonly imports: ModuleImports;
  /** Built on first use: most files need no stored-coroutine lookups. */
  readonly uses: () => UseIndex;
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

/** Is the coroutine used as a coroutine on purpose? Then it is left alone in every scope. */
function promiseUse(call: PyNode, context: DecideContext): Use | undefined {
  return directUse(call, context.imports) ?? storedUse(call, context);
}

/**
 * Climbs from a value to where it is consumed: parentheses, and both
 * branches of `a if c else b` and the right operand of `or`/`and` (what
 * they evaluate to may be that value).
 */
function climbValue(node: PyNode): PyNode {
  let outer = node;
  for (;;) {
    const parent = outer.parent;
    if (!parent) return outer;
    if (parent.type === "parenthesized_expression") outer = parent;
    else if (parent.type === "conditional_expression" && parent.namedChildren[1]?.id !== outer.id) outer = parent;
    else if (parent.type === "boolean_operator" && isField(parent, "right", outer)) outer = parent;
    else return outer;
  }
}

/** Awaited, returned or handed to a consumer, directly or inside a list, tuple or comprehension that is. */
function directUse(node: PyNode, imports: ModuleImports): Use | undefined {
  const outer = climbValue(node);
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
  const call = callTaking(carried);
  if (call) {
    const by = consumerName(call, imports);
    if (by) return { kind: "consumed", by };
  }
  return undefined;
}

/** The call `node` is an argument of: `g(node)`, `g(k=node)`, or `g(x for x in …)`, where the generator is the arguments. */
function callTaking(node: PyNode): PyNode | undefined {
  const holder = node.parent;
  if (!holder) return undefined;
  if (holder.type === "call" && node.type === "generator_expression" && isField(holder, "arguments", node)) return holder;
  const list = holder.type === "argument_list" ? holder : holder.type === "keyword_argument" ? holder.parent : null;
  return list?.type === "argument_list" && list.parent?.type === "call" ? list.parent : undefined;
}

function climbContainers(node: PyNode): PyNode {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (CONTAINERS.has(parent.type) || parent.type === "dictionary" || parent.type === "pair" || (COMPREHENSIONS.has(parent.type) && isField(parent, "body", current))) {
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
    const binding = imports.fromImport(fn.text, call);
    if (binding?.module === "asyncio" && ASYNCIO_CONSUMERS.has(binding.imported)) return `asyncio.${binding.imported}`;
  }
  return undefined;
}

/** Where a call's coroutine is put for later: the name or attribute, and the statement that stores it. */
interface Store {
  readonly target: PyNode;
  readonly statement: PyNode;
  /** In a list, tuple, dict or comprehension: only a consumer (or iteration) takes the items as coroutines. */
  readonly inContainer: boolean;
}

function storeOf(call: PyNode): Store | Use | undefined {
  const outer = outerValue(call);
  // `a, b = f(), g()`: each element goes to the name in the same place.
  const parallel = outer.parent;
  if ((parallel?.type === "expression_list" || parallel?.type === "tuple") && parallel.parent?.type === "assignment" && isField(parallel.parent, "right", parallel)) {
    const left = parallel.parent.childForFieldName("left");
    const index = parallel.namedChildren.findIndex((c) => c?.id === outer.id);
    const names = left && (left.type === "pattern_list" || left.type === "tuple_pattern") ? left.namedChildren : [];
    if (names.length === parallel.namedChildren.length && names[index]) return { target: names[index]!, statement: parallel.parent, inContainer: false };
  }
  const carried = climbContainers(outer);
  const inContainer = carried.id !== outer.id;
  const holder = carried.parent;
  if (!holder) return undefined;
  if ((holder.type === "assignment" || holder.type === "augmented_assignment") && isField(holder, "right", carried)) {
    const annotation = holder.childForFieldName("type");
    if (annotation && PROMISE_TYPES.test(annotation.text)) return { kind: "annotated", annotation: annotation.text };
    const left = holder.childForFieldName("left");
    // `pending[i] = f(i)`: the collection holds it.
    const target = left?.type === "subscript" ? left.childForFieldName("value") : left;
    if (target && (target.type === "identifier" || target.type === "attribute")) {
      return { target, statement: holder, inContainer: inContainer || left?.type === "subscript" || holder.type === "augmented_assignment" };
    }
    return undefined;
  }
  if (holder.type === "named_expression" && isField(holder, "value", carried)) {
    const name = holder.childForFieldName("name");
    return name ? { target: name, statement: holder, inContainer } : undefined;
  }
  const collector = callTaking(carried);
  if (collector) {
    const fn = collector.childForFieldName("function");
    const method = fn?.type === "attribute" ? fn.childForFieldName("attribute") : null;
    const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    if (method && object && COLLECTING_METHODS.has(method.text) && (object.type === "identifier" || object.type === "attribute")) {
      return { target: object, statement: collector, inContainer: true };
    }
  }
  return undefined;
}

/**
 * `task = f()` (or `a, b = f(), g()`, `(t := f())`, `tasks.append(f())`,
 * `tasks[i] = f()`, `self.task = f()`) where the same scope goes on to
 * await, return or hand the name to a consumer, or to iterate it awaiting
 * each item, before storing something else in it. A use as the value
 * (`task.x`, `task[0]`, `task()`) means the call should have been awaited.
 */
function storedUse(call: PyNode, context: DecideContext): Use | undefined {
  const store = storeOf(call);
  if (!store || !("target" in store)) return store;
  const { target, statement, inContainer } = store;
  const text = target.text;
  const region = target.type === "identifier" ? scopeRegion(statement) : classOrModuleOf(statement);
  const loop = enclosingLoop(statement, region);
  let deliberate: Use | undefined;
  let unclear: Use | undefined;
  let rebound = Infinity;
  for (const reference of context.uses().named(text, region)) {
    if (reference.type !== target.type || reference.id === target.id) continue;
    if (reference.startIndex >= rebound) break;
    const later = reference.startIndex >= statement.endIndex;
    // In a loop, a use before the statement runs after it on the next pass.
    if (!later && !(loop && contains(loop, reference))) continue;
    if (target.type === "identifier" && shadowedBetween(reference, region, text)) continue;
    if (isRebinding(reference)) {
      // Only an assignment that always runs after the store ends it (not one in a sibling branch).
      const rebinding = enclosingStatement(reference);
      if (later && rebinding.parent && contains(rebinding.parent, statement)) rebound = rebinding.endIndex;
      continue;
    }
    const use = directUse(reference, context.imports) ?? collectionUse(reference, context.imports) ?? iterationUse(reference);
    if (!use && !inContainer && isValueUse(reference)) return undefined;
    if (use && (!inContainer || use.kind === "consumed" || use.kind === "iterated")) {
      deliberate ??= { kind: "stored", name: text, line: reference.startPosition.row + 1, use };
    } else if (!use && isOpaqueFlow(reference)) {
      unclear ??= { kind: "unclear", name: text, line: reference.startPosition.row + 1 };
    }
  }
  return deliberate ?? unclear;
}

/**
 * Uses that may well take the coroutine as a coroutine, in ways this
 * analysis does not follow: inside an awaited expression (`await tasks.pop()`,
 * `await pending[k]`), or copied to another name (`t2 = task`).
 */
function isOpaqueFlow(reference: PyNode): boolean {
  for (let node = reference.parent; node; node = node.parent) {
    if (node.type === "await") return true;
    if (node.type === "block" || node.type === "module" || node.type === "lambda" || node.type === "function_definition") break;
  }
  const parent = climbValue(reference).parent;
  return (parent?.type === "assignment" && isField(parent, "right", climbValue(reference))) || parent?.type === "named_expression";
}

/** `x.y`, `x[0]`, `x()`: the name is used as the value it holds. */
function isValueUse(reference: PyNode): boolean {
  const parent = reference.parent;
  if (!parent) return false;
  if (parent.type === "attribute" && isField(parent, "object", reference)) return !isCollectionAccess(parent);
  return (parent.type === "subscript" && isField(parent, "value", reference)) || (parent.type === "call" && isField(parent, "function", reference));
}

/** `tasks.append(…)`, `pending.values()`: the collection is filled or read, not used as a coroutine. */
function isCollectionAccess(attribute: PyNode): boolean {
  const name = attribute.childForFieldName("attribute")?.text ?? "";
  return COLLECTING_METHODS.has(name) || name === "values" || name === "extend";
}

/** `gather(*tasks)`, `gather(*pending.values())`: the collection is unpacked into a consumer's arguments. */
function collectionUse(reference: PyNode, imports: ModuleImports): Use | undefined {
  let node = reference;
  const attribute = node.parent;
  if (attribute?.type === "attribute" && attribute.childForFieldName("attribute")?.text === "values" && attribute.parent?.type === "call") node = attribute.parent;
  const splat = node.parent;
  if (splat?.type === "list_splat") return directUse(splat, imports);
  return node.id === reference.id ? undefined : directUse(node, imports);
}

/**
 * `for t in tasks: await t`, `[await c for c in coros]`, also through
 * `zip(…, coros)` or `enumerate(coros)`: the loop awaits what it takes out.
 */
function iterationUse(reference: PyNode): Use | undefined {
  let child = reference;
  for (let loop = reference.parent; loop; child = loop, loop = loop.parent) {
    if (loop.type === "block" || loop.type === "module") return undefined;
    if (loop.type !== "for_statement" && loop.type !== "for_in_clause") continue;
    if (!isField(loop, "right", child)) return undefined;
    const variables = new Set(loop.childForFieldName("left")?.descendantsOfType("identifier").map((id) => id?.text) ?? []);
    const body = loop.type === "for_statement" ? loop.childForFieldName("body") : loop.parent;
    const awaited = body?.descendantsOfType("await").some((node) => {
      const operand = node?.namedChildren[0];
      return operand?.type === "identifier" && variables.has(operand.text);
    });
    return awaited ? { kind: "iterated" } : undefined;
  }
  return undefined;
}

/** `x = …` (not `x += …`, not `x.y = …`): from here on the name holds something else. */
function isRebinding(reference: PyNode): boolean {
  let child = reference;
  let parent = reference.parent;
  while (parent && (parent.type === "pattern_list" || parent.type === "tuple_pattern" || parent.type === "list_pattern")) {
    child = parent;
    parent = parent.parent;
  }
  return parent?.type === "assignment" && isField(parent, "left", child);
}

function enclosingStatement(node: PyNode): PyNode {
  let current = node;
  while (current.parent && current.parent.type !== "block" && current.parent.type !== "module") current = current.parent;
  return current;
}

/** A nested function that binds the name itself sees its own variable, not ours. */
function shadowedBetween(reference: PyNode, region: PyNode, name: string): boolean {
  for (let node = reference.parent; node && node.id !== region.id; node = node.parent) {
    if ((node.type === "function_definition" || node.type === "lambda") && bindsName(node, name)) return true;
    if (COMPREHENSIONS.has(node.type) && comprehensionBinds(node, name)) return true;
  }
  return false;
}

function enclosingLoop(statement: PyNode, region: PyNode): PyNode | undefined {
  for (let node = statement.parent; node && node.id !== region.id; node = node.parent) {
    if (node.type === "for_statement" || node.type === "while_statement") return node;
  }
  return undefined;
}

function contains(outer: PyNode, inner: PyNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The function (or module) a local name lives in. */
function scopeRegion(node: PyNode): PyNode {
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
