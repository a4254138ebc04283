/**
 * The typed resolver: which calls in a file are targets, decided by symbol
 * and type rather than by name, plus what the checker knows about each
 * (promise-typed parameter or variable, sync variant available). Returns
 * plain data keyed by source range; the shared analysis and rewriter do the rest.
 *
 *   module targets   the declaration the module exports under `name`, found
 *                    through TypeScript's module resolution (paths, baseUrl,
 *                    package exports, barrels, `export { x as y }`, default exports);
 *                    every call whose callee resolves to it, whatever its local name
 *   type targets     member calls whose receiver is, extends or implements `type`
 *                    (union members and type-parameter constraints included; `any` is not)
 *   name targets     calls whose callee resolves to a declaration named `name`
 *                    (so aliases count), or a member call of that property name
 *   allPromises      every call whose type is thenable (not `any`)
 */
import type { ts as TsNamespace } from "ts-morph";
import { rangeKey, type TypedCall, type TypeFacts } from "../javascript/facts/targets";
import type { ResolvedConfig, Target } from "../config/schema";
import type { Ts } from "./project";
import { ModuleTargets } from "./modules";
import { SyncVariantCheck } from "./sync-check";
import { Symbols } from "./symbols";

type Node = TsNamespace.Node;
/** A call, or a tagged template (`sql`select 1``, which calls its tag). */
type CallExpression = TsNamespace.CallExpression | TsNamespace.TaggedTemplateExpression;
type Symbol_ = TsNamespace.Symbol;
type Type = TsNamespace.Type;
type TypeChecker = TsNamespace.TypeChecker;

export class TypedResolver {
  private readonly syncCheck: SyncVariantCheck;
  private readonly symbols: Symbols;
  private readonly modules: ModuleTargets;

  constructor(
    private readonly ts: Ts,
    private readonly program: TsNamespace.Program,
    private readonly checker: TypeChecker,
    private readonly config: ResolvedConfig,
  ) {
    this.syncCheck = new SyncVariantCheck(ts, checker);
    this.symbols = new Symbols(ts, checker);
    this.modules = new ModuleTargets(ts, program, checker, config, this.symbols);
  }

