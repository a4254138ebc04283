/**
 * Propagation facts for Python, the counterpart of javascript/facts/promotion.ts:
 * can the `def` a target call sits in become `async def`, and by what name
 * do its callers call it?
 *
 * Made async: module-level functions (called by name, imported as
 * `module.name`, relative imports included) and methods (called as
 * `x.name()`). Left alone, with the reason: `__init__` and other special
 * methods, `@property` and its setters, generators (`yield`), functions
 * passed as callbacks (`map(f, xs)`, `Thread(target=f)`), lambdas, nested
 * functions, class bodies, the module top level, a member of a class
 * hierarchy (below), and under `propagate: "internal"` the public functions
 * of a package's `__init__.py`.
 *
 * A class hierarchy, from this file alone: a method marked `@override` or
 * `@abstractmethod`, a method of an abstract class (`ABC`, `Protocol`,
 * `metaclass=ABCMeta`), and a method that another class of the same
 * hierarchy in this file (a base or a subclass, by name) also defines. A
 * method of a class whose base is defined elsewhere (`class
 * Handler(BaseHandler)`) is still made async: stopping every method of such
 * classes would stop most methods in real code, and an override there is not
 * seen; `@override` marks one.
 */
import * as path from "node:path";
import type { Propagate } from "../../config/schema";
import { parentOf, type PyNode } from "../parser";
import { valueUse } from "./callback-references";
import { isLocallyBound, type PyScope } from "./scopes";
import { commonMethodName } from "../../decision/propagation";

export interface PyPromotable {
  readonly def: PyNode;
  readonly name: string;
  readonly kind: "function" | "method";
  readonly line: number;
  readonly column: number;
}

export type PyPromotionCheck =
  | { readonly ok: true; readonly fn: PyPromotable }
  | { readonly ok: false; readonly reason: string; readonly name: string; readonly readAsValue?: true };

export interface PyPromotionContext {
  readonly file: string;
  readonly mode: Exclude<Propagate, "off">;
  readonly root: PyNode;
}

const ASYNC_PROTOCOL: ReadonlySet<string> = new Set(["__aenter__", "__aexit__", "__anext__"]);

/** Decorators that leave the def as it is called: an async def stays one under them. */
const TRANSPARENT_DECORATORS = /^(?:staticmethod|classmethod|(?:typing(?:_extensions)?\.)?(?:override|overload|final|no_type_check))$/;

const PROPERTY_DECORATORS = /^(?:property|cached_property|functools\.cached_property|[\w.]+\.(?:setter|getter|deleter))$/;

export function pythonPromotionOf(scope: PyScope, context: PyPromotionContext): PyPromotionCheck {
  const def = scope.owner;
  if (def.type !== "function_definition") return { ok: false, name: scope.where, reason: `${scope.where} cannot be made async` };
  const name = def.childForFieldName("name")?.text ?? "?";
  const stop = (reason: string): Extract<PyPromotionCheck, { ok: false }> => ({ ok: false, name, reason: `def ${name} cannot be made async: ${reason}` });
  const container = enclosingDefinition(def);
  if (container?.type === "function_definition") return stop("it is a nested function: its calls are not followed");
  const method = container?.type === "class_definition";
  // The async protocol's own methods are awaited by Python: they may be coroutines.
  if (/^__\w+__$/.test(name) && !ASYNC_PROTOCOL.has(name)) {
    return name === "__init__" ? stop("__init__ cannot be a coroutine") : { ...stop("it is a special method, which Python calls synchronously"), readAsValue: true };
  }
  const decorators = decoratorsOf(def);
  if (decorators.some((d) => PROPERTY_DECORATORS.test(d))) return { ...stop("it is a property, which cannot be awaited"), readAsValue: true };
  if (method) {
    const hierarchy = hierarchyStop(container, name, decorators, context.root);
    if (hierarchy) return stop(hierarchy);
  }
  // A decorator wraps the def and may call it, or keep what it returns (`@lru_cache` would cache the coroutine).
  const wrapping = decorators.find((decorator) => !TRANSPARENT_DECORATORS.test(decorator));
  if (wrapping) return stop(`it is decorated with @${wrapping}, which may call it or keep what it returns without awaiting: make it async by hand`);
  if (yields(def)) return stop("it is a generator: async would make it an async generator, which its callers cannot iterate as before");
  const callback = callbackUse(context.root, name, method);
  if (callback) return stop(`it is ${callback}`);
  const common = method ? commonMethodName(name) : undefined;
  if (common) return stop(common);
  if (context.mode === "internal" && !method && !name.startsWith("_") && path.basename(context.file) === "__init__.py") {
    return stop(`it is public in the package's __init__.py: its callers outside the package would break (propagate is "internal")`);
  }
  return { ok: true, fn: { def, name, kind: method ? "method" : "function", line: def.startPosition.row + 1, column: def.startPosition.column + 1 } };
}

/** The def or class whose body holds `def` directly (through a decorated definition), if any. */
function enclosingDefinition(def: PyNode): PyNode | undefined {
  for (let node = parentOf(def); node; node = parentOf(node)) {
    if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda") return node;
  }
  return undefined;
}

