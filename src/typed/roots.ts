/**
 * Which of a tsconfig's files the typed engine builds its program from.
 *
 * The checker needs a file for one of three reasons: it may hold a target
 * call (the resolver asks about it), it may change what a module means to
 * the engine (it imports or re-exports a configured module), or it may add
 * declarations that other files see without importing it (globals, ambient
 * modules, references). Every other file matters only if one of those
 * imports it, and then TypeScript loads it while building the program. So
 * the program is built from those files alone; on a code base where a few
 * per cent of the files mention a target, that is a fraction of the whole.
 *
 * Each test errs towards keeping a file:
 *   declarations    `.d.ts` files; scripts, whose declarations are global
 *                   (no line starting with `import` or `export`, and, for
 *                   JavaScript, no `require(`, `module.exports` or
 *                   `exports.x =`); modules that say `declare global` or
 *                   `declare module`, or reference types or a lib; files
 *                   a `/// <reference path>` names
 *   modules         files that mention a configured module's specifier
 *   calls           files that mention a target's name, a name a target is
 *                   re-exported under, `require` (or `import`, when a target
 *                   may be a default export), and that hold a call whose
 *                   callee is one of those names, or a name the file imports
 *                   or requires: a superset of the calls the resolver asks
 *                   the checker about (resolve.ts, `worthResolving`)
 * With `allPromises` any call may be a target: the whole program is built.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ts as TsNamespace } from "ts-morph";
import type { ResolvedConfig } from "../config/schema";
import { reExportAliases } from "./modules";
import type { Ts } from "./project";

export interface ProgramRoots {
  /** Every file the tsconfig names (`files`, `include` minus `exclude`), with forward slashes. */
  readonly projectFiles: ReadonlySet<string>;
  /** The files to build the program from. */
  readonly roots: readonly string[];
  /** Names a target is re-exported under, found in the tsconfig's files. */
  readonly aliases: ReadonlySet<string>;
}

/** A line that starts with an import or export declaration (`import(` is an expression, not one). */
const MODULE_LINE = /^[ \t]*(?:import[ \t]*[\w{*"'`]|export\b)/m;
/** What makes a JavaScript file a CommonJS module for TypeScript (its binder's test, by text). */
const COMMONJS = /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|\brequire\s*\(/;
/** What a module declares for other files: `declare global`, `declare module "…"`, and types or libs it references. */
const DECLARES = /\bdeclare\s+(?:global|module)\b|\/\/\/[ \t]*<reference[ \t]+(?:types|lib)\b/;
const JAVASCRIPT = /\.[cm]?jsx?$/i;
const REFERENCE_PATH = /^\/\/\/[ \t]*<reference[ \t]+path[ \t]*=[ \t]*["']([^"']+)["']/gm;

/** Whether a file's declarations may be seen by files that do not import it. */
function mayDeclareGlobals(file: string, text: string): boolean {
  const module = MODULE_LINE.test(text) || (JAVASCRIPT.test(file) && COMMONJS.test(text));
  return !module || DECLARES.test(text);
}

export function programRoots(ts: Ts, fileNames: readonly string[], config: ResolvedConfig, knownAliases: ReadonlySet<string> = new Set()): ProgramRoots {
  const projectFiles = new Set(fileNames.map(slashes));
  if (config.allPromises) return { projectFiles, roots: fileNames, aliases: new Set(knownAliases) };
  const names = new Set(config.targets.map((t) => t.name));
  const modules = [...new Set(config.targets.map((t) => t.module).filter((m): m is string => m !== undefined))];
  const roots = new Set<string>();
  const referencedRoots = new Set<string>();
  const texts = new Map<string, string>();
  const textOf = (file: string): string => {
    let text = texts.get(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, "utf8");
      } catch {
        // TypeScript reports the unreadable file when it builds the program.
        text = "";
        roots.add(file);
      }
      texts.set(file, text);
    }
    return text;
  };
  for (const file of fileNames) {
    if (/\.d\.[cm]?ts$/i.test(file)) {
      roots.add(file);
      continue;
    }
    const text = textOf(file);
    if (mayDeclareGlobals(file, text) || modules.some((module) => text.includes(module))) roots.add(file);
    // A referenced file joins any program its referrer is in; it may be a script of globals outside the tsconfig's list.
    for (const match of text.matchAll(REFERENCE_PATH)) {
      const referenced = path.resolve(path.dirname(file), match[1]!);
      if (fs.existsSync(referenced)) referencedRoots.add(slashes(referenced));
    }
  }

  // Re-exports under another name, barrels of barrels included: found by syntax, as the resolver finds them.
  const parsed = new Map<string, TsNamespace.SourceFile>();
  const parse = (file: string) => {
    let sourceFile = parsed.get(file);
    if (!sourceFile) {
      sourceFile = ts.createSourceFile(file, textOf(file), ts.ScriptTarget.Latest, false);
      parsed.set(file, sourceFile);
    }
    return sourceFile;
  };
  const aliases = reExportAliases(ts, names, knownAliases, (known) => fileNames.filter((file) => mentionsAny(textOf(file), known)).map(parse));

  const known = new Set([...names, ...aliases]);
  const anyImport = known.has("default");
  for (const file of fileNames) {
    if (roots.has(file)) continue;
    const text = textOf(file);
    const candidate = mentionsAny(text, known) || text.includes("require") || (anyImport && text.includes("import"));
    if (candidate && mayCallTarget(ts, parse(file), known)) roots.add(file);
  }
  const listedRoots = fileNames.filter((file) => roots.has(file));
  return { projectFiles, roots: [...listedRoots, ...[...referencedRoots].filter((file) => !projectFiles.has(file))], aliases };
}

/**
 * The files a whole program holds beyond the tsconfig's list: those a listed
 * file imports or references, directly or not (TypeScript's import scanner
 * and module resolution, without parsing). Packages are left out: their
 * files are never part of a run.
 */
export function importedFromProject(ts: Ts, fileNames: readonly string[], options: TsNamespace.CompilerOptions): Set<string> {
  const listed = new Set(fileNames.map(slashes));
  const seen = new Set(listed);
  const queue = [...fileNames];
  const cache = ts.createModuleResolutionCache(process.cwd(), (name) => name, options);
  const reach = (file: string) => {
    const key = slashes(file);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(file);
  };
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    let text: string;
    try {
      text = fs.readFileSync(next, "utf8");
    } catch {
      continue;
    }
    const info = ts.preProcessFile(text, true, true);
    for (const imported of info.importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, next, options, ts.sys, cache).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) reach(resolved.resolvedFileName);
    }
    for (const referenced of info.referencedFiles) {
      const file = path.resolve(path.dirname(next), referenced.fileName);
      if (fs.existsSync(file)) reach(file);
    }
  }
  return new Set([...seen].filter((file) => !listed.has(file)));
}

