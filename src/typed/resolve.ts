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
import * as path from "node:path";
import type { ts as TsNamespace } from "ts-morph";
import { rangeKey, type TypedCall, type TypeFacts } from "../analysis/targets";
import type { ResolvedConfig, Target } from "../config/schema";
import type { Ts } from "./project";

type SourceFile = TsNamespace.SourceFile;
type Node = TsNamespace.Node;
type CallExpression = TsNamespace.CallExpression;
type Symbol_ = TsNamespace.Symbol;
type Type = TsNamespace.Type;
type TypeChecker = TsNamespace.TypeChecker;

export class TypedResolver {
  private readonly moduleExports = new Map<string, Set<Symbol_>>();
  /** Per module target with a `type`: the type symbols the module exports under that name. */
  private readonly moduleTypes = new Map<string, Set<Symbol_>>();
  private learned = false;

  constructor(
    private readonly ts: Ts,
    private readonly program: TsNamespace.Program,
    private readonly checker: TypeChecker,
    private readonly config: ResolvedConfig,
  ) {}

  /** The target calls of one file, by range; undefined when the file is not in the program. */
  callsIn(fileName: string): Map<string, TypedCall> | undefined {
    const sourceFile = this.program.getSourceFile(fileName);
    if (!sourceFile) return undefined;
    this.learnModules();
    const names = new Set(this.config.targets.map((t) => t.name));
    const calls = new Map<string, TypedCall>();
    const exported = this.exportedAliases();
    // Text first: a file that mentions no target, no name a target is re-exported under,
    // and no require has no candidate call.
    const mentions = (name: string) => sourceFile.text.includes(name);
    // A default import can have any local name: with a "default" target, any import may be one.
    const anyImport = names.has("default") || exported.has("default");
    if (!this.config.allPromises && ![...names].some(mentions) && ![...exported].some(mentions) && !mentions("require") && !(anyImport && mentions("import"))) {
      return calls;
    }
    const locals = this.aliasNames(sourceFile, names, exported);
    const visit = (node: Node): void => {
      if (this.ts.isCallExpression(node)) {
        const typed = this.classify(node, names, locals);
        if (typed) calls.set(rangeKey(node.getStart(sourceFile), node.getEnd()), typed);
      }
      this.ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return calls;
  }

  private classify(call: CallExpression, names: ReadonlySet<string>, locals: ReadonlySet<string>): TypedCall | undefined {
    const ts = this.ts;
    const callee = this.skipWrappers(call.expression);
    const nameNode = this.calleeNameNode(callee);
    let target: Target | undefined;
    // Asking the checker costs, so only calls that may be targets ask: a target's name,
    // or a local name an import gave to a target (see aliasNames).
    const worthResolving = nameNode !== undefined
      && (names.has(nameNode.text) || (ts.isIdentifier(callee) && locals.has(nameNode.text)) || this.config.allPromises);
    if (worthResolving) target = this.configuredTarget(callee, nameNode);
    // A configured function called through an overload that returns no promise is not a target.
    if (target && !this.mayReturnPromise(call)) target = undefined;
    if (!target && this.config.allPromises && this.returnsPromise(call)) target = { name: nameNode?.text ?? shorten(callee.getText()) };
    if (!target) return undefined;
    return { target, facts: this.factsFor(call, callee, target) };
  }

  /** `(f)`, `f as T`, `f!`, `<T>f`, `f satisfies T` → `f`. */
  private skipWrappers(expression: TsNamespace.Expression): TsNamespace.Expression {
    const ts = this.ts;
    let current = expression;
    while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current)
      || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
    return current;
  }

