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
  private readonly moduleFiles = new Map<string, Set<string>>();

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
    this.learnModulesFrom(sourceFile);
    const candidates = this.candidateNames(sourceFile);
    const calls = new Map<string, TypedCall>();
    const visit = (node: Node): void => {
      if (this.ts.isCallExpression(node)) {
        const typed = this.classify(node, candidates);
        if (typed) calls.set(rangeKey(node.getStart(sourceFile), node.getEnd()), typed);
      }
      this.ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return calls;
  }

  private classify(call: CallExpression, candidates: ReadonlySet<string>): TypedCall | undefined {
    const callee = this.skipWrappers(call.expression);
    const nameNode = this.calleeNameNode(callee);
    const name = nameNode?.text;
    let target: Target | undefined;
    if (nameNode && name !== undefined && (candidates.has(name) || this.config.allPromises)) {
      target = this.configuredTarget(callee, nameNode);
    }
    if (!target && this.config.allPromises && name !== undefined && this.returnsPromise(call)) target = { name };
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
      const declaredName = declaration ? this.declaredName(declaration) : undefined;
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
    return symbol.name === "default" ? undefined : symbol.name;
  }

  /** Local names in this file that may stand for a target: the target names and aliases of them. */
  private candidateNames(sourceFile: SourceFile): Set<string> {
    const ts = this.ts;
    const names = new Set(this.config.targets.map((t) => t.name));
    const consider = (local: TsNamespace.Identifier) => {
      const symbol = this.resolvedSymbol(local);
      if (!symbol) return;
      const declared = this.declaredName(symbol);
      for (const target of this.config.targets) {
        if ((target.module !== undefined && this.exportsOf(target).has(symbol)) || (target.module === undefined && declared === target.name)) {
          names.add(local.text);
        }
      }
    };
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) consider(clause.name);
        if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const element of clause.namedBindings.elements) consider(element.name);
        }
      } else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isObjectBindingPattern(declaration.name)) {
            for (const element of declaration.name.elements) if (ts.isIdentifier(element.name)) consider(element.name);
          }
        }
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
   * Learns what each configured module means from this file's own imports (a
   * relative specifier means something different in each directory) and from
   * the project's root (bare specifiers, `paths`).
   */
  private learnModulesFrom(sourceFile: SourceFile): void {
    const ts = this.ts;
    const modules = new Set(this.config.targets.map((t) => t.module).filter((m): m is string => m !== undefined));
    if (modules.size === 0) return;
    const specifiers: TsNamespace.StringLiteralLike[] = [];
    const collect = (node: Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        specifiers.push(node.moduleSpecifier);
      } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require"
        && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
        specifiers.push(node.arguments[0] as TsNamespace.StringLiteralLike);
      }
      ts.forEachChild(node, collect);
    };
    collect(sourceFile);
    for (const specifier of specifiers) {
      if (!modules.has(specifier.text)) continue;
      const moduleSymbol = this.checker.getSymbolAtLocation(specifier);
      if (moduleSymbol) this.addModule(specifier.text, moduleSymbol);
    }
    for (const module of modules) {
      if (this.moduleFiles.has(module)) continue;
      this.moduleFiles.set(module, new Set());
      const options = this.program.getCompilerOptions();
      // Bare specifiers and `paths` resolve the same from anywhere in the project: ask from its root.
      const base = typeof options["configFilePath"] === "string" ? options["configFilePath"] : sourceFile.fileName;
      const containing = path.join(path.dirname(base), "__unawaited__.ts");
      const resolved = ts.resolveModuleName(module, containing, options, ts.sys).resolvedModule;
      const file = resolved ? this.program.getSourceFile(resolved.resolvedFileName) : undefined;
      const symbol = file ? this.checker.getSymbolAtLocation(file) : undefined;
      if (symbol) this.addModule(module, symbol);
    }
  }

  private addModule(module: string, moduleSymbol: Symbol_): void {
    const files = this.moduleFiles.get(module) ?? new Set<string>();
    for (const declaration of moduleSymbol.declarations ?? []) files.add(declaration.getSourceFile().fileName);
    this.moduleFiles.set(module, files);
    const exports = this.checker.getExportsOfModule(moduleSymbol);
    for (const target of this.config.targets) {
      if (target.module !== module || target.type !== undefined) continue;
      const exported = exports.find((symbol) => symbol.name === target.name);
      if (!exported) continue;
      this.exportsOf(target).add(exported.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported);
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
    if (symbol && symbol.name === target.type && this.declaredIn(symbol, target)) return true;
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

  private declaredIn(symbol: Symbol_, target: Target): boolean {
    if (target.module === undefined) return true;
    const files = this.moduleFiles.get(target.module);
    if (!files || files.size === 0) return false;
    return (symbol.declarations ?? []).some((declaration) => files.has(declaration.getSourceFile().fileName));
  }

  private returnsPromise(call: CallExpression): boolean {
    const type = this.checker.getTypeAtLocation(call);
    return !(type.flags & this.ts.TypeFlags.Any) && this.isThenable(type);
  }

  /** Has a callable `then`, or is a union with such a member (`Promise<T> | undefined`). */
  private isThenable(type: Type): boolean {
    const ts = this.ts;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
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
      const contextual = this.checker.getContextualType(outer as TsNamespace.Expression);
      if (contextual && this.isThenable(contextual)) {
        const index = parent.arguments.indexOf(outer as TsNamespace.Expression);
        facts.promiseParameter = `argument ${index + 1} of ${parent.expression.getText()} (${this.checker.typeToString(contextual)})`;
      }
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && parent.type) {
      const declared = this.checker.getTypeFromTypeNode(parent.type);
      if (this.isThenable(declared)) facts.promiseVariable = `${parent.name.getText()}: ${parent.type.getText()}`;
    }
    if (target.sync !== undefined) facts.syncVariant = this.syncVariant(call, callee, target.sync);
    return facts;
  }

  /** Whether `sync` exists where the call would find it and accepts the call's arguments. */
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
        symbols.push(property);
      }
    } else {
      owner = "this scope";
      const found = this.checker.getSymbolsInScope(call, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === sync);
      const declaration = ts.isIdentifier(callee) ? this.resolvedSymbol(callee) : undefined;
      const moduleSymbol = declaration ? this.exportingModule(declaration) : undefined;
      const exported = moduleSymbol ? this.checker.getExportsOfModule(moduleSymbol).find((s) => s.name === sync) : undefined;
      const symbol = found ?? exported;
      if (!symbol) return { ok: false, reason: `the sync variant ${sync} is not declared in ${moduleSymbol ? "the callee's module" : owner}: left as is` };
      symbols = [symbol];
    }
    for (const symbol of symbols) {
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      const type = this.checker.getTypeOfSymbolAtLocation(resolved, call);
      const signatures = this.checker.getSignaturesOfType(type, ts.SignatureKind.Call);
      if (signatures.length === 0) return { ok: false, reason: `${sync} on ${owner} is not callable: left as is` };
      if (!signatures.some((signature) => this.acceptsArguments(signature, call))) {
        return { ok: false, reason: `${sync} on ${owner} does not accept these arguments: left as is` };
      }
    }
    return { ok: true };
  }

  private exportingModule(declaration: Symbol_): Symbol_ | undefined {
    const file = declaration.valueDeclaration?.getSourceFile() ?? declaration.declarations?.[0]?.getSourceFile();
    return file ? this.checker.getSymbolAtLocation(file) : undefined;
  }

  private acceptsArguments(signature: TsNamespace.Signature, call: CallExpression): boolean {
    const parameters = signature.getParameters();
    const declarations = parameters.map((p) => p.valueDeclaration as TsNamespace.ParameterDeclaration | undefined);
    const rest = declarations.length > 0 && declarations[declarations.length - 1]?.dotDotDotToken !== undefined;
    const required = declarations.filter((d) => d && !d.questionToken && !d.initializer && !d.dotDotDotToken).length;
    const count = call.arguments.length;
    if (count < required || (!rest && count > parameters.length)) return false;
    return call.arguments.every((argument, index) => {
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (!parameter || (rest && index >= parameters.length - 1)) return true;
      const expected = this.checker.getTypeOfSymbolAtLocation(parameter, call);
      return this.checker.isTypeAssignableTo(this.checker.getTypeAtLocation(argument), expected);
    });
  }
}
