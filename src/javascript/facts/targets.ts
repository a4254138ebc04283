/**
 * Which calls are calls of a configured target. The syntactic matcher works by
 * name, and with `module` by following the callee to its import or require.
 * Other matchers (the typed engine) implement the same interface.
 */
import type { HierarchyCheck } from "./promotion";
import type { Target } from "../../config/schema";
import { sameNamedReason } from "../../decision/propagation";
import { asNode, calleeOf, identifierName, memberPropertyName, MEMBER_TYPES, nodeOf, requiredModule, unwrap, type AnyNode, type AnyPath } from "./ast";
import { bindingOrigin, resolveBinding } from "./bindings";
import { sameModule } from "./module-paths";
import { wordOccurrences } from "../../text/words";

export interface TargetMatch {
  readonly target: Target;
  /** How the callee names the target; decides how a sync variant is written. */
  readonly callee: CalleeShape;
  /** What the type checker knows about this call (typed engine only). */
  readonly facts?: TypeFacts;
}

/**
 * Facts from the type checker about one call, as plain data. The typed engine
 * produces them; the shared analysis reads them. Absent means "not known".
 */
export interface TypeFacts {
  /** The call is an argument whose parameter accepts a promise: describes the parameter. */
  readonly promiseParameter?: string;
  /** The call initializes a variable declared with a promise type: describes it. */
  readonly promiseVariable?: string;
  /**
   * The call initializes a variable; these references to it (by range, see
   * rangeKey) are arguments of parameters that accept a promise: describes each.
   */
  readonly promiseArguments?: ReadonlyMap<string, string>;
  /**
   * The checker cannot tell the call is the target (a name-only target called
   * on an `any` or `unknown` receiver): why, for a `manual` finding.
   */
  readonly unprovenTarget?: string;
  /**
   * The call is an argument of a function typed `any` (an unresolved import):
   * whether that function wants the promise or the value cannot be seen. Why, for a `manual` finding.
   */
  readonly unseenParameter?: string;
  /** Whether the configured sync variant exists on the receiver (or module) and takes these arguments. */
  readonly syncVariant?: { readonly ok: true } | { readonly ok: false; readonly reason: string };
}

/** A call the typed engine identified, keyed by its source range. */
export interface TypedCall {
  readonly target: Target;
  readonly facts: TypeFacts;
}

export function rangeKey(start: number, end: number): string {
  return `${start}:${end}`;
}

export type CalleeShape =
  /** `name()`: a plain identifier, possibly an imported or required binding (resolved on first use). */
  | { readonly kind: "identifier"; readonly binding: AnyPath | undefined }
  /** `x.name()`, `ns.name()`, `x?.name()`: the property is renamed. */
  | { readonly kind: "member" };

export interface TargetMatcher {
  /** Cheap test on the bare call node, before any path is built: could it be a target? */
  isCandidate(call: AnyNode): boolean;
  match(call: AnyPath): TargetMatch | undefined;
  /** Names worth looking for in the source before parsing (a prefilter), or undefined for "any". */
  readonly names: readonly string[] | undefined;
  /**
   * Offsets in `source`, ascending, such that every candidate call's range
   * holds one of them; the walk skips subtrees that hold none. Undefined
   * when any call may be a candidate.
   */
  focus(source: string): readonly number[] | undefined;
  /** The type checker resolved the calls (typed engine): a function made async is found by its declaration, not by its name. */
  readonly bySymbol?: true;
  /** The typed engine's view of a method's class hierarchy, for propagation (facts/promotion.ts). */
  readonly hierarchy?: HierarchyCheck;
}

/** Every offset at which one of `names` occurs as a whole word in `source` (as a call must spell it), ascending. */
function occurrences(source: string, names: readonly string[]): number[] {
  const offsets = names.flatMap((name) => [...wordOccurrences(source, name)]);
  return names.length > 1 ? offsets.sort((a, b) => a - b) : offsets;
}

/** `{ kind: "identifier", binding }` with the binding looked up only when someone reads it. */
function identifierCallee(call: AnyPath, name: string, known?: AnyPath): CalleeShape {
  let resolved = known !== undefined;
  let binding = known;
  return {
    kind: "identifier",
    get binding() {
      if (!resolved) {
        binding = resolveBinding(call, name);
        resolved = true;
      }
      return binding;
    },
  };
}

/**
 * Matches the calls another resolver chose, by source range: the typed
 * engine decides *which* calls are targets, the shared analysis and rewriter
 * do the rest. `calls` is empty for a file without targets, so it is not parsed.
 */
export function createRangeMatcher(calls: ReadonlyMap<string, TypedCall>, hierarchy?: HierarchyCheck): TargetMatcher {
  return {
    bySymbol: true,
    ...(hierarchy ? { hierarchy } : {}),
    names: calls.size === 0 ? [] : undefined,
    focus: () => [...calls.keys()].map((key) => Number(key.slice(0, key.indexOf(":")))).sort((a, b) => a - b),
    isCandidate: (call) => calls.has(rangeKey(call.start ?? -1, call.end ?? -1)),
    match(call) {
      const node = nodeOf(call);
      const typed = calls.get(rangeKey(node.start ?? -1, node.end ?? -1));
      if (!typed) return undefined;
      const callee = unwrap(calleeOf(node) ?? node);
      const shape: CalleeShape = callee.type === "Identifier" ? identifierCallee(call, callee["name"] as string) : { kind: "member" };
      return { target: typed.target, callee: shape, facts: typed.facts };
    },
  };
}

