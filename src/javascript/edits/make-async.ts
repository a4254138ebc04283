/**
 * Makes a function async, as text edits:
 *
 *   function f(): T {        →  async function f(): Promise<T> {
 *   const f = (x) => …       →  const f = async (x) => …
 *   const f = function () {  →  const f = async function () {
 *   static m(): void {       →  static async m(): Promise<void> {
 *   m = (): A | B => …       →  m = async (): Promise<A | B> => …
 *
 * `async` goes right before a method's name (after `static`, `public`,
 * `override`…), before its `[` when the name is computed. A declared return
 * type is wrapped whole, so a union stays one type (`Promise<A | B>`); one
 * that is already `Promise<…>` is kept.
 */
import { asNode, identifierName, type AnyNode, type AnyPath } from "../facts/ast";
import { insertion, replacement, type TextEdit } from "../../text/edits";

const METHOD_TYPES: ReadonlySet<string> = new Set(["ClassMethod", "ClassPrivateMethod", "ObjectMethod", "TSDeclareMethod"]);

export function makeAsyncEdits(fn: AnyNode, source: string): TextEdit[] {
  return [insertion(asyncPosition(fn, source), "async "), ...promiseReturnTypeEdits(fn, source)];
}

/**
 * A declared return type `T` → `Promise<T>`; nothing when there is none or
 * it is a Promise already. Also for what cannot be `async` itself: an
 * interface method (its type is under `typeAnnotation`), an abstract method.
 */
export function promiseReturnTypeEdits(fn: AnyNode, source: string): TextEdit[] {
  const annotation = asNode(fn["returnType"]) ?? (fn.type === "TSMethodSignature" ? asNode(fn["typeAnnotation"]) : undefined);
  const type = asNode(annotation?.["typeAnnotation"]);
  if (!type || type.start == null || type.end == null) return [];
  const text = source.slice(type.start, type.end);
  return /^Promise\s*</.test(text) ? [] : [replacement(type.start, type.end, `Promise<${text}>`)];
}

function asyncPosition(fn: AnyNode, source: string): number {
  if (!METHOD_TYPES.has(fn.type)) return fn.start!;
  const key = asNode(fn["key"])!;
  let at = key.start!;
  if (fn["computed"] === true) {
    // The `[` before a computed name: skip back over spaces and comments is rare; spaces only.
    let i = at - 1;
    while (i > 0 && /\s/.test(source[i]!)) i--;
    if (source[i] === "[") at = i;
  }
  return at;
}

/**
 * The overload signatures of a function or method made async, whose return
 * types must become `Promise<…>` with it (an overload whose type the
 * implementation no longer returns is an error): `function f(a: string): T;`
 * before `function f(a) {…}` (exported or not), `m(a: string): T;` before
 * `m(a) {…}` in a class.
 */
export function overloadSignatures(fnPath: AnyPath): AnyNode[] {
  // An exported declaration's siblings are its export statement's.
  const exported = fnPath.parent && (fnPath.parent.node.type === "ExportNamedDeclaration" || fnPath.parent.node.type === "ExportDefaultDeclaration");
  const holder = exported ? fnPath.parent! : fnPath;
  const siblings = holder.siblings;
  return siblings ? overloadsBefore(fnPath.node, siblings, siblings.indexOf(holder.node)) : [];
}

/** The overload signatures right before `fn`, which sits (or its export statement sits) at `index` of `siblings`. */
export function overloadsBefore(fn: AnyNode, siblings: readonly AnyNode[], index: number): AnyNode[] {
  const nameOf = (node: AnyNode): string | undefined => {
    const inner = node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration" ? asNode(node["declaration"]) : node;
    if (!inner) return undefined;
    if (fn.type === "FunctionDeclaration" && inner.type === "TSDeclareFunction") return identifierName(asNode(inner["id"]));
    if (fn.type === "ClassMethod" && inner.type === "TSDeclareMethod" && inner["abstract"] !== true && inner["static"] === fn["static"]) {
      return identifierName(asNode(inner["key"])) ?? (asNode(inner["key"])?.["value"] as string | undefined);
    }
    return undefined;
  };
  const name = fn.type === "FunctionDeclaration" ? identifierName(asNode(fn["id"])) : identifierName(asNode(fn["key"])) ?? (asNode(fn["key"])?.["value"] as string | undefined);
  if (name === undefined) return [];
  const found: AnyNode[] = [];
  for (let i = index - 1; i >= 0 && nameOf(siblings[i]!) === name; i--) {
    const node = siblings[i]!;
    found.push(node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration" ? asNode(node["declaration"])! : node);
  }
  return found;
}
