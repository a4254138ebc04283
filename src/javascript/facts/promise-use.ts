/**
 * Is the promise a call returns used *as a promise* on purpose? Those sites
 * are left alone in every scope: awaiting them would either change nothing or
 * break the code that consumes the promise (`.then` on a resolved value).
 */
import type { PromiseConsumer } from "../../config/consumers";
import type { Target } from "../../config/schema";
import type { PromiseUse, StoredFacts, StoredReference } from "../../decision/facts";
import { asNode, calleeOf, CALL_TYPES, climbWrappers, FUNCTION_TYPES, identifierName, MEMBER_TYPES, memberPropertyName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { referencesOf, resolveBinding } from "./bindings";
import { assertionOf, consumerName, promiseMatcherAbove } from "./promise-consumers";
import { rangeKey } from "./targets";

export type { PromiseUse } from "../../decision/facts";

const CHAIN_METHODS: ReadonlySet<string> = new Set(["then", "catch", "finally"]);

/**
 * The file-wide facts the "stored, then used as a promise later" rule needs.
 * Collected once per file by the caller so each site does not walk the AST.
 */
export interface FileIndex {
  /** Every identifier path, by name. */
  identifiers(name: string): readonly AnyPath[];
  /** Every member expression path whose source text is `text` (e.g. `this.ready`). */
  members(text: string): readonly AnyPath[];
  /** The source text of a node. */
  textOf(node: AnyNode): string;
  /** The config's `promiseConsumers`. */
  readonly consumers: readonly PromiseConsumer[];
  /** Whether a top-level import or `require` of the file names this module (a cheap test before resolving bindings). */
  importsModule(module: string): boolean;
  /** The target of each call site of the file (calls and tagged templates), filled once they are matched. */
  readonly siteTargets: Map<unknown, Target>;
}

/**
 * How the value of `path` is consumed as a promise, ignoring storage in a
 * variable. `target`: the target whose call gave the value (for fragments).
 */
export function directPromiseUse(path: AnyPath, index: FileIndex, target?: Target): PromiseUse | undefined {
  const outer = climbValuePosition(path);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  const key = outer.name;

  if (parent.type === "TemplateLiteral" && outer.listKey === "expressions" && target !== undefined) {
    const tag = composingTag(parentPath, index, target);
    if (tag !== undefined) return { kind: "consumed", by: `the enclosing ${tag}\`…\` template, as a fragment` };
  }

  if (parent.type === "AwaitExpression") return { kind: "awaited" };
  if (parent.type === "UnaryExpression" && parent["operator"] === "void") return { kind: "void" };
  if (MEMBER_TYPES.has(parent.type) && key === "object") {
    const method = memberPropertyName(parent);
    if (method !== undefined && CHAIN_METHODS.has(method)) return { kind: "chained", method };
    if (method === "should") {
      const matcher = promiseMatcherAbove(parentPath);
      if (matcher) return { kind: "asserted", how: `.should…${matcher}` };
    }
  }
  if (parent.type === "ReturnStatement") return { kind: "returned", inTry: isInTry(outer), fromAsync: inAsyncFunction(outer) };
  if (parent.type === "ArrowFunctionExpression" && key === "body") return { kind: "returned", inTry: false, fromAsync: parent["async"] === true };
  const argument = climbArguments(outer);
  if (argument) {
    const by = consumerName(argument.call, index);
    if (by) return { kind: "consumed", by };
    const assertion = assertionOf(argument.call, argument.path);
    if (assertion) return { kind: "asserted", how: assertion };
  }
  return undefined;
}

/**
 * `sql\`select … ${sql\`where x\`}\``: a template that is the quasi of a tagged
 * template of the same target composes its fragments (postgres.js, zx); the
 * outer tag as written.
 */
function composingTag(template: AnyPath, index: FileIndex, target: Target): string | undefined {
  const tagged = template.parent as AnyPath | null;
  if (!tagged || template.name !== "quasi" || index.siteTargets.get(tagged.node) !== target) return undefined;
  const tag = calleeOf(nodeOf(tagged));
  return tag ? index.textOf(tag) : undefined;
}

/**
 * Climbs through wrappers that pass a value through unchanged to whoever
 * consumes it: type assertions, parentheses, both branches of `c ? a : b`, the
 * right operand of `||`/`&&`/`??` and the last expression of a sequence.
 */
function climbValuePosition(path: AnyPath): AnyPath {
  let current = climbWrappers(path);
  for (;;) {
    const parentPath = current.parent as AnyPath | null;
    if (!parentPath) return current;
    const parent = nodeOf(parentPath);
    const key = current.name;
    const passesThrough =
      (parent.type === "ConditionalExpression" && (key === "consequent" || key === "alternate"))
      || (parent.type === "LogicalExpression" && key === "right")
      || (parent.type === "SequenceExpression" && isLastExpression(current, parent));
    if (!passesThrough) return current;
    current = climbWrappers(parentPath);
  }
}

function isLastExpression(path: AnyPath, sequence: AnyNode): boolean {
  const expressions = sequence["expressions"] as AnyNode[];
  return expressions[expressions.length - 1] === path.node;
}

/**
 * The call `path` is an argument of, directly or as an element of array
 * literals and spreads in its arguments (`all([f(), ...[g()]])`), with the
 * argument's own path.
 */
function climbArguments(path: AnyPath): { call: AnyPath; path: AnyPath } | undefined {
  let current = path;
  for (;;) {
    const parentPath = current.parent as AnyPath | null;
    if (!parentPath) return undefined;
    const parent = nodeOf(parentPath);
    if (CALL_TYPES.has(parent.type) && current.listKey === "arguments") return { call: parentPath, path: current };
    if ((parent.type === "ArrayExpression" && current.listKey === "elements") || (parent.type === "SpreadElement" && current.name === "argument")) {
      current = climbWrappers(parentPath);
      continue;
    }
    return undefined;
  }
}

/**
 * In a `try` block (or a `catch` with a `finally`) of the same function, or
 * after an `await using` / `using` declaration of the same block: a returned
 * promise must be awaited there, or its rejection escapes the handler (or
 * the resource is disposed of before it settles).
 */
function isInTry(path: AnyPath): boolean {
  let child: AnyPath = path;
  let current = path.parent as AnyPath | null;
  while (current) {
    const node = nodeOf(current);
    if (FUNCTION_TYPES.has(node.type)) return false;
    if (node.type === "TryStatement") {
      if (child.name === "block") return true;
      if (child.name === "handler" && node["finalizer"]) return true;
    }
    if (child.listKey === "body" && (node.type === "BlockStatement" || node.type === "StaticBlock")) {
      const statements = node["body"] as AnyNode[];
      const at = statements.indexOf(child.node);
      if (statements.slice(0, at).some((s) => s.type === "VariableDeclaration" && (s["kind"] === "using" || s["kind"] === "await using"))) return true;
    }
    child = current;
    current = current.parent as AnyPath | null;
  }
  return false;
}

function inAsyncFunction(path: AnyPath): boolean {
  for (let current = path.parent as AnyPath | null; current; current = current.parent as AnyPath | null) {
    const node = nodeOf(current);
    if (FUNCTION_TYPES.has(node.type)) return node["async"] === true;
  }
  return false;
}

/** The call handles a rejection itself: `p.catch(h)`, `p.then(ok, failed)`. Returns the method. */
export function handledRejection(call: AnyNode): string | undefined {
  const callee = unwrap(asNode(call["callee"]) ?? call);
  const method = memberPropertyName(callee);
  const args = (call["arguments"] as AnyNode[] | undefined) ?? [];
  if (method === "catch" && args.length >= 1) return method;
  if (method === "then" && args.length >= 2) return method;
  return undefined;
}

/**
 * Where the call's value is stored (`const p = f()`, `p = c ? f() : q`,
 * `p ??= f()`, `this.ready = f()`, a class field `ready = f()`), and how each
 * reference to it uses it.
 */
export interface StoredOptions {
  readonly target?: Target | undefined;
  /** From the type checker: references (by range) that are arguments of promise-accepting parameters, described. */
  readonly promiseArguments?: ReadonlyMap<string, string> | undefined;
}

export function storedFacts(path: AnyPath, index: FileIndex, options: StoredOptions = {}): StoredFacts | undefined {
  const outer = climbValuePosition(path);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  if (parent.type === "VariableDeclarator" && outer.name === "init") {
    const id = asNode(parent["id"]);
    const name = identifierName(id);
    if (name === undefined) return undefined;
    const binding = index.identifiers(name).find((candidate) => candidate.node === id);
    return binding ? variableFacts(binding, name, index, options) : undefined;
  }
  if (parent.type === "AssignmentExpression" && STORING_OPERATORS.has(parent["operator"] as string) && outer.name === "right") {
    const left = asNode(parent["left"]);
    if (!left) return undefined;
    const name = identifierName(left);
    if (name !== undefined) {
      const leftPath = index.identifiers(name).find((candidate) => candidate.node === left);
      const binding = leftPath ? resolveBinding(leftPath, name) : undefined;
      return binding ? variableFacts(binding, name, index, options) : undefined;
    }
    if (MEMBER_TYPES.has(left.type)) return memberFacts(index.textOf(left), left, index);
  }
  if (CLASS_FIELDS.has(parent.type) && outer.name === "value") {
    const key = asNode(parent["key"]);
    const name = parent["computed"] ? undefined : identifierName(key) ?? (key?.type === "PrivateName" ? `#${identifierName(asNode(key["id"])) ?? ""}` : undefined);
    if (name !== undefined) return memberFacts(`this.${name}`, parent, index);
  }
  return undefined;
}

/** Assignments that can leave the promise in the target: `=`, `||=`, `&&=`, `??=`. */
const STORING_OPERATORS: ReadonlySet<string> = new Set(["=", "||=", "&&=", "??="]);

const CLASS_FIELDS: ReadonlySet<string> = new Set(["ClassProperty", "ClassPrivateProperty", "ClassAccessorProperty"]);

/** Operators that use their operands as values: arithmetic, bitwise, ordering (not `===`, `instanceof`, `in`). */
const VALUE_OPERATORS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "%", "**", "<<", ">>", ">>>", "&", "|", "^", "<", ">", "<=", ">="]);