/** The name a call is made by: `f()` → f, `a.b.f()` → f, `ns["f"]()` → f. */
export function calleeName(call: AnyNode): string | undefined {
  const callee = unwrap(calleeOf(call) ?? call);
  return identifierName(callee) ?? memberPropertyName(callee);
}

/**
 * `fromDir`: the directory of the file being matched, where its relative
 * imports are resolved (for path modules). `file`: that file, for functions
 * propagation made async in it, which its own calls reach by binding.
 */
export function createSyntacticMatcher(targets: readonly Target[], fromDir = process.cwd(), file?: string): TargetMatcher {
  const same: SameModule = (module, specifier) => specifier !== undefined && sameModule(module, specifier, fromDir);
  // A function made async in this file: `f()` here is it when `f` resolves to its declaration.
  const local = new Map(targets.filter((t) => t.propagated?.kind === "function" && t.propagated.file === file && t.propagated.start >= 0).map((t) => [t.name, t]));
  const byName = new Map<string, Target[]>();
  for (const target of targets) {
    const key = target.name === "default" ? undefined : target.name;
    if (key === undefined) continue;
    const list = byName.get(key) ?? [];
    list.push(target);
    byName.set(key, list);
  }
  const defaultTargets = targets.filter((t) => t.name === "default" && t.module !== undefined);
  // Module targets match aliases (`import { f as g }`), so any identifier call may be one.
  const anyIdentifier = targets.some((t) => t.module !== undefined);
  const names = [...byName.keys()];

  return {
    names,
    // A call by a target's name holds that name; an alias (module targets) need not.
    focus: (source) => (anyIdentifier ? undefined : occurrences(source, names)),
    isCandidate(call) {
      const callee = unwrap(calleeOf(call) ?? call);
      if (callee.type === "Identifier") return anyIdentifier || byName.has(callee["name"] as string);
      const property = memberPropertyName(callee);
      return property !== undefined && (byName.has(property) || (property === "default" && defaultTargets.length > 0));
    },
    match(call) {
      const node = nodeOf(call);
      const callee = unwrap(calleeOf(node) ?? node);
      if (callee.type === "Identifier") {
        const name = callee["name"] as string;
        return matchIdentifierCall(call, name, byName, defaultTargets, same) ?? matchLocalCall(call, name, local.get(name));
      }
      if (MEMBER_TYPES.has(callee.type)) {
        return matchMemberCall(call, callee, byName, same, file) ?? matchOwnExportCall(call, callee, byName, file) ?? matchNamespaceDefault(call, callee, defaultTargets, same);
      }
      return undefined;
    },
  };
}

function matchIdentifierCall(
  call: AnyPath,
  name: string,
  byName: ReadonlyMap<string, readonly Target[]>,
  defaultTargets: readonly Target[],
  same: SameModule,
): TargetMatch | undefined {
  // Resolving the binding scans the scope: only done when a module rule needs it.
  let origin: ReturnType<typeof bindingOrigin> | undefined;
  let binding: AnyPath | undefined;
  const resolve = () => {
    if (origin === undefined) {
      binding = resolveBinding(call, name);
      origin = binding ? bindingOrigin(binding) : { kind: "local" };
    }
    return origin;
  };
  // Targets with a module come first: they are the more specific rule.
  for (const target of defaultTargets) {
    const from = resolve();
    if (from.kind === "import-default" && same(target.module!, from.module)) return { target, callee: identifierCallee(call, name, binding) };
  }
  // A method made async (propagation) is called on a receiver, never by a bare name.
  const plain = (byName.get(name) ?? []).find((target) => target.module === undefined && target.propagated?.kind !== "method");
  if (plain) return { target: plain, callee: origin === undefined ? identifierCallee(call, name) : identifierCallee(call, name, binding) };
  const from = resolve();
  if (from.kind === "import-named" || from.kind === "require-destructured" || from.kind === "require-member") {
    // `import { createWebSocketManager as make }`: the local name differs from the target's.
    for (const target of byName.get(from.imported) ?? []) {
      if (target.module !== undefined && same(target.module, from.module)) return { target, callee: identifierCallee(call, name, binding) };
    }
  }
  return undefined;
}

/** A call in a function's own file of a function propagation made async: by its binding, as the declaration's offset. */
function matchLocalCall(call: AnyPath, name: string, target: Target | undefined): TargetMatch | undefined {
  if (!target) return undefined;
  const binding = resolveBinding(call, name);
  if (!binding || nodeOf(binding).start !== target.propagated!.start) return undefined;
  return { target, callee: identifierCallee(call, name, binding) };
}

/** Whether an import specifier of this file names a target's module (module-paths.ts). */
type SameModule = (module: string, specifier: string | undefined) => boolean;

