/**
 * Finds every call of a target in a Python file and decides what should
 * happen to it, by the same rules as the JavaScript analysis, in Python's
 * terms: scopes in scopes.ts, deliberate coroutine uses in coroutine-use.ts.
 * Returns plain records; edits are made in rewrite.ts.
 */
import type { PromiseConsumer } from "../../config/consumers";
import type { ReturnAwait, Target } from "../../config/schema";
import type { Action } from "../../decision/findings";
import { decide } from "../../decision/decide";
import { sameNamedReason } from "../../decision/propagation";
import type { IgnoreComments } from "../../decision/ignores";
import { syncReceiverOf } from "./receivers";
import { PYTHON, type AwaitHazard, type PromotionFacts, type SiteFacts } from "../../decision/facts";
import { pythonPromotionOf, type PyPromotable, type PyPromotionCheck, type PyPromotionContext } from "./promotion";
import { coroutineFacts, isPowerBase, outerValue, UseIndex, type UseContext } from "./coroutine-use";
import { moduleMatches, type ImportBinding, type ModuleImports } from "./imports";
import type { PyNode } from "../parser";
import { isField, isLocallyBound, scopeOf, type PyScope } from "./scopes";
import { wordOccurrences } from "../../text/words";
import { parentOf } from "../parser";

export type { PyScope, PyScopeKind } from "./scopes";

export type PyCallee =
  /** `unproven`: why the call may be another method of that name (a method made async, found by name). */
  | { readonly kind: "member"; readonly property: PyNode; readonly unproven?: string }
  | { readonly kind: "identifier"; readonly name: PyNode; readonly binding: ImportBinding | undefined };

export interface PySite {
  readonly call: PyNode;
  readonly target: Target;
  readonly callee: PyCallee;
  readonly scope: PyScope;
  readonly action: Action;
  readonly reason: string;
  readonly ignored?: true;
  /** `await f().x` would await the attribute: the await needs `(await f()).x`. */
  readonly needsParens: boolean;
  /** Where the call's text begins: after the `*` that tree-sitter puts inside `[*f()]`. */
  readonly start: PyNode;
  readonly line: number;
  readonly column: number;
  /** make-async: the def made async, and whether the call itself is awaited too. */
  readonly promotes?: PyPromotable;
  readonly awaitCall?: boolean;
  /** A manual site where propagation stopped: the def (or scope) that cannot be made async, and why. */
  readonly stoppedAt?: string;
  readonly stopReason?: string;
}

export interface PyAnalyzeOptions {
  readonly targets: readonly Target[];
  readonly returnAwait: ReturnAwait;
  /** The config's `promiseConsumers`, parsed. */
  readonly consumers: readonly PromiseConsumer[];
  /** The file's imports (imports.ts). */
  readonly imports: ModuleImports;
  /** Why the sync variant cannot be written at a site, if it cannot (rewrite.ts). */
  readonly syncBlocker: (site: SyncSite) => string | undefined;
  /** The file's ignore comments (ignore-comments.ts); none when absent. */
  readonly ignores?: IgnoreComments;
  /** Propagation, when on: make a `def` async where a target call in it has no sync variant. */
  readonly propagate?: Omit<PyPromotionContext, "root">;
  /** The file, for functions made async in it (propagation), which its own calls reach by name. */
  readonly file?: string;
  /** The file's dotted module (`app.ws.factory`): a module target defined here is called here by its bare name. */
  readonly module?: string;
}

/** What the sync-variant check needs about a site. */
export type SyncSite = Pick<PySite, "call" | "target" | "callee" | "scope">;

export function analyzePython(root: PyNode, source: string, options: PyAnalyzeOptions): PySite[] {
  const names = new Map<string, Target[]>();
  for (const target of options.targets) {
    if (target.name === "default") continue;
    names.set(target.name, [...(names.get(target.name) ?? []), target]);
  }
  const imports = options.imports;
  let uses: UseIndex | undefined;
  const context: DecideContext = { imports, options, consumers: options.consumers, uses: () => (uses ??= new UseIndex(root)) };
  const sites: PySite[] = [];
  const allFacts: SiteFacts[] = [];
  const promotions = new Map<number, PyPromotionCheck>();
  const promotionFor = (scope: PyScope): PyPromotionCheck => {
    let check = promotions.get(scope.owner.id);
    if (!check) {
      check = pythonPromotionOf(scope, { ...options.propagate!, root });
      promotions.set(scope.owner.id, check);
    }
    return check;
  };
  for (const call of candidateCalls(root, source, names, imports)) {
    if (inAnnotation(call)) continue;
    const match = matchTarget(call, names, imports, { file: options.file, module: options.module });
    if (!match) continue;
    const scope = scopeOf(call);
    const start = splatInside(call)?.namedChildren[0] ?? call;
    let asked: PyPromotionCheck | undefined;
    const propagation = options.propagate && scope.kind === "sync"
      ? { propagation: (): PromotionFacts => {
        // Made async for this call, the def would await it in the generator expression: an async generator.
        asked = scope.inGenerator ? generatorStop(scope) : promotionFor(scope);
        return asked.ok ? { ok: true, name: asked.fn.name } : { ok: false, reason: asked.reason, ...(asked.readAsValue ? { readAsValue: true } : {}) };
      } }
      : {};
    const facts: SiteFacts = { ...siteFacts({ call, target: match.target, callee: match.callee, scope }, context), ...propagation };
    const ignored = options.ignores?.claim(start.startPosition.row + 1);
    const { awaitCall, ...decision } = decide(ignored === undefined ? facts : { ...facts, ignoredBy: { reason: ignored || undefined } });
    const check = asked as PyPromotionCheck | undefined;
    allFacts.push(facts);
    sites.push({
      call,
      target: match.target,
      callee: match.callee,
      scope,
      ...decision,
      ...(decision.action === "make-async" && check?.ok ? { promotes: check.fn, awaitCall: awaitCall === true } : {}),
      ...(decision.action === "manual" && check && !check.ok ? { stoppedAt: check.name, stopReason: check.reason } : {}),
      needsParens: needsParens(call),
      start,
      line: start.startPosition.row + 1,
      column: start.startPosition.column + 1,
    });
  }
  return withPromotedScopes(sites, allFacts);
}

