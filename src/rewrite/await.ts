/**
 * `f()` → `await f()`, with parentheses where the grammar or a reader needs
 * them: `(await f()).x`, `!(await f())`, `(await f()) || y`,
 * `(await f()) as T`, `(await f())!`. A call already in parentheses keeps
 * them: `(f()).x` → `(await f()).x`.
 */
import { asNode, nodeOf, type AnyPath } from "../analysis/ast";
import { insertion, type TextEdit } from "./text-edits";

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
  TypeCastExpression: "any",
};

export function needsParens(call: AnyPath): boolean {
  if ((nodeOf(call)["extra"] as { parenthesized?: boolean } | undefined)?.parenthesized) return false;
  const parentPath = call.parent as AnyPath | null;
  if (!parentPath) return false;
  const rule = NEEDS_PARENS[nodeOf(parentPath).type];
  if (rule === undefined) return false;
  return rule === "any" || rule.has(String(call.name));
}

export function awaitEdits(call: AnyPath, source: string): TextEdit[] {
  const node = nodeOf(call);
  const start = node.start!;
  const end = node.end!;
  const span = end - start;
  if (!needsParens(call)) return [insertion(start, "await ", -span)];
  const guard = needsAsiGuard(call, source) ? ";" : "";
  return [insertion(start, `${guard}(await `, -span), insertion(end, ")", span - Number.MAX_SAFE_INTEGER)];
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
  const siblings = (current as AnyPath & { parentPath: AnyPath | null }).parentPath?.value;
  if (!Array.isArray(siblings)) return false;
  const index = siblings.indexOf(current.node);
  const before = index > 0 ? asNode(siblings[index - 1]) : undefined;
  if (!before) return false;
  // `export function f() {}` ends like its declaration.
  const previous = before.type.startsWith("Export") ? asNode(before["declaration"]) ?? before : before;
  const last = source.slice(0, before.end ?? 0).trimEnd().slice(-1);
  // `if (c) {}` ends the statement at its brace; `x = {}` does not.
  return !(last === ";" || (last === "}" && BLOCK_STATEMENTS.has(previous.type)));
}

const BLOCK_STATEMENTS: ReadonlySet<string> = new Set([
  "BlockStatement", "IfStatement", "ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement",
  "TryStatement", "SwitchStatement", "FunctionDeclaration", "ClassDeclaration", "TSInterfaceDeclaration",
  "TSModuleDeclaration", "TSEnumDeclaration",
]);
