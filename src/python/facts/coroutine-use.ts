/**
 * Is a coroutine used as a coroutine on purpose? The Python counterpart of
 * javascript/facts/promise-use.ts: awaited, returned, handed to asyncio (or a loop,
 * a task group, a runner), or stored in a name, a collection or an attribute
 * that the same scope later hands on. Such calls are left alone in every scope.
 */
import type { PromiseConsumer } from "../../config/consumers";
import { consumerName } from "./consumers";
import type { PromiseUse, StoredFacts, StoredReference } from "../../decision/facts";
import { bindsName, comprehensionBinds, COMPREHENSIONS, isBindingIdentifier, isField } from "./scopes";
import { scopeOwner, type ModuleImports } from "./imports";
import type { PyNode } from "../parser";
import { parentOf } from "../parser";

/** Collections a coroutine is put in, to be consumed later (`tasks.append(f())` … `gather(*tasks)`). */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(["append", "add", "extend"]);

/** Expressions whose elements are values carried along unchanged: a coroutine in one is still a coroutine. */
const CONTAINERS: ReadonlySet<string> = new Set(["list", "tuple", "set", "expression_list", "list_splat", "parenthesized_expression"]);

const PROMISE_TYPES = /\b(Awaitable|Coroutine|Future|Task)\b/;

/** A use of the coroutine as a coroutine (the shared decision's terms). */
export type Use = PromiseUse;

/** What the coroutine-use rules need about the file. */
export interface UseContext {
  readonly imports: ModuleImports;
  /** The config's `promiseConsumers`: they take coroutines as asyncio's functions do. */
  readonly consumers: readonly PromiseConsumer[];
  /** Built on first use: most files need no stored-coroutine lookups. */
  readonly uses: () => UseIndex;
}

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
  /**
   * Identifiers or attributes with this exact text inside `region`, from
   * offset `from` on, in source order; lazily, so a caller that stops early
   * (at a rebinding) costs only what it reads, and a function that stores
   * one name thousands of times stays linear.
   */
  *named(text: string, region: PyNode, from = region.startIndex): Generator<PyNode> {
    const all = this.byText.get(text) ?? [];
    const start = Math.max(from, region.startIndex);
    let low = 0;
    let high = all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (all[middle]!.startIndex < start) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < all.length && all[i]!.startIndex < region.endIndex; i++) yield all[i]!;
  }
}

/** Not an attribute's name (`x.task`), a keyword (`f(task=1)`) or part of an import path. */
function isReferencePosition(node: PyNode): boolean {
  const parent = parentOf(node);
  if (!parent || node.type !== "identifier") return true;
  if (parent.type === "attribute") return !isField(parent, "attribute", node);
  if (parent.type === "keyword_argument") return !isField(parent, "name", node);
  return parent.type !== "dotted_name" && parent.type !== "aliased_import";
}

/** How the call's coroutine is used as one: directly, or stored and then by each later reference. */
export function coroutineFacts(call: PyNode, context: UseContext): { direct: Use | undefined; stored: StoredFacts | undefined } {
  const direct = directUse(call, context);
  if (direct) return { direct, stored: undefined };
  const store = storeOf(call);
  if (!store) return { direct: undefined, stored: undefined };
  if (!("target" in store)) return { direct: store, stored: undefined };
  return { direct: undefined, stored: storedFacts(store, context) };
}

/** The call, or the parentheses around it. */
export function outerValue(node: PyNode): PyNode {
  let outer = node;
  for (let parent = parentOf(outer); parent?.type === "parenthesized_expression"; parent = parentOf(parent)) outer = parent;
  return outer;
}

export function isPowerBase(parent: PyNode, child: PyNode): boolean {
  return parent.type === "binary_operator" && parent.childForFieldName("operator")?.type === "**" && isField(parent, "left", child);
}

/**
 * Climbs from a value to where it is consumed: parentheses, and both
 * branches of `a if c else b` and the right operand of `or`/`and` (what
 * they evaluate to may be that value).
 */
