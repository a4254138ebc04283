/**
 * Propagation facts for JavaScript and TypeScript: can the sync function a
 * target call sits in be made async, and by what name do its callers call
 * it? Plain records; the decision (decision/decide.ts) reads them, the edit
 * (edits/make-async.ts) writes them.
 *
 * Made async: function declarations, `const f = () => …` / `function` expressions
 * bound to a name (also `exports.f = …`), object and class methods, arrow
 * class properties. Left alone, with the reason (a "stop"): constructors,
 * getters and setters, generators, class field initialisers and static
 * blocks, the module top level, a function passed as a callback (its caller
 * does not await it), a JSX component (React renders it synchronously), an
 * anonymous function nobody calls by name, a type predicate, a member of a
 * class hierarchy (class-hierarchy.ts, or the typed engine's own check), a
 * function handed to other code as a value (value-uses.ts), methods the
 * language calls for a value (`toJSON`, `then`…), and under
 * `propagate: "internal"` an export of the package's entry point.
 */
import type { Propagate } from "../../config/schema";
import { asNode, climbWrappers, FUNCTION_TYPES, identifierName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { commonMethodName } from "../../decision/propagation";
import { hierarchyStop } from "./class-hierarchy";
import { packageEntryOf } from "./entry-points";
import type { ScopeInfo } from "./scope";
import { callbackUse, concurrentMapHint, exportsProperty } from "./value-uses";

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
