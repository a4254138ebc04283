/**
 * Finds every call of a target in a file and decides what should happen to
 * it. Returns plain records; nothing here edits the AST.
 */
import { parsePromiseConsumers, type PromiseConsumer } from "../../config/consumers";
import type { ResolvedConfig, Target } from "../../config/schema";
import { decide } from "../../decision/decide";
import type { IgnoreComments } from "../../decision/ignores";
import { JAVASCRIPT, type PromiseUse, type PromotionFacts, type ScopeFacts, type SiteFacts } from "../../decision/facts";
import { asNode, climbWrappers, isStringLiteral, MEMBER_TYPES, memberPropertyName, nodeOf, requiredModule, SITE_TYPES, type AnyNode, type AnyPath } from "./ast";
import { bindingOrigin, type BindingOrigin } from "./bindings";
import { collectDeclarations, type Declaration } from "./declarations";
import type { Action } from "../../decision/findings";
import { directPromiseUse, handledRejection, storedFacts, type FileIndex } from "./promise-use";
import { promotionOf, type PromotableFunction, type PromotionCheck, type PromotionContext } from "./promotion";
import { scopeOf, type ScopeInfo } from "./scope";
import { AstPath, pathAt } from "./paths";
import { walk } from "./walk";
import { calleeName, type CalleeShape, type TargetMatch, type TargetMatcher, type TypeFacts } from "./targets";

export interface Site {
  readonly call: AnyPath;
  readonly target: Target;
  readonly callee: CalleeShape;
  readonly scope: ScopeInfo;
  readonly action: Action;
  readonly reason: string;
  readonly ignored?: true;
  readonly line: number;
  readonly column: number;
  /** make-async: the function made async, and whether the call itself is awaited too. */
  readonly promotes?: PromotableFunction;
  readonly awaitCall?: boolean;
  /** A manual site where propagation stopped: the function (or scope) that cannot be made async, and why. */
  readonly stoppedAt?: string;
  readonly stopReason?: string;
}

export interface AnalyzeOptions {
  readonly config: ResolvedConfig;
  readonly matcher: TargetMatcher;
  /** Whether the file's top level may use `await` (see module-kind.ts). */
  readonly topLevelAsync: boolean;
  /** The file's ignore comments (ignore-comments.ts); none when absent. */
  readonly ignores?: IgnoreComments;
  /** Propagation, when on: make a sync function async where a target call in it has no sync variant. */
  readonly propagate?: PromotionContext;
}

/**
 * A plain walk finds the candidate calls (by name, or by range for the typed
 * engine); only those get paths, with parents and scopes, for the
 * rest of the analysis. `ast` is Babel's File node.
 */