/**
 * Whether `x.m()` reaches the method `m` this run made async: `this.m()` in
 * a class that declares its own `m` is that class's (ours only where it is
 * the one made async); on another receiver, with other methods of that name
 * in the run, it cannot be told (`unproven`).
 */
function methodReach(call: AnyPath, callee: AnyNode, target: Target, file: string | undefined): "ours" | "other" | { unproven: string } {
  const propagated = target.propagated!;
  const object = unwrap(asNode(callee["object"]) ?? callee);
  if (object.type === "ThisExpression" || object.type === "Super") {
    let cls = call.parent as AnyPath | null;
    while (cls && nodeOf(cls).type !== "ClassBody") cls = cls.parent as AnyPath | null;
    const members = cls ? ((nodeOf(cls)["body"] as AnyNode[] | undefined) ?? []) : [];
    const defined = members.find((member) => member["static"] !== true && (identifierName(asNode(member["key"])) ?? asNode(member["key"])?.["value"]) === target.name
      && (member.type === "ClassMethod" || member.type === "ClassProperty" || member.type === "TSDeclareMethod"));
    if (!defined) return "ours";
    const isThisOne = file === propagated.file && asNode(defined["key"])?.start === propagated.at;
    // `super.m()` calls a base class's m, never this class's own.
    if (object.type === "Super") return isThisOne ? "other" : "ours";
    return isThisOne ? "ours" : "other";
  }
  const others = propagated.sameNamed ?? [];
  if (others.length === 0) return "ours";
  return { unproven: `${sameNamedReason(target.name, others)}, or use --engine typed` };
}

function matchMemberCall(call: AnyPath, callee: AnyNode, byName: ReadonlyMap<string, readonly Target[]>, same: SameModule, file?: string): TargetMatch | undefined {
  const property = memberPropertyName(callee);
  if (property === undefined) return undefined;
  const candidates = byName.get(property);
  if (!candidates) return undefined;
  for (const target of candidates) {
    if (target.propagated?.kind === "method") {
      const reach = methodReach(call, callee, target, file);
      if (reach === "other") continue;
      return { target, callee: { kind: "member" }, ...(reach === "ours" ? {} : { facts: { unprovenTarget: reach.unproven } }) };
    }
    if (target.module === undefined) return { target, callee: { kind: "member" } };
    if (same(target.module, memberObjectModule(call, unwrap(asNode(callee["object"]) ?? callee)))) {
      return { target, callee: { kind: "member" } };
    }
  }
  return undefined;
}

/** `ns.default()`, with `ns` a namespace import or `require()` of a module whose default export is a target. */
function matchNamespaceDefault(call: AnyPath, callee: AnyNode, defaultTargets: readonly Target[], same: SameModule): TargetMatch | undefined {
  if (defaultTargets.length === 0 || memberPropertyName(callee) !== "default") return undefined;
  const object = unwrap(asNode(callee["object"]) ?? callee);
  let module = requiredModule(object);
  const name = identifierName(object);
  if (module === undefined && name !== undefined) {
    // A default import's `.default` is something else: only a namespace stands for the module.
    const binding = resolveBinding(call, name);
    const origin = binding ? bindingOrigin(binding) : undefined;
    if (origin?.kind === "import-namespace" || origin?.kind === "require-module") module = origin.module;
  }
  const target = defaultTargets.find((t) => same(t.module!, module));
  return target ? { target, callee: { kind: "member" } } : undefined;
}

/**
 * `exports.f()`, `module.exports.f()` in the file that made `exports.f = function …`
 * async (CommonJS): the module calling its own export.
 */
function matchOwnExportCall(call: AnyPath, callee: AnyNode, byName: ReadonlyMap<string, readonly Target[]>, file: string | undefined): TargetMatch | undefined {
  const property = memberPropertyName(callee);
  if (file === undefined || property === undefined) return undefined;
  const target = byName.get(property)?.find((t) => t.propagated?.kind === "function" && t.propagated.file === file);
  if (!target) return undefined;
  const object = unwrap(asNode(callee["object"]) ?? callee);
  const isExports = identifierName(object) === "exports"
    || (MEMBER_TYPES.has(object.type) && identifierName(unwrap(asNode(object["object"]) ?? object)) === "module" && memberPropertyName(object) === "exports");
  // A local `exports` or `module` (a parameter, a variable) is some other object.
  const root = isExports ? (identifierName(object) ?? "module") : undefined;
  return root !== undefined && !resolveBinding(call, root) ? { target, callee: { kind: "member" } } : undefined;
}

/** For `ns.f()`, the module `ns` stands for: a namespace/default import or `require("m")`. */
function memberObjectModule(call: AnyPath, object: AnyNode): string | undefined {
  const direct = requiredModule(object);
  if (direct !== undefined) return direct;
  const name = identifierName(object);
  if (name === undefined) return undefined;
  const binding = resolveBinding(call, name);
  if (!binding) return undefined;
  const origin = bindingOrigin(binding);
  if (origin.kind === "import-namespace" || origin.kind === "require-module" || origin.kind === "import-default") return origin.module;
  return undefined;
}