  /** The target calls of one file, by range; undefined when the file is not in the program. */
  callsIn(fileName: string): Map<string, TypedCall> | undefined {
    const sourceFile = this.program.getSourceFile(fileName);
    if (!sourceFile) return undefined;
    this.modules.learn();
    const names = new Set(this.config.targets.map((t) => t.name));
    const calls = new Map<string, TypedCall>();
    const exported = this.modules.exportedAliases();
    // Text first: a file that mentions no target, no name a target is re-exported under,
    // and no require has no candidate call.
    const mentions = (name: string) => sourceFile.text.includes(name);
    // A default import can have any local name: with a "default" target, any import may be one.
    const anyImport = names.has("default") || exported.has("default");
    if (!this.config.allPromises && ![...names].some(mentions) && ![...exported].some(mentions) && !mentions("require") && !(anyImport && mentions("import"))) {
      return calls;
    }
    const locals = this.modules.aliasNames(sourceFile, names, exported);
    // A target under a name a barrel gave it may also be reached without an import (`const { h } = ns`).
    const callable = exported.size === 0 ? names : new Set([...names, ...exported]);
    const visit = (node: Node): void => {
      if (this.ts.isCallExpression(node) || this.ts.isTaggedTemplateExpression(node)) {
        const typed = this.classify(node, callable, locals);
        if (typed) calls.set(rangeKey(node.getStart(sourceFile), node.getEnd()), typed);
      }
      this.ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return calls;
  }

  private classify(call: CallExpression, names: ReadonlySet<string>, locals: ReadonlySet<string>): TypedCall | undefined {
    const ts = this.ts;
    const callee = this.skipWrappers(this.ts.isCallExpression(call) ? call.expression : call.tag);
    const nameNode = this.calleeNameNode(callee);
    let target: Target | undefined;
    let unproven: string | undefined;
    // Asking the checker costs, so only calls that may be targets ask: a target's name,
    // or a local name an import gave to a target (see aliasNames).
    const worthResolving = nameNode !== undefined
      && (names.has(nameNode.text) || (ts.isIdentifier(callee) && locals.has(nameNode.text)) || this.config.allPromises);
    if (worthResolving) ({ target, unproven } = this.configuredTarget(callee, nameNode) ?? {});
    // A configured function called through an overload that returns no promise is not a target.
    // A function this run made async still returns a value in the program the checker has.
    if (target && !target.propagated && !this.mayReturnPromise(call)) target = undefined;
    if (!target && this.config.allPromises && this.returnsPromise(call)) target = { name: nameNode?.text ?? shorten(callee.getText()) };
    if (!target) return undefined;
    const facts = this.factsFor(call, callee, target);
    return { target, facts: unproven === undefined ? facts : { ...facts, unprovenTarget: unproven } };
  }

  /** `(x)`, `x as T`, `x!`, `<T>x`, `x satisfies T`: wrappers that pass `x` through unchanged. */
  private isWrapper(node: Node): node is TsNamespace.Expression & { expression: TsNamespace.Expression } {
    const ts = this.ts;
    return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)
      || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node);
  }

  /** `(f)`, `f as T`, `f!`, `<T>f`, `f satisfies T` → `f`. */
  private skipWrappers(expression: TsNamespace.Expression): TsNamespace.Expression {
    let current = expression;
    while (this.isWrapper(current)) current = current.expression;
    return current;
  }

  private calleeNameNode(callee: TsNamespace.Expression): TsNamespace.Identifier | TsNamespace.StringLiteral | TsNamespace.PrivateIdentifier | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(callee)) return callee;
    if (ts.isPropertyAccessExpression(callee)) return callee.name;
    if (ts.isElementAccessExpression(callee) && ts.isStringLiteral(callee.argumentExpression)) return callee.argumentExpression;
    return undefined;
  }

  /**
   * The configured target this call resolves to, if any; `unproven` says why
   * the checker cannot tell it is that target (a member call on an `any` receiver).
   */
  private configuredTarget(callee: TsNamespace.Expression, nameNode: Node & { text: string }): { target: Target; unproven?: string } | undefined {
    const ts = this.ts;
    const isMember = !ts.isIdentifier(callee);
    const receiverType = isMember ? this.checker.getTypeAtLocation((callee as TsNamespace.PropertyAccessExpression | TsNamespace.ElementAccessExpression).expression) : undefined;
    const untyped = receiverType && receiverType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)
      ? (receiverType.flags & ts.TypeFlags.Unknown ? "unknown" : "any")
      : undefined;
    const declaration = this.symbols.resolvedSymbol(nameNode);
    const declaredName = declaration ? this.symbols.declaredName(declaration) : undefined;
    // Asked once per call, and only when a function made async is not the declaration itself.
    let calleeType: Symbol_ | undefined | null = null;
    const calleeTypeSymbol = () => (calleeType === null ? (calleeType = this.checker.getTypeAtLocation(callee).getSymbol()) : calleeType);
    for (const target of this.config.targets) {
      // A function this run made async: the calls whose callee is its declaration (aliases,
      // re-exports, `this.m()`, a subclass's inherited `m`), whatever name or receiver they use.
      const at = target.propagated?.at;
      if (at !== undefined) {
        if (declaration && this.symbols.isDeclaredAt(declaration, target.propagated!.file, at)) return { target };
        // Reached through a value rather than its name: `const { f } = ns`, `obj.g` with `{ g }`, `const h = g`:
        // the callee's type is still the function's own.
        const typeSymbol = calleeTypeSymbol();
        if (typeSymbol && typeSymbol !== declaration && this.symbols.isDeclaredAt(typeSymbol, target.propagated!.file, at)) return { target };
        if (untyped !== undefined && target.propagated!.kind === "method" && nameNode.text === target.name) {
          return { target, unproven: `the receiver's type is ${untyped}: cannot tell it is the ${target.name} this run made async (fix it by hand if it is)` };
        }
        continue;
      }
      if (target.type !== undefined) {
        if (!isMember || nameNode.text !== target.name) continue;
        if (this.typeMatches(receiverType!, target, new Set())) return { target };
        continue;
      }
      if (target.module !== undefined) {
        if (declaration && this.modules.exportsOf(target).has(declaration)) return { target };
        continue;
      }
      // `conn.query()` with `conn: any`: any method of that name may be called; the config decides.
      if (untyped !== undefined && nameNode.text === target.name) {
        return target.anyReceiver
          ? { target }
          : { target, unproven: `the receiver's type is ${untyped}: cannot tell it is ${target.name} (fix it by hand if it is, or set "anyReceiver": true on the target)` };
      }
      // A name target: the declaration's own name (so `make` imported as an alias of
      // `createWebSocketManager` counts), or the call's name when nothing resolves.
      if (declaredName === target.name || (declaredName === undefined && nameNode.text === target.name)) return { target };
      if (isMember && nameNode.text === target.name) return { target };
    }
    return undefined;
  }

  /** The names a class or interface is known by: its own, or the variable a class expression is assigned to. */
  private typeNames(symbol: Symbol_): Set<string> {
    const names = new Set<string>([symbol.name]);
    for (const declaration of symbol.declarations ?? []) {
      const named = (declaration as { name?: Node }).name;
      if (named && this.ts.isIdentifier(named)) names.add(named.text);
      const parent = declaration.parent;
      if (this.ts.isClassExpression(declaration) && parent && this.ts.isVariableDeclaration(parent) && this.ts.isIdentifier(parent.name)) {
        names.add(parent.name.text);
      }
    }
    return names;
  }

  /** Is, extends or implements the target's type; unions by any member, type parameters by constraint. */
  private typeMatches(type: Type, target: Target, seen: Set<Type>): boolean {
    const ts = this.ts;
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    if (type.isUnionOrIntersection()) return type.types.some((member) => this.typeMatches(member, target, seen));
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint !== undefined && this.typeMatches(constraint, target, seen);
    }
    const symbol = type.getSymbol();
    if (symbol && this.isTargetType(symbol, target)) return true;
    const objectType = type as TsNamespace.ObjectType;
    const classOrInterface = objectType.objectFlags & ts.ObjectFlags.Reference ? (type as TsNamespace.TypeReference).target : type;
    if ((classOrInterface as TsNamespace.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface) {
      for (const base of this.checker.getBaseTypes(classOrInterface as TsNamespace.InterfaceType)) {
        if (this.typeMatches(base, target, seen)) return true;
      }
    }
    for (const declaration of symbol?.declarations ?? []) {
      if (!ts.isClassLike(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
        for (const implemented of clause.types) {
          if (this.typeMatches(this.checker.getTypeAtLocation(implemented), target, seen)) return true;
        }
      }
    }
    return false;
  }

  /** With `module`: one of the types that module exports under the name; without: any type of that name. */
  private isTargetType(symbol: Symbol_, target: Target): boolean {
    if (target.module !== undefined) return this.modules.typesOf(target.module, target.type!)?.has(symbol) ?? false;
    return this.typeNames(symbol).has(target.type!);
  }

  /** False only when the call's type is known and is not a promise (a sync overload). */
  private mayReturnPromise(call: CallExpression): boolean {
    const type = this.checker.getTypeAtLocation(call);
    if (type.flags & (this.ts.TypeFlags.Any | this.ts.TypeFlags.Unknown)) return true;
    return this.isThenable(type);
  }

  private returnsPromise(call: CallExpression): boolean {
    const type = this.checker.getTypeAtLocation(call);
    return !(type.flags & this.ts.TypeFlags.Any) && this.isThenable(type);
  }

  /** Has a callable `then`, or is a union with such a member (`Promise<T> | undefined`); a type parameter by its constraint. */
  private isThenable(type: Type): boolean {
    const ts = this.ts;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint !== undefined && constraint !== type && this.isThenable(constraint);
    }
    if (type.isUnion()) return type.types.some((member) => this.isThenable(member));
    const then = this.checker.getPropertyOfType(this.checker.getApparentType(type), "then");
    if (!then) return false;
    const thenType = this.checker.getTypeOfSymbol(then);
    return this.checker.getSignaturesOfType(thenType, ts.SignatureKind.Call).length > 0;
  }

  private factsFor(call: CallExpression, callee: TsNamespace.Expression, target: Target): TypeFacts {
    const ts = this.ts;
    const facts: { -readonly [K in keyof TypeFacts]: TypeFacts[K] } = {};
    let outer: Node = call;
    while (this.isWrapper(outer.parent)) outer = outer.parent;
    const parent = outer.parent;
    const parameter = this.parameterOf(outer);
    if (parameter?.acceptsPromise) facts.promiseParameter = parameter.description;
    else if (parameter && this.isUntyped(parameter.call.expression)) {
      facts.unseenParameter = `argument ${parameter.index + 1} of ${shorten(parameter.call.expression.getText())}, whose type the checker cannot see (an unresolved import?): it may take the promise`;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && parent.type) {
      const declared = this.checker.getTypeFromTypeNode(parent.type);
      if (this.isThenable(declared)) facts.promiseVariable = `${parent.name.getText()}: ${parent.type.getText()}`;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) {
      const promiseArguments = this.promiseArgumentsOf(parent.name);
      if (promiseArguments.size > 0) facts.promiseArguments = promiseArguments;
    }
    if (target.sync !== undefined) facts.syncVariant = this.syncCheck.check(call, callee, target.sync);
    return facts;
  }

  /**
   * A type parameter whose constraint, as written, has a thenable member:
   * rxjs's `from<O extends ObservableInput<any>>(input: O)`, where
   * ObservableInput is a union holding `PromiseLike`. Read from the syntax
   * because one unresolved member (`AsyncIterable` under an es2017 lib) makes
   * the checker read the whole union, so the constraint, as `any`.
   */
  private constraintNamesPromise(type: Type): boolean {
    const ts = this.ts;
    if (!(type.flags & ts.TypeFlags.TypeParameter)) return false;
    const constraint = type.getSymbol()?.declarations?.find(ts.isTypeParameterDeclaration)?.constraint;
    return constraint !== undefined && this.typeNodeNamesPromise(constraint, new Set());
  }

  /** A union's members, parentheses and type aliases are followed; any other type is asked whether it is thenable. */
  private typeNodeNamesPromise(node: TsNamespace.TypeNode, seen: Set<Node>): boolean {
    const ts = this.ts;
    if (seen.has(node)) return false;
    seen.add(node);
    if (ts.isUnionTypeNode(node)) return node.types.some((member) => this.typeNodeNamesPromise(member, seen));
    if (ts.isParenthesizedTypeNode(node)) return this.typeNodeNamesPromise(node.type, seen);
    if (ts.isTypeReferenceNode(node)) {
      const alias = this.symbols.resolvedSymbol(node.typeName)?.declarations?.find(ts.isTypeAliasDeclaration);
      if (alias) return this.typeNodeNamesPromise(alias.type, seen);
    }
    return this.isThenable(this.checker.getTypeFromTypeNode(node));
  }

  /**
   * The references to a variable that are arguments of promise-accepting
   * parameters (`const p = send(); … from(p)`), by range, for the stored-value
   * rules: the syntax alone sees a call of an unknown function there.
   */
  private promiseArgumentsOf(name: TsNamespace.Identifier): Map<string, string> {
    const ts = this.ts;
    const found = new Map<string, string>();
    const symbol = this.checker.getSymbolAtLocation(name);
    if (!symbol) return found;
    let scope: Node = name;
    while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    const visit = (node: Node): void => {
      if (ts.isIdentifier(node) && node !== name && node.text === name.text && this.checker.getSymbolAtLocation(node) === symbol) {
        let outer: Node = node;
        while (this.isWrapper(outer.parent)) outer = outer.parent;
        const parameter = this.parameterOf(outer);
        if (parameter?.acceptsPromise) found.set(rangeKey(node.getStart(), node.getEnd()), parameter.description);
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return found;
  }

  /** When `argument` is an argument of a call: which one, and whether its declared parameter accepts a promise. */
  private parameterOf(argument: Node): { call: TsNamespace.CallExpression | TsNamespace.NewExpression; index: number; acceptsPromise: boolean; description: string } | undefined {
    const ts = this.ts;
    const call = argument.parent;
    if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(argument as TsNamespace.Expression)) return undefined;
    const index = call.arguments.indexOf(argument as TsNamespace.Expression);
    const declared = this.declaredParameterType(call, index);
    const acceptsPromise = declared !== undefined && (this.isThenable(declared) || this.constraintNamesPromise(declared));
    const description = `argument ${index + 1} of ${shorten(call.expression.getText())}${declared ? ` (${this.checker.typeToString(declared)})` : ""}`;
    return { call, index, acceptsPromise, description };
  }

  /** A callee typed `any` (an unresolved import, an untyped package): nothing is known of what it takes. */
  private isUntyped(callee: TsNamespace.Expression): boolean {
    return (this.checker.getTypeAtLocation(callee).flags & this.ts.TypeFlags.Any) !== 0;
  }

  /**
   * The type a parameter is declared with, before inference: `wrap<T>(data: T)`
   * takes anything, so passing it a promise is not "deliberate" (the contextual
   * type would be the promise itself).
   */
  private declaredParameterType(call: TsNamespace.CallExpression | TsNamespace.NewExpression, index: number): Type | undefined {
    const ts = this.ts;
    const signature = this.checker.getResolvedSignature(call);
    const declaration = signature?.getDeclaration();
    if (!declaration || !("parameters" in declaration)) return undefined;
    const parameters = declaration.parameters as TsNamespace.NodeArray<TsNamespace.ParameterDeclaration>;
    const parameter = parameters[Math.min(index, parameters.length - 1)];
    if (!parameter || (index >= parameters.length && !parameter.dotDotDotToken)) return undefined;
    let type = this.checker.getTypeAtLocation(parameter);
    if (parameter.dotDotDotToken) type = this.checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? type;
    return type;
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
