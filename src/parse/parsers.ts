/**
 * One parser per file extension. The transforms ignore jscodeshift's
 * `--parser` flag and choose here, because a single parser for a mixed code
 * base silently skips files: `tsx` rejects `<T>x` assertions in `.ts` files,
 * and `ts` rejects JSX.
 */
import * as babel from "@babel/parser";
import * as path from "node:path";

/** How Node would load the file: decides whether top-level `await` is allowed. */
export type ModuleKind = "esm" | "commonjs";

export type Language = "ts" | "tsx" | "js";

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);
const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs"]);

/** What a run scans by default: JavaScript and TypeScript through Babel, Python through tree-sitter (src/python). */
export const DEFAULT_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".py"];

export function languageOf(file: string): Language | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".tsx") return "tsx";
  if (TS_EXTENSIONS.has(ext)) return "ts";
  if (JS_EXTENSIONS.has(ext)) return "js";
  return undefined;
}

export interface ParserChoice {
  readonly language: Language;
  readonly sourceType: "module" | "script" | "unambiguous";
}

/**
 * TypeScript is always parsed as a module. A `.cjs` file is a script; a
 * JavaScript file Node loads as ESM is a module; any other `.js` may be either
 * (bundled sources use `import` under a CommonJS package.json), so Babel
 * decides from its content.
 */
export function parserChoiceFor(file: string, moduleKind: ModuleKind): ParserChoice | undefined {
  const language = languageOf(file);
  if (language === undefined) return undefined;
  if (language !== "js") return { language, sourceType: "module" };
  if (path.extname(file).toLowerCase() === ".cjs") return { language, sourceType: "script" };
  return { language, sourceType: moduleKind === "esm" ? "module" : "unambiguous" };
}

/** The options handed to @babel/parser. No `tokens`: edits are made on the text, nothing is reprinted. */
export function babelOptions(choice: ParserChoice): babel.ParserOptions {
  const plugins: babel.ParserPlugin[] = ["decorators-legacy"];
  if (choice.language === "js") plugins.push("jsx", ["flow", { all: false }]);
  else plugins.push(["typescript", {}]);
  if (choice.language === "tsx") plugins.push("jsx");
  const sourceType = choice.sourceType;
  return {
    sourceType,
    allowReturnOutsideFunction: sourceType !== "module",
    allowImportExportEverywhere: false,
    errorRecovery: false,
    // The analysis never reads comments: not attaching them to nodes saves a third of the parse.
    attachComment: false,
    plugins,
  };
}

/** A parser object: `parse(source)` gives Babel's File node. */
export function parserFor(choice: ParserChoice): { parse(source: string): unknown } {
  const options = babelOptions(choice);
  return { parse: (source: string) => babel.parse(source, options) };
}