export function analyze(ast: AnyNode, source: string, options: AnalyzeOptions): Site[] {
  const candidates: (readonly (string | number)[])[] = [];
  walk(ast, { skipTypes: true, focus: options.matcher.focus(source) }, (node, keys) => {
    if (SITE_TYPES.has(node.type) && options.matcher.isCandidate(node)) candidates.push([...keys]);
  });
  if (candidates.length === 0) return [];
  const root = AstPath.root(ast);
  const index = createFileIndex(ast, root, source, consumersOf(options.config));
  const matched: { path: AnyPath; match: TargetMatch }[] = [];
  for (const keys of candidates) {
    const path = pathAt(root, keys);
    const match = options.matcher.match(path);
    if (match) matched.push({ path, match });
  }
  const calls = new Set(matched.map(({ path }) => path.node));
  for (const { path, match } of matched) index.siteTargets.set(path.node, match.target);
  const sites: Site[] = [];
  // One check per function: several calls in it ask the same question.
  const promotions = new Map<unknown, PromotionCheck>();
  const promotionFor = (scope: ScopeInfo): PromotionCheck => {
    const key = scope.kind === "forbidden" ? scope : scope.function ?? scope.where;
    let check = promotions.get(key);
    if (!check) {
      check = promotionOf(scope, options.propagate!);
      promotions.set(key, check);
    }
    return check;
  };
  const allFacts: SiteFacts[] = [];
  for (const { path, match } of matched) {
    // `load().then(f)` with both calls targets (allPromises): one site, the chain.
    if (startsMatchedChain(path, calls)) continue;
    const scope = scopeOf(path, { topLevelAsync: options.topLevelAsync });
    const start = nodeOf(path).loc?.start ?? { line: 0, column: 0 };
    let asked: PromotionCheck | undefined;
    const propagation = options.propagate && scope.kind === "sync"
      ? { propagation: (): PromotionFacts => {
        asked = promotionFor(scope);
        return asked.ok ? { ok: true, name: asked.fn.name === "default" && asked.fn.defaultExport ? "the default export" : asked.fn.name } : { ok: false, reason: asked.reason, ...(asked.readAsValue ? { readAsValue: true } : {}) };
      } }
      : {};
    const plain = siteFacts({ call: path, target: match.target, callee: match.callee, facts: match.facts, scope, index, config: options.config });
    const ignored = options.ignores?.claim(start.line);
    const facts: SiteFacts = { ...plain, ...propagation, ...(ignored === undefined ? {} : { ignoredBy: { reason: ignored || undefined } }) };
    const decision = decide(facts);
    const check = asked as PromotionCheck | undefined;
    const promotion = decision.action === "make-async" && check?.ok ? { promotes: check.fn, awaitCall: decision.awaitCall === true } : {};
    const stopped = decision.action === "manual" && check && !check.ok ? { stoppedAt: check.name, stopReason: check.reason } : {};
    allFacts.push(facts);
    const { awaitCall: _awaitCall, ...rest } = decision;
    sites.push({ call: path, target: match.target, callee: match.callee, scope, ...rest, ...promotion, ...stopped, line: start.line, column: start.column + 1 });
  }
  return withPromotedScopes(sites, allFacts);
}

/**
 * The other calls of targets in a function made async are decided again
 * in it as an async function: `loadSync`-able calls are awaited there too,
 * rather than switched, and a floating one is awaited.
 */
function withPromotedScopes(sites: readonly Site[], facts: readonly SiteFacts[]): Site[] {
  const promoted = new Set(sites.flatMap((site) => (site.promotes ? [site.promotes.path.node] : [])));
  if (promoted.size === 0) return [...sites];
  return sites.map((site, i) => {
    if (site.promotes || site.scope.kind !== "sync" || !site.scope.function || !promoted.has(site.scope.function.node)) return site;
    const scope: ScopeInfo = { kind: "async", where: "an async function", function: site.scope.function };
    const { propagation: _propagation, ...rest } = facts[i]!;
    const { stoppedAt: _stoppedAt, stopReason: _stopReason, ...kept } = site;
    return { ...kept, scope, ...decide({ ...rest, scope }) };
  });
}

const consumerCache = new WeakMap<ResolvedConfig, readonly PromiseConsumer[]>();

function consumersOf(config: ResolvedConfig): readonly PromiseConsumer[] {
  let consumers = consumerCache.get(config);
  if (!consumers) {
    consumers = parsePromiseConsumers(config.promiseConsumers ?? []);
    consumerCache.set(config, consumers);
  }
  return consumers;
}

/** The call is the object of `.then`/`.catch`/`.finally` whose call is itself a matched site. */
function startsMatchedChain(call: AnyPath, calls: ReadonlySet<unknown>): boolean {
  const outer = climbWrappers(call);
  const member = outer.parent as AnyPath | null;
  if (!member || outer.name !== "object" || !MEMBER_TYPES.has(nodeOf(member).type)) return false;
  const method = memberPropertyName(nodeOf(member));
  if (method !== "then" && method !== "catch" && method !== "finally") return false;
  const chain = climbWrappers(member);
  const parent = chain.parent as AnyPath | null;
  return parent !== null && chain.name === "callee" && calls.has(parent.node);
}

interface DecideInput {
  readonly call: AnyPath;
  readonly target: Target;
  readonly callee: CalleeShape;
  readonly facts: TypeFacts | undefined;
  readonly scope: ScopeInfo;
  readonly index: AnalysisIndex;
  readonly config: ResolvedConfig;
}

