/**
 * What each configured module means in this program: the declarations it
 * exports under a target's name (and the types, for `type` targets), learned
 * once from every import, export and require that names it, and from the
 * project's root; plus the names targets are re-exported under and, per file,
 * the local names its imports give to targets.
 */
import * as path from "node:path";
import type { ts as TsNamespace } from "ts-morph";
import { moduleFile } from "../javascript/facts/module-paths";
import type { ResolvedConfig, Target } from "../config/schema";
import type { Ts } from "./project";
import type { Symbols } from "./symbols";

type SourceFile = TsNamespace.SourceFile;
type Node = TsNamespace.Node;
type Symbol_ = TsNamespace.Symbol;

export class ModuleTargets {
  private readonly moduleExports = new Map<string, Set<Symbol_>>();
  /** Per module target with a `type`: the type symbols the module exports under that name. */
  private readonly moduleTypes = new Map<string, Set<Symbol_>>();
  private learned = false;

  constructor(
    private readonly ts: Ts,
    private readonly program: TsNamespace.Program,
    private readonly checker: TsNamespace.TypeChecker,
    private readonly config: ResolvedConfig,
    private readonly symbols: Symbols,
  ) {}

  /** The type symbols `module` exports under `type`. */
  typesOf(module: string, type: string): ReadonlySet<Symbol_> | undefined {
    return this.moduleTypes.get(`${module}\0${type}`);
  }

  /**
   * Local names this file's imports give to a target under another name:
   * `import { createX as make }`, a barrel's `export { createX as make }`,
   * `import mk = require("./legacy")` with `export =`, `import e = ns.createX`,
   * `const { createX: make } = require(…)`. Only the imports are resolved,
   * not every call.
   */
  aliasNames(sourceFile: SourceFile, names: ReadonlySet<string>, exported: ReadonlySet<string>): Set<string> {
    const ts = this.ts;
    const locals = new Set<string>();
    const plausible = (imported: string) => names.has(imported) || exported.has(imported);
    const consider = (local: TsNamespace.Identifier, imported?: string) => {
      if (names.has(local.text) || (imported !== undefined && !plausible(imported))) return;
      const symbol = this.symbols.resolvedSymbol(local);
      if (!symbol) return;
      const declared = this.symbols.declaredName(symbol);
      for (const target of this.config.targets) {
        const propagated = target.propagated?.at !== undefined && this.symbols.isDeclaredAt(symbol, target.propagated.file, target.propagated.at);
        if (propagated || (target.module !== undefined && this.exportsOf(target).has(symbol)) || (target.module === undefined && declared === target.name)) {
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
  exportedAliases(): Set<string> {
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

  /** The declarations a module target's module exports under its name. */
  exportsOf(target: Target): Set<Symbol_> {
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
  learn(): void {
    if (this.learned) return;
    this.learned = true;
    const ts = this.ts;
    const modules = new Set(this.config.targets.map((t) => t.module).filter((m): m is string => m !== undefined));
    if (modules.size === 0) return;
    // A path module (absolute since config load) is one file: no import spells it so, and none needs to.
    const specifiers = [...modules].filter((module) => !path.isAbsolute(module));
    for (const sourceFile of this.program.getSourceFiles()) {
      if (this.program.isSourceFileFromExternalLibrary(sourceFile) || sourceFile.isDeclarationFile) continue;
      // A cheap text test first: most files never mention the module.
      if (!specifiers.some((module) => sourceFile.text.includes(module))) continue;
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
      // A path module resolves as the syntactic engine resolves it, so both engines agree on its file.
      const resolved = (path.isAbsolute(module) ? moduleFile(module) : undefined) ?? ts.resolveModuleName(module, containing, options, ts.sys).resolvedModule?.resolvedFileName;
      const file = resolved !== undefined ? this.program.getSourceFile(resolved) : undefined;
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
}
