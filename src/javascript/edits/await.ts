/**
 * `f()` → `await f()`, with parentheses where the grammar or a reader needs
 * them: `(await f()).x`, `!(await f())`, `(await f()) || y`,
 * `(await f()) as T`, `(await f())!`. A call already in parentheses keeps
 * them: `(f()).x` → `(await f()).x`.
 */
import { asNode, nodeOf, type AnyNode, type AnyPath } from "../facts/ast";
import { insertion, type TextEdit } from "../../text/edits";

/** Parents under which an awaited call is parenthesised, by the call's role ("any": every role). */
const NEEDS_PARENS: Readonly<Record<string, ReadonlySet<string> | "any">> = {
  MemberExpression: new Set(["object"]),
  OptionalMemberExpression: new Set(["object"]),
  CallExpression: new Set(["callee"]),
  OptionalCallExpression: new Set(["callee"]),
  NewExpression: new Set(["callee"]),
  TaggedTemplateExpression: new Set(["tag"]),
  ClassDeclaration: new Set(["superClass"]),
  ClassExpression: new Set(["superClass"]),
  ConditionalExpression: new Set(["test"]),
  UnaryExpression: "any",
  UpdateExpression: "any",
  BinaryExpression: "any",
  LogicalExpression: "any",
  TSNonNullExpression: "any",
  TSAsExpression: "any",
  TSSatisfiesExpression: "any",
  TSTypeAssertion: "any",
  TSInstantiationExpression: "any",
  TypeCastExpression: "any",
};

export function needsParens(call: AnyPath): boolean {
  if ((nodeOf(call)["extra"] as { parenthesized?: boolean } | undefined)?.parenthesized) return false;
  const parentPath = call.parent as AnyPath | null;
  if (!parentPath) return false;
  const parent = nodeOf(parentPath);
  // `a < b > (await f())` would read as the generic call `a<b>(…)` in TypeScript;
  // `a < b > await f()` keeps the comparison, and needs no parentheses to be read right.
  if (parent.type === "BinaryExpression" && parent["operator"] === ">" && call.name === "right") return false;
  const rule = NEEDS_PARENS[parent.type];
  if (rule === undefined) return false;
  return rule === "any" || rule.has(String(call.name));
}

/** Marks a `;` that keeps a statement from continuing the line above; one per offset is enough. */
export const ASI_GUARD_RANK = Number.MIN_SAFE_INTEGER;

export function awaitEdits(call: AnyPath, source: string): TextEdit[] {
  const node = nodeOf(call);
  const start = node.start!;
  const end = node.end!;
  const span = end - start;
  if (!needsParens(call)) return [insertion(start, "await ", -span)];
  const edits = [insertion(start, "(await ", -span), insertion(end, ")", span - Number.MAX_SAFE_INTEGER)];
  if (needsAsiGuard(call, source)) edits.push(insertion(start, ";", ASI_GUARD_RANK));
  return edits;
}

/**
 * A statement that now starts with `(` would continue the previous line in
 * code written without semicolons (`a = b\n(await f()).x` calls `b`), so it
 * gets a leading `;`, the way semicolon-free styles write it.
 */
function needsAsiGuard(call: AnyPath, source: string): boolean {
  const start = nodeOf(call).start!;
  let current: AnyPath | null = call.parent as AnyPath | null;
  while (current && nodeOf(current).type !== "ExpressionStatement") {
    if (nodeOf(current).start !== start) return false;
    current = current.parent as AnyPath | null;
  }
  if (!current || nodeOf(current).start !== start) return false;
  const previous = previousStatement(current);
  if (!previous) return false;
  const last = source.slice(0, previous.end ?? 0).trimEnd().slice(-1);
  return !(last === ";" || (last === "}" && endsWithBlock(previous)));
}

/** The statement (or directive, such as `"use server"`) just before `statement` in its body. */
function previousStatement(statement: AnyPath): AnyNode | undefined {
  const siblings = statement.siblings;
  if (!siblings) return undefined;
  const index = siblings.indexOf(statement.node);
  if (index > 0) return asNode(siblings[index - 1]);
  // Babel keeps directives apart from the body.
  const directives = statement.parent?.node["directives"];
  return Array.isArray(directives) && directives.length > 0 ? asNode(directives[directives.length - 1]) : undefined;
}

/**
 * Whether a statement's closing `}` ends the statement: `if (c) {}` does,
 * `if (c) y = {}` and `x = {}` do not.
 */
function endsWithBlock(statement: AnyNode): boolean {
  switch (statement.type) {
    case "BlockStatement":
    case "FunctionDeclaration":
    case "ClassDeclaration":
    case "TryStatement":
    case "SwitchStatement":
    case "TSInterfaceDeclaration":
    case "TSModuleDeclaration":
    case "TSEnumDeclaration":
      return true;
    case "IfStatement":
      return endsWithBlock(asNode(statement["alternate"]) ?? asNode(statement["consequent"])!);
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "WhileStatement":
    case "LabeledStatement":
    case "WithStatement":
      return endsWithBlock(asNode(statement["body"])!);
    case "ExportNamedDeclaration":
    case "ExportDefaultDeclaration": {
      const declaration = asNode(statement["declaration"]);
      return declaration !== undefined && declaration.type !== "ClassExpression" && endsWithBlock(declaration);
    }
    default:
      return false;
  }
}