export function climbValue(node: PyNode): PyNode {
  let outer = node;
  for (;;) {
    const parent = parentOf(outer);
    if (!parent) return outer;
    if (parent.type === "parenthesized_expression") outer = parent;
    else if (parent.type === "conditional_expression" && parent.namedChildren[1]?.id !== outer.id) outer = parent;
    else if (parent.type === "boolean_operator" && isField(parent, "right", outer)) outer = parent;
    else return outer;
  }
}

/** Awaited, returned or handed to a consumer, directly or inside a list, tuple or comprehension that is. */
export function directUse(node: PyNode, context: UseContext): Use | undefined {
  const outer = climbValue(node);
  const parent = parentOf(outer);
  if (!parent) return undefined;
  if (parent.type === "await") return { kind: "awaited" };
  // tree-sitter reads `await f() ** 2` as `await (f() ** 2)`; Python awaits the call, then raises to the power.
  if (isPowerBase(parent, outer) && parentOf(parent)?.type === "await") return { kind: "awaited" };
  if (parent.type === "return_statement") return { kind: "returned", inTry: isInTry(parent), fromAsync: inAsyncDef(parent) };
  if (parent.type === "lambda" && isField(parent, "body", outer)) return { kind: "returned", inTry: false, fromAsync: false };
  const call = callTaking(climbContainers(outer));
  if (call) {
    const by = consumerName(call, context);
    if (by) return { kind: "consumed", by };
  }
  return undefined;
}

/** The call `node` is an argument of: `g(node)`, `g(k=node)`, or `g(x for x in …)`, where the generator is the arguments. */
function callTaking(node: PyNode): PyNode | undefined {
  const holder = parentOf(node);
  if (!holder) return undefined;
  if (holder.type === "call" && node.type === "generator_expression" && isField(holder, "arguments", node)) return holder;
  const list = holder.type === "argument_list" ? holder : holder.type === "keyword_argument" ? parentOf(holder) : null;
  const call = list?.type === "argument_list" ? parentOf(list) : null;
  return call?.type === "call" ? call : undefined;
}

