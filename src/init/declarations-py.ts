/**
 * Python: every function and method a module defines, as facts (facts.ts).
 *
 *   async def f(): ...                     f: async
 *   class C:  async def m(self): ...       m: async, in class C (also decorated)
 *   def f(): ...                           f: sync
 *   async def f(): yield x                 f: other (an async generator is iterated, not awaited)
 *
 * Return annotations are not read: a `def` returning an awaitable is
 * rare, and the engine's Python rules are about coroutines of `async def`.
 */
import type { PyNode } from "../python/parser";
import type { CallKind, FunctionFact } from "./facts";

/** Where a nested scope starts: a `yield` inside it is not the enclosing function's. */
const SCOPES: ReadonlySet<string> = new Set(["function_definition", "lambda", "class_definition"]);

/** `root` is the module node of `file`'s tree. */
export function pythonFunctionFacts(root: PyNode, file: string): FunctionFact[] {
  const facts: FunctionFact[] = [];
  // An explicit stack: tree-sitter trees may be deeper than the call stack.
  const stack: { node: PyNode; owner: string | undefined }[] = [{ node: root, owner: undefined }];
  while (stack.length > 0) {
    const { node, owner } = stack.pop()!;
    if (node.type === "function_definition") {
      const name = node.childForFieldName("name");
      if (name) facts.push({ name: name.text, file, line: name.startPosition.row + 1, kind: callKind(node), container: owner ?? file, language: "python" });
    }
    for (const child of node.children) {
      if (!child) continue;
      // A class's methods are the definitions directly in its block (decorated or not).
      const childOwner = node.type === "class_definition" ? (child.type === "block" ? `${file}:${node.startIndex}` : undefined)
        : node.type === "block" || node.type === "decorated_definition" ? owner
        : undefined;
      stack.push({ node: child, owner: childOwner });
    }
  }
  return facts;
}

function callKind(definition: PyNode): CallKind {
  if (!definition.children.some((child) => child?.type === "async")) return "sync";
  return yields(definition) ? "other" : "async";
}

function yields(definition: PyNode): boolean {
  const body = definition.childForFieldName("body");
  const stack: PyNode[] = body ? [body] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "yield") return true;
    for (const child of node.children) if (child && !SCOPES.has(child.type)) stack.push(child);
  }
  return false;
}
