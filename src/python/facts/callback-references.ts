/**
 * A def another module made async (propagation), passed here as a value to
 * other code: `from .users import user_name`, then `map(user_name, ids)`,
 * `Thread(target=user_name)`, `sorted(xs, key=users.user_name)`. Its caller
 * there does not await it, and no call site shows it: each such reference is
 * reported `manual`, with the chain. (In its own module the same use stops
 * propagation before the def is made async; see promotion.ts.)
 */
import type { Target } from "../../config/schema";
import type { CallbackReference } from "../../decision/propagation";
import { parentOf, type PyNode } from "../parser";
import { moduleMatches, type ModuleImports } from "./imports";
import { isLocallyBound } from "./scopes";

export function pythonCallbackReferences(root: PyNode, targets: readonly Target[], input: { readonly imports: ModuleImports; readonly file: string }): CallbackReference[] {
  const foreign = targets.filter((t) => t.propagated?.kind === "function" && t.propagated.file !== input.file && t.module !== undefined);
  if (foreign.length === 0) return [];
  const names = new Set(foreign.map((t) => t.name));
  const found: CallbackReference[] = [];
  for (const node of root.descendantsOfType(["identifier", "attribute"])) {
    if (!node) continue;
    const how = valueUse(node);
    if (!how) continue;
    const target = node.type === "identifier" ? importedTarget(node, foreign, input.imports) : moduleMemberTarget(node, foreign, names, input.imports);
    if (!target) continue;
    found.push({ target, how, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  }
  return found;
}

/**
 * How a function, as the value `node`, is handed to code that calls it
 * without awaiting: passed to a call (`map(f, xs)`, `Thread(target=f)`), or
 * stored to be called later (`{"k": f}`, `[f]`, `handlers.done = f`,
 * `g = f`). Undefined when it is neither (a call of it, an import).
 */
export function valueUse(node: PyNode): string | undefined {
  let parent = parentOf(node);
  if (parent?.type === "keyword_argument") {
    if (parent.childForFieldName("value")?.id !== node.id) return undefined;
    parent = parentOf(parent);
  }
  if (parent?.type === "argument_list") {
    const call = parentOf(parent);
    return call?.type === "call" ? `passed as a callback to ${calleeText(call)}(), which does not await it` : undefined;
  }
  if (!parent) return undefined;
  const stored = (where: string) => `stored as a value ${where}, from where it is called without await`;
  if (parent.type === "pair" && parent.childForFieldName("value")?.id === node.id) return stored(`in a dict (as ${parent.childForFieldName("key")?.text ?? "a key"})`);
  if (parent.type === "list" || parent.type === "tuple" || parent.type === "set") return stored(`in a ${parent.type}`);
  if (parent.type === "assignment" && parent.childForFieldName("right")?.id === node.id) return stored(`in ${parent.childForFieldName("left")?.text ?? "a variable"}`);
  return undefined;
}

/** `user_name`, imported by `from m import user_name [as alias]` from the target's module, and not rebound closer. */
function importedTarget(node: PyNode, foreign: readonly Target[], imports: ModuleImports): Target | undefined {
  const binding = imports.fromImport(node.text, node);
  if (!binding) return undefined;
  const target = foreign.find((t) => t.name === binding.imported && moduleMatches(binding, t.module!));
  return target && !isLocallyBound(node, node.text, binding.owner) ? target : undefined;
}

/** `users.user_name`, with `users` the target's module (`import app.users as users`, `from app import users`). */
function moduleMemberTarget(node: PyNode, foreign: readonly Target[], names: ReadonlySet<string>, imports: ModuleImports): Target | undefined {
  const property = node.childForFieldName("attribute");
  const object = node.childForFieldName("object");
  if (!property || !object || !names.has(property.text)) return undefined;
  const module = imports.moduleOfExpression(object, node);
  const target = foreign.find((t) => t.name === property.text && moduleMatches(module, t.module!));
  return target && !isLocallyBound(node, object.text.split(".")[0]!) ? target : undefined;
}

function calleeText(call: PyNode): string {
  const text = call.childForFieldName("function")?.text.replace(/\s+/g, "") ?? "…";
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
