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
import { asNode, type AnyNode } from "../facts/ast";
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
