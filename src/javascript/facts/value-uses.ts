/**
 * Where a function is handed, as a value, to code that calls it without
 * awaiting: passed to a call or a JSX attribute, or stored to be called
 * later (an object, an array, an assignment). Propagation stops there
 * (promotion.ts), and reports such a use of a function made async in
 * another file (callback-references.ts).
 */
import { asNode, CALL_TYPES, climbWrappers, identifierName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { resolveBinding } from "./bindings";
import { pathAt } from "./paths";
import { scopeOf } from "./scope";
import { walk } from "./walk";

/**
 * Where the function is handed to other code as a value, which then calls it
 * without awaiting: an argument (`arr.map(f)`, `emitter.on("x", f)`,
 * `new Promise(f)`), or a JSX attribute (`onClick={f}`). Described, or undefined.
 */
export function callbackUse(fnPath: AnyPath, naming: { readonly name: string; readonly binding?: AnyNode } | undefined): string | undefined {
  const direct = asArgument(climbWrappers(fnPath));
  if (direct) return passedTo(direct);
  if (!naming?.binding) return undefined;
  const references = referencesOf(fnPath, naming.name);
  for (const reference of references) {
    if (reference.node === naming.binding) continue;
    const value = climbWrappers(reference);
    const argument = asArgument(value);
    const stored = argument === undefined ? storedAs(value) : undefined;
    if ((argument || stored) && resolveBinding(reference, naming.name)?.node === naming.binding) return argument ? passedTo(argument) : storedValue(stored!);
  }
  return undefined;
}

export function passedTo(where: string): string {
  return `passed as a callback ${where}, which does not await it`;
}

export function storedValue(where: string): string {
  return `stored as a value ${where}, from where it is called without await`;
}

/**
 * Where a function is kept as a value to be called later: a property of an
 * object (`{ onDone: f }`), an element of an array (`[f, g]`), assigned
 * (`handlers.done = f`, `const g = f`). Not an export (`module.exports = { f }`,
 * `exports.f = f`): its importers call it by name. Described, or undefined.
 */
export function storedAs(value: AnyPath): string | undefined {
  const parentPath = value.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  if (parent.type === "ObjectProperty" && value.key === "value") {
    const object = parentPath.parent as AnyPath | null;
    // `const { f } = o` binds another f: only an object literal stores this one.
    if (!object || nodeOf(object).type !== "ObjectExpression" || isExportsObject(object)) return undefined;
    const key = identifierName(asNode(parent["key"])) ?? (asNode(parent["key"])?.["value"] as string | undefined);
    return `in an object${key === undefined ? "" : ` (as ${key})`}`;
  }
  if (parent.type === "ArrayExpression") return "in an array";
  if (parent.type === "AssignmentExpression" && value.key === "right") {
    const left = asNode(parent["left"]);
    if (!left || exportsProperty(left) !== undefined || isModuleExports(left)) return undefined;
    return `in ${calleeText(unwrap(left))}`;
  }
  if (parent.type === "VariableDeclarator" && value.key === "init") return `in ${identifierName(asNode(parent["id"])) ?? "a variable"}`;
  return undefined;
}

/** `module.exports = { f }`: the object a CommonJS module exports. */
function isExportsObject(object: AnyPath): boolean {
  const assignment = climbWrappers(object);
  const parent = assignment.parent ? nodeOf(assignment.parent as AnyPath) : undefined;
  return parent?.type === "AssignmentExpression" && assignment.key === "right" && isModuleExports(asNode(parent["left"]));
}

function isModuleExports(node: AnyNode | undefined): boolean {
  return node?.type === "MemberExpression" && identifierName(asNode(node["object"])) === "module" && identifierName(asNode(node["property"])) === "exports";
}

/**
 * A callback written inline in `xs.map(…)` in an async function: awaiting
 * `Promise.all` of the mapped promises would give the values, but runs the
 * calls concurrently where they ran one after another, which only a person
 * can judge: a hint, not an edit.
 */
export function concurrentMapHint(fnPath: AnyPath): string {
  const value = climbWrappers(fnPath);
  const call = value.parent as AnyPath | null;
  if (!call || value.listKey !== "arguments" || !CALL_TYPES.has(nodeOf(call).type)) return "";
  const callee = unwrap(asNode(nodeOf(call)["callee"]) ?? nodeOf(call));
  if (!(callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") || identifierName(asNode(callee["property"])) !== "map") return "";
  if (scopeOf(call, { topLevelAsync: false }).kind !== "async") return "";
  return ` (here, in an async function, \`await Promise.all(${calleeText(callee)}(async …))\` gives the values, if running the calls concurrently is right)`;
}

function asArgument(value: AnyPath): string | undefined {
  const parentPath = value.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  if ((CALL_TYPES.has(parent.type) || parent.type === "NewExpression") && value.listKey === "arguments") {
    const callee = unwrap(asNode(parent["callee"]) ?? parent);
    return parent.type === "NewExpression" ? `to new ${calleeText(callee)}()` : `to ${calleeText(callee)}()`;
  }
  if (parent.type === "JSXExpressionContainer") {
    const attribute = parentPath.parent ? nodeOf(parentPath.parent as AnyPath) : undefined;
    const name = attribute?.type === "JSXAttribute" ? identifierName(asNode(attribute["name"])) ?? asNode(attribute["name"])?.["name"] : undefined;
    return `in JSX${typeof name === "string" ? ` (${name})` : ""}`;
  }
  return undefined;
}

export function calleeText(callee: AnyNode): string {
  if (callee.type === "Identifier") return callee["name"] as string;
  if (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") {
    const property = asNode(callee["property"]);
    const object = asNode(callee["object"]);
    const left = object ? calleeText(unwrap(object)) : "…";
    return property?.type === "Identifier" && callee["computed"] !== true ? `${left}.${property["name"] as string}` : `${left}[…]`;
  }
  if (callee.type === "ThisExpression") return "this";
  if (callee.type === "ArrayExpression") return "[…]";
  if (CALL_TYPES.has(callee.type)) return `${calleeText(unwrap(asNode(callee["callee"]) ?? callee))}(…)`;
  return "…";
}

/** Identifier paths named `name` in the file (one plain walk; paths only for the matches). */
function referencesOf(from: AnyPath, name: string): AnyPath[] {
  let root: AnyPath = from;
  while (root.parent) root = root.parent as AnyPath;
  const found: (readonly (string | number)[])[] = [];
  walk(nodeOf(root), { skipTypes: true }, (node, keys) => {
    if (node.type === "Identifier" && node["name"] === name) found.push([...keys]);
  });
  return found.map((keys) => pathAt(root, keys));
}

/** `exports.f`, `module.exports.f`: "f". */
export function exportsProperty(left: AnyNode | undefined): string | undefined {
  if (!left || left.type !== "MemberExpression" || left["computed"] === true) return undefined;
  const object = asNode(left["object"]);
  const property = identifierName(asNode(left["property"]));
  const isExports = identifierName(object) === "exports"
    || (object?.type === "MemberExpression" && identifierName(asNode(object["object"])) === "module" && identifierName(asNode(object["property"])) === "exports");
  return isExports ? property : undefined;
}
