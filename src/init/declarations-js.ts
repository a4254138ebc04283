/**
 * JavaScript and TypeScript: every named function and method a file
 * declares, as facts (facts.ts).
 *
 *   async function f() {}                          f: async
 *   function f(): Promise<X> {}                    f: async (declared return type)
 *   declare function f(): PromiseLike<X>;          f: async
 *   const f = async () => {}                       f: async
 *   class C { async m() {} }  { async m() {} }     m: async, in that class / object
 *   class C { m = async () => {} }                 m: async, in that class
 *   interface I { m(): Promise<X> }                m: async, in that interface
 *   function f() {}   const f = () => 1            f: sync
 *   async function* f() {}                         f: other (an async generator is iterated, not awaited)
 *
 * Left alone: getters, setters, constructors, private `#m` and computed
 * keys (no call by a plain name reaches them), and functions assigned to
 * properties (`exports.f = async () => {}`).
 */
import { asNode, identifierName, unwrap, type AnyNode } from "../javascript/facts/ast";
import { walk } from "../javascript/facts/walk";
import type { CallKind, FunctionFact } from "./facts";

const PROMISE_TYPES: ReadonlySet<string> = new Set(["Promise", "PromiseLike"]);
const FUNCTION_VALUES: ReadonlySet<string> = new Set(["ArrowFunctionExpression", "FunctionExpression"]);
const METHODS: ReadonlySet<string> = new Set(["ClassMethod", "ObjectMethod", "TSDeclareMethod", "TSMethodSignature"]);
const PROPERTIES: ReadonlySet<string> = new Set(["ClassProperty", "ObjectProperty"]);
/** The nodes whose members are one container for sync twins. */
const CONTAINERS: ReadonlySet<string> = new Set(["ClassBody", "ObjectExpression", "TSInterfaceBody", "TSTypeLiteral"]);

/** `ast` is Babel's File node for `file`. */
export function jsFunctionFacts(ast: AnyNode, file: string): FunctionFact[] {
  const facts: FunctionFact[] = [];
  const add = (key: AnyNode | undefined, fn: AnyNode, container: string) => {
    const name = identifierName(key);
    if (name === undefined || !key?.loc) return;
    facts.push({ name, file, line: key.loc.start.line, kind: callKind(fn), container, language: "js" });
  };
  walk(ast, { skipTypes: true }, (node, _keys, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (node.type === "FunctionDeclaration" || node.type === "TSDeclareFunction") {
      add(asNode(node["id"]), node, file);
    } else if (node.type === "VariableDeclarator") {
      const init = asNode(node["init"]);
      const value = init ? unwrap(init) : undefined;
      if (value && FUNCTION_VALUES.has(value.type)) add(asNode(node["id"]), value, file);
    } else if (parent && CONTAINERS.has(parent.type) && !node["computed"]) {
      const container = `${file}:${parent.start ?? 0}`;
      if (METHODS.has(node.type) && (node["kind"] === undefined || node["kind"] === "method")) {
        add(asNode(node["key"]), node, container);
      } else if (PROPERTIES.has(node.type)) {
        const value = asNode(node["value"]);
        if (value && FUNCTION_VALUES.has(unwrap(value).type)) add(asNode(node["key"]), unwrap(value), container);
      }
    }
  });
  return facts;
}

function callKind(fn: AnyNode): CallKind {
  if (fn["generator"] === true) return fn["async"] === true ? "other" : "sync";
  // A method signature keeps its return type under `typeAnnotation`.
  const returnType = asNode(fn["returnType"]) ?? (fn.type === "TSMethodSignature" ? asNode(fn["typeAnnotation"]) : undefined);
  if (fn["async"] === true || returnsPromise(returnType)) return "async";
  return "sync";
}

/** `: Promise<X>` or `: PromiseLike<X>`, in TypeScript's or Flow's annotation. */
function returnsPromise(annotation: AnyNode | undefined): boolean {
  const type = asNode(annotation?.["typeAnnotation"]);
  if (!type) return false;
  if (type.type === "TSTypeReference") return PROMISE_TYPES.has(identifierName(asNode(type["typeName"])) ?? "");
  if (type.type === "GenericTypeAnnotation") return PROMISE_TYPES.has(identifierName(asNode(type["id"])) ?? "");
  return false;
}
