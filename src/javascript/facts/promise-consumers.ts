/**
 * Functions that take a promise as a promise: `Promise.all` and friends,
 * React's `use`, the configured `promiseConsumers`, and promise assertions
 * (jest/vitest, chai-as-promised, should, Node's assert). Awaiting their
 * argument would change what they receive.
 */
import { asNode, CALL_TYPES, climbWrappers, identifierName, isPromiseCombinatorCall, MEMBER_TYPES, memberPropertyName, nodeOf, unwrap, type AnyNode, type AnyPath } from "./ast";
import { bindingOrigin, resolveBinding } from "./bindings";
import type { FileIndex } from "./promise-use";

/**
 * Matchers that take a promise: jest/vitest `expect(p).rejects`/`.resolves`,
 * chai-as-promised `eventually`, `rejected`, `rejectedWith`, `fulfilled`, `become`.
 */
const PROMISE_MATCHERS: ReadonlySet<string> = new Set(["rejects", "resolves", "eventually", "rejected", "rejectedWith", "fulfilled", "become"]);

/** Node's assert, whose `rejects` and `doesNotReject` take a promise. */
const ASSERT_MODULES: ReadonlySet<string> = new Set(["assert", "node:assert", "assert/strict", "node:assert/strict"]);
const ASSERT_PROMISE_FUNCTIONS: ReadonlySet<string> = new Set(["rejects", "doesNotReject"]);

/**
 * rxjs's creation functions that take an ObservableInput, of which a promise is
 * one: `from(p)`, `forkJoin([p, q])`, `combineLatest`, `merge`, `concat`,
 * `race`, `zip`. Awaiting the argument would hand them the value instead.
 */
const RXJS_CONSUMERS: ReadonlySet<string> = new Set(["from", "forkJoin", "combineLatest", "merge", "concat", "race", "zip", "onErrorResumeNext"]);

/** `rxjs`, or a vendored copy that re-exports it from a file named rxjs (puppeteer's third_party/rxjs/rxjs.js). */
function isRxjsModule(module: string): boolean {
  return module === "rxjs" || (module.startsWith(".") && /(^|\/)rxjs(\.[cm]?[jt]s)?$/.test(module));
}

/** `Promise.all` and friends, React's `use`, rxjs, and the configured `promiseConsumers`: the name to report. */
export function consumerName(callPath: AnyPath, index: FileIndex): string | undefined {
  const call = nodeOf(callPath);
  if (isPromiseCombinatorCall(call)) {
    const callee = asNode(call["callee"]);
    return `Promise.${callee ? memberPropertyName(unwrap(callee)) ?? "all" : "all"}`;
  }
  const callee = unwrap(asNode(call["callee"]) ?? call);
  const dotted = dottedName(callee);
  if (index.importsModule("react") && importedAs(callPath, callee, "react", "use")) return "React's use()";
  const rxjs = importOf(callPath, callee);
  if (rxjs && isRxjsModule(rxjs.module) && RXJS_CONSUMERS.has(rxjs.imported)) return `rxjs's ${rxjs.imported}()`;
  for (const consumer of index.consumers) {
    if (consumer.module !== undefined) {
      if (index.importsModule(consumer.module) && importedAs(callPath, callee, consumer.module, consumer.path[0]!)) return `${consumer.module}#${consumer.path[0]!}`;
    } else if (dotted !== undefined && dotted.length === consumer.path.length && dotted.every((part, i) => part === consumer.path[i])) {
      return consumer.path.join(".");
    }
  }
  return undefined;
}

/** `a.b.c` as ["a", "b", "c"]; undefined for anything but identifiers and plain member names. */
function dottedName(node: AnyNode): string[] | undefined {
  const name = identifierName(node);
  if (name !== undefined) return [name];
  if (!MEMBER_TYPES.has(node.type) || node["computed"]) return undefined;
  const object = dottedName(unwrap(asNode(node["object"]) ?? node));
  const property = memberPropertyName(node);
  return object && property !== undefined ? [...object, property] : undefined;
}

/**
 * Whether `callee` names `imported` from `module`: `name(…)` with
 * `import { name as local }` or `const { name } = require(…)`, or `ns.name(…)`
 * with `ns` a namespace, default or `require` of the module.
 */
function importedAs(from: AnyPath, callee: AnyNode, module: string, imported: string): boolean {
  const local = identifierName(callee);
  if (local !== undefined) {
    const binding = resolveBinding(from, local);
    const origin = binding ? bindingOrigin(binding) : undefined;
    if (!origin) return false;
    if (origin.kind === "import-named" || origin.kind === "require-destructured" || origin.kind === "require-member") return origin.module === module && origin.imported === imported;
    return origin.kind === "import-default" && imported === "default" && origin.module === module;
  }
  if (!MEMBER_TYPES.has(callee.type) || memberPropertyName(callee) !== imported) return false;
  return moduleOfObject(from, unwrap(asNode(callee["object"]) ?? callee)) === module;
}

