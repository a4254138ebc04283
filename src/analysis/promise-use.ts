/**
 * Is the promise a call returns used *as a promise* on purpose? Those sites
 * are left alone in every scope: awaiting them would either change nothing or
 * break the code that consumes the promise (`.then` on a resolved value).
 */
import type { ReturnAwait } from "../config/schema";
import { asNode, climbWrappers, FUNCTION_TYPES, identifierName, isPromiseCombinatorCall, MEMBER_TYPES, memberPropertyName, nodeOf, type AnyNode, type AnyPath } from "./ast";
import { referencesOf, resolveBinding } from "./bindings";

export type PromiseUse =
  | { readonly kind: "awaited" }
  | { readonly kind: "void" }
  | { readonly kind: "chained"; readonly method: string }
  | { readonly kind: "combinator"; readonly combinator: string }
  | { readonly kind: "returned"; readonly inTry: boolean }
  | { readonly kind: "stored"; readonly variable: string; readonly line: number; readonly use: PromiseUse }
  /** Known from types only (typed engine): a promise-typed parameter or variable. */
  | { readonly kind: "typed"; readonly detail: string };

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
}

/** How the value of `path` is consumed, ignoring storage in a variable. */
export function directPromiseUse(path: AnyPath): PromiseUse | undefined {
  const outer = climbValuePosition(path);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  const key = outer.name;

  if (parent.type === "AwaitExpression") return { kind: "awaited" };
  if (parent.type === "UnaryExpression" && parent["operator"] === "void") return { kind: "void" };
  if (MEMBER_TYPES.has(parent.type) && key === "object") {
    const method = memberPropertyName(parent);
    if (method !== undefined && CHAIN_METHODS.has(method)) return { kind: "chained", method };
  }
  if (isPromiseCombinatorCall(parent) && isArgument(outer)) return { kind: "combinator", combinator: combinatorName(parent) };
  if (parent.type === "ArrayExpression") {
    const array = climbWrappers(parentPath);
    const call = array.parent ? nodeOf(array.parent as AnyPath) : undefined;
    if (call && isPromiseCombinatorCall(call) && isArgument(array)) return { kind: "combinator", combinator: combinatorName(call) };
  }
  if (parent.type === "ReturnStatement") return { kind: "returned", inTry: isInTry(outer) };
  if (parent.type === "ArrowFunctionExpression" && key === "body") return { kind: "returned", inTry: false };
  return undefined;
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

function isArgument(path: AnyPath): boolean {
  return path.listKey === "arguments";
}

function combinatorName(call: AnyNode): string {
  const callee = asNode(call["callee"]);
  return `Promise.${callee ? memberPropertyName(callee) ?? "all" : "all"}`;
}

/**
 * In a `try` block (or a `catch` with a `finally`) of the same function: a
 * returned promise must be awaited there, or its rejection escapes the handler.
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
    child = current;
    current = current.parent as AnyPath | null;
  }
  return false;
}

/**
 * The full check: used directly as a promise, or stored (`const p = f()`,
 * `p = c ? f() : q`, `p ??= f()`, `this.ready = f()`, a class field
 * `ready = f()`) in a variable or member that is somewhere used as a promise.
 */
export function promiseUse(path: AnyPath, index: FileIndex): PromiseUse | undefined {
  const direct = directPromiseUse(path);
  if (direct) return direct;
  const outer = climbValuePosition(path);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  if (parent.type === "VariableDeclarator" && outer.name === "init") {
    const id = asNode(parent["id"]);
    const name = identifierName(id);
    if (name === undefined) return undefined;
    const binding = index.identifiers(name).find((candidate) => candidate.node === id);
    return binding ? storedUse(binding, name, index) : undefined;
  }
  if (parent.type === "AssignmentExpression" && STORING_OPERATORS.has(parent["operator"] as string) && outer.name === "right") {
    const left = asNode(parent["left"]);
    if (!left) return undefined;
    const name = identifierName(left);
    if (name !== undefined) {
      const leftPath = index.identifiers(name).find((candidate) => candidate.node === left);
      const binding = leftPath ? resolveBinding(leftPath, name) : undefined;
      return binding ? storedUse(binding, name, index) : undefined;
    }
    if (MEMBER_TYPES.has(left.type)) return storedMemberUse(index.textOf(left), left, index);
  }
  if (CLASS_FIELDS.has(parent.type) && outer.name === "value") {
    const key = asNode(parent["key"]);
    const name = parent["computed"] ? undefined : identifierName(key) ?? (key?.type === "PrivateName" ? `#${identifierName(asNode(key["id"])) ?? ""}` : undefined);
    if (name !== undefined) return storedMemberUse(`this.${name}`, parent, index);
  }
  return undefined;
}

/** Assignments that can leave the promise in the target: `=`, `||=`, `&&=`, `??=`. */
const STORING_OPERATORS: ReadonlySet<string> = new Set(["=", "||=", "&&=", "??="]);

const CLASS_FIELDS: ReadonlySet<string> = new Set(["ClassProperty", "ClassPrivateProperty", "ClassAccessorProperty"]);

function storedUse(binding: AnyPath, name: string, index: FileIndex): PromiseUse | undefined {
  for (const reference of referencesOf(index.identifiers(name), binding, name)) {
    const use = directPromiseUse(reference);
    if (use) {
      return { kind: "stored", variable: name, line: lineOf(nodeOf(reference)), use };
    }
  }
  return undefined;
}

/** `this.ready = connect()` (or a field `ready = connect()`) with `await this.ready` elsewhere in the file. */
function storedMemberUse(text: string, own: AnyNode, index: FileIndex): PromiseUse | undefined {
  for (const member of index.members(text)) {
    if (member.node === own) continue;
    const use = directPromiseUse(member);
    if (use) return { kind: "stored", variable: text, line: lineOf(nodeOf(member)), use };
  }
  return undefined;
}

function lineOf(node: AnyNode): number {
  return node.loc?.start.line ?? 0;
}

/** Whether a returned promise should be awaited under the `returnAwait` option. */
export function shouldAwaitReturn(use: Extract<PromiseUse, { kind: "returned" }>, policy: ReturnAwait): boolean {
  if (policy === "always") return true;
  if (policy === "never") return false;
  return use.inTry;
}
