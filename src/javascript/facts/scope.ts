/**
 * The scope of a call: its nearest enclosing function-like boundary, and
 * whether `await` may be written there.
 */
import { FUNCTION_TYPES, nodeOf, type AnyPath } from "./ast";

export type ScopeInfo =
  | { readonly kind: "async"; readonly where: string }
  | { readonly kind: "sync"; readonly where: string }
  /**
   * `await` is not allowed here even inside an async function: a parameter
   * default, or a decorator (evaluated where the class is defined, but
   * TypeScript rejects `await` in it). Reported, never rewritten.
   */
  | { readonly kind: "forbidden"; readonly where: string };

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
    const key = child.key;
    if (node.type === "Decorator") return { kind: "forbidden", where: "a decorator" };
    if (FUNCTION_TYPES.has(node.type)) {
      if (key === "params") return { kind: "forbidden", where: "a parameter default value" };
      if (key === "body") {
        const generator = node["generator"] === true;
        if (node["async"] === true) return { kind: "async", where: generator ? "an async generator" : "an async function" };
        return { kind: "sync", where: generator ? "a generator" : "a sync function" };
      }
      // A computed method key belongs to the enclosing scope.
    } else if (CLASS_FIELD_TYPES.has(node.type) && key === "value") {
      return { kind: "sync", where: "a class field initializer" };
    } else if (node.type === "StaticBlock") {
      return { kind: "sync", where: "a class static block" };
    } else if (node.type === "TSModuleBlock") {
      return { kind: "sync", where: "a namespace body" };
    } else if (node.type === "TSEnumDeclaration" || node.type === "TSEnumBody") {
      // Enums compile to a sync function: `await` in a member initializer is an error (TS1308).
      return { kind: "sync", where: "an enum member initializer" };
    } else if (node.type === "Program") {
      return options.topLevelAsync
        ? { kind: "async", where: "the module top level (top-level await)" }
        : { kind: "sync", where: "the module top level" };
    }
    child = current;
    current = current.parent as AnyPath | null;
  }
  return { kind: "sync", where: "the module top level" };
}