/** The facts the shared decision (decision/decide.ts) reads, from the JavaScript AST. */
function siteFacts(input: DecideInput): SiteFacts {
  const { call, target, scope, index, config } = input;
  const direct = directPromiseUse(call, index, target);
  const stored = direct ? undefined : storedFacts(call, index, { target, promiseArguments: input.facts?.promiseArguments });
  // A type-checker fact (a promise-typed parameter or variable) counts when the syntax shows no promise use of its own.
  const syntactic = direct !== undefined || (stored?.references.some((r) => r.kind === "promise") ?? false);
  const typed = syntactic ? undefined : typedPromiseUse(input.facts);
  const scopeFacts: ScopeFacts = scope.kind === "forbidden" ? { kind: "no-await", where: scope.where } : scope;
  return {
    language: JAVASCRIPT,
    ...(target.propagated ? { calleeMadeAsync: true } : {}),
    scope: scopeFacts,
    returnAwait: config.returnAwait,
    direct: typed ?? direct,
    stored: typed ? undefined : stored,
    floating: isFloating(call),
    handlesRejection: handledRejection(nodeOf(call)),
    hazard: splitsOptionalChain(call) ? { kind: "optional-chain" } : undefined,
    ...(unprovenEdit(input.facts) !== undefined ? { unprovenEdit: unprovenEdit(input.facts) } : {}),
    syncVariant: target.sync,
    syncBlocker: () => {
      if (input.facts?.syncVariant?.ok === false) return input.facts.syncVariant.reason;
      return target.sync === undefined ? undefined : syncVariantBlocker(input, target.sync);
    },
  };
}

/** Why the type checker cannot back an edit here, if it cannot: the call may not be the target, or its consumer's type is unseen. */
function unprovenEdit(facts: TypeFacts | undefined): string | undefined {
  return facts?.unprovenTarget ?? facts?.unseenParameter;
}

/** Promise uses only the type checker sees: a parameter or a variable typed as a promise. */
function typedPromiseUse(facts: TypeFacts | undefined): PromiseUse | undefined {
  if (facts?.promiseParameter) return { kind: "typed", detail: `passed to ${facts.promiseParameter}, which accepts a promise` };
  if (facts?.promiseVariable) return { kind: "typed", detail: `stored in ${facts.promiseVariable}, declared as a promise` };
  return undefined;
}

function isFloating(call: AnyPath): boolean {
  const outer = climbWrappers(call);
  return outer.parent !== null && nodeOf(outer.parent).type === "ExpressionStatement";
}

/**
 * Why the sync variant cannot be written here, if it cannot. Renaming `f()`
 * to `fSync()` is only right when `fSync` then means the configured sync
 * function: not a parameter, a local of another scope, or an enum of that name.
 */
function syncVariantBlocker(input: DecideInput, sync: string): string | undefined {
  if (input.callee.kind !== "identifier") return undefined;
  const calleeName = calleeName_(input.call);
  const binding = input.callee.binding;
  const origin = binding ? bindingOrigin(binding) : undefined;
  const taken = (declaration: Declaration) =>
    `the sync variant ${sync} cannot be used here: the name ${sync} is already declared in this file (line ${lineOf(declaration.identifier)})`;
  // `const f = require("m").f`: the sync name would need a declaration of its own.
  if (origin?.kind === "require-member") return `${calleeName} is read off require("${origin.module}"): declare ${sync} the same way, then switch it by hand`;
  if (origin && isModuleBinding(origin)) {
    const foreign = input.index.declarations(sync).find((d) => !(d.from?.module === origin.module && d.from.imported === sync));
    return foreign ? taken(foreign) : undefined;
  }
  const own = input.index.declarations(calleeName);
  if (binding) {
    const declaration = own.find((d) => d.identifier === binding.node);
    if (!declaration || !declaration.topLevel || declaration.kind === "parameter" || declaration.kind === "other") {
      return `${calleeName} here is a local ${declaration?.kind === "parameter" ? "parameter" : "binding"} (line ${lineOf(nodeOf(binding))}), not a function of the module: switch it by hand`;
    }
  } else {
    const hidden = own.find((d) => d.kind === "other" && d.topLevel);
    if (hidden) return `${calleeName} is declared at line ${lineOf(hidden.identifier)} by a form unawaited does not follow: switch it by hand`;
  }
  const conflict = input.index.declarations(sync).find((d) => !d.topLevel || d.kind === "parameter" || d.kind === "other");
  return conflict ? taken(conflict) : undefined;
}

function calleeName_(call: AnyPath): string {
  return calleeName(nodeOf(call)) ?? "";
}