/**
 * A variable's references. When the variable is assigned again anywhere,
 * which value a later use sees is not known: only its promise uses count.
 */
function variableFacts(binding: AnyPath, name: string, index: FileIndex, options: StoredOptions): StoredFacts {
  const references = referencesOf(index.identifiers(name), binding, name);
  const reassigned = references.some(isAssignedTo);
  const out: StoredReference[] = [];
  for (const reference of references) {
    const node = nodeOf(reference);
    const line = lineOf(node);
    const typed = options.promiseArguments?.get(rangeKey(node.start ?? -1, node.end ?? -1));
    const use: PromiseUse | undefined = typed !== undefined ? { kind: "typed", detail: `passed to ${typed}, which accepts a promise` } : directPromiseUse(reference, index, options.target);
    if (use) out.push({ kind: "promise", line, use });
    else if (!reassigned) {
      const how = valueUseOf(reference);
      if (how) out.push({ kind: how, line });
    }
  }
  return { name, references: out };
}

/** `this.ready = connect()` (or a field `ready = connect()`) with `await this.ready` elsewhere in the file: promise uses only. */
function memberFacts(text: string, own: AnyNode, index: FileIndex): StoredFacts {
  const out: StoredReference[] = [];
  for (const member of index.members(text)) {
    if (member.node === own) continue;
    const use = directPromiseUse(member, index);
    if (use) out.push({ kind: "promise", line: lineOf(nodeOf(member)), use });
  }
  return { name: text, references: out };
}

