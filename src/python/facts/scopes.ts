/**
 * Python's scopes, as the analysis needs them: which scope a call runs in
 * (async, sync, or a generator expression in an async def), and which names
 * a function, class body, comprehension or the module binds itself.
 */
import { parentOf, type PyNode } from "../parser";

export type PyScopeKind = "async" | "sync" | "forbidden";

export interface PyScope {
  readonly kind: PyScopeKind;
  /** For reasons: `async def start`, `a lambda`, `module top level`. */
  readonly where: string;
  /** The node whose body the call runs in (a function, lambda, class or the module). */
  readonly owner: PyNode;
  /** In a generator expression of a sync def: an await there would make it an async generator. */
  readonly inGenerator?: true;
}

export const COMPREHENSIONS: ReadonlySet<string> = new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);

export function scopeOf(call: PyNode): PyScope {
  let child = call;
  let inGenerator = false;
  for (let node = parentOf(call); node; child = node, node = parentOf(node)) {
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
        if (isAsync) return { kind: "async", where: `async def ${name}`, owner: node };
        return { kind: "sync", where: `def ${name}`, owner: node, ...(inGenerator ? { inGenerator: true as const } : {}) };
      }
      case "class_definition":
        if (isField(node, "body", child)) return { kind: "sync", where: `the body of class ${node.childForFieldName("name")?.text ?? "?"}`, owner: node };
        break;
      case "module":
        return { kind: "sync", where: "module top level", owner: node };
      default:
        // The first iterable of a comprehension runs in the enclosing scope; the rest runs inside it.
        if (node.type === "generator_expression" && !isFirstIterable(node, child)) inGenerator = true;
    }
  }
  return { kind: "sync", where: "module top level", owner: call };
}

function isFirstIterable(comprehension: PyNode, child: PyNode): boolean {
  const first = comprehension.namedChildren.find((c) => c?.type === "for_in_clause");
  return first !== undefined && first !== null && first.id === child.id;
}

/**
 * Whether a function around `from` (inside `until`, when given) binds `name`
 * itself (parameter, assignment, import), hiding the outer binding.
 */
export function isLocallyBound(from: PyNode, name: string, until?: PyNode): boolean {
  let inFunction = false;
  for (let node = parentOf(from); node && node.id !== until?.id; node = parentOf(node)) {
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

export function comprehensionBinds(comprehension: PyNode, name: string): boolean {
  return comprehension.namedChildren.some((clause) => clause?.type === "for_in_clause"
    && (clause.childForFieldName("left")?.descendantsOfType("identifier").some((id) => id?.text === name) ?? false));
}

function scopeBinds(body: PyNode, name: string): boolean {
  return ownBindings(body, name).length > 0;
}

/** The identifiers that bind `name` in `scope` itself, not in the functions, classes or comprehensions nested in it. */
function ownBindings(scope: PyNode, name: string): PyNode[] {
  const out: PyNode[] = [];
  visitOwnScope(scope, (node) => {
    if (node.type === "identifier" && node.text === name && isBindingIdentifier(node)) out.push(node);
  });
  return out;
}

/** bindsName answers for one tree at a time, keyed by node id and name; transformPython clears it per file. */
const bindsCache = new Map<string, boolean>();

export function clearScopeCache(): void {
  bindsCache.clear();
}

/** Names a function binds: its parameters, and targets of assignments, loops, `with … as`, `except … as`, imports, nested defs in its body. */
export function bindsName(fn: PyNode, name: string): boolean {
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
  const out = ownBindings(root, name);
  // `global name` in a function binds it in the module too.
  for (const statement of root.descendantsOfType("global_statement")) {
    const declared = statement?.namedChildren.find((c) => c?.text === name);
    if (declared) out.push(declared);
  }
  return out;
}

/** Visits a scope's nodes without entering nested functions, lambdas, classes or comprehensions (their names are their own). */
export function visitOwnScope(root: PyNode, visit: (node: PyNode) => void): void {
  // A stack, not recursion: a 20,000-deep expression would overflow the call stack.
  const pending = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "function_definition" || child.type === "class_definition") {
        const name = child.childForFieldName("name");
        if (name) visit(name);
        continue;
      }
      if (child.type === "lambda" || COMPREHENSIONS.has(child.type)) continue;
      pending.push(child);
    }
  }
}

/** An identifier that receives a value: assignment or loop target, `as` name, import name, def/class name. */
export function isBindingIdentifier(node: PyNode): boolean {
  let child = node;
  for (let parent = parentOf(node); parent; child = parent, parent = parentOf(parent)) {
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
        if (parent.namedChildCount === 1 && (parentOf(parent)?.type === "case_pattern" || parentOf(parent)?.type === "keyword_pattern")) return true;
        const statement = parentOf(parent);
        return statement?.type === "import_statement" || (statement?.type === "import_from_statement" && !isField(statement, "module_name", parent));
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