function decoratorsOf(def: PyNode): string[] {
  const decorated = parentOf(def);
  if (decorated?.type !== "decorated_definition") return [];
  return decorated.namedChildren
    .filter((child): child is PyNode => child?.type === "decorator")
    .map((decorator) => (decorator.namedChildren[0]?.text ?? "").replace(/\(.*$/s, ""));
}

/** `yield` in the def's own body (not in a nested def, lambda or class). */
function yields(def: PyNode): boolean {
  const body = def.childForFieldName("body");
  if (!body) return false;
  const pending: PyNode[] = [body];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "yield") return true;
    for (const child of node.namedChildren) {
      if (!child || child.type === "function_definition" || child.type === "class_definition" || child.type === "lambda") continue;
      pending.push(child);
    }
  }
  return false;
}

/**
 * How the def is handed, as a value, to code that calls it without awaiting
 * (facts/callback-references.ts's valueUse): a method as an attribute
 * (`self.f`), a function by its bare name where nothing closer binds it (a
 * parameter or local of that name is another value).
 */
function callbackUse(root: PyNode, name: string, method: boolean): string | undefined {
  for (const identifier of root.descendantsOfType("identifier")) {
    if (!identifier || identifier.text !== name) continue;
    const parent = parentOf(identifier);
    const isAttribute = parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === identifier.id;
    if (method ? !isAttribute : isAttribute || isLocallyBound(identifier, name)) continue;
    const how = valueUse(isAttribute ? parent! : identifier);
    if (how) return how;
  }
  return undefined;
}

const OVERRIDE_DECORATORS = /^(?:(?:typing|typing_extensions)\.)?override$/;
const ABSTRACT_DECORATORS = /^(?:abc\.)?abstract(?:method|classmethod|staticmethod)$/;
const ABSTRACT_BASES = /^(?:(?:abc|typing|typing_extensions)\.)?(?:ABC|Protocol)(?:\[.*\])?$/s;
const ABSTRACT_METACLASS = /^metaclass\s*=\s*(?:abc\.)?ABCMeta$/;

const MAKE_TOGETHER = "making one of them async breaks the callers of the others through the base class; make them async together by hand";

/** Why the method `name` of class `cls` cannot be made async without the rest of its hierarchy, seen from this file; undefined when it can. */
function hierarchyStop(cls: PyNode, name: string, decorators: readonly string[], root: PyNode): string | undefined {
  if (decorators.some((d) => OVERRIDE_DECORATORS.test(d))) return `it is marked @override: ${MAKE_TOGETHER}`;
  if (decorators.some((d) => ABSTRACT_DECORATORS.test(d))) return `it is an abstract method: ${MAKE_TOGETHER.replace("base class", "abstract class")}`;
  const bases = basesOf(cls);
  const abstract = bases.find((base) => ABSTRACT_BASES.test(base) || ABSTRACT_METACLASS.test(base));
  if (abstract) return `it is a method of an abstract class (${abstract}), whose subclasses implement it: ${MAKE_TOGETHER}`;
  const classes = classesOf(root);
  const own = cls.childForFieldName("name")?.text ?? "";
  const other = [...classes.values()].find((candidate) =>
    candidate.name !== own && candidate.methods.has(name) && (inherits(classes, own, candidate.name) || inherits(classes, candidate.name, own)));
  if (!other) return undefined;
  const relation = inherits(classes, own, other.name) ? "overrides" : "is overridden by";
  return `it ${relation} ${other.name}.${name} in this file: ${MAKE_TOGETHER}`;
}

/** The texts of a class's bases and keywords: `Base`, `abc.ABC`, `Generic[T]`, `metaclass=ABCMeta`. */
function basesOf(cls: PyNode): string[] {
  return (cls.childForFieldName("superclasses")?.namedChildren ?? [])
    .flatMap((base) => (base && base.type !== "comment" ? [base.text.replace(/\s+/g, " ")] : []));
}

interface PyClass {
  readonly name: string;
  /** Its bases by plain name (`Base`, not `mod.Base`). */
  readonly bases: readonly string[];
  readonly methods: ReadonlySet<string>;
}

const classLists = new WeakMap<PyNode, Map<string, PyClass>>();

/** The file's classes by name (the last definition of a name wins, as at run time). */
function classesOf(root: PyNode): Map<string, PyClass> {
  let classes = classLists.get(root);
  if (classes) return classes;
  classes = new Map();
  for (const cls of root.descendantsOfType("class_definition")) {
    const name = cls?.childForFieldName("name")?.text;
    if (!cls || !name) continue;
    const methods = new Set<string>();
    for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
      const def = statement?.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
      const methodName = def?.type === "function_definition" ? def.childForFieldName("name")?.text : undefined;
      if (methodName) methods.add(methodName);
    }
    classes.set(name, { name, bases: basesOf(cls).filter((base) => /^\w+$/.test(base)), methods });
  }
  classLists.set(root, classes);
  return classes;
}

/** Whether class `sub` inherits from class `base` through the file's classes (cycles end). */
function inherits(classes: ReadonlyMap<string, PyClass>, sub: string, base: string): boolean {
  const seen = new Set<string>();
  const pending = [...(classes.get(sub)?.bases ?? [])];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name === base) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...(classes.get(name)?.bases ?? []));
  }
  return false;
}