function generatorStop(scope: PyScope): PyPromotionCheck {
  const name = scope.owner.childForFieldName("name")?.text ?? "?";
  return { ok: false, name, reason: `def ${name} cannot be made async for this call: it is in a generator expression, which an await would make an async generator that its consumer cannot iterate` };
}

/** The other calls of targets in a def made async are decided again there as in an `async def` (in a generator expression, where await is not possible). */
function withPromotedScopes(sites: readonly PySite[], facts: readonly SiteFacts[]): PySite[] {
  const promoted = new Set(sites.flatMap((site) => (site.promotes ? [site.promotes.def.id] : [])));
  if (promoted.size === 0) return [...sites];
  return sites.map((site, i) => {
    if (site.promotes || site.scope.kind !== "sync" || !promoted.has(site.scope.owner.id)) return site;
    const asyncDef = `async def ${site.scope.where.replace(/^def /, "")}`;
    const scope: PyScope = site.scope.inGenerator
      ? { kind: "forbidden", where: `a generator expression in ${asyncDef}`, owner: site.scope.owner }
      : { kind: "async", where: asyncDef, owner: site.scope.owner };
    const { propagation: _propagation, ...rest } = facts[i]!;
    const { stoppedAt: _stoppedAt, stopReason: _stopReason, ...kept } = site;
    const decided = site.scope.inGenerator ? { kind: "generator-expression" as const, where: scope.where } : { kind: "async" as const, where: scope.where };
    const { awaitCall: _awaitCall, ...decision } = decide({ ...rest, scope: decided });
    return { ...kept, scope, ...decision };
  });
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
  const parent = parentOf(identifier);
  if (parent?.type === "attribute" && isField(parent, "attribute", identifier)) callee = parent;
  else if (parent?.type === "list_splat") {
    const grandparent = parentOf(parent);
    if (grandparent?.type === "call" && isField(grandparent, "function", parent)) callee = parent;
  }
  const call = parentOf(callee);
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
  for (let node = parentOf(call); node; node = parentOf(node)) {
    if (node.type === "type") return true;
    if (node.type === "block" || node.type === "module") return false;
  }
  return false;
}