  private calleeNameNode(callee: TsNamespace.Expression): TsNamespace.Identifier | TsNamespace.StringLiteral | TsNamespace.PrivateIdentifier | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(callee)) return callee;
    if (ts.isPropertyAccessExpression(callee)) return callee.name;
    if (ts.isElementAccessExpression(callee) && ts.isStringLiteral(callee.argumentExpression)) return callee.argumentExpression;
    return undefined;
  }

  /** The configured target this call resolves to, if any. */
  private configuredTarget(callee: TsNamespace.Expression, nameNode: Node & { text: string }): Target | undefined {
    const ts = this.ts;
    const isMember = !ts.isIdentifier(callee);
    const declaration = this.resolvedSymbol(nameNode);
    const declaredName = declaration ? this.declaredName(declaration) : undefined;
    for (const target of this.config.targets) {
      if (target.type !== undefined) {
        if (!isMember || nameNode.text !== target.name) continue;
        const receiver = (callee as TsNamespace.PropertyAccessExpression | TsNamespace.ElementAccessExpression).expression;
        if (this.typeMatches(this.checker.getTypeAtLocation(receiver), target, new Set())) return target;
        continue;
      }
      if (target.module !== undefined) {
        if (declaration && this.exportsOf(target).has(declaration)) return target;
        continue;
      }
      // A name target: the declaration's own name (so `make` imported as an alias of
      // `createWebSocketManager` counts), or the call's name when nothing resolves.
      if (declaredName === target.name || (declaredName === undefined && nameNode.text === target.name)) return target;
      if (isMember && nameNode.text === target.name) return target;
    }
    return undefined;
  }

  /** The symbol a name resolves to, through import/export aliases. */
  private resolvedSymbol(node: Node): Symbol_ | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    return symbol.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  private declaredName(symbol: Symbol_): string | undefined {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    const named = (declaration as { name?: Node }).name;
    if (named && (this.ts.isIdentifier(named) || this.ts.isPrivateIdentifier(named))) return named.text;
    return symbol.name === "default" || symbol.name.startsWith("__") ? undefined : symbol.name;
  }

  /**
   * Local names this file's imports give to a target under another name:
   * `import { createX as make }`, a barrel's `export { createX as make }`,
   * `import mk = require("./legacy")` with `export =`, `import e = ns.createX`,
   * `const { createX: make } = require(…)`. Only the imports are resolved,
   * not every call.
   */
  private aliasNames(sourceFile: SourceFile, names: ReadonlySet<string>, exported: ReadonlySet<string>): Set<string> {
    const ts = this.ts;
    const locals = new Set<string>();
    const plausible = (imported: string) => names.has(imported) || exported.has(imported);
    const consider = (local: TsNamespace.Identifier, imported?: string) => {
      if (names.has(local.text) || (imported !== undefined && !plausible(imported))) return;
      const symbol = this.resolvedSymbol(local);
      if (!symbol) return;
      const declared = this.declaredName(symbol);
      for (const target of this.config.targets) {
        if ((target.module !== undefined && this.exportsOf(target).has(symbol)) || (target.module === undefined && declared === target.name)) {
          locals.add(local.text);
        }
      }
    };
    const visit = (node: Node): void => {
      if (ts.isImportDeclaration(node) && node.importClause) {
        const clause = node.importClause;
        if (clause.name) consider(clause.name, "default");
        if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const element of clause.namedBindings.elements) consider(element.name, (element.propertyName ?? element.name).text);
        }
        return;
      }
      if (ts.isImportEqualsDeclaration(node)) {
        consider(node.name);
        return;
      }
      if (ts.isVariableDeclaration(node) && node.initializer && /\brequire\s*\(/.test(node.initializer.getText())) {
        if (ts.isIdentifier(node.name)) consider(node.name);
        else if (ts.isObjectBindingPattern(node.name)) {
          for (const element of node.name.elements) if (ts.isIdentifier(element.name)) consider(element.name);
        }
      }
      // Imports live at the top level (or in a namespace); no need to look inside functions.
      if (ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isModuleDeclaration(node) || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node)) {
        ts.forEachChild(node, visit);
      }
    };
    visit(sourceFile);
    return locals;
  }

  private exportedAliasSet: Set<string> | undefined;

  /**
   * Every name a target is re-exported under anywhere in the program
   * (`export { createX as make }`, `export default createX`), following barrels
   * of barrels; found by text and syntax, once.
   */
  private exportedAliases(): Set<string> {
    if (this.exportedAliasSet) return this.exportedAliasSet;
    const ts = this.ts;
    const known = new Set<string>(this.config.targets.map((t) => t.name));
    const aliases = new Set<string>();
    const files = this.program.getSourceFiles().filter((f) => !this.program.isSourceFileFromExternalLibrary(f));
    for (let grew = true; grew;) {
      grew = false;
      for (const file of files) {
        if (![...known].some((name) => file.text.includes(name))) continue;
        for (const statement of file.statements) {
          if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
            for (const element of statement.exportClause.elements) {
              if (known.has((element.propertyName ?? element.name).text) && !known.has(element.name.text)) {
                known.add(element.name.text);
                aliases.add(element.name.text);
                grew = true;
              }
            }
          } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression) && known.has(statement.expression.text) && !aliases.has("default")) {
            aliases.add("default");
          }
        }
      }
    }
    this.exportedAliasSet = aliases;
    return aliases;
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

  /** The declarations a module target's module exports under its name. */
  private exportsOf(target: Target): Set<Symbol_> {
    const key = `${target.module}\0${target.name}`;
    let set = this.moduleExports.get(key);
    if (!set) {
      set = new Set();
      this.moduleExports.set(key, set);
    }
    return set;
  }

  /**
   * Learns once what each configured module means: from every import, export
   * and require in the program's own files that names it (a relative specifier
   * means something different in each directory), and from the project's root
   * (bare specifiers, `paths`). The result does not depend on which files run.
   */
  private learnModules(): void {
    if (this.learned) return;
    this.learned = true;
    const ts = this.ts;
    const modules = new Set(this.config.targets.map((t) => t.module).filter((m): m is string => m !== undefined));
    if (modules.size === 0) return;
    for (const sourceFile of this.program.getSourceFiles()) {
      if (this.program.isSourceFileFromExternalLibrary(sourceFile) || sourceFile.isDeclarationFile) continue;
      // A cheap text test first: most files never mention the module.
      if (![...modules].some((module) => sourceFile.text.includes(module))) continue;
      const collect = (node: Node): void => {
        let specifier: TsNamespace.Node | undefined;
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifier = node.moduleSpecifier;
        else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)
          && ((ts.isIdentifier(node.expression) && node.expression.text === "require") || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
          specifier = node.arguments[0];
        } else if (ts.isExternalModuleReference(node)) specifier = node.expression;
        if (specifier && ts.isStringLiteralLike(specifier) && modules.has(specifier.text)) {
          const moduleSymbol = this.checker.getSymbolAtLocation(specifier);
          if (moduleSymbol) this.addModule(specifier.text, moduleSymbol);
        }
        ts.forEachChild(node, collect);
      };
      collect(sourceFile);
    }
    const options = this.program.getCompilerOptions();
    const base = typeof options["configFilePath"] === "string" ? options["configFilePath"] : this.program.getCurrentDirectory();
    // Bare specifiers and `paths` resolve the same from anywhere in the project: ask from its root.
    const containing = path.join(path.dirname(base), "__unawaited__.ts");
    for (const module of modules) {
      const resolved = ts.resolveModuleName(module, containing, options, ts.sys).resolvedModule;
      const file = resolved ? this.program.getSourceFile(resolved.resolvedFileName) : undefined;
      const symbol = file ? this.checker.getSymbolAtLocation(file) : undefined;
      if (symbol) this.addModule(module, symbol);
    }
  }

  private addModule(module: string, moduleSymbol: Symbol_): void {
    const exports = this.checker.getExportsOfModule(moduleSymbol);
    const resolve = (symbol: Symbol_) => (symbol.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol);
    for (const target of this.config.targets) {
      if (target.module !== module) continue;
      if (target.type !== undefined) {
        const exported = exports.find((symbol) => symbol.name === target.type);
        if (!exported) continue;
        const key = `${module}\0${target.type}`;
        const set = this.moduleTypes.get(key) ?? new Set<Symbol_>();
        set.add(resolve(exported));
        this.moduleTypes.set(key, set);
        continue;
      }
      const exported = exports.find((symbol) => symbol.name === target.name);
      if (exported) this.exportsOf(target).add(resolve(exported));
    }
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
    if (target.module !== undefined) return this.moduleTypes.get(`${target.module}\0${target.type}`)?.has(symbol) ?? false;
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
    while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent)
      || ts.isSatisfiesExpression(outer.parent) || ts.isTypeAssertionExpression(outer.parent)) outer = outer.parent;
    const parent = outer.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(outer as TsNamespace.Expression)) {
      const index = parent.arguments.indexOf(outer as TsNamespace.Expression);
      const declared = this.declaredParameterType(parent, index);
      if (declared && this.isThenable(declared)) {
        facts.promiseParameter = `argument ${index + 1} of ${shorten(parent.expression.getText())} (${this.checker.typeToString(declared)})`;
      }
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && parent.type) {
      const declared = this.checker.getTypeFromTypeNode(parent.type);
      if (this.isThenable(declared)) facts.promiseVariable = `${parent.name.getText()}: ${parent.type.getText()}`;
    }
    if (target.sync !== undefined) facts.syncVariant = this.syncVariant(call, callee, target.sync);
    return facts;
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

  /** Whether `sync` exists where the call would find it, may be called from here, and accepts the call's arguments. */
  private syncVariant(call: CallExpression, callee: TsNamespace.Expression, sync: string): TypeFacts["syncVariant"] {
    const ts = this.ts;
    let owner: string;
    let symbols: Symbol_[];
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      // `maybe?.f()` never calls on null or undefined: only the rest of the union must have `sync`.
      const receiver = this.checker.getNonNullableType(this.checker.getTypeAtLocation(callee.expression));
      if (receiver.flags & ts.TypeFlags.Any) return { ok: true };
      owner = `type ${this.checker.typeToString(receiver)}`;
      const parts = receiver.isUnion() ? receiver.types : [receiver];
      symbols = [];
      for (const part of parts) {
        const property = this.checker.getPropertyOfType(this.checker.getApparentType(part), sync);
        if (!property) return { ok: false, reason: `the sync variant ${sync} does not exist on ${owner}: left as is` };
        if (!this.accessibleFrom(property, call)) return { ok: false, reason: `${sync} on ${owner} is private or protected: left as is` };
        symbols.push(property);
      }
    } else {
      const found = this.syncByName(call, callee, sync);
      if ("reason" in found) return { ok: false, reason: found.reason };
      owner = found.owner;
      symbols = [found.symbol];
    }
    for (const symbol of symbols) {
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      const type = this.checker.getTypeOfSymbolAtLocation(resolved, call);
      const signatures = this.checker.getSignaturesOfType(type, ts.SignatureKind.Call);
      if (signatures.length === 0) return { ok: false, reason: `${sync} in ${owner} is not callable: left as is` };
      if (!signatures.some((signature) => this.acceptsArguments(signature, call))) {
        return { ok: false, reason: `${sync} in ${owner} does not accept these arguments: left as is` };
      }
    }
    return { ok: true };
  }

  /**
   * Where a plain `f()` would find `fSync`: the module the callee was
   * imported from (as named in the import, a barrel included), or this file
   * for a local function. A global of that name (the DOM's `stop`) does not count.
   */
  private syncByName(call: CallExpression, callee: TsNamespace.Expression, sync: string): { symbol: Symbol_; owner: string } | { reason: string } {
    const ts = this.ts;
    const local = ts.isIdentifier(callee) ? this.checker.getSymbolAtLocation(callee) : undefined;
    const importDeclaration = local?.declarations?.find((d) => ts.isImportSpecifier(d) || ts.isImportClause(d) || ts.isBindingElement(d));
    if (local && local.flags & ts.SymbolFlags.Alias && importDeclaration) {
      let node: Node | undefined = importDeclaration;
      while (node && !ts.isImportDeclaration(node)) node = node.parent;
      const specifier = node && ts.isImportDeclaration(node) ? node.moduleSpecifier : undefined;
      const moduleSymbol = specifier ? this.checker.getSymbolAtLocation(specifier) : undefined;
      const moduleName = specifier && ts.isStringLiteral(specifier) ? specifier.text : "its module";
      const exported = moduleSymbol ? this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === sync) : undefined;
      return exported ? { symbol: exported, owner: `"${moduleName}"` } : { reason: `the sync variant ${sync} is not exported by "${moduleName}": left as is` };
    }
    const file = call.getSourceFile();
    const inScope = this.checker.getSymbolsInScope(call, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)
      .find((s) => s.name === sync && (s.declarations ?? []).some((d) => d.getSourceFile() === file));
    return inScope ? { symbol: inScope, owner: "this file" } : { reason: `the sync variant ${sync} is not declared in this file: left as is` };
  }

  /** A private or protected member is only callable from inside its class (hierarchy): refuse those outright. */
  private accessibleFrom(property: Symbol_, call: CallExpression): boolean {
    const ts = this.ts;
    void call;
    for (const declaration of property.declarations ?? []) {
      const modifiers = ts.getCombinedModifierFlags(declaration);
      if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
      const name = (declaration as { name?: Node }).name;
      if (name && ts.isPrivateIdentifier(name)) return false;
    }
    return true;
  }

  private acceptsArguments(signature: TsNamespace.Signature, call: CallExpression): boolean {
    const parameters = signature.getParameters();
    const declarations = parameters.map((p) => p.valueDeclaration as TsNamespace.ParameterDeclaration | undefined);
    const rest = declarations.length > 0 && declarations[declarations.length - 1]?.dotDotDotToken !== undefined;
    // isOptionalParameter also knows JSDoc's `[name]` and initializers.
    const required = declarations.filter((d) => d && !d.dotDotDotToken && !this.checker.isOptionalParameter(d)).length;
    const count = call.arguments.length;
    if (count < required || (!rest && count > parameters.length)) return false;
    // A generic signature is checked by arity only: its parameters are not instantiated here.
    if ((signature.getTypeParameters()?.length ?? 0) > 0) return true;
    return call.arguments.every((argument, index) => {
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (!parameter || (rest && index >= parameters.length - 1)) return true;
      const expected = this.checker.getTypeOfSymbolAtLocation(parameter, call);
      return this.checker.isTypeAssignableTo(this.checker.getTypeAtLocation(argument), expected);
    });
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