/** The module and name `callee` was imported as (`import { f }`, `require`, `ns.f`), if it was. */
function importOf(from: AnyPath, callee: AnyNode): { module: string; imported: string } | undefined {
  const local = identifierName(callee);
  if (local !== undefined) {
    const binding = resolveBinding(from, local);
    const origin = binding ? bindingOrigin(binding) : undefined;
    if (origin?.kind === "import-named" || origin?.kind === "require-destructured" || origin?.kind === "require-member") return { module: origin.module, imported: origin.imported };
    return undefined;
  }
  const imported = MEMBER_TYPES.has(callee.type) ? memberPropertyName(callee) : undefined;
  const module = imported === undefined ? undefined : moduleOfObject(from, unwrap(asNode(callee["object"]) ?? callee));
  return module === undefined || imported === undefined ? undefined : { module, imported };
}

/** For `ns.f`, the module `ns` stands for: a namespace or default import, or a `require`. */
function moduleOfObject(from: AnyPath, object: AnyNode): string | undefined {
  const name = identifierName(object);
  if (name === undefined) return undefined;
  const binding = resolveBinding(from, name);
  const origin = binding ? bindingOrigin(binding) : undefined;
  if (origin?.kind === "import-namespace" || origin?.kind === "import-default" || origin?.kind === "require-module") return origin.module;
  return undefined;
}

/**
 * A promise assertion with the value as its subject: `expect(p).rejects…`,
 * `expect(p).to.eventually…` (any `expect`), `assert.rejects(p)` and
 * `assert.doesNotReject(p)` from Node's assert.
 */
export function assertionOf(callPath: AnyPath, argument: AnyPath): string | undefined {
  if (argument.name !== 0) return undefined;
  const call = nodeOf(callPath);
  const callee = unwrap(asNode(call["callee"]) ?? call);
  const name = identifierName(callee) ?? memberPropertyName(callee);
  if (name === "expect") {
    const matcher = promiseMatcherAbove(callPath);
    return matcher ? `expect(…)…${matcher}` : undefined;
  }
  if (name === undefined || !ASSERT_PROMISE_FUNCTIONS.has(name)) return undefined;
  const local = identifierName(callee);
  if (local !== undefined) {
    const binding = resolveBinding(callPath, local);
    const origin = binding ? bindingOrigin(binding) : undefined;
    const fromAssert = (origin?.kind === "import-named" || origin?.kind === "require-destructured") && ASSERT_MODULES.has(origin.module) && origin.imported === name;
    return fromAssert ? `assert's ${name}()` : undefined;
  }
  const object = unwrap(asNode(callee["object"]) ?? callee);
  const objectName = identifierName(object);
  if (objectName === undefined) {
    // `assert.strict.rejects(p)`
    return MEMBER_TYPES.has(object.type) && memberPropertyName(object) === "strict" && isAssertModule(callPath, unwrap(asNode(object["object"]) ?? object))
      ? `assert's ${name}()`
      : undefined;
  }
  return isAssertModule(callPath, object) ? `assert's ${name}()` : undefined;
}

/** `assert` bound to Node's assert module: a default, namespace or `require` of it, or its `strict` export. */
function isAssertModule(from: AnyPath, object: AnyNode): boolean {
  const module = moduleOfObject(from, object);
  if (module !== undefined) return ASSERT_MODULES.has(module);
  const name = identifierName(object);
  if (name === undefined) return false;
  const binding = resolveBinding(from, name);
  const origin = binding ? bindingOrigin(binding) : undefined;
  return (origin?.kind === "import-named" || origin?.kind === "require-destructured") && ASSERT_MODULES.has(origin.module) && origin.imported === "strict";
}

/** The first promise matcher in the member chain that continues above `path`: `.to.be.rejectedWith(…)`. */
export function promiseMatcherAbove(path: AnyPath): string | undefined {
  let current = climbWrappers(path);
  for (;;) {
    const parentPath = current.parent as AnyPath | null;
    if (!parentPath) return undefined;
    const parent = nodeOf(parentPath);
    if (MEMBER_TYPES.has(parent.type) && current.name === "object") {
      const property = memberPropertyName(parent);
      if (property !== undefined && PROMISE_MATCHERS.has(property)) return `.${property}`;
    } else if (!(CALL_TYPES.has(parent.type) && current.name === "callee")) {
      return undefined;
    }
    current = climbWrappers(parentPath);
  }
}