/** Whether a program with these options can hold the file at all: JavaScript only with `allowJs` (or `checkJs`, which implies it). */
export function programMayHold(file: string, options: TsNamespace.CompilerOptions): boolean {
  return !JAVASCRIPT.test(file) || (options.allowJs ?? options.checkJs ?? false);
}

function mentionsAny(text: string, names: Iterable<string>): boolean {
  for (const name of names) if (text.includes(name)) return true;
  return false;
}

/**
 * Whether the file holds a call the resolver would ask the checker about, or
 * might: its callee (through parentheses and type assertions) is named like a
 * target or an alias, or is a local name an import may give a target
 * (`importedNames`; the resolver asks only of those that lead to one).
 */
function mayCallTarget(ts: Ts, sourceFile: TsNamespace.SourceFile, known: ReadonlySet<string>): boolean {
  const imported = importedNames(ts, sourceFile, known);
  const visit = (node: TsNamespace.Node): boolean => {
    if (ts.isCallExpression(node)) {
      let callee: TsNamespace.Expression = node.expression;
      while (ts.isParenthesizedExpression(callee) || ts.isAsExpression(callee) || ts.isNonNullExpression(callee)
        || ts.isSatisfiesExpression(callee) || ts.isTypeAssertionExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && (known.has(callee.text) || imported.has(callee.text))) return true;
      if (ts.isPropertyAccessExpression(callee) && known.has(callee.name.text)) return true;
      if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression) && known.has(callee.argumentExpression.text)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(sourceFile);
}

/**
 * Local names that may stand for a target under another name, as the
 * resolver's `aliasNames` (modules.ts) considers them: named imports of a
 * known name, default imports when a target may be a default export, every
 * `import x = …`, and every name a `require` declaration binds.
 */
function importedNames(ts: Ts, sourceFile: TsNamespace.SourceFile, known: ReadonlySet<string>): Set<string> {
  const bound = new Set<string>();
  const visit = (node: TsNamespace.Node): void => {
    if (ts.isImportDeclaration(node) && node.importClause) {
      const clause = node.importClause;
      if (clause.name && known.has("default")) bound.add(clause.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const element of clause.namedBindings.elements) {
          if (known.has((element.propertyName ?? element.name).text)) bound.add(element.name.text);
        }
      }
    } else if (ts.isImportEqualsDeclaration(node)) {
      bound.add(node.name.text);
    } else if (ts.isVariableDeclaration(node) && node.initializer && /\brequire\s*\(/.test(node.initializer.getText(sourceFile))) {
      if (ts.isIdentifier(node.name)) bound.add(node.name.text);
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) if (ts.isIdentifier(element.name)) bound.add(element.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return bound;
}

function slashes(file: string): string {
  return file.split("\\").join("/");
}
