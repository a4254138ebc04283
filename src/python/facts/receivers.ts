/**
 * Where a method target's receiver comes from, when that says the call is a
 * sync API of the same name. In asyncio code a plain `with … as db` holds a
 * sync resource (an async one is entered with `async with`), so `db.execute()`
 * is most likely sqlite3's, not aiosqlite's `execute` the config names; so is
 * `cursor.fetchall()` on `cursor = db.execute(…)`. Awaiting either raises
 * TypeError. Without types this cannot be proven either way: the site is
 * manual, never an edit (decide.ts, rule 0b).
 */
import { parentOf, type PyNode } from "../parser";
import { isField, visitOwnScope } from "./scopes";

/** Why the call's receiver looks like a sync resource, or undefined. `owner`: the function the call runs in. */
export function syncReceiverOf(call: PyNode, owner: PyNode): string | undefined {
  const callee = call.childForFieldName("function");
  const receiver = callee?.type === "attribute" ? callee.childForFieldName("object") : null;
  if (receiver?.type !== "identifier") return undefined;
  const origin = syncOrigin(receiver.text, call.startIndex, owner, 3);
  return origin === undefined ? undefined : `the receiver ${receiver.text} ${origin}: probably a sync API of the same name, which an await would break; await it by hand if it is the target`;
}

/** How `name`, as last bound before `before` in `owner`'s own body, comes from a sync resource. */
function syncOrigin(name: string, before: number, owner: PyNode, depth: number): string | undefined {
  const binding = lastBinding(name, before, owner);
  if (!binding) return undefined;
  if (binding.type === "with_item") {
    const statement = parentOf(parentOf(binding));
    if (statement?.children.some((child) => child?.type === "async")) return undefined;
    return `is entered with a plain with (line ${binding.startPosition.row + 1}), not async with`;
  }
  // `cursor = db.execute(…)`: a method call on a sync resource gives one too.
  const value = binding.childForFieldName("right");
  const callee = value?.type === "call" ? value.childForFieldName("function") : null;
  const object = callee?.type === "attribute" ? callee.childForFieldName("object") : null;
  if (object?.type !== "identifier" || depth === 0) return undefined;
  const from = syncOrigin(object.text, binding.startIndex, owner, depth - 1);
  return from === undefined ? undefined : `comes from ${object.text} (line ${binding.startPosition.row + 1}), which ${from}`;
}

/** The last `with … as name` item or `name = …` assignment before `before`, in `owner`'s own scope (not in a nested function, lambda, class or comprehension). */
function lastBinding(name: string, before: number, owner: PyNode): PyNode | undefined {
  let last: { binding: PyNode; at: number } | undefined;
  visitOwnScope(owner, (node) => {
    if (node.startIndex >= before || (last && node.startIndex <= last.at)) return;
    if (node.type === "as_pattern_target") {
      const item = parentOf(parentOf(node));
      if (node.text === name && item?.type === "with_item") last = { binding: item, at: node.startIndex };
    } else if (node.type === "assignment") {
      const left = node.childForFieldName("left");
      if (left?.type === "identifier" && left.text === name && isField(node, "left", left)) last = { binding: node, at: node.startIndex };
    }
  });
  return last?.binding;
}