function lineOf(node: AnyNode): number {
  return node.loc?.start.line ?? 0;
}

/**
 * `a?.f().x`: the call sits inside an optional chain that goes on after it.
 * `(await a?.f()).x` would throw where the original gave `undefined`.
 */
function splitsOptionalChain(call: AnyPath): boolean {
  const node = nodeOf(call);
  // Only a call inside a chain is an OptionalCallExpression; `f()?.x` starts one and is fine.
  if (node.type !== "OptionalCallExpression") return false;
  if ((node["extra"] as { parenthesized?: boolean } | undefined)?.parenthesized) return false;
  const parent = call.parent ? nodeOf(call.parent as AnyPath) : undefined;
  if (!parent) return false;
  return (parent.type === "OptionalMemberExpression" && call.name === "object")
    || (parent.type === "OptionalCallExpression" && call.name === "callee");
}

export function isModuleBinding(origin: BindingOrigin): origin is Extract<BindingOrigin, { kind: "import-named" | "import-default" | "require-destructured" }> {
  return origin.kind === "import-named" || origin.kind === "import-default" || origin.kind === "require-destructured";
}

export interface AnalysisIndex extends FileIndex {
  declarations(name: string): readonly Declaration[];
}

/**
 * Nodes grouped by a key (`keyOf` returns undefined to leave a node out),
 * found by one plain walk the first time any key is asked for; paths are
 * built per key, on demand.
 */
function lazyIndex(ast: AnyNode, root: AnyPath, keyOf: (node: AnyNode) => string | undefined): (key: string) => readonly AnyPath[] {
  let keyPaths: Map<string, (readonly (string | number)[])[]> | undefined;
  const paths = new Map<string, AnyPath[]>();
  return (key) => {
    if (!keyPaths) {
      const found = new Map<string, (readonly (string | number)[])[]>();
      walk(ast, { skipTypes: true }, (node, keys) => {
        const nodeKey = keyOf(node);
        if (nodeKey === undefined) return;
        const list = found.get(nodeKey) ?? [];
        list.push([...keys]);
        found.set(nodeKey, list);
      });
      keyPaths = found;
    }
    let list = paths.get(key);
    if (!list) {
      list = (keyPaths.get(key) ?? []).map((keys) => pathAt(root, keys));
      paths.set(key, list);
    }
    return list;
  };
}

/** File-wide lookups, each built by one plain walk the first time it is asked for. */
export function createFileIndex(ast: AnyNode, root: AnyPath, source: string, consumers: readonly PromiseConsumer[]): AnalysisIndex {
  let declarations: Map<string, Declaration[]> | undefined;
  let modules: Set<string> | undefined;
  const textOf = (node: AnyNode): string => (node.start != null && node.end != null ? source.slice(node.start, node.end) : "");
  const identifiers = lazyIndex(ast, root, (node) => (node.type === "Identifier" ? (node["name"] as string) : undefined));
  const members = lazyIndex(ast, root, (node) => (MEMBER_TYPES.has(node.type) ? textOf(node) : undefined));
  return {
    identifiers,
    members,
    textOf,
    consumers,
    siteTargets: new Map(),
    importsModule(module) {
      modules ??= topLevelModules(ast);
      return modules.has(module);
    },
    declarations(name) {
      declarations ??= collectDeclarations(ast);
      return declarations.get(name) ?? [];
    },
  };
}

/**
 * The modules the file's top-level statements import or `require`, for the
 * consumer checks. An import inside a function is not seen: React's `use` and
 * a configured `module#name` consumer are imported at the top.
 */
function topLevelModules(ast: AnyNode): Set<string> {
  const out = new Set<string>();
  const program = asNode(ast["program"]) ?? ast;
  for (const statement of (program["body"] as AnyNode[] | undefined) ?? []) {
    if (statement.type === "ImportDeclaration") {
      const source = asNode(statement["source"]);
      if (isStringLiteral(source)) out.add(source.value);
    } else if (statement.type === "VariableDeclaration") {
      for (const declarator of (statement["declarations"] as AnyNode[]) ?? []) {
        const module = requiredModule(asNode(declarator["init"]));
        if (module !== undefined) out.add(module);
      }
    }
  }
  return out;
}
