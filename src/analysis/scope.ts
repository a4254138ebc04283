/**
 * The scope of a call: its nearest enclosing function-like boundary, and
 * whether `await` may be written there.
 */
import { FUNCTION_TYPES, nodeOf, type AnyPath } from "./ast";

export type ScopeInfo =
  | { readonly kind: "async"; readonly where: string; readonly functionPath: AnyPath | undefined }
  | { readonly kind: "sync"; readonly where: string; readonly functionPath: AnyPath | undefined }
  /** A parameter default: `await` is a syntax error here even in an async function. */
  | { readonly kind: "parameter-default"; readonly where: string; readonly functionPath: AnyPath };

const CLASS_FIELD_TYPES: ReadonlySet<string> = new Set(["ClassProperty", "ClassPrivateProperty", "ClassAccessorProperty", "PropertyDefinition"]);

export interface ScopeOptions {
  /** Whether this file's top level may use `await`. */
  readonly topLevelAsync: boolean;
}

export function scopeOf(call: AnyPath, options: ScopeOptions): ScopeInfo {
  let child: AnyPath = call;
  let current = call.parent as AnyPath | null;
  while (current) {
    const node = nodeOf(current);
    const key = childKey(child, current);
    if (FUNCTION_TYPES.has(node.type)) {
      if (key === "params") return { kind: "parameter-default", where: "a parameter default value", functionPath: current };
      if (key === "body") {
        const generator = node["generator"] === true;
        if (node["async"] === true) {
          return { kind: "async", where: generator ? "an async generator" : "an async function", functionPath: current };
        }
        return { kind: "sync", where: generator ? "a generator" : "a sync function", functionPath: current };
      }
      // A computed method key or a decorator belongs to the enclosing scope.
    } else if (CLASS_FIELD_TYPES.has(node.type) && key === "value") {
      return { kind: "sync", where: "a class field initializer", functionPath: undefined };
    } else if (node.type === "StaticBlock") {
      return { kind: "sync", where: "a class static block", functionPath: undefined };
    } else if (node.type === "TSModuleBlock") {
      return { kind: "sync", where: "a namespace body", functionPath: undefined };
    } else if (node.type === "Program") {
      return options.topLevelAsync
        ? { kind: "async", where: "the module top level (top-level await)", functionPath: undefined }
        : { kind: "sync", where: "the module top level", functionPath: undefined };
    }
    child = current;
    current = current.parent as AnyPath | null;
  }
  return { kind: "sync", where: "the module top level", functionPath: undefined };
}

/**
 * The key under which `child` hangs from `parent`. For a child in an array
 * (`params[0]`) ast-types gives the index as `name`, so we step over the array.
 */
function childKey(child: AnyPath, parent: AnyPath): string | number {
  let path = child as AnyPath & { parentPath: AnyPath | null };
  while (path.parentPath && path.parentPath !== parent) path = path.parentPath as typeof path;
  return path.name as string | number;
}

/** The nearest enclosing function of `path` (not crossing into `path` itself), if any. */
export function enclosingFunction(path: AnyPath): AnyPath | undefined {
  let current = path.parent as AnyPath | null;
  while (current) {
    if (FUNCTION_TYPES.has(nodeOf(current).type)) return current;
    current = current.parent as AnyPath | null;
  }
  return undefined;
}
