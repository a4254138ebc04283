/**
 * Propagation facts for JavaScript and TypeScript: can the sync function a
 * target call sits in be made async, and by what name do its callers call
 * it? Plain records; the decision (decision/decide.ts) reads them, the edit
 * (rewrite/make-async.ts) writes them.
 *
 * Made async: function declarations, `const f = () => …` / `function` expressions
 * bound to a name (also `exports.f = …`), object and class methods, arrow
 * class properties. Left alone, with the reason (a "stop"): constructors,
 * getters and setters, generators, class field initialisers and static
 * blocks, the module top level, a function passed as a callback (its caller
 * does not await it), a JSX component (React renders it synchronously), an
 * anonymous function nobody calls by name, a type predicate, a member of a
 * class hierarchy (below), and under `propagate: "internal"` an export of the
 * package's entry point.
 *
 * A class hierarchy: making one member of it async breaks the others, and the
 * callers through the base class or interface. This syntactic check cannot
 * see the hierarchy, so it stops conservatively: a method (static or not,
 * arrow properties included) of a class that has `extends` or `implements`,
 * and a method that a class extending its class in the same file declares
 * again. A typed engine can pass its own check (`PromotionContext.hierarchy`).
 */
import type { Propagate } from "../../config/schema";
import { asNode, CALL_TYPES, climbWrappers, FUNCTION_TYPES, identifierName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { resolveBinding } from "./bindings";
import { commonMethodName } from "../../decision/propagation";
import { packageEntryOf } from "./entry-points";
import { pathAt } from "./paths";
import { scopeOf, type ScopeInfo } from "./scope";
import { walk } from "./walk";

export interface PromotableFunction {
  readonly path: AnyPath;
  /** What its callers call: `load` for `load()`, `m` for `x.m()`. */
  readonly name: string;
  /** `function`: called by name and imported; `method`: called on a receiver. */
  readonly kind: "function" | "method";
  /** Offset of the identifier that binds the name in this file; -1 when none does (`exports.f = …`, methods). */
  readonly nameStart: number;
  /** Offset of its name as declared (a function's identifier, a method's key), or -1: the typed engine finds its callers by this declaration. */
  readonly declaredAt: number;
  /** Where the function starts, 1-based. */
  readonly line: number;
  readonly column: number;
  /** The module's default export: importers call it by any name (`import f from "./x"`). */
  readonly defaultExport: boolean;
}

export type PromotionCheck =
  | { readonly ok: true; readonly fn: PromotableFunction }
  /** `name`: the function that cannot be made async, when it has one; else what the scope is. */
  | { readonly ok: false; readonly reason: string; readonly name: string; readonly readAsValue?: true };

/**
 * Methods the language calls for a value, where no caller awaits: `JSON.stringify`
 * calls `toJSON`, string conversion `toString`, arithmetic `valueOf`, and `await`
 * itself calls a `then` (an async `then` never settles the awaiting code).
 */
const IMPLICITLY_CALLED: ReadonlyMap<string, string> = new Map([
  ["toJSON", "JSON.stringify calls it and serialises what it returns"],
  ["toString", "string conversion calls it for a string"],
  ["toLocaleString", "string conversion calls it for a string"],
  ["valueOf", "conversion to a primitive calls it for a value"],
  ["then", "await and Promise.resolve call it as a thenable's then"],
]);

/**
 * Why the method, a member of a class hierarchy, cannot be made async (alone
 * or with the rest of it); undefined when it can. `declaredAt`: its name's
 * offset, by which the typed engine finds its declaration.
 */
export type HierarchyCheck = (fnPath: AnyPath, declaredAt: number) => HierarchyStop | string | undefined;

/** A stop the typed engine explains; `readAsValue`: the member that blocks declares a value's type, so its callers read one. */
export interface HierarchyStop {
  readonly reason: string;
  readonly readAsValue: boolean;
}

export interface PromotionContext {
  readonly file: string;
  readonly mode: Exclude<Propagate, "off">;
  /** How class hierarchies are seen; absent or "syntactic": `hierarchyStop`, from this file's syntax alone. */
  readonly hierarchy?: "syntactic" | HierarchyCheck;
  /** Callers are found by symbol (typed engine), so a method's name may be common, or private, and still lead only to its own callers. */
  readonly bySymbol?: boolean;
}

export function promotionOf(scope: ScopeInfo, context: PromotionContext): PromotionCheck {
  const fnPath = scope.kind === "forbidden" ? undefined : scope.function;
  if (!fnPath) return { ok: false, name: scope.where, reason: `${scope.where} cannot be made async${scope.where === "the module top level" ? " (no top-level await in this module)" : ""}` };
  const fn = nodeOf(fnPath);
  const naming = nameOf(fnPath);
  const name = naming?.name ?? "an anonymous function";
  // A function that declares a value's type (`(): number`) and cannot become async: a promise returned from it is not what its callers expect.
  const valueTyped = declaresValue(fn);
  const stop = (reason: string): Extract<PromotionCheck, { ok: false }> => ({
    ok: false, name, reason: `${naming ? name : "the function"} cannot be made async: ${reason}`, ...(valueTyped ? { readAsValue: true as const } : {}),
  });
  if (fn.type === "ClassMethod" || fn.type === "ObjectMethod" || fn.type === "ClassPrivateMethod") {
    const kind = fn["kind"] as string;
    if (kind === "constructor") return stop("it is a constructor, which cannot be async");
    if (kind === "get") return { ...stop("it is a getter, which cannot be async"), ...(declaresPromise(fn) ? {} : { readAsValue: true as const }) };
    if (kind === "set") return stop("it is a setter, which cannot be async");
  }
  if (fn["generator"] === true) return stop("it is a generator: async would make it an async generator, which its callers cannot iterate as before");
  const implicit = naming?.kind === "method" ? IMPLICITLY_CALLED.get(naming.name) : undefined;
  if (implicit && !declaresPromise(fn)) return { ...stop(`it is ${naming!.name}: ${implicit}, without awaiting`), readAsValue: true };
  const callback = callbackUse(fnPath, naming);
  if (callback) return stop(`it is ${callback}${concurrentMapHint(fnPath)}`);
  if (returnsJsx(fn)) return stop("it returns JSX: a component is rendered synchronously");
  const returnType = asNode(asNode(fn["returnType"])?.["typeAnnotation"]);
  if (returnType && (returnType.type === "TSTypePredicate" || returnType.type === "TypePredicate")) return stop("its return type is a type predicate, which an async function cannot have");
  if (!naming) return stop("it is anonymous: no caller calls it by name");
  if (naming.private && !context.bySymbol) return stop("it is a private method: its calls are not followed");
  const hierarchy = typeof context.hierarchy === "function"
    ? (naming.kind === "method" ? context.hierarchy(fnPath, naming.declaredAt) : undefined)
    : hierarchyStop(fnPath);
  if (typeof hierarchy === "string") return stop(hierarchy);
  if (hierarchy) return { ...stop(hierarchy.reason), ...(hierarchy.readAsValue ? { readAsValue: true as const } : {}) };
  const common = naming.kind === "method" && !context.bySymbol ? commonMethodName(naming.name) : undefined;
  if (common) return stop(common);
  if (context.mode === "internal" && naming.exported) {
    const entry = packageEntryOf(context.file);
    if (entry) return stop(`it is exported by the package's entry point (package.json "${entry}"): its callers outside the package would break (propagate is "internal")`);
  }
  const start = fn.loc?.start ?? { line: 0, column: 0 };
  const defaultExport = naming.kind === "function" && (naming.binding !== undefined || naming.name === "default") && isDefaultExport(fnPath, naming.name);
  return { ok: true, fn: { path: fnPath, name: naming.name, kind: naming.kind, nameStart: naming.nameStart, declaredAt: naming.declaredAt, line: start.line, column: start.column + 1, defaultExport } };
}

interface Naming {
  readonly name: string;
  readonly kind: "function" | "method";
  readonly nameStart: number;
  readonly declaredAt: number;
  /** The identifier that binds the name, for finding its other references. */
  readonly binding?: AnyNode;
  readonly exported: boolean;
  readonly private?: true;
}

/** By what name callers call the function, when they can. */
function nameOf(fnPath: AnyPath): Naming | undefined {
  const fn = nodeOf(fnPath);
  if (isAnonymousDefaultExport(fnPath)) return { name: "default", kind: "function", nameStart: -1, declaredAt: -1, exported: true };
  if (fn.type === "FunctionDeclaration") {
    const id = asNode(fn["id"]);
    if (!id) return undefined;
    return { name: id["name"] as string, kind: "function", nameStart: id.start ?? -1, declaredAt: id.start ?? -1, binding: id, exported: isExportedDeclaration(fnPath, id["name"] as string) };
  }
  if (fn.type === "ObjectMethod" || fn.type === "ClassMethod" || fn.type === "ClassPrivateMethod") {
    return methodNaming(fn, fnPath);
  }
  const outer = climbWrappers(fnPath);
  const parentPath = outer.parent as AnyPath | null;
  if (!parentPath) return undefined;
  const parent = nodeOf(parentPath);
  if (parent.type === "VariableDeclarator" && outer.name === "init") {
    const id = asNode(parent["id"]);
    if (id?.type !== "Identifier") return undefined;
    const declaration = parentPath.parent as AnyPath | null;
    return { name: id["name"] as string, kind: "function", nameStart: id.start ?? -1, declaredAt: id.start ?? -1, binding: id, exported: declaration !== null && isExportedDeclaration(declaration, id["name"] as string) };
  }
  if (parent.type === "AssignmentExpression" && outer.name === "right") {
    const exported = exportsProperty(asNode(parent["left"]));
    return exported === undefined ? undefined : { name: exported, kind: "function", nameStart: -1, declaredAt: -1, exported: true };
  }
  if ((parent.type === "ObjectProperty" || parent.type === "ClassProperty") && outer.name === "value") {
    return methodNaming(parent, parentPath);
  }
  return undefined;
}

function methodNaming(member: AnyNode, memberPath: AnyPath): Naming | undefined {
  const key = asNode(member["key"]);
  if (!key) return undefined;
  if (key.type === "PrivateName") return { name: `#${identifierName(asNode(key["id"])) ?? ""}`, kind: "method", nameStart: -1, declaredAt: key.start ?? -1, exported: false, private: true };
  if (member["computed"] === true && key.type !== "StringLiteral") return undefined;
  const name = key.type === "Identifier" ? (key["name"] as string) : key.type === "StringLiteral" ? (key["value"] as string) : undefined;
  if (name === undefined) return undefined;
  return { name, kind: "method", nameStart: -1, declaredAt: key.start ?? -1, exported: isInExportedClass(memberPath) };
}

/** `exports.f`, `module.exports.f`: "f". */
function exportsProperty(left: AnyNode | undefined): string | undefined {
  if (!left || left.type !== "MemberExpression" || left["computed"] === true) return undefined;
  const object = asNode(left["object"]);
  const property = identifierName(asNode(left["property"]));
  const isExports = identifierName(object) === "exports"
    || (object?.type === "MemberExpression" && identifierName(asNode(object["object"])) === "module" && identifierName(asNode(object["property"])) === "exports");
  return isExports ? property : undefined;
}

/** `export function f`, `export const f = …`, `export default function f`, or `export { f }` anywhere at the top. */
function isExportedDeclaration(declaration: AnyPath, name: string): boolean {
  const parent = declaration.parent ? nodeOf(declaration.parent as AnyPath) : undefined;
  if (parent && (parent.type === "ExportNamedDeclaration" || parent.type === "ExportDefaultDeclaration")) return true;
  return exportedNames(declaration).has(name);
}

const NOT_A_VALUE: ReadonlySet<string> = new Set(["TSVoidKeyword", "TSAnyKeyword", "TSUnknownKeyword", "TSUndefinedKeyword"]);

/** It declares a return type that is a value: not a promise, and not `void`, `any` or `unknown`. */
function declaresValue(fn: AnyNode): boolean {
  const type = asNode(asNode(fn["returnType"])?.["typeAnnotation"]);
  return type !== undefined && !NOT_A_VALUE.has(type.type) && !declaresPromise(fn);
}

/** Its declared return type is a promise (`get ready(): Promise<void>`): its callers expect one. */
function declaresPromise(fn: AnyNode): boolean {
  const type = asNode(asNode(fn["returnType"])?.["typeAnnotation"]);
  const name = type?.type === "TSTypeReference" ? identifierName(asNode(type["typeName"])) : undefined;
  return name === "Promise" || name === "PromiseLike";
}

/** `export default function () {}`, `export default () => …`: importers call it by a name of their own. */
function isAnonymousDefaultExport(fnPath: AnyPath): boolean {
  const fn = nodeOf(fnPath);
  if ((fn.type !== "FunctionDeclaration" && fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") || asNode(fn["id"])) return false;
  const outer = climbWrappers(fnPath);
  return outer.parent !== null && nodeOf(outer.parent as AnyPath).type === "ExportDefaultDeclaration";
}

/** `export default function f`, `export default f`, `export { f as default }`, `export default function () {}`. */
function isDefaultExport(fnPath: AnyPath, name: string): boolean {
  if (isAnonymousDefaultExport(fnPath)) return true;
  const parent = fnPath.parent ? nodeOf(fnPath.parent as AnyPath) : undefined;
  if (parent?.type === "ExportDefaultDeclaration") return true;
  let root: AnyPath = fnPath;
  while (root.parent) root = root.parent as AnyPath;
  const program = asNode(nodeOf(root)["program"]) ?? nodeOf(root);
  return ((program["body"] as AnyNode[] | undefined) ?? []).some((statement) => {
    if (statement.type === "ExportDefaultDeclaration") return identifierName(asNode(statement["declaration"])) === name;
    if (statement.type !== "ExportNamedDeclaration" || statement["source"]) return false;
    return ((statement["specifiers"] as AnyNode[] | undefined) ?? []).some((specifier) =>
      identifierName(asNode(specifier["local"])) === name && identifierName(asNode(specifier["exported"])) === "default");
  });
}

function isInExportedClass(member: AnyPath): boolean {
  for (let current = member.parent as AnyPath | null; current; current = current.parent as AnyPath | null) {
    const node = nodeOf(current);
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") {
      const id = identifierName(asNode(node["id"]));
      return isExportedDeclaration(current, id ?? "") || (current.parent !== null && nodeOf(current.parent as AnyPath).type === "ExportDefaultDeclaration");
    }
  }
  return false;
}

const exportLists = new WeakMap<AnyNode, Set<string>>();

/** Names a module exports by `export { a, b as c }` and `module.exports = { a, b }`. */
function exportedNames(from: AnyPath): Set<string> {
  let root: AnyPath = from;
  while (root.parent) root = root.parent as AnyPath;
  const program = asNode(nodeOf(root)["program"]) ?? nodeOf(root);
  let names = exportLists.get(program);
  if (names) return names;
  names = new Set();
  for (const statement of (program["body"] as AnyNode[] | undefined) ?? []) {
    if (statement.type === "ExportNamedDeclaration" && !statement["source"]) {
      for (const specifier of (statement["specifiers"] as AnyNode[] | undefined) ?? []) {
        const local = identifierName(asNode(specifier["local"]));
        if (local) names.add(local);
      }
    }
    if (statement.type === "ExportDefaultDeclaration") {
      const local = identifierName(asNode(statement["declaration"]));
      if (local) names.add(local);
    }
    const expression = statement.type === "ExpressionStatement" ? asNode(statement["expression"]) : undefined;
    if (expression?.type === "AssignmentExpression") {
      const left = asNode(expression["left"]);
      const right = asNode(expression["right"]);
      const isModuleExports = left?.type === "MemberExpression" && identifierName(asNode(left["object"])) === "module" && identifierName(asNode(left["property"])) === "exports";
      if (isModuleExports && right?.type === "ObjectExpression") {
        for (const property of (right["properties"] as AnyNode[] | undefined) ?? []) {
          const value = identifierName(asNode(property["value"]));
          if (value) names.add(value);
        }
      }
      if (isModuleExports) {
        const local = identifierName(right);
        if (local) names.add(local);
      }
    }
  }
  exportLists.set(program, names);
  return names;
}

/**
 * Where the function is handed to other code as a value, which then calls it
 * without awaiting: an argument (`arr.map(f)`, `emitter.on("x", f)`,
 * `new Promise(f)`), or a JSX attribute (`onClick={f}`). Described, or undefined.
 */
function callbackUse(fnPath: AnyPath, naming: Naming | undefined): string | undefined {
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
function concurrentMapHint(fnPath: AnyPath): string {
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

function calleeText(callee: AnyNode): string {
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

const JSX_TYPES: ReadonlySet<string> = new Set(["JSXElement", "JSXFragment"]);

/** The function's own returns (not a nested function's) give JSX: `() => <div/>`, `return (<A/>)`, `return c ? <A/> : null`. */
function returnsJsx(fn: AnyNode): boolean {
  const body = asNode(fn["body"]);
  if (!body) return false;
  if (body.type !== "BlockStatement") return isJsx(body);
  let found = false;
  const visit = (node: AnyNode): void => {
    if (found || FUNCTION_TYPES.has(node.type) || node.type === "ClassDeclaration" || node.type === "ClassExpression") return;
    if (node.type === "ReturnStatement") {
      const argument = asNode(node["argument"]);
      if (argument && isJsx(argument)) found = true;
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === "loc") continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((item) => asNode(item) && visit(item as AnyNode));
      else if (asNode(value)) visit(value as AnyNode);
    }
  };
  for (const statement of (body["body"] as AnyNode[] | undefined) ?? []) visit(statement);
  return found;
}

function isJsx(expression: AnyNode): boolean {
  const node = unwrap(expression);
  if (JSX_TYPES.has(node.type)) return true;
  if (node.type === "ConditionalExpression") return isJsx(asNode(node["consequent"])!) || isJsx(asNode(node["alternate"])!);
  if (node.type === "LogicalExpression") return isJsx(asNode(node["right"])!);
  return false;
}

/**
 * Why a method cannot be made async without the rest of its class hierarchy,
 * seen from this file's syntax alone: its class `extends` or `implements`
 * something (it may override or implement a method), or a class extending
 * its class here declares a member of the same name (it is overridden).
 * Undefined for a function that is no class member, or a member of a plain
 * class nobody here extends.
 */
export function hierarchyStop(fnPath: AnyPath): string | undefined {
  const member = classMemberOf(fnPath);
  if (!member) return undefined;
  const classPath = member.parent?.parent as AnyPath | null | undefined;
  if (!classPath) return undefined;
  const cls = nodeOf(classPath);
  const heritage = heritageText(cls);
  if (heritage) {
    return `it is a method of a class that ${heritage}: it may override or implement a method shared with other classes, whose callers expect the same return type; make them async together by hand, or use --engine typed, which follows the hierarchy`;
  }
  const memberNode = nodeOf(member);
  const name = memberName(memberNode);
  const className = classNameOf(classPath);
  if (name === undefined || className === undefined) return undefined;
  const key = `${memberNode["static"] === true ? "static " : ""}${name}`;
  const overrider = subclassMembers(classPath).get(className)?.find((sub) => sub.members.has(key));
  if (!overrider) return undefined;
  return `it is overridden by ${overrider.name}.${name} in this file: making one of them async breaks the callers of the other through the base class; make them async together by hand, or use --engine typed, which follows the hierarchy`;
}

/** The class member (a method, or a property whose value the function is) the function is, if any. */
function classMemberOf(fnPath: AnyPath): AnyPath | undefined {
  const fn = nodeOf(fnPath);
  if (fn.type === "ClassMethod") return fn["kind"] === "constructor" ? undefined : fnPath;
  if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return undefined;
  const outer = climbWrappers(fnPath);
  const parent = outer.parent as AnyPath | null;
  return parent && nodeOf(parent).type === "ClassProperty" && outer.name === "value" ? parent : undefined;
}

const HERITAGE_LENGTH = 60;

/** `extends Base`, `implements Store, Closeable`, `extends Base implements Store`; shortened when long. */
function heritageText(cls: AnyNode): string | undefined {
  const parts: string[] = [];
  const superClass = asNode(cls["superClass"]);
  if (superClass) parts.push(`extends ${entityText(superClass)}`);
  const implemented = ((cls["implements"] as unknown[] | null | undefined) ?? []).flatMap((item) => {
    const node = asNode(item);
    return node ? [entityText(asNode(node["expression"]) ?? asNode(node["id"]) ?? node)] : [];
  });
  if (implemented.length > 0) parts.push(`implements ${implemented.join(", ")}`);
  if (parts.length === 0) return undefined;
  const text = parts.join(" and ");
  return text.length > HERITAGE_LENGTH ? `${text.slice(0, HERITAGE_LENGTH - 1)}…` : text;
}

/** `Base`, `ns.Base`, `Mixin(…)`: the name a heritage clause gives. */
function entityText(node: AnyNode): string {
  const bare = unwrap(node);
  if (bare.type === "Identifier") return bare["name"] as string;
  if (bare.type === "TSQualifiedName") return `${entityText(asNode(bare["left"]) ?? bare)}.${identifierName(asNode(bare["right"])) ?? "…"}`;
  return calleeText(bare);
}

function memberName(member: AnyNode): string | undefined {
  const key = asNode(member["key"]);
  if (!key || (member["computed"] === true && key.type !== "StringLiteral")) return undefined;
  return key.type === "Identifier" ? (key["name"] as string) : key.type === "StringLiteral" ? (key["value"] as string) : undefined;
}

/** `class A {}`, `const A = class {}`: the name other classes extend it by. */
function classNameOf(classPath: AnyPath): string | undefined {
  const cls = nodeOf(classPath);
  const id = identifierName(asNode(cls["id"]));
  if (id) return id;
  const outer = climbWrappers(classPath);
  const parent = outer.parent ? nodeOf(outer.parent as AnyPath) : undefined;
  return parent?.type === "VariableDeclarator" && outer.name === "init" ? identifierName(asNode(parent["id"])) : undefined;
}

interface Subclass {
  readonly name: string;
  /** Its members' names, `static ` before a static one's. */
  readonly members: ReadonlySet<string>;
}

const subclassLists = new WeakMap<AnyNode, Map<string, Subclass[]>>();

/** The file's classes that extend a class by its plain name (`class B extends A`), by that name; one walk per file. */
function subclassMembers(from: AnyPath): Map<string, Subclass[]> {
  let root: AnyPath = from;
  while (root.parent) root = root.parent as AnyPath;
  const program = nodeOf(root);
  let found = subclassLists.get(program);
  if (found) return found;
  const byBase = new Map<string, Subclass[]>();
  walk(program, { skipTypes: true }, (node, _keys, ancestors) => {
    if (node.type !== "ClassDeclaration" && node.type !== "ClassExpression") return;
    const superClass = asNode(node["superClass"]);
    const base = superClass ? identifierName(unwrap(superClass)) : undefined;
    if (!base) return;
    const members = new Set<string>();
    for (const member of (asNode(node["body"])?.["body"] as AnyNode[] | undefined) ?? []) {
      if ((member.type !== "ClassMethod" && member.type !== "ClassProperty") || member["kind"] === "constructor") continue;
      const name = memberName(member);
      if (name !== undefined) members.add(`${member["static"] === true ? "static " : ""}${name}`);
    }
    const holder = ancestors[ancestors.length - 1];
    const bound = holder?.type === "VariableDeclarator" && holder["init"] === node ? identifierName(asNode(holder["id"])) : undefined;
    const name = identifierName(asNode(node["id"])) ?? bound ?? "an anonymous class";
    byBase.set(base, [...(byBase.get(base) ?? []), { name, members }]);
  });
  found = byBase;
  subclassLists.set(program, found);
  return found;
}