function climbContainers(node: PyNode): PyNode {
  let current = node;
  for (;;) {
    const parent = parentOf(current);
    if (!parent) return current;
    if (CONTAINERS.has(parent.type) || parent.type === "dictionary" || parent.type === "pair" || (COMPREHENSIONS.has(parent.type) && isField(parent, "body", current))) {
      current = parent;
      continue;
    }
    return current;
  }
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
  const parallel = parentOf(outer);
  const assignment = parentOf(parallel);
  if ((parallel?.type === "expression_list" || parallel?.type === "tuple") && assignment?.type === "assignment" && isField(assignment, "right", parallel)) {
    const left = assignment.childForFieldName("left");
    const index = parallel.namedChildren.findIndex((c) => c?.id === outer.id);
    const names = left && (left.type === "pattern_list" || left.type === "tuple_pattern") ? left.namedChildren : [];
    if (names.length === parallel.namedChildren.length && names[index]) return { target: names[index]!, statement: assignment, inContainer: false };
  }
  const carried = climbContainers(outer);
  const inContainer = carried.id !== outer.id;
  const holder = parentOf(carried);
  if (!holder) return undefined;
  if ((holder.type === "assignment" || holder.type === "augmented_assignment") && isField(holder, "right", carried)) {
    const annotation = holder.childForFieldName("type");
    if (annotation && PROMISE_TYPES.test(annotation.text)) return { kind: "typed", detail: `stored in a variable declared as ${annotation.text}` };
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
 * `tasks[i] = f()`, `self.task = f()`): how each reference in the same scope
 * uses it before something else is stored in it. A use as the value
 * (`task.x`, `task[0]`, `task()`) counts only for a name that holds the
 * coroutine itself, not a collection of them.
 */
function storedFacts(store: Store, context: UseContext): StoredFacts {
  const { target, statement, inContainer } = store;
  const text = target.text;
  const region = target.type === "identifier" ? scopeOwner(statement) : classOrModuleOf(statement);
  const loop = enclosingLoop(statement, region);
  const references: StoredReference[] = [];
  let rebound = Infinity;
  // Only later references count, and in a loop those earlier in it (they run after the store on the next pass).
  for (const reference of context.uses().named(text, region, loop?.startIndex ?? statement.endIndex)) {
    if (reference.type !== target.type || reference.id === target.id) continue;
    if (reference.startIndex >= rebound) break;
    const later = reference.startIndex >= statement.endIndex;
    // In a loop, a use before the statement runs after it on the next pass.
    if (!later && !(loop && contains(loop, reference))) continue;
    if (target.type === "identifier" && shadowedBetween(reference, region, text)) continue;
    if (isRebinding(reference)) {
      // Only an assignment that always runs after the store ends it (not one in a sibling branch).
      const rebinding = enclosingStatement(reference);
      const holder = later ? parentOf(rebinding) : null;
      if (holder && contains(holder, statement)) rebound = rebinding.endIndex;
      continue;
    }
    const line = reference.startPosition.row + 1;
    const use = directUse(reference, context) ?? collectionUse(reference, context) ?? iterationUse(reference);
    if (!use && !inContainer && isValueUse(reference)) references.push({ kind: "value", line });
    else if (!use && !inContainer && callTaking(reference)) references.push({ kind: "argument", line });
    else if (use && (!inContainer || use.kind === "consumed" || use.kind === "iterated")) references.push({ kind: "promise", line, use });
    else if (!use && isOpaqueFlow(reference)) references.push({ kind: "opaque", line });
  }
  return { name: text, references };
}

/**
 * Uses that may well take the coroutine as a coroutine, in ways this
 * analysis does not follow: inside an awaited expression (`await tasks.pop()`,
 * `await pending[k]`), or copied to another name (`t2 = task`).
 */
function isOpaqueFlow(reference: PyNode): boolean {
  for (let node = parentOf(reference); node; node = parentOf(node)) {
    if (node.type === "await") return true;
    if (node.type === "block" || node.type === "module" || node.type === "lambda" || node.type === "function_definition") break;
  }
  const parent = parentOf(climbValue(reference));
  return (parent?.type === "assignment" && isField(parent, "right", climbValue(reference))) || parent?.type === "named_expression";
}

/** `x.y`, `x[0]`, `x()`, `x is None`: the name is used as the value it holds. */
function isValueUse(reference: PyNode): boolean {
  const parent = parentOf(reference);
  if (!parent) return false;
  // A coroutine is never None: `x is None`, `x == None` check the value (always False on the coroutine),
  // unless the name is bound elsewhere too (`previous = None` before a loop): then it asks which binding holds.
  if (parent.type === "comparison_operator" && parent.namedChildren.some((c) => c?.type === "none")) return boundOnce(reference);
  if (parent.type === "attribute" && isField(parent, "object", reference)) return !isCollectionAccess(parent);
  return (parent.type === "subscript" && isField(parent, "value", reference)) || (parent.type === "call" && isField(parent, "function", reference));
}

/** Whether the name is bound once in its function (or module): by the store the analysis follows. */
function boundOnce(reference: PyNode): boolean {
  let owner = parentOf(reference);
  while (owner && owner.type !== "function_definition" && owner.type !== "module") owner = parentOf(owner);
  if (!owner) return false;
  let bindings = 0;
  for (const node of owner.descendantsOfType("identifier")) {
    if (node && node.text === reference.text && isBindingIdentifier(node)) bindings++;
  }
  return bindings === 1;
}

/** `tasks.append(…)`, `pending.values()`: the collection is filled or read, not used as a coroutine. */
function isCollectionAccess(attribute: PyNode): boolean {
  const name = attribute.childForFieldName("attribute")?.text ?? "";
  return COLLECTING_METHODS.has(name) || name === "values";
}

/** `gather(*tasks)`, `gather(*pending.values())`: the collection is unpacked into a consumer's arguments. */
function collectionUse(reference: PyNode, context: UseContext): Use | undefined {
  let node = reference;
  const attribute = parentOf(node);
  if (attribute?.type === "attribute" && attribute.childForFieldName("attribute")?.text === "values") {
    const call = parentOf(attribute);
    if (call?.type === "call") node = call;
  }
  const splat = parentOf(node);
  if (splat?.type === "list_splat") return directUse(splat, context);
  return node.id === reference.id ? undefined : directUse(node, context);
}

/**
 * `for t in tasks: await t`, `[await c for c in coros]`, also through
 * `zip(…, coros)` or `enumerate(coros)`: the loop awaits what it takes out.
 */
function iterationUse(reference: PyNode): Use | undefined {
  let child = reference;
  for (let loop = parentOf(reference); loop; child = loop, loop = parentOf(loop)) {
    if (loop.type === "block" || loop.type === "module") return undefined;
    if (loop.type !== "for_statement" && loop.type !== "for_in_clause") continue;
    if (!isField(loop, "right", child)) return undefined;
    const variables = new Set(loop.childForFieldName("left")?.descendantsOfType("identifier").map((id) => id?.text) ?? []);
    const body = loop.type === "for_statement" ? loop.childForFieldName("body") : parentOf(loop);
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
  let parent = parentOf(reference);
  while (parent && (parent.type === "pattern_list" || parent.type === "tuple_pattern" || parent.type === "list_pattern")) {
    child = parent;
    parent = parentOf(parent);
  }
  return parent?.type === "assignment" && isField(parent, "left", child);
}

function enclosingStatement(node: PyNode): PyNode {
  let current = node;
  for (let parent = parentOf(current); parent && parent.type !== "block" && parent.type !== "module"; parent = parentOf(parent)) current = parent;
  return current;
}

/** A nested function that binds the name itself sees its own variable, not ours. */
function shadowedBetween(reference: PyNode, region: PyNode, name: string): boolean {
  for (let node = parentOf(reference); node && node.id !== region.id; node = parentOf(node)) {
    if ((node.type === "function_definition" || node.type === "lambda") && bindsName(node, name)) return true;
    if (COMPREHENSIONS.has(node.type) && comprehensionBinds(node, name)) return true;
  }
  return false;
}

function enclosingLoop(statement: PyNode, region: PyNode): PyNode | undefined {
  for (let node = parentOf(statement); node && node.id !== region.id; node = parentOf(node)) {
    if (node.type === "for_statement" || node.type === "while_statement") return node;
  }
  return undefined;
}

function contains(outer: PyNode, inner: PyNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function classOrModuleOf(node: PyNode): PyNode {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (current.type === "class_definition" || current.type === "module") return current;
  }
  return node;
}

/**
 * In a try block, or an `async with` body (its exit runs before a returned
 * coroutine would), of the same function.
 */
function isInTry(node: PyNode): boolean {
  let child = node;
  for (let parent = parentOf(node); parent; child = parent, parent = parentOf(parent)) {
    if (parent.type === "function_definition" || parent.type === "lambda") return false;
    // Only the try block itself: a return in except/finally has no handler left to see the exception.
    if (parent.type === "try_statement" && isField(parent, "body", child)) return true;
    if (parent.type === "with_statement" && isField(parent, "body", child) && parent.children.some((c) => c?.type === "async")) return true;
  }
  return false;
}

/** Whether the function a `return` belongs to is an `async def`. */
function inAsyncDef(node: PyNode): boolean {
  for (let parent = parentOf(node); parent; parent = parentOf(parent)) {
    if (parent.type === "lambda") return false;
    if (parent.type === "function_definition") return parent.children.some((c) => c?.type === "async");
  }
  return false;
}
