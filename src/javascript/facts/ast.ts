/**
 * Small helpers over Babel AST nodes and their paths, shared by the analysis
 * steps.
 */
import type { AstPath } from "./paths";

/** A Babel/ESTree node seen through its `type` tag; fields are checked before use. */
export interface AnyNode {
  readonly type: string;
  readonly start?: number | null;
  readonly end?: number | null;
  readonly loc?: { start: { line: number; column: number } } | null;
  [key: string]: unknown;
}

export type AnyPath = AstPath;

export function nodeOf(path: { readonly node: unknown }): AnyNode {
  return path.node as AnyNode;
}

export function asNode(value: unknown): AnyNode | undefined {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
    ? (value as AnyNode)
    : undefined;
}

export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ObjectMethod",
  "ClassMethod",
  "ClassPrivateMethod",
]);

export const CALL_TYPES: ReadonlySet<string> = new Set(["CallExpression", "OptionalCallExpression"]);
/** Where a function is called: calls, and tagged templates (`sql\`select 1\``, which calls its tag). */
export const SITE_TYPES: ReadonlySet<string> = new Set([...CALL_TYPES, "TaggedTemplateExpression"]);
export const MEMBER_TYPES: ReadonlySet<string> = new Set(["MemberExpression", "OptionalMemberExpression"]);

/**
 * Wrappers that change neither the value nor who consumes it: parentheses
 * and TypeScript/Flow type-only syntax (`f() as X`, `f()!`, `<X>f()`).
 */
const TRANSPARENT_WRAPPERS: ReadonlySet<string> = new Set([
  "ParenthesizedExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TypeCastExpression",
]);

export function isTransparentWrapper(node: AnyNode): boolean {
  return TRANSPARENT_WRAPPERS.has(node.type);
}

/** Climbs from `path` through transparent wrappers; returns the outermost wrapper (or `path`). */
export function climbWrappers(path: AnyPath): AnyPath {
  let current = path;
  while (current.parent && isTransparentWrapper(nodeOf(current.parent)) && isWrappedChild(current)) {
    current = current.parent as AnyPath;
  }
  return current;
}

function isWrappedChild(path: AnyPath): boolean {
  return path.name === "expression";
}

/** What a site calls: a call's callee, a tagged template's tag. */
export function calleeOf(site: AnyNode): AnyNode | undefined {
  return asNode(site["callee"]) ?? (site.type === "TaggedTemplateExpression" ? asNode(site["tag"]) : undefined);
}

/** Removes transparent wrappers from an expression node. */
export function unwrap(node: AnyNode): AnyNode {
  let current = node;
  while (isTransparentWrapper(current)) {
    const inner = asNode(current["expression"]);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The static property name of a member expression, for `a.b` and `a["b"]`. */
export function memberPropertyName(node: AnyNode): string | undefined {
  if (!MEMBER_TYPES.has(node.type)) return undefined;
  const property = asNode(node["property"]);
  if (!property) return undefined;
  if (!node["computed"] && property.type === "Identifier") return property["name"] as string;
  if (node["computed"] && property.type === "StringLiteral") return property["value"] as string;
  return undefined;
}

export function identifierName(node: AnyNode | undefined): string | undefined {
  return node && node.type === "Identifier" ? (node["name"] as string) : undefined;
}

/** `Promise.all` and friends: calls whose arguments are meant to be promises. */
const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(["all", "allSettled", "race", "any"]);

export function isPromiseCombinatorCall(node: AnyNode): boolean {
  if (!CALL_TYPES.has(node.type)) return false;
  const callee = unwrap(asNode(node["callee"]) ?? node);
  if (!MEMBER_TYPES.has(callee.type)) return false;
  const object = unwrap(asNode(callee["object"]) ?? callee);
  const method = memberPropertyName(callee);
  return identifierName(object) === "Promise" && method !== undefined && PROMISE_COMBINATORS.has(method);
}

export function isStringLiteral(node: AnyNode | undefined): node is AnyNode & { value: string } {
  return node !== undefined && (node.type === "StringLiteral" || (node.type === "Literal" && typeof node["value"] === "string"));
}

/** `require("m")` with a literal specifier: returns "m". */
export function requiredModule(node: AnyNode | undefined): string | undefined {
  if (!node || node.type !== "CallExpression") return undefined;
  if (identifierName(asNode(node["callee"])) !== "require") return undefined;
  const args = node["arguments"] as AnyNode[];
  const first = args.length === 1 ? args[0] : undefined;
  return isStringLiteral(first) ? first.value : undefined;
}