function matchTarget(call: PyNode, names: ReadonlyMap<string, readonly Target[]>, imports: ModuleImports, here: { readonly file: string | undefined; readonly module: string | undefined }): { target: Target; callee: PyCallee } | undefined {
  const file = here.file;
  let fn = call.childForFieldName("function");
  if (fn?.type === "list_splat") fn = fn.namedChildren[0] ?? null;
  if (!fn) return undefined;
  if (fn.type === "attribute") {
    const property = fn.childForFieldName("attribute");
    const object = fn.childForFieldName("object");
    if (!property || !object) return undefined;
    const root = object.text.split(".")[0]!;
    for (const target of names.get(property.text) ?? []) {
      if (target.propagated?.kind === "method") {
        const reach = methodReach(call, object, target, file);
        if (reach === "other") continue;
        return { target, callee: { kind: "member", property, ...(reach === "ours" ? {} : { unproven: reach.unproven }) } };
      }
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
  // A method made async (propagation) is called on a receiver, never by a bare name.
  const plain = (names.get(local) ?? []).find((target) => target.module === undefined && target.propagated?.kind !== "method");
  // `def fetch_user(data): …` nested in a function, a parameter or a local of that name: another function.
  if (plain) return isLocallyBound(call, local) ? undefined : { target: plain, callee: { kind: "identifier", name: fn, binding } };
  // A module target: the name must come from that module (`from app.ws.factory import create as make`), unshadowed.
  if (!binding) {
    // A function made async in this very file: called by its name where nothing closer binds it.
    // Or a module target defined in this very module (`get_current_context()` in click/globals.py).
    const own = (names.get(local) ?? []).find((t) => (t.propagated?.kind === "function" && t.propagated.file === file)
      || (!t.propagated && t.module !== undefined && here.module !== undefined && t.module === here.module));
    return own && !isLocallyBound(call, local) ? { target: own, callee: { kind: "identifier", name: fn, binding } } : undefined;
  }
  const target = (names.get(binding.imported) ?? []).find((t) => t.module !== undefined && moduleMatches(binding, t.module));
  if (!target || isLocallyBound(call, local, binding.owner)) return undefined;
  return { target, callee: { kind: "identifier", name: fn, binding } };
}

/**
 * Whether `x.m()` reaches the method `m` this run made async: `self.m()` in
 * a class that defines its own `m` is that class's (ours only where it is the
 * one made async); on another receiver, with other methods of that name in
 * the run, it cannot be told (`unproven`).
 */
function methodReach(call: PyNode, object: PyNode, target: Target, file: string | undefined): "ours" | "other" | { unproven: string } {
  const propagated = target.propagated!;
  const own = object.type === "identifier" && (object.text === "self" || object.text === "cls")
    || (object.type === "call" && object.childForFieldName("function")?.text === "super");
  if (own) {
    let cls = parentOf(call);
    while (cls && cls.type !== "class_definition") cls = parentOf(cls);
    const defined = cls?.childForFieldName("body")?.namedChildren.map((child) => (child?.type === "decorated_definition" ? child.childForFieldName("definition") : child))
      .find((child) => child?.type === "function_definition" && child.childForFieldName("name")?.text === target.name);
    if (!defined) return "ours";
    const isThisOne = file === propagated.file && defined.startPosition.row + 1 === propagated.line;
    // `super().m()` calls a base class's m, never this class's own.
    if (object.type === "call") return isThisOne ? "other" : "ours";
    return isThisOne ? "ours" : "other";
  }
  const others = propagated.sameNamed ?? [];
  if (others.length === 0) return "ours";
  return { unproven: sameNamedReason(target.name, others) };
}

/** The facts the shared decision (decision/decide.ts) reads, from the Python tree. */
function siteFacts(site: SyncSite, context: DecideContext): SiteFacts {
  const { call, target, scope } = site;
  const { direct, stored } = coroutineFacts(call, context);
  const iterated = asyncStatementOf(call);
  const hazard: AwaitHazard | undefined = iterated ? { kind: "async-statement", statement: iterated } : inDebugFString(call) ? { kind: "debug-f-string" } : undefined;
  return {
    language: PYTHON,
    ...(target.propagated ? { calleeMadeAsync: true } : {}),
    scope: scope.kind === "forbidden" ? { kind: "generator-expression", where: scope.where } : { kind: scope.kind, where: scope.where },
    returnAwait: context.options.returnAwait,
    direct,
    stored,
    floating: isFloating(call),
    handlesRejection: undefined,
    hazard,
    ...(site.callee.kind === "member" ? withUnproven(site.callee.unproven ?? syncReceiverOf(call, scope.owner)) : {}),
    syncVariant: target.sync,
    syncBlocker: () => context.options.syncBlocker(site),
  };
}

function withUnproven(reason: string | undefined): { unprovenEdit?: string } {
  return reason === undefined ? {} : { unprovenEdit: reason };
}

interface DecideContext extends UseContext {
  readonly options: PyAnalyzeOptions;
}

function isFloating(call: PyNode): boolean {
  return parentOf(outerValue(call))?.type === "expression_statement";
}

/**
 * Whether the await needs parentheses: `await` takes a whole primary, so
 * `f().x` must become `(await f()).x`. The base of `**` gets them too:
 * Python reads `await f() ** 2` right, but tree-sitter (and a reader) may not.
 */
function needsParens(call: PyNode): boolean {
  const parent = parentOf(call);
  if (!parent) return false;
  return isPowerBase(parent, call)
    || (parent.type === "attribute" && isField(parent, "object", call))
    || (parent.type === "subscript" && isField(parent, "value", call))
    || (parent.type === "call" && isField(parent, "function", call));
}

/** `async for x in f()`, `[x async for x in f()]`, `async with f() as x`: iterated or entered asynchronously. */
function asyncStatementOf(call: PyNode): "async for" | "async with" | undefined {
  const outer = outerValue(call);
  const parent = parentOf(outer);
  if (!parent) return undefined;
  const isAsync = (node: PyNode | null) => node?.children.some((c) => c?.type === "async") ?? false;
  if ((parent.type === "for_statement" || parent.type === "for_in_clause") && isField(parent, "right", outer) && isAsync(parent)) return "async for";
  const item = parent.type === "as_pattern" && parentOf(parent)?.type === "with_item" ? parentOf(parent) : parent.type === "with_item" ? parent : undefined;
  if (item && isAsync(parentOf(parentOf(item)) ?? null)) return "async with";
  return undefined;
}

/** `f"{f()=}"`: the text before `=` is printed as written. */
function inDebugFString(call: PyNode): boolean {
  for (let node = parentOf(call); node && node.type !== "string"; node = parentOf(node)) {
    if (node.type === "interpolation") return node.children.some((c) => c?.type === "=");
  }
  return false;
}