function isAssignedTo(reference: AnyPath): boolean {
  let child = reference;
  for (let parent = reference.parent as AnyPath | null; parent; child = parent, parent = parent.parent as AnyPath | null) {
    const node = nodeOf(parent);
    if (node.type === "AssignmentExpression") return child.name === "left";
    if (node.type === "UpdateExpression") return true;
    if (node.type === "ForOfStatement" || node.type === "ForInStatement") return child.name === "left";
    const inPattern = node.type === "ArrayPattern" || node.type === "ObjectPattern" || node.type === "RestElement"
      || node.type === "AssignmentPattern" || ((node.type === "ObjectProperty" || node.type === "Property") && child.name === "value" && nodeOf(parent.parent as AnyPath).type === "ObjectPattern");
    if (!inPattern) return false;
  }
  return false;
}

/** How a reference uses the value, when it does: as the value itself, or handed to a function. */
function valueUseOf(reference: AnyPath): "value" | "argument" | undefined {
  const outer = climbWrappers(reference);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  const key = outer.name;
  if (MEMBER_TYPES.has(parent.type) && key === "object") return "value";
  if ((CALL_TYPES.has(parent.type) || parent.type === "NewExpression") && key === "callee") return "value";
  if (parent.type === "TaggedTemplateExpression" && key === "tag") return "value";
  if ((CALL_TYPES.has(parent.type) || parent.type === "NewExpression") && outer.listKey === "arguments") return "argument";
  if (parent.type === "BinaryExpression" && VALUE_OPERATORS.has(parent["operator"] as string)) return "value";
  if (parent.type === "BinaryExpression" && comparesWithNothing(parent)) return "value";
  if (parent.type === "UnaryExpression" && (parent["operator"] === "-" || parent["operator"] === "+" || parent["operator"] === "~")) return "value";
  if (parent.type === "TemplateLiteral" || parent.type === "SpreadElement") return "value";
  if (parent.type === "ForOfStatement" && key === "right") return "value";
  return undefined;
}

/**
 * `x === undefined`, `x == null`, `x !== void 0`: a promise is never nothing,
 * so the check is about the value (always false, or always true, on the promise).
 */
function comparesWithNothing(comparison: AnyNode): boolean {
  if (!EQUALITY_OPERATORS.has(comparison["operator"] as string)) return false;
  const isNothing = (side: AnyNode | undefined) => {
    const operand = side ? unwrap(side) : undefined;
    return operand?.type === "NullLiteral" || (operand?.type === "Identifier" && operand["name"] === "undefined")
      || (operand?.type === "UnaryExpression" && operand["operator"] === "void");
  };
  return isNothing(asNode(comparison["left"])) || isNothing(asNode(comparison["right"]));
}

const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(["===", "!==", "==", "!="]);

function lineOf(node: AnyNode): number {
  return node.loc?.start.line ?? 0;
}
